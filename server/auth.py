"""Vendor, cooperative-staff and courier accounts: seeding, sign-in with lockout, bearer tokens.

Accounts: one per stall (login = stall id, secret = a 6-digit PIN), one per market for its cooperative
staff (login = `staff.<market_id>`, secret = a password), and one per courier (login = the courier id
`<market_id>.k<n>`, secret = a 6-digit sign-in code); stalls created and couriers added by the
cooperative get secrets minted here (mint_secret), shown once. Secrets are stored only as PBKDF2-HMAC-SHA256
with 600,000 iterations and a 16-byte per-account salt; the iteration count is stored per row so it can
be raised later without breaking old rows.

Sign-in is serialized per account (a lock held while hashing and while the failure delay runs), so
parallel guesses cannot outrun the counter. Each failure delays the answer (0.25 s per failure, at most
1 s). Failures are counted per account AND source (see Auth): the 5th consecutive failure from one source
locks that source for 15 minutes, never the account; a phone that signed in before sends its device key
and is its own source. Tokens are 32 random bytes
(urlsafe base64 to the client), stored as SHA-256, expire after --token-ttl-s, and are revoked by logout.
"""

import hashlib
import hmac
import json
import os
import re
import secrets
import threading
import time
from concurrent.futures import ThreadPoolExecutor

from . import clock
from .domain import sha256_hex

PBKDF2_ITERATIONS = 600_000
SALT_BYTES = 16
PIN_DIGITS = 6
MAX_FAILURES = 5
LOCK_SECONDS = 15 * 60
FAILURE_DELAY_S = 0.25
MAX_FAILURE_DELAY_S = 1.0
PIN_RE = re.compile(r"^[0-9]{4,12}$")
NEW_PIN_RE = re.compile(r"^[0-9]{%d}$" % PIN_DIGITS)
STRANGER_MAX_FAILURES = 20  # wrong secrets from all unknown sources of one account before strangers wait
DEVICE_KEY_RE = re.compile(r"^[A-Za-z0-9_-]{22,100}$")

# Compared against when the login does not exist, so a wrong stall code costs the same time as a wrong PIN.
_DUMMY_SALT = secrets.token_bytes(SALT_BYTES)


def hash_secret(secret: str, salt: bytes, iterations: int) -> bytes:
    return hashlib.pbkdf2_hmac("sha256", secret.encode("utf-8"), salt, iterations)


def generate_accounts(conn, seed_pin=None):
    """Plans the seed accounts: [{kind, login, stall_id, market_id, secret, label}] with fresh secrets."""
    accounts = []
    for row in conn.execute("SELECT s.id, s.market_id, s.doc FROM stalls s JOIN markets m ON m.id = s.market_id "
                            "ORDER BY m.position, s.position").fetchall():
        pin = seed_pin or "".join(secrets.choice("0123456789") for _ in range(PIN_DIGITS))
        label = json.loads(row["doc"]).get("name", "")
        accounts.append({"kind": "vendor", "login": row["id"], "stall_id": row["id"],
                         "market_id": row["market_id"], "secret": pin, "label": label})
    for row in conn.execute("SELECT id, doc FROM markets ORDER BY position").fetchall():
        password = seed_pin or secrets.token_urlsafe(12)
        accounts.append({"kind": "staff", "login": "staff." + row["id"], "stall_id": None,
                         "market_id": row["id"], "secret": password,
                         "label": json.loads(row["doc"]).get("name", row["id"])})
    return accounts


def mint_secret():
    """A new PIN or courier sign-in code (PIN_DIGITS random digits) with its salt and PBKDF2 hash: the slow
    part, so the sync layer runs it before the push queues for the writer (sync.Prepared)."""
    pin = "".join(secrets.choice("0123456789") for _ in range(PIN_DIGITS))
    salt = secrets.token_bytes(SALT_BYTES)
    return {"pin": pin, "salt": salt, "hash": hash_secret(pin, salt, PBKDF2_ITERATIONS)}


def set_account_secret(conn, account_id, minted):
    """A new secret for an account (reset by its cooperative): every token is revoked, every lockout
    cleared. Returns the tokens revoked."""
    conn.execute("UPDATE accounts SET secret_salt=?, secret_iterations=?, secret_hash=?, failed_count=0, "
                 "locked_until=0 WHERE id=?", (minted["salt"], PBKDF2_ITERATIONS, minted["hash"], account_id))
    conn.execute("DELETE FROM login_failures WHERE account_id=?", (account_id,))
    return conn.execute("UPDATE tokens SET revoked=1 WHERE account_id=? AND revoked=0", (account_id,)).rowcount


