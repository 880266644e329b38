"""SQLite storage for serve.py: schema, durable settings, one writer and a pool of readers.

Durability contract: the database runs in WAL mode with synchronous=FULL, so a COMMIT returns only after
the WAL is on disk. Every push runs atomically (`Store.run_atomic()`) and is committed before the HTTP
reply is written; a crash before COMMIT leaves no trace of the push, a crash after it loses nothing.

GROUP COMMIT (the default)
  One writer thread owns the write connection and takes pushes from a FIFO queue. Whatever has queued up
  while it was busy becomes the next batch: BEGIN IMMEDIATE, each push inside its own SAVEPOINT (a push
  that fails is rolled back to its savepoint and gets its error; the others stay), one COMMIT, and only
  then is every waiting request thread released to write its reply. The fsync (the slow part: several
  ms on most disks) is paid once per batch, and arrival order is service order, so no push waits behind
  ever newer ones. If SQLite abandons the whole transaction (disk full, I/O error) every push of the
  batch gets the storage error: none of them was saved, each client retries. `group_commit=False`
  gives each push its own transaction instead (slower; kept to compare and as a fallback).

CHECKPOINTS
  The write connection does not checkpoint the WAL itself except as a safety net (a very large WAL); a
  background thread with its own connection runs PASSIVE checkpoints after every few commits, so the
  copy-back into the database file and its fsync do not stall the writer. Checkpoints never affect
  what is durable: a committed transaction is durable once its WAL frames are synced.

Concurrency: all writes go through one connection under one lock (SQLite allows one writer anyway, and a
Python-level lock avoids busy-waiting). Readers take a connection from a small pool; WAL lets them read a
consistent snapshot while the writer works. Primary keys and UNIQUE constraints (mutations per client and
id, idempotency keys, order ids, order keys) make a duplicate impossible even if two requests race.

`version` (table counters) is the server's monotonic change number. Rows that clients mirror (products,
orders) carry the version of the push that last changed them; a client's sync cookie is the version it has
seen. No clock is involved.
"""

import collections
import contextlib
import queue
import sqlite3
import sys
import threading

SCHEMA_VERSION = 1

