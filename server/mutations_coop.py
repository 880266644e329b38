"""The market cooperative's mutations (staff of one market): its stalls and couriers. Its market rules are
in market_rules.py; closing a stall for the day is set_stall_open as staff (mutations_stall.py).

Every mutation here needs a staff token (sync.py answers 401 without one, `forbidden` for another role)
and touches only the staff's own market: a stall or courier of another market answers `forbidden`.

SECRETS MINTED HERE (create_stall, add_courier, reset_pin)
  The server mints the stall code or courier id and a 6-digit PIN / sign-in code (auth.mint_secret, hashed
  before the push reaches the writer), so these need signal. The secret is in the first reply only
  (`pin`); the stored result, which a replay of the same id or key returns, has `pin: null`: when that
  first reply was lost, staff reset the PIN.
"""

import json

from . import clock
from .args import Reject, read_enum, read_str
from .auth import PBKDF2_ITERATIONS, clear_lockout, locked_until_ms, set_account_secret
from .domain import market_day_wib, normalize_phone
from .market_rules import rules_json

STALL_KINDS = ("sayur", "bumbu", "buah", "ikan", "seafood", "ikan_asin", "ayam", "daging", "telur", "tahu_tempe",
               "sembako")
COURIER_KINDS = ("coop", "ojek")
MAX_NAME_CHARS = 80
MAX_LOCATION_CHARS = 80
MAX_STALLS_PER_MARKET = 500
MAX_COURIERS_PER_MARKET = 200
ONCE_FIELDS = ("pin",)  # answered once, stored as null (sync.apply_mutation)


def _require_staff(ctx, path="args"):
    if ctx.account["kind"] != "staff":
        raise Reject("forbidden", "only the market cooperative's staff manage stalls and couriers", path)
    return ctx.account["market_id"]


def _read_phone(args, name, path, required):
    text = read_str(args, name, path, 40, required=required)
    if text is None:
        return None
    phone, error = normalize_phone(text)
    if phone is None:
        raise Reject("invalid_phone", "%s must be an Indonesian mobile number such as 0812-3456-7890 (%s)"
                     % (path, error.replace("_", " ")), path, phone_error=error)
    return phone


def _minted(ctx):
    if ctx.minted is None:  # sync.Prepared mints for every name in MINTING; anything else is a bug
        raise RuntimeError("no secret minted for this mutation")
    return ctx.minted


def _staff_stall(ctx, args):
    market_id = _require_staff(ctx)
    stall_id = read_str(args, "stall_id", "args.stall_id", 120)
    stall = ctx.conn.execute("SELECT * FROM stalls WHERE id=?", (stall_id,)).fetchone()
    if stall is None:
        raise Reject("unknown_stall", "args.stall_id %r is not a stall of this catalogue" % stall_id, "args.stall_id")
    if stall["market_id"] != market_id:
        raise Reject("forbidden", "args.stall_id %r is a stall of another market" % stall_id, "args.stall_id")
    return stall


def _staff_courier(ctx, args):
    market_id = _require_staff(ctx)
    courier_id = read_str(args, "courier_id", "args.courier_id", 120)
    row = ctx.conn.execute("SELECT c.*, a.login FROM couriers c JOIN accounts a ON a.id = c.account_id "
                           "WHERE a.login=? AND a.kind='courier'", (courier_id,)).fetchone()
    if row is None:
        raise Reject("unknown_courier", "args.courier_id %r is not a courier" % courier_id, "args.courier_id")
    if row["market_id"] != market_id:
        raise Reject("forbidden", "args.courier_id %r is a courier of another market" % courier_id,
                     "args.courier_id")
    return row


def _account_id(conn, login):
    return conn.execute("SELECT id FROM accounts WHERE login=?", (login,)).fetchone()[0]


def _next_id(conn, table_sql, prefix):
    """The next free `<prefix><n>` (n from the count + 1), never reusing an id."""
    n = conn.execute(table_sql, (prefix + "%",)).fetchone()[0] + 1
    while conn.execute("SELECT 1 FROM stalls WHERE id=? UNION ALL SELECT 1 FROM accounts WHERE login=?",
                       (prefix + str(n), prefix + str(n))).fetchone():
        n += 1
    return prefix + str(n)