def clear_lockout(conn, account_id) -> int:
    """Unlocks an account for every source (wrong PINs counted from zero again); returns the locks cleared."""
    now = clock.now()
    cleared = conn.execute("SELECT COUNT(*) FROM login_failures WHERE account_id=? AND locked_until > ?",
                           (account_id, now)).fetchone()[0]
    cleared += conn.execute("SELECT COUNT(*) FROM accounts WHERE id=? AND locked_until > ?",
                            (account_id, now)).fetchone()[0]
    conn.execute("DELETE FROM login_failures WHERE account_id=?", (account_id,))
    conn.execute("UPDATE accounts SET failed_count=0, locked_until=0 WHERE id=?", (account_id,))
    return cleared


def locked_until_ms(conn, account_id, now_s):
    """The latest lock on the account still running (any source, or strangers), epoch ms, or None."""
    row = conn.execute("SELECT MAX(t) FROM (SELECT locked_until AS t FROM login_failures WHERE account_id=? "
                       "UNION ALL SELECT locked_until FROM accounts WHERE id=?)", (account_id, account_id)).fetchone()
    return int(row[0] * 1000) if row[0] and row[0] > now_s else None


def hash_accounts(accounts, workers: int = 2):
    """The expensive part of seeding, once per account; hashlib releases the GIL, so threads use 2 cores."""
    def hash_one(account):
        salt = secrets.token_bytes(SALT_BYTES)
        return salt, hash_secret(account["secret"], salt, PBKDF2_ITERATIONS)

    with ThreadPoolExecutor(max_workers=workers) as pool:
        for account, (salt, digest) in zip(accounts, pool.map(hash_one, accounts)):
            account["salt"], account["hash"] = salt, digest


def insert_accounts(conn, accounts):
    for a in accounts:
        conn.execute("INSERT INTO accounts(kind, login, stall_id, market_id, secret_salt, secret_iterations, "
                     "secret_hash) VALUES(?, ?, ?, ?, ?, ?, ?)",
                     (a["kind"], a["login"], a["stall_id"], a["market_id"], a["salt"], PBKDF2_ITERATIONS,
                      a["hash"]))


def format_credentials(accounts, catalog_version: str) -> str:
    lines = ["# Pasar Daring seed credentials for catalogue %s." % catalog_version,
             "# Give each stall its PIN and each cooperative its password in person, then delete this file.",
             "# kind\tlogin\tsecret\tname"]
    for a in accounts:
        lines.append("%s\t%s\t%s\t%s" % (a["kind"], a["login"], a["secret"], a["label"]))
    return "\n".join(lines) + "\n"


def write_private_file(path: str, text: str):
    """Creates the file with mode 0600 from the start (never readable by others, not even briefly)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.fchmod(fd, 0o600)
        os.write(fd, text.encode("utf-8"))
        os.fsync(fd)
    finally:
        os.close(fd)


class LoginResult:
    """status: 200, 401, 403 or 429; body: the JSON answer; retry_after_s for 429."""

    def __init__(self, status, body, retry_after_s=None):
        self.status, self.body, self.retry_after_s = status, body, retry_after_s


def _error(status, code, message, field=None, retry_after_s=None, **extra):
    error = {"code": code, "message": message}
    if field:
        error["field"] = field
    if retry_after_s is not None:
        error["retry_after_s"] = retry_after_s
    error.update(extra)
    return LoginResult(status, {"error": error}, retry_after_s)


def device_key_sha256(device_key):
    """The stored form of a phone's device key, or None when the key is absent or malformed."""
    if not isinstance(device_key, str) or not DEVICE_KEY_RE.match(device_key):
        return None
    return sha256_hex(device_key)