SCHEMA_SQL = """
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS counters(name TEXT PRIMARY KEY, value INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS catalog_versions(
  seq INTEGER PRIMARY KEY, catalog_version TEXT NOT NULL UNIQUE, version INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS catalog_versions_by_version ON catalog_versions(version);
CREATE TABLE IF NOT EXISTS markets(
  id TEXT PRIMARY KEY, position INTEGER NOT NULL, doc TEXT NOT NULL, file_doc TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS stalls(
  id TEXT PRIMARY KEY, market_id TEXT NOT NULL REFERENCES markets(id), position INTEGER NOT NULL,
  doc TEXT NOT NULL, closed INTEGER NOT NULL DEFAULT 0, version INTEGER NOT NULL DEFAULT 0);
CREATE INDEX IF NOT EXISTS stalls_by_version ON stalls(version);
CREATE TABLE IF NOT EXISTS products(
  id TEXT PRIMARY KEY, stall_id TEXT NOT NULL REFERENCES stalls(id), market_id TEXT NOT NULL,
  position INTEGER NOT NULL, doc TEXT NOT NULL,
  price_rp INTEGER NOT NULL CHECK(price_rp > 0), price_date TEXT NOT NULL,
  availability TEXT NOT NULL CHECK(availability IN ('tersedia','terbatas','habis')),
  version INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS products_by_version ON products(version);
CREATE INDEX IF NOT EXISTS products_by_market ON products(market_id, position);
CREATE TABLE IF NOT EXISTS price_history(
  product_id TEXT NOT NULL REFERENCES products(id), seq INTEGER NOT NULL, price_rp INTEGER NOT NULL,
  PRIMARY KEY(product_id, seq));
CREATE TABLE IF NOT EXISTS clients(client_id TEXT PRIMARY KEY, last_mutation_id INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS mutations(
  client_id TEXT NOT NULL REFERENCES clients(client_id), mutation_id INTEGER NOT NULL,
  key TEXT NOT NULL, name TEXT NOT NULL, result TEXT NOT NULL, version INTEGER NOT NULL,
  PRIMARY KEY(client_id, mutation_id));
CREATE TABLE IF NOT EXISTS idempotency(
  key TEXT PRIMARY KEY, body_sha256 TEXT NOT NULL, result TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS orders(
  order_id TEXT PRIMARY KEY, key TEXT NOT NULL UNIQUE, client_id TEXT NOT NULL,
  secret_sha256 TEXT NOT NULL, market_id TEXT NOT NULL REFERENCES markets(id),
  catalog_seq INTEGER NOT NULL, status TEXT NOT NULL, reason TEXT,
  delivery_method TEXT NOT NULL, area_id TEXT, distance_m INTEGER,
  buyer_name TEXT NOT NULL, buyer_phone TEXT NOT NULL, buyer_address TEXT NOT NULL,
  buyer_landmark TEXT NOT NULL, payment TEXT NOT NULL,
  subtotal_rp INTEGER NOT NULL, delivery_fee_rp INTEGER NOT NULL, total_rp INTEGER NOT NULL,
  needs_confirm INTEGER NOT NULL, placed_version INTEGER NOT NULL, version INTEGER NOT NULL,
  courier_account_id INTEGER);
CREATE INDEX IF NOT EXISTS orders_by_client ON orders(client_id, version);
CREATE INDEX IF NOT EXISTS orders_by_courier ON orders(courier_account_id, version)
  WHERE courier_account_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS orders_by_market ON orders(market_id, version);
CREATE TABLE IF NOT EXISTS order_lines(
  order_id TEXT NOT NULL REFERENCES orders(order_id), line_no INTEGER NOT NULL,
  product_id TEXT NOT NULL, stall_id TEXT NOT NULL, name TEXT NOT NULL, unit TEXT NOT NULL,
  weighed INTEGER NOT NULL, qty_milli INTEGER NOT NULL CHECK(qty_milli > 0),
  quoted_price_rp INTEGER NOT NULL CHECK(quoted_price_rp > 0), price_rp INTEGER NOT NULL CHECK(price_rp > 0),
  list_price_rp INTEGER NOT NULL,
  price_stale INTEGER NOT NULL, note TEXT NOT NULL, substitution TEXT NOT NULL,
  settled_qty_milli INTEGER CHECK(settled_qty_milli >= 0), line_total_rp INTEGER NOT NULL,
  PRIMARY KEY(order_id, line_no));
CREATE TABLE IF NOT EXISTS order_stalls(
  order_id TEXT NOT NULL REFERENCES orders(order_id), stall_id TEXT NOT NULL,
  status TEXT NOT NULL, reason TEXT, PRIMARY KEY(order_id, stall_id));
CREATE INDEX IF NOT EXISTS order_stalls_by_stall ON order_stalls(stall_id, order_id);
CREATE TABLE IF NOT EXISTS accounts(
  id INTEGER PRIMARY KEY, kind TEXT NOT NULL CHECK(kind IN ('vendor','staff','courier')), login TEXT NOT NULL UNIQUE,
  stall_id TEXT, market_id TEXT NOT NULL, secret_salt BLOB NOT NULL, secret_iterations INTEGER NOT NULL,
  secret_hash BLOB NOT NULL, failed_count INTEGER NOT NULL DEFAULT 0, locked_until REAL NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS login_failures(
  account_id INTEGER NOT NULL REFERENCES accounts(id), source TEXT NOT NULL,
  failed_count INTEGER NOT NULL, locked_until REAL NOT NULL, PRIMARY KEY(account_id, source));
CREATE TABLE IF NOT EXISTS devices(
  account_id INTEGER NOT NULL REFERENCES accounts(id), key_sha256 TEXT NOT NULL,
  first_seen REAL NOT NULL, last_seen REAL NOT NULL, PRIMARY KEY(account_id, key_sha256));
CREATE TABLE IF NOT EXISTS price_confirmations(
  stall_id TEXT NOT NULL REFERENCES stalls(id), market_day TEXT NOT NULL, market_id TEXT NOT NULL,
  confirmed_at_ms INTEGER NOT NULL, products INTEGER NOT NULL, PRIMARY KEY(stall_id, market_day));
CREATE TABLE IF NOT EXISTS missed_answers(
  stall_id TEXT NOT NULL, market_day TEXT NOT NULL, order_id TEXT NOT NULL,
  PRIMARY KEY(stall_id, market_day, order_id));
CREATE TABLE IF NOT EXISTS market_settings(
  market_id TEXT PRIMARY KEY REFERENCES markets(id), answer_window_s INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS couriers(
  account_id INTEGER PRIMARY KEY REFERENCES accounts(id), market_id TEXT NOT NULL REFERENCES markets(id),
  name TEXT NOT NULL, phone TEXT NOT NULL, kind TEXT NOT NULL CHECK(kind IN ('coop','ojek')),
  active INTEGER NOT NULL DEFAULT 1, created_at_ms INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS market_rule_changes(
  market_id TEXT NOT NULL REFERENCES markets(id), seq INTEGER NOT NULL, changed_at_ms INTEGER NOT NULL,
  day TEXT NOT NULL, old_doc TEXT NOT NULL, PRIMARY KEY(market_id, seq));
CREATE TABLE IF NOT EXISTS tokens(
  token_sha256 TEXT PRIMARY KEY, account_id INTEGER NOT NULL REFERENCES accounts(id),
  created_at REAL NOT NULL, expires_at REAL NOT NULL, revoked INTEGER NOT NULL DEFAULT 0);
"""

