"""POST /api/sync: one push = one transaction; each mutation's effect happens exactly once.

PUSH LIFECYCLE
  1. The envelope is checked (400 on any defect; nothing is written).
  2. Under the writer lock, in one IMMEDIATE transaction:
     - the client's last_mutation_id L is read (0 for a new client);
     - mutations with id <= L were seen before: their stored result is returned again, nothing runs;
     - the first new id must be L + 1, else 409 mutation_gap {expected_id} and nothing is written;
     - a token, when sent, must be live, and a new stall/staff mutation needs one; else 401 with
       action "sign_in" and nothing is written (that app signs in again and retries; its outbox stays
       intact; other apps, with their own client ids and outboxes, are not held up);
     - each new mutation runs inside a SAVEPOINT. Its idempotency key is looked up first: the same key
       with the same body returns the first result (even from another client_id, e.g. a second tab);
       with another body the mutation is rejected `key_reuse`. A business rejection rolls back to the
       savepoint but still consumes the id: its result is stored like a success;
     - the patch since the request's cookie is built from the same snapshot, scoped by the account
       (queries.build_patch: a buyer's own orders, a stall's own lines, a market's orders for staff).
  3. COMMIT (synchronous=FULL). Only then is the reply written; if the reply is lost, the retry finds
     the ids already seen and gets the same results. (With group commit, the default, step 2 runs inside
     a SAVEPOINT of a transaction that concurrent pushes share, and step 3 is that transaction's one
     COMMIT: the push is still all-or-nothing and still durable before its reply; see Store.run_atomic.)
  Before step 2, outside the writer: each mutation's body hash and the database-free checks of its args
  (Prepared), so the one writer spends its time on the database only.
  4. If the push changed the catalogue, the static files in <data-dir>/catalog/ are rewritten.
"""

import json
import sqlite3
import sys

from .args import Reject
from .auth import Auth, mint_secret
from .catalog import bump_catalog_version
from .db import VersionAllocator, get_counter
from .domain import CLIENT_ID_RE, MUTATION_KEY_RE, is_int, sha256_hex
from .mutations_buyer import BUYER_MUTATIONS, check_place_order_args, place_order_checked
from .market_rules import set_market_rules
from .mutations_coop import COOP_MUTATIONS, MINTING, ONCE_FIELDS
from .mutations_stall import STALL_MUTATIONS
from .queries import build_patch, last_mutation_id

PUSH_VERSION = 1
MAX_MUTATIONS_PER_PUSH = 100
MAX_ID = 2 ** 53 - 1
STAFF_MUTATIONS = {**COOP_MUTATIONS, "set_market_rules": set_market_rules}
SIGNED_IN_MUTATIONS = {**STALL_MUTATIONS, **STAFF_MUTATIONS}  # these need a token (401 without one)
HANDLERS = {**BUYER_MUTATIONS, **SIGNED_IN_MUTATIONS}
# Which account kinds may send a signed-in mutation at all (each handler then checks whose stall, order or
# market it is). Couriers sign in but send none yet (their deliveries come with dispatch).
ROLES_OF = {**{name: ("vendor", "staff") for name in STALL_MUTATIONS},
            **{name: ("staff",) for name in STAFF_MUTATIONS}}
# Mutations whose database-free checks run before the push queues for the writer: name -> (check(args),
# run(ctx, checked)); handler(ctx, args) == run(ctx, check(args)), a Reject from check included.
PRECHECKED = {"place_order": (check_place_order_args, place_order_checked)}


class MutationContext:
    """What a mutation handler may use: the transaction, the push's version, who is asking."""

    def __init__(self, conn, versions, client_id, account):
        self.conn = conn
        self.versions = versions
        self.client_id = client_id
        self.account = account
        self.key = None
        self.result_json = None  # the current mutation's result as stored, so it is encoded once
        self.new_catalog_seq = None
        self.minted = None  # a secret minted before the writer queue (mutations_coop.MINTING), else None

    def catalog_seq(self) -> int:
        """The catalogue version this push creates, made on first use (one per push, however many edits)."""
        if self.new_catalog_seq is None:
            self.new_catalog_seq = bump_catalog_version(self.conn, self.versions.get())
        return self.new_catalog_seq


