"""Vendor and cooperative-staff accounts: seeding, sign-in with lockout, bearer tokens.

Accounts: one per stall (login = stall id, secret = a 6-digit PIN) and one per market for its cooperative
staff (login = `staff.<market_id>`, secret = a password). Secrets are stored only as PBKDF2-HMAC-SHA256
with 600,000 iterations and a 16-byte per-account salt; the iteration count is stored per row so it can
be raised later without breaking old rows.

Sign-in is serialized per account (a lock held while hashing and while the failure delay runs), so
parallel guesses cannot outrun the counter. Each failure delays the answer (0.25 s per failure, at most
1 s); the 5th consecutive failure locks the account for 15 minutes. Tokens are 32 random bytes
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

from .domain import sha256_hex

PBKDF2_ITERATIONS = 600_000
SALT_BYTES = 16
PIN_DIGITS = 6
MAX_FAILURES = 5
LOCK_SECONDS = 15 * 60
FAILURE_DELAY_S = 0.25
MAX_FAILURE_DELAY_S = 1.0
PIN_RE = re.compile(r"^[0-9]{4,12}$")

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
    """status: 200, 401 or 429; body: the JSON answer; retry_after_s for 429."""

    def __init__(self, status, body, retry_after_s=None):
        self.status, self.body, self.retry_after_s = status, body, retry_after_s


def _error(status, code, message, field=None, retry_after_s=None):
    error = {"code": code, "message": message}
    if field:
        error["field"] = field
    return LoginResult(status, {"error": error}, retry_after_s)


class Auth:
    def __init__(self, store, token_ttl_s: int):
        self.store = store
        self.token_ttl_s = token_ttl_s
        self.locks_guard = threading.Lock()
        self.account_locks = {}  # only for logins that exist, so strangers cannot grow it

    def _account_lock(self, account_id):
        with self.locks_guard:
            return self.account_locks.setdefault(account_id, threading.Lock())

    def login(self, login: str, secret: str) -> LoginResult:
        with self.store.read() as conn:
            row = conn.execute("SELECT id FROM accounts WHERE login=?", (login,)).fetchone()
        if row is None:
            hash_secret(secret, _DUMMY_SALT, PBKDF2_ITERATIONS)
            return _error(401, "invalid_credentials", "the stall code/username or the PIN/password is wrong")
        with self._account_lock(row["id"]):
            return self._login_locked(row["id"], secret)

    def _login_locked(self, account_id, secret) -> LoginResult:
        with self.store.read() as conn:
            account = conn.execute("SELECT * FROM accounts WHERE id=?", (account_id,)).fetchone()
        now = time.time()
        if account["locked_until"] > now:
            wait_s = int(account["locked_until"] - now) + 1
            return _error(429, "account_locked", "too many wrong attempts; this account is locked for %d more "
                          "minutes" % ((wait_s + 59) // 60), retry_after_s=wait_s)
        digest = hash_secret(secret, account["secret_salt"], account["secret_iterations"])
        if hmac.compare_digest(digest, account["secret_hash"]):
            token = secrets.token_urlsafe(32)
            with self.store.write() as conn:
                conn.execute("UPDATE accounts SET failed_count=0, locked_until=0 WHERE id=?", (account_id,))
                conn.execute("INSERT INTO tokens(token_sha256, account_id, created_at, expires_at) "
                             "VALUES(?, ?, ?, ?)", (sha256_hex(token), account_id, now, now + self.token_ttl_s))
            return LoginResult(200, {"token": token, "token_type": "Bearer", "expires_in_s": self.token_ttl_s,
                                     "role": account["kind"], "stall_id": account["stall_id"],
                                     "market_id": account["market_id"]})
        failures = account["failed_count"] + 1
        locked_until = 0
        if failures >= MAX_FAILURES:
            locked_until, failures = now + LOCK_SECONDS, 0
        with self.store.write() as conn:
            conn.execute("UPDATE accounts SET failed_count=?, locked_until=? WHERE id=?",
                         (failures, locked_until, account_id))
        time.sleep(min(FAILURE_DELAY_S * (failures or MAX_FAILURES), MAX_FAILURE_DELAY_S))
        if locked_until:
            return _error(401, "invalid_credentials", "wrong PIN/password; after %d wrong attempts the account is "
                          "locked for %d minutes" % (MAX_FAILURES, LOCK_SECONDS // 60))
        return _error(401, "invalid_credentials", "the stall code/username or the PIN/password is wrong "
                      "(%d of %d attempts before a %d-minute lock)" % (failures, MAX_FAILURES, LOCK_SECONDS // 60))

    @staticmethod
    def authenticate(conn, token):
        """The account row of a live token, or None (unknown, revoked or expired)."""
        if not token:
            return None
        return conn.execute("SELECT a.id, a.kind, a.login, a.stall_id, a.market_id FROM tokens t "
                            "JOIN accounts a ON a.id = t.account_id WHERE t.token_sha256=? AND t.revoked=0 "
                            "AND t.expires_at > ?", (sha256_hex(token), time.time())).fetchone()

    def logout(self, token) -> bool:
        if not token:
            return False
        with self.store.write() as conn:
            cursor = conn.execute("UPDATE tokens SET revoked=1 WHERE token_sha256=? AND revoked=0 AND expires_at > ?",
                                  (sha256_hex(token), time.time()))
            return cursor.rowcount == 1


def bearer_token(header_value):
    """The token of an `Authorization: Bearer <token>` header, or None."""
    if not header_value:
        return None
    parts = header_value.split(None, 1)
    if len(parts) != 2 or parts[0].lower() != "bearer" or len(parts[1]) > 200:
        return None
    return parts[1].strip()