def create_stall(ctx, args):
    """{name, kind, location, phone?}: a new stall of the staff's market, open, with no products yet (its
    vendor adds them). Answer {stall_id, market_id, pin}: the stall code is the new id; buyers' phones
    get `market_reset` for the market."""
    market_id = _require_staff(ctx)
    name = read_str(args, "name", "args.name", MAX_NAME_CHARS)
    kind = read_enum(args, "kind", "args.kind", STALL_KINDS)
    location = read_str(args, "location", "args.location", MAX_LOCATION_CHARS)
    phone = _read_phone(args, "phone", "args.phone", required=False)
    conn = ctx.conn
    count = conn.execute("SELECT COUNT(*) FROM stalls WHERE market_id=?", (market_id,)).fetchone()[0]
    if count >= MAX_STALLS_PER_MARKET:
        raise Reject("too_many_stalls", "a market lists at most %d stalls" % MAX_STALLS_PER_MARKET, "args.name")
    names = {json.loads(r[0])["name"].casefold() for r in
             conn.execute("SELECT doc FROM stalls WHERE market_id=?", (market_id,))}
    if name.casefold() in names:
        raise Reject("stall_exists", "args.name %r is already a stall of this market" % name, "args.name")
    stall_id = _next_id(conn, "SELECT COUNT(*) FROM stalls WHERE id LIKE ?", market_id + ".s")
    doc = {"id": stall_id, "name": name, "kind": kind, "location": location}
    if phone:
        doc["phone"] = phone
    ctx.catalog_seq()
    version = ctx.versions.get()
    position = conn.execute("SELECT COALESCE(MAX(position), -1) + 1 FROM stalls WHERE market_id=?",
                            (market_id,)).fetchone()[0]
    conn.execute("INSERT INTO stalls(id, market_id, position, doc, version) VALUES(?, ?, ?, ?, ?)",
                 (stall_id, market_id, position, json.dumps(doc, ensure_ascii=False), version))
    conn.execute("UPDATE markets SET version=? WHERE id=?", (version, market_id))
    minted = _minted(ctx)
    conn.execute("INSERT INTO accounts(kind, login, stall_id, market_id, secret_salt, secret_iterations, secret_hash) "
                 "VALUES('vendor', ?, ?, ?, ?, ?, ?)", (stall_id, stall_id, market_id, minted["salt"],
                                                         PBKDF2_ITERATIONS, minted["hash"]))
    return {"stall_id": stall_id, "market_id": market_id, "pin": minted["pin"]}


def add_courier(ctx, args):
    """{name, phone, kind: coop | ojek}: a courier of the staff's market with a sign-in code. Answer
    {courier_id, market_id, pin}; the courier signs in with {username: courier_id, password: pin}."""
    market_id = _require_staff(ctx)
    name = read_str(args, "name", "args.name", MAX_NAME_CHARS)
    phone = _read_phone(args, "phone", "args.phone", required=True)
    kind = read_enum(args, "kind", "args.kind", COURIER_KINDS)
    conn = ctx.conn
    if conn.execute("SELECT COUNT(*) FROM couriers WHERE market_id=?", (market_id,)).fetchone()[0] \
            >= MAX_COURIERS_PER_MARKET:
        raise Reject("too_many_couriers", "a market has at most %d couriers" % MAX_COURIERS_PER_MARKET, "args.name")
    if conn.execute("SELECT 1 FROM couriers WHERE market_id=? AND phone=? AND active=1",
                    (market_id, phone)).fetchone():
        raise Reject("courier_exists", "args.phone %s is already an active courier of this market" % phone,
                     "args.phone")
    courier_id = _next_id(conn, "SELECT COUNT(*) FROM accounts WHERE kind='courier' AND login LIKE ?",
                          market_id + ".k")
    minted = _minted(ctx)
    account_id = conn.execute("INSERT INTO accounts(kind, login, stall_id, market_id, secret_salt, "
                              "secret_iterations, secret_hash) VALUES('courier', ?, NULL, ?, ?, ?, ?)",
                              (courier_id, market_id, minted["salt"], PBKDF2_ITERATIONS, minted["hash"])).lastrowid
    conn.execute("INSERT INTO couriers(account_id, market_id, name, phone, kind, active, created_at_ms) "
                 "VALUES(?, ?, ?, ?, ?, 1, ?)", (account_id, market_id, name, phone, kind, clock.now_ms()))
    return {"courier_id": courier_id, "market_id": market_id, "pin": minted["pin"]}


def deactivate_courier(ctx, args):
    """{courier_id}: the courier signs in no more (every token revoked); a second time changes nothing."""
    courier = _staff_courier(ctx, args)
    if courier["active"]:
        ctx.conn.execute("UPDATE couriers SET active=0 WHERE account_id=?", (courier["account_id"],))
        ctx.conn.execute("UPDATE tokens SET revoked=1 WHERE account_id=? AND revoked=0", (courier["account_id"],))
    return {"courier_id": courier["login"], "active": False}