def parse_push(body) -> dict:
    if not isinstance(body, dict):
        raise Reject("invalid_request", "the body must be a JSON object")
    if body.get("push_version") != PUSH_VERSION or not is_int(body.get("push_version")):
        raise Reject("unsupported_push_version", "push_version must be %d" % PUSH_VERSION, "push_version")
    client_id = body.get("client_id")
    if not isinstance(client_id, str) or not CLIENT_ID_RE.match(client_id):
        raise Reject("invalid_request", "client_id must be 8 to 64 characters of A-Z, a-z, 0-9, '_' or '-'",
                     "client_id")
    cookie = body.get("cookie")
    if cookie is not None and not (is_int(cookie) and 0 <= cookie <= MAX_ID):
        raise Reject("invalid_request", "cookie must be null or the whole number this server sent", "cookie")
    mutations = body.get("mutations")
    if not isinstance(mutations, list):
        raise Reject("invalid_request", "mutations must be an array", "mutations")
    if len(mutations) > MAX_MUTATIONS_PER_PUSH:
        raise Reject("too_many_mutations", "mutations holds %d entries; send at most %d per push"
                     % (len(mutations), MAX_MUTATIONS_PER_PUSH), "mutations")
    for i, m in enumerate(mutations):
        path = "mutations[%d]" % i
        if not isinstance(m, dict):
            raise Reject("invalid_request", "%s must be an object" % path, path)
        if not (is_int(m.get("id")) and 1 <= m["id"] <= MAX_ID):
            raise Reject("invalid_request", "%s.id must be a whole number >= 1" % path, path + ".id")
        if i and m["id"] != mutations[0]["id"] + i:
            raise Reject("invalid_request", "%s.id must be %d: ids in one push are consecutive"
                         % (path, mutations[0]["id"] + i), path + ".id")
        if not isinstance(m.get("key"), str) or not MUTATION_KEY_RE.match(m["key"]):
            raise Reject("invalid_request", "%s.key must be 8 to 100 characters of A-Z, a-z, 0-9, '_', '.', ':' "
                         "or '-'" % path, path + ".key")
        if not isinstance(m.get("name"), str) or not 1 <= len(m["name"]) <= 64:
            raise Reject("invalid_request", "%s.name must be a mutation name" % path, path + ".name")
        if not isinstance(m.get("args"), dict):
            raise Reject("invalid_request", "%s.args must be an object" % path, path + ".args")
        if not (is_int(m.get("created_at_ms")) and 0 <= m["created_at_ms"] <= MAX_ID):
            raise Reject("invalid_request", "%s.created_at_ms must be a whole number of milliseconds" % path,
                         path + ".created_at_ms")
    return {"client_id": client_id, "cookie": cookie, "mutations": mutations}


def body_sha256(m) -> str:
    """What "the same body" means: name and args, canonical JSON. Not id (per client), not the clock."""
    canonical = json.dumps({"name": m["name"], "args": m["args"]}, sort_keys=True, separators=(",", ":"),
                           ensure_ascii=False)
    return sha256_hex(canonical)


def _rejected(m, code, message, field=None):
    out = {"id": m["id"], "key": m["key"], "status": "rejected", "code": code, "message": message}
    if field:
        out["field"] = field
    return out


class Prepared:
    """What a mutation needs that no database can change, worked out before the writer queue: the body
    hash, and for PRECHECKED names the checked args or the Reject they earned (stored, raised in turn)."""

    __slots__ = ("body_sha256", "checked", "reject", "minted")

    def __init__(self, m):
        self.body_sha256 = body_sha256(m)
        self.checked = self.reject = None
        # PBKDF2 takes a good part of a second: never inside the one writer
        self.minted = mint_secret() if m["name"] in MINTING else None
        pair = PRECHECKED.get(m["name"])
        if pair is not None:
            try:
                self.checked = pair[0](m["args"])
            except Reject as error:
                self.reject = error

    def run(self, ctx, name, args):
        if self.reject is not None:
            raise self.reject
        roles = ROLES_OF.get(name)
        if roles is not None and ctx.account["kind"] not in roles:
            raise Reject("forbidden", "%s is not for a %s account" % (name, ctx.account["kind"]), "name")
        ctx.minted = self.minted
        if self.checked is not None:
            return PRECHECKED[name][1](ctx, self.checked)
        return HANDLERS[name](ctx, args)


def apply_mutation(ctx, m, prepared=None) -> dict:
    conn = ctx.conn
    ctx.key = m["key"]
    ctx.result_json = None
    prepared = prepared or Prepared(m)
    body_sha256 = prepared.body_sha256
    prior = conn.execute("SELECT body_sha256, result FROM idempotency WHERE key=?", (m["key"],)).fetchone()
    if prior is not None:
        if prior["body_sha256"] != body_sha256:
            return _rejected(m, "key_reuse", "key %r was used before for a different mutation body; a new mutation "
                             "needs a new key" % m["key"], "key")
        result = json.loads(prior["result"])
        result.update(id=m["id"], key=m["key"])
        return result
    handler = HANDLERS.get(m["name"])
    if handler is None:
        result = _rejected(m, "unknown_mutation", "name %r is not a mutation this server knows (known: %s)"
                           % (m["name"][:64], ", ".join(sorted(HANDLERS))), "name")
    else:
        seq_before = ctx.new_catalog_seq
        # The change version is taken on first use only, so a mutation that changes nothing (a rejection,
        # a repeated cancel) leaves the counter alone; one taken inside a savepoint that is rolled back
        # is forgotten with it.
        version_before = ctx.versions.version
        conn.execute("SAVEPOINT mutation")
        try:
            result = {"id": m["id"], "key": m["key"], "status": "ok", **prepared.run(ctx, m["name"], m["args"])}
            conn.execute("RELEASE mutation")
        except (Reject, sqlite3.IntegrityError) as error:
            conn.execute("ROLLBACK TO mutation")
            conn.execute("RELEASE mutation")
            ctx.new_catalog_seq = seq_before
            ctx.versions.version = version_before
            if isinstance(error, Reject):
                result = {"id": m["id"], "key": m["key"], "status": "rejected", **error.to_json()}
            else:
                result = _rejected(m, "conflict", "the mutation conflicts with data already stored")
    # A minted PIN is answered once: the stored result (replays, the same key again) holds null.
    stored = {k: (None if k in ONCE_FIELDS and result.get("status") == "ok" else v) for k, v in result.items()}
    ctx.result_json = json.dumps(stored, ensure_ascii=False)
    conn.execute("INSERT INTO idempotency(key, body_sha256, result) VALUES(?, ?, ?)",
                 (m["key"], body_sha256, ctx.result_json))
    return result