class Auth:
    """Sign-in, PIN change and tokens. Failures are counted per (account, source): a source is a phone
    that signed in to this account before (its device key) or else the request's address, so five wrong
    PINs lock that source only. All sources that are not a known phone also share one count per account
    (STRANGER_MAX_FAILURES): past it, strangers wait LOCK_SECONDS, and the vendor's known phones still
    sign in. Nobody can lock a vendor out of the phones it already uses."""

    def __init__(self, store, token_ttl_s: int):
        self.store = store
        self.token_ttl_s = token_ttl_s
        self.locks_guard = threading.Lock()
        self.account_locks = {}  # only for logins that exist, so strangers cannot grow it

    def _account_lock(self, account_id):
        with self.locks_guard:
            return self.account_locks.setdefault(account_id, threading.Lock())

    def login(self, login: str, secret: str, address: str = "", device_key=None) -> LoginResult:
        with self.store.read() as conn:
            row = conn.execute("SELECT id FROM accounts WHERE login=?", (login,)).fetchone()
        if row is None:
            hash_secret(secret, _DUMMY_SALT, PBKDF2_ITERATIONS)
            return _error(401, "invalid_credentials", "the stall code/username or the PIN/password is wrong")
        with self._account_lock(row["id"]):
            return self._login_locked(row["id"], secret, address, device_key_sha256(device_key))

    def _source_of(self, conn, account_id, address, key_sha256):
        """(source, known_device): the device key's hash when this account's phone signed in with it
        before, else the address."""
        if key_sha256 and conn.execute("SELECT 1 FROM devices WHERE account_id=? AND key_sha256=?",
                                       (account_id, key_sha256)).fetchone():
            return "device:" + key_sha256, True
        return "address:" + (address or "?"), False

    def _locked_answer(self, conn, account, source, known_device, now):
        row = conn.execute("SELECT locked_until FROM login_failures WHERE account_id=? AND source=?",
                           (account["id"], source)).fetchone()
        until = row["locked_until"] if row else 0
        scope = "source"
        if not known_device and account["locked_until"] > max(until, now):
            until, scope = account["locked_until"], "strangers"
        if until > now:
            wait_s = int(until - now) + 1
            return _error(429, "account_locked", "too many wrong attempts from here; try again in %d minutes"
                          % ((wait_s + 59) // 60), retry_after_s=wait_s, lock_scope=scope)
        return None

    def _login_locked(self, account_id, secret, address, key_sha256) -> LoginResult:
        now = clock.now()
        with self.store.read() as conn:
            account = conn.execute("SELECT * FROM accounts WHERE id=?", (account_id,)).fetchone()
            source, known_device = self._source_of(conn, account_id, address, key_sha256)
            locked = self._locked_answer(conn, account, source, known_device, now)
        if locked is not None:
            return locked
        if self._check_secret(account, secret):
            if account["kind"] == "courier" and not self._courier_active(account_id):
                return _error(403, "account_inactive", "this courier account was deactivated by the market "
                              "cooperative")
            token = secrets.token_urlsafe(32)
            with self.store.write() as conn:
                conn.execute("DELETE FROM login_failures WHERE account_id=? AND source=?", (account_id, source))
                if key_sha256:
                    conn.execute("INSERT INTO devices(account_id, key_sha256, first_seen, last_seen) "
                                 "VALUES(?, ?, ?, ?) ON CONFLICT(account_id, key_sha256) DO UPDATE SET "
                                 "last_seen=excluded.last_seen", (account_id, key_sha256, now, now))
                conn.execute("INSERT INTO tokens(token_sha256, account_id, created_at, expires_at) "
                             "VALUES(?, ?, ?, ?)", (sha256_hex(token), account_id, now, now + self.token_ttl_s))
            return LoginResult(200, {"token": token, "token_type": "Bearer", "expires_in_s": self.token_ttl_s,
                                     "role": account["kind"], "stall_id": account["stall_id"],
                                     "market_id": account["market_id"], "device_known": bool(key_sha256)})
        attempts_left = self._count_failure(account, source, known_device, now)
        time.sleep(min(FAILURE_DELAY_S * (MAX_FAILURES - attempts_left), MAX_FAILURE_DELAY_S))
        return _error(401, "invalid_credentials", "the stall code/username or the PIN/password is wrong "
                      "(%d attempts left from here before a %d-minute wait)" % (attempts_left, LOCK_SECONDS // 60),
                      attempts_left=attempts_left, lock_minutes=LOCK_SECONDS // 60)

    def _courier_active(self, account_id) -> bool:
        with self.store.read() as conn:
            row = conn.execute("SELECT active FROM couriers WHERE account_id=?", (account_id,)).fetchone()
        return bool(row and row["active"])

    @staticmethod
    def _check_secret(account, secret) -> bool:
        digest = hash_secret(secret, account["secret_salt"], account["secret_iterations"])
        return hmac.compare_digest(digest, account["secret_hash"])

    def _count_failure(self, account, source, known_device, now) -> int:
        """Records one wrong secret from `source`; returns the attempts it has left before its lock (0 when
        this failure locked it)."""
        with self.store.write() as conn:
            row = conn.execute("SELECT failed_count, locked_until FROM login_failures WHERE account_id=? "
                               "AND source=?", (account["id"], source)).fetchone()
            failures = (row["failed_count"] if row and row["locked_until"] <= now else 0) + 1
            locked_until = now + LOCK_SECONDS if failures >= MAX_FAILURES else 0
            conn.execute("INSERT INTO login_failures(account_id, source, failed_count, locked_until) "
                         "VALUES(?, ?, ?, ?) ON CONFLICT(account_id, source) DO UPDATE SET "
                         "failed_count=excluded.failed_count, locked_until=excluded.locked_until",
                         (account["id"], source, 0 if locked_until else failures, locked_until))
            if not known_device:
                fresh = conn.execute("SELECT failed_count, locked_until FROM accounts WHERE id=?",
                                     (account["id"],)).fetchone()
                strangers = (fresh["failed_count"] if fresh["locked_until"] <= now else 0) + 1
                strangers_until = now + LOCK_SECONDS if strangers >= STRANGER_MAX_FAILURES else 0
                conn.execute("UPDATE accounts SET failed_count=?, locked_until=? WHERE id=?",
                             (0 if strangers_until else strangers, strangers_until, account["id"]))
        return 0 if locked_until else MAX_FAILURES - failures

    def change_pin(self, token, pin, new_pin, address: str = "") -> LoginResult:
        """A signed-in vendor changes its PIN: the current PIN again (counted like a sign-in from this
        address), a new one of PIN_DIGITS digits. Every other token of the account is revoked (a lost phone
        signs out); this one stays; the phones' device keys stay known."""
        with self.store.read() as conn:
            account = self.authenticate(conn, token)
        if account is None:
            return _error(401, "unauthorized", "sign in again: the token is missing, expired or revoked",
                          "Authorization", action="sign_in")
        if account["kind"] != "vendor":
            return _error(403, "forbidden", "only a stall changes its PIN here")
        if not isinstance(new_pin, str) or not NEW_PIN_RE.match(new_pin):
            return _error(400, "invalid_pin", "new_pin must be %d digits" % PIN_DIGITS, "new_pin")
        if new_pin == pin:
            return _error(400, "same_pin", "new_pin is the PIN in use now", "new_pin")
        with self._account_lock(account["id"]):
            now = clock.now()
            with self.store.read() as conn:
                row = conn.execute("SELECT * FROM accounts WHERE id=?", (account["id"],)).fetchone()
                source, known = self._source_of(conn, row["id"], address, None)
                locked = self._locked_answer(conn, row, source, known, now)
            if locked is not None:
                return locked
            if not (isinstance(pin, str) and PIN_RE.match(pin) and self._check_secret(row, pin)):
                attempts_left = self._count_failure(row, source, known, now)
                return _error(403, "wrong_pin", "the current PIN is wrong", "pin", attempts_left=attempts_left)
            salt = secrets.token_bytes(SALT_BYTES)
            digest = hash_secret(new_pin, salt, PBKDF2_ITERATIONS)
            with self.store.write() as conn:
                conn.execute("UPDATE accounts SET secret_salt=?, secret_iterations=?, secret_hash=? WHERE id=?",
                             (salt, PBKDF2_ITERATIONS, digest, row["id"]))
                revoked = conn.execute("UPDATE tokens SET revoked=1 WHERE account_id=? AND token_sha256<>? AND "
                                       "revoked=0", (row["id"], sha256_hex(token))).rowcount
        return LoginResult(200, {"ok": True, "other_sessions_ended": revoked})

    @staticmethod
    def authenticate(conn, token):
        """The account row of a live token, or None (unknown, revoked or expired)."""
        if not token:
            return None
        return conn.execute("SELECT a.id, a.kind, a.login, a.stall_id, a.market_id FROM tokens t "
                            "JOIN accounts a ON a.id = t.account_id WHERE t.token_sha256=? AND t.revoked=0 "
                            "AND t.expires_at > ?", (sha256_hex(token), clock.now())).fetchone()

    def logout(self, token) -> bool:
        if not token:
            return False
        with self.store.write() as conn:
            cursor = conn.execute("UPDATE tokens SET revoked=1 WHERE token_sha256=? AND revoked=0 AND expires_at > ?",
                                  (sha256_hex(token), clock.now()))
            return cursor.rowcount == 1


def bearer_token(header_value):
    """The token of an `Authorization: Bearer <token>` header, or None."""
    if not header_value:
        return None
    parts = header_value.split(None, 1)
    if len(parts) != 2 or parts[0].lower() != "bearer" or len(parts[1]) > 200:
        return None
    return parts[1].strip()