def reset_pin(ctx, args):
    """{stall_id} or {courier_id}: a new PIN / sign-in code (answered once), every session of that account
    ended and every lock cleared."""
    if ("stall_id" in args) == ("courier_id" in args):
        raise Reject("invalid_args", "send args.stall_id or args.courier_id", "args.stall_id")
    if "stall_id" in args:
        login = _staff_stall(ctx, args)["id"]
        answer = {"stall_id": login}
    else:
        courier = _staff_courier(ctx, args)
        if not courier["active"]:
            raise Reject("courier_inactive", "args.courier_id %r was deactivated" % courier["login"],
                         "args.courier_id")
        login = courier["login"]
        answer = {"courier_id": login}
    minted = _minted(ctx)
    ended = set_account_secret(ctx.conn, _account_id(ctx.conn, login), minted)
    return {**answer, "pin": minted["pin"], "sessions_ended": ended}


def unlock_stall(ctx, args):
    """{stall_id}: clears the wrong-PIN locks of the stall's account, from every source."""
    stall = _staff_stall(ctx, args)
    cleared = clear_lockout(ctx.conn, _account_id(ctx.conn, stall["id"]))
    return {"stall_id": stall["id"], "locks_cleared": cleared}


def unlock_courier(ctx, args):
    """{courier_id}: clears the wrong-code locks of a courier's account."""
    courier = _staff_courier(ctx, args)
    cleared = clear_lockout(ctx.conn, courier["account_id"])
    return {"courier_id": courier["login"], "locks_cleared": cleared}


def reopen_stall(ctx, args):
    """{stall_id}: a stall paused for missed answers takes orders again (its misses of today are
    forgiven, so the next miss does not pause it at once); a stall that is not paused answers ok."""
    stall = _staff_stall(ctx, args)
    if stall["paused"]:
        ctx.catalog_seq()
        ctx.conn.execute("UPDATE stalls SET paused=NULL, version=? WHERE id=?", (ctx.versions.get(), stall["id"]))
        ctx.conn.execute("DELETE FROM missed_answers WHERE stall_id=? AND market_day=?",
                         (stall["id"], market_day_wib(clock.now())))
    return {"stall_id": stall["id"], "paused": None}


def coop_market_view(conn, account) -> dict:
    """GET /api/coop/market: what the cooperative's app shows, for staff of one market."""
    market_id = account["market_id"]
    now_s = clock.now()
    today = market_day_wib(now_s)
    stalls = []
    for r in conn.execute("SELECT s.id, s.doc, s.closed, s.closed_until_ms, s.paused, a.id AS account_id, "
                          "(SELECT COUNT(*) FROM missed_answers m WHERE m.stall_id = s.id AND m.market_day=?) "
                          "AS misses, (SELECT COUNT(*) FROM products p WHERE p.stall_id = s.id AND p.hidden=0) "
                          "AS products FROM stalls s LEFT JOIN accounts a ON a.login = s.id AND a.kind='vendor' "
                          "WHERE s.market_id=? ORDER BY s.position", (today, market_id)).fetchall():
        doc = json.loads(r["doc"])
        stalls.append({"stall_id": r["id"], "name": doc.get("name"), "kind": doc.get("kind"),
                       "location": doc.get("location"), "phone": doc.get("phone"),
                       "open": not (r["closed"] or r["paused"]), "closed": bool(r["closed"]),
                       "closed_until_ms": r["closed_until_ms"], "paused": r["paused"],
                       "missed_today": r["misses"], "products": r["products"],
                       "locked_until_ms": locked_until_ms(conn, r["account_id"], now_s) if r["account_id"] else None})
    couriers = []
    for r in conn.execute("SELECT c.*, a.login FROM couriers c JOIN accounts a ON a.id = c.account_id "
                          "WHERE c.market_id=? ORDER BY c.account_id", (market_id,)).fetchall():
        couriers.append({"courier_id": r["login"], "name": r["name"], "phone": r["phone"], "kind": r["kind"],
                         "active": bool(r["active"]),
                         "locked_until_ms": locked_until_ms(conn, r["account_id"], now_s)})
    # Orders stuck now: ready and still not collected, or a delivery still open after its market day.
    late = [r[0] for r in conn.execute("SELECT order_id FROM orders WHERE market_id=? AND ((late_pickup=1 AND "
                                       "status='ready') OR (late_delivery=1 AND status NOT IN ('delivered', "
                                       "'cancelled', 'rejected'))) ORDER BY placed_at_ms, order_id", (market_id,))]
    catalog_version = conn.execute("SELECT catalog_version FROM catalog_versions ORDER BY seq DESC LIMIT 1"
                                   ).fetchone()[0]
    return {"market_id": market_id, "catalog_version": catalog_version, "now_ms": int(now_s * 1000),
            "market_day": today, "rules": rules_json(conn, market_id), "stalls": stalls, "couriers": couriers,
            "late_order_ids": late}


COOP_MUTATIONS = {"create_stall": create_stall, "add_courier": add_courier, "deactivate_courier": deactivate_courier,
                  "reset_pin": reset_pin, "unlock_stall": unlock_stall, "unlock_courier": unlock_courier,
                  "reopen_stall": reopen_stall}
MINTING = ("create_stall", "add_courier", "reset_pin")