SQLITE_FULL = 13
MAX_BATCH_WEIGHT = 400  # mutations per shared transaction at most (a push of 0-1 mutations weighs 1)
CHECKPOINT_EVERY_COMMITS = 64  # the background checkpointer runs after this many commits (or each second)
WRITER_CACHE_KIB = 64 * 1024
WRITER_AUTOCHECKPOINT_PAGES = 20000  # safety net only: the writer checkpoints itself past ~80 MB of WAL


class StorageFull(Exception):
    """The database could not grow (disk full or max_page_count reached); the transaction was undone."""


class StorageError(Exception):
    """Any other storage failure (I/O error, locked file); the transaction was undone."""


def open_connection(path: str, max_page_count: int = 0, cache_kib: int = 0) -> sqlite3.Connection:
    """A connection with the durable settings. `max_page_count` > 0 caps the file (tests of disk full);
    `cache_kib` > 0 sets its page cache (SQLite's default is 2 MiB)."""
    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=30.0)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute("PRAGMA busy_timeout=30000")
    conn.execute("PRAGMA temp_store=MEMORY")  # savepoint journals in memory: no temp files per push
    if cache_kib > 0:
        conn.execute("PRAGMA cache_size=-%d" % int(cache_kib))
    if max_page_count > 0:
        conn.execute("PRAGMA max_page_count=%d" % int(max_page_count))
    return conn


def classify_error(error: sqlite3.Error) -> Exception:
    code = getattr(error, "sqlite_errorcode", None)
    if code == SQLITE_FULL or "full" in str(error).lower():
        return StorageFull(str(error))
    return StorageError(str(error))