def _replay_result(conn, client_id, m) -> dict:
    row = conn.execute("SELECT key, result FROM mutations WHERE client_id=? AND mutation_id=?",
                       (client_id, m["id"])).fetchone()
    if row is not None and row["key"] == m["key"]:
        return json.loads(row["result"])
    return _rejected(m, "id_reuse", "id %d was already used by this client for another key; nothing was done"
                     % m["id"], "id")


def handle_push(store, exporter, body, token) -> dict:
    """The whole sync exchange; returns the 200 answer or raises Reject (400/401/409) or a storage error."""
    push = parse_push(body)
    client_id, mutations = push["client_id"], push["mutations"]
    if not mutations:  # a pull: a read snapshot, no write, no client row
        with store.read() as conn:
            account = _account_of(conn, token, needed=False)
            version_now = get_counter(conn, "version")
            patch = build_patch(conn, client_id, push["cookie"], version_now, account)
            last = last_mutation_id(conn, client_id)
        return {"last_mutation_id": last, "cookie": version_now, "patch": patch, "results": []}
    prepared = [Prepared(m) for m in mutations]  # outside the writer: it runs in parallel with COMMITs
    answer, new_catalog_seq = store.run_atomic(lambda conn: _push_in_transaction(conn, push, token, prepared),
                                              weight=len(mutations))
    if new_catalog_seq is not None and exporter is not None:
        try:
            exporter.export_if_stale()
        except OSError as error:  # the push is committed; the static files catch up on the next change
            sys.stderr.write("catalogue export failed: %s\n" % error)
    return answer


def _account_of(conn, token, needed: bool):
    """The signed-in account of a request, or None for a buyer's app (no token). A token that is sent but
    no longer valid (expired, revoked, unknown) is refused whatever the request holds, and so is a stall
    mutation without one: 401 `unauthorized` with `action: "sign_in"`. Nothing of the push is applied, so
    nothing queued is lost; only the app whose token it was must sign in again (each app has its own
    client_id and outbox)."""
    if token is None and not needed:
        return None
    account = Auth.authenticate(conn, token)
    if account is None:
        raise Reject("unauthorized", "sign in again: %s; nothing of this request was applied and the phone keeps "
                     "every change to send after signing in" % (
                         "stall and cooperative changes need 'Authorization: Bearer <token>' from POST /api/login"
                         if token is None else "the token is expired or revoked"),
                     "Authorization", status=401, action="sign_in")
    return account


def _push_in_transaction(conn, push, token, prepared=None):
    client_id, mutations = push["client_id"], push["mutations"]
    row = conn.execute("SELECT last_mutation_id FROM clients WHERE client_id=?", (client_id,)).fetchone()
    last = row[0] if row else 0
    fresh = [m for m in mutations if m["id"] > last]
    if fresh and fresh[0]["id"] != last + 1:
        raise Reject("mutation_gap", "mutation id %d arrived but this client's next id is %d; send the outbox "
                     "from id %d" % (fresh[0]["id"], last + 1, last + 1), "mutations", status=409,
                     expected_id=last + 1)
    account = _account_of(conn, token, needed=any(m["name"] in SIGNED_IN_MUTATIONS for m in fresh))
    versions = VersionAllocator(conn)
    ctx = MutationContext(conn, versions, client_id, account)
    if row is None:
        conn.execute("INSERT INTO clients(client_id, last_mutation_id) VALUES(?, 0)", (client_id,))
    results = []
    for i, m in enumerate(mutations):
        if m["id"] <= last:
            results.append(_replay_result(conn, client_id, m))
            continue
        result = apply_mutation(ctx, m, prepared[i] if prepared else None)
        conn.execute("INSERT INTO mutations(client_id, mutation_id, key, name, result, version) "
                     "VALUES(?, ?, ?, ?, ?, ?)", (client_id, m["id"], m["key"], m["name"][:64],
                                                  ctx.result_json or json.dumps(result, ensure_ascii=False),
                                                  versions.current()))
        last = m["id"]
        results.append(result)
    if fresh:
        conn.execute("UPDATE clients SET last_mutation_id=? WHERE client_id=?", (last, client_id))
    version_now = versions.current()
    patch = build_patch(conn, client_id, push["cookie"], version_now, account)
    answer = {"last_mutation_id": last, "cookie": version_now, "patch": patch, "results": results}
    return answer, ctx.new_catalog_seq