# Columns added after a table first shipped, in order: (table, column, definition).
ADDED_COLUMNS = (
    ("stalls", "closed_until_ms", "INTEGER"),  # closed until then (epoch ms), then open again by itself
    ("stalls", "paused", "TEXT"),  # why new orders are paused (missed_answers), until staff reopen it
    ("products", "hidden", "INTEGER NOT NULL DEFAULT 0"),  # hidden by its stall: not in the catalogue
    ("markets", "version", "INTEGER NOT NULL DEFAULT 0"),  # products added or hidden: market_reset op
    ("orders", "placed_at_ms", "INTEGER NOT NULL DEFAULT 0"),
    ("order_stalls", "answer_by_ms", "INTEGER NOT NULL DEFAULT 0"),  # the part's answer deadline
    ("order_stalls", "missed", "INTEGER NOT NULL DEFAULT 0"),  # 1: unanswered at its deadline
    ("order_stalls", "reason_code", "TEXT"),  # REJECT_REASONS (orders.py) when rejected
    ("markets", "rules_version", "INTEGER NOT NULL DEFAULT 0"),  # rules changed by staff: market_rules op
    ("market_settings", "ready_wait_s", "INTEGER NOT NULL DEFAULT 3600"),  # ready, not collected: late
    ("orders", "market_day", "TEXT NOT NULL DEFAULT ''"),  # the day it is served (cut-off, WIB)
    ("orders", "rules_seq", "INTEGER NOT NULL DEFAULT 0"),  # the catalogue seq whose market rules apply
    ("orders", "old_rules", "INTEGER NOT NULL DEFAULT 0"),  # 1: accepted at a fee of rules since replaced
    ("orders", "ready_at_ms", "INTEGER"),  # when it became ready (timers: not picked up in time)
    ("orders", "late_pickup", "INTEGER NOT NULL DEFAULT 0"),  # 1: ready longer than the market allows
    ("orders", "late_delivery", "INTEGER NOT NULL DEFAULT 0"),  # 1: not delivered by its market day's end
)


def _add_missing_columns(conn):
    for table, column, definition in ADDED_COLUMNS:
        columns = {row[1] for row in conn.execute("PRAGMA table_info(%s)" % table)}
        if column not in columns:
            conn.execute("ALTER TABLE %s ADD COLUMN %s %s" % (table, column, definition))


def _allow_courier_accounts(conn):
    """accounts.kind first allowed vendor and staff only; SQLite cannot change a CHECK, so an old table is
    rebuilt (foreign keys off meanwhile: tokens, devices and login failures keep their account ids)."""
    row = conn.execute("SELECT sql FROM sqlite_master WHERE type='table' AND name='accounts'").fetchone()
    if row is None or "'courier'" in row[0]:
        return
    conn.execute("PRAGMA foreign_keys=OFF")
    try:
        conn.execute("BEGIN IMMEDIATE")
        sql = row[0].replace("'vendor','staff')", "'vendor','staff','courier')")
        conn.execute(sql.replace("accounts(", "accounts_new(", 1))
        conn.execute("INSERT INTO accounts_new SELECT * FROM accounts")
        conn.execute("DROP TABLE accounts")
        conn.execute("ALTER TABLE accounts_new RENAME TO accounts")
        conn.execute("COMMIT")
    finally:
        conn.execute("PRAGMA foreign_keys=ON")


def _migrate_before_schema(conn):
    """Columns added after a table first shipped (CREATE TABLE IF NOT EXISTS does not add them)."""
    columns = {row[1] for row in conn.execute("PRAGMA table_info(stalls)")}
    if columns and "closed" not in columns:
        conn.execute("ALTER TABLE stalls ADD COLUMN closed INTEGER NOT NULL DEFAULT 0")
        conn.execute("ALTER TABLE stalls ADD COLUMN version INTEGER NOT NULL DEFAULT 0")
    _allow_courier_accounts(conn)
    columns = {row[1] for row in conn.execute("PRAGMA table_info(orders)")}
    if columns and "courier_account_id" not in columns:  # the courier assigned to deliver (access.py)
        conn.execute("ALTER TABLE orders ADD COLUMN courier_account_id INTEGER")


class _BatchItem:
    __slots__ = ("fn", "weight", "value", "error", "done")

    def __init__(self, fn, weight):
        self.fn, self.weight, self.value, self.error = fn, weight, None, None
        self.done = threading.Lock()
        self.done.acquire()  # released by the writer thread after the COMMIT (or the failure) of its batch


class Store:
    """The database of one data dir: `run_atomic()` for pushes, `write()` for other writes, `read()` for
    snapshot readers."""

    def __init__(self, path: str, max_page_count: int = 0, reader_pool_size: int = 8, group_commit: bool = True):
        self.path = path
        self.max_page_count = max_page_count
        # Orders, keys and idempotency rows land at random places in their indexes: a larger cache keeps
        # those pages in memory as the database grows instead of reading them back on every push.
        self.writer = open_connection(path, max_page_count, cache_kib=WRITER_CACHE_KIB)
        _migrate_before_schema(self.writer)
        self.writer.executescript(SCHEMA_SQL)
        _add_missing_columns(self.writer)
        self.writer.execute("CREATE INDEX IF NOT EXISTS order_stalls_due ON order_stalls(answer_by_ms) "
                            "WHERE status='sent' AND missed=0")
        self.writer.execute("CREATE INDEX IF NOT EXISTS orders_open ON orders(status, market_day) "
                            "WHERE status NOT IN ('delivered', 'cancelled', 'rejected')")
        self.writer.execute("PRAGMA wal_autocheckpoint=%d" % WRITER_AUTOCHECKPOINT_PAGES)
        self.writer_lock = threading.Lock()
        self.readers = queue.LifoQueue()
        self.reader_pool_size = reader_pool_size
        self.group_commit = group_commit
        self.queue = collections.deque()
        self.queue_ready = threading.Condition(threading.Lock())
        self.closing = False
        self.commits = 0
        self.checkpoint_wanted = threading.Event()
        self.checkpointer = threading.Thread(target=self._checkpoint_loop, name="sqlite-checkpointer", daemon=True)
        self.checkpointer.start()
        self.writer_thread = None
        if group_commit:
            self.writer_thread = threading.Thread(target=self._writer_loop, name="sqlite-writer", daemon=True)
            self.writer_thread.start()

    def run_atomic(self, fn, weight: int = 1):
        """Runs fn(conn) atomically and durably: its changes are committed before this returns, or none
        of them are (and its exception propagates, storage errors as StorageFull / StorageError).

        With group commit, fn runs on the writer thread inside a SAVEPOINT of a transaction it may share
        with other calls (see GROUP COMMIT above); `weight` (its number of mutations) bounds a batch.
        Without, fn runs on the calling thread in a transaction of its own.
        """
        if not self.group_commit:
            with self.write() as conn:
                return fn(conn)
        item = _BatchItem(fn, max(1, weight))
        with self.queue_ready:
            if self.closing:
                raise StorageError("the store is closed")
            self.queue.append(item)
            self.queue_ready.notify()
        item.done.acquire()
        if item.error is not None:
            raise item.error
        return item.value

    def _writer_loop(self):
        while True:
            with self.queue_ready:
                while not self.queue and not self.closing:
                    self.queue_ready.wait()
                if not self.queue:
                    return  # closing, and nothing left to do
                batch, weight = [], 0
                while self.queue and (not batch or weight + self.queue[0].weight <= MAX_BATCH_WEIGHT):
                    item = self.queue.popleft()
                    batch.append(item)
                    weight += item.weight
            try:
                with self.writer_lock:
                    self._run_batch(batch)
            except BaseException as error:  # never lose the writer thread: fail this batch, go on
                sys.stderr.write("writer thread: %r\n" % error)
                for item in batch:
                    if item.error is None:
                        item.error = StorageError("write failed: %s" % error)
                    item.value = None
            finally:
                for item in batch:
                    item.done.release()

    def _run_batch(self, batch):
        """All of batch in one transaction, each item in its own SAVEPOINT; one COMMIT for all.

        On return every item has its value or its error; values count only if the COMMIT succeeded.
        """
        conn = self.writer
        try:
            try:
                conn.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as error:
                raise classify_error(error) from error
            for item in batch:
                conn.execute("SAVEPOINT push")
                try:
                    item.value = item.fn(conn)
                    conn.execute("RELEASE push")
                except BaseException as error:
                    item.error = classify_error(error) if isinstance(error, sqlite3.Error) else error
                    item.value = None
                    if not conn.in_transaction:
                        # SQLite gave up the whole transaction (e.g. disk full): nothing of the batch stays.
                        raise item.error
                    conn.execute("ROLLBACK TO push")
                    conn.execute("RELEASE push")
            self._commit_with(conn)
        except BaseException as error:
            if conn.in_transaction:
                try:
                    conn.execute("ROLLBACK")
                except sqlite3.Error:
                    pass
            failure = classify_error(error) if isinstance(error, sqlite3.Error) else error
            for item in batch:
                if item.error is None:
                    item.error = failure
                item.value = None

    def _commit_with(self, conn):
        """COMMIT of the open transaction (durable when it returns); tests override it to watch ordering."""
        try:
            conn.execute("COMMIT")
        except sqlite3.Error as error:
            raise classify_error(error) from error
        self.commits += 1
        if self.commits % CHECKPOINT_EVERY_COMMITS == 0:
            self.checkpoint_wanted.set()

    def _checkpoint_loop(self):
        conn = None
        while not self.closing:
            self.checkpoint_wanted.wait(1.0)
            self.checkpoint_wanted.clear()
            if self.closing:
                break
            try:
                if conn is None:
                    conn = open_connection(self.path)
                conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
            except sqlite3.Error as error:  # e.g. disk full: the WAL keeps everything; try again later
                sys.stderr.write("checkpoint: %s\n" % error)
                if conn is not None:
                    conn.close()
                    conn = None
        if conn is not None:
            conn.close()

    @contextlib.contextmanager
    def write(self):
        """One IMMEDIATE transaction under the writer lock; COMMIT on success, ROLLBACK on any exception.

        sqlite3 errors come out as StorageFull / StorageError after the rollback; other exceptions pass
        through unchanged (also after the rollback).
        """
        with self.writer_lock:
            conn = self.writer
            try:
                conn.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as error:
                raise classify_error(error) from error
            try:
                yield conn
                self._commit_with(conn)
            except BaseException as error:
                try:
                    conn.execute("ROLLBACK")
                except sqlite3.Error:
                    pass  # COMMIT may already have ended the transaction; nothing left to undo
                if isinstance(error, sqlite3.Error):
                    raise classify_error(error) from error
                raise

    @contextlib.contextmanager
    def read(self):
        """A pooled connection inside one read transaction (a consistent snapshot).

        The connection goes back to the pool only if the transaction ended cleanly; after any error it is
        closed, so a half-finished state never reaches the next reader.
        """
        try:
            conn = self.readers.get_nowait()
        except queue.Empty:
            try:
                conn = open_connection(self.path)
            except sqlite3.Error as error:
                raise classify_error(error) from error
        clean = False
        try:
            conn.execute("BEGIN")
            yield conn
            conn.execute("COMMIT")
            clean = True
        except sqlite3.Error as error:
            raise classify_error(error) from error
        finally:
            if clean and self.readers.qsize() < self.reader_pool_size:
                self.readers.put(conn)
            else:
                conn.close()

    def close(self):
        with self.queue_ready:
            self.closing = True
            self.queue_ready.notify_all()
        if self.writer_thread is not None:
            self.writer_thread.join()  # it finishes what is queued first
        self.checkpoint_wanted.set()
        self.checkpointer.join(30)
        with self.writer_lock:
            self.writer.close()
        while True:
            try:
                self.readers.get_nowait().close()
            except queue.Empty:
                break


def get_counter(conn, name: str) -> int:
    row = conn.execute("SELECT value FROM counters WHERE name=?", (name,)).fetchone()
    return row[0] if row else 0


def set_counter(conn, name: str, value: int):
    conn.execute("INSERT INTO counters(name, value) VALUES(?, ?) "
                 "ON CONFLICT(name) DO UPDATE SET value=excluded.value", (name, value))


def get_meta(conn, key: str, default=None):
    row = conn.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
    return row[0] if row else default


def set_meta(conn, key: str, value: str):
    conn.execute("INSERT INTO meta(key, value) VALUES(?, ?) "
                 "ON CONFLICT(key) DO UPDATE SET value=excluded.value", (key, value))


class VersionAllocator:
    """Hands out the version of the current write transaction: allocated on first use, at most once.

    Everything one push changes shares one version, so a cookie never splits a push in half.
    """

    def __init__(self, conn):
        self.conn = conn
        self.version = None

    def get(self) -> int:
        if self.version is None:
            self.version = self.conn.execute("UPDATE counters SET value = value + 1 WHERE name='version' "
                                             "RETURNING value").fetchall()[0][0]
        return self.version

    def current(self) -> int:
        return self.version if self.version is not None else get_counter(self.conn, "version")
