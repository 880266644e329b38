"""serve_db.Store group commit: the writer queue, shared transactions, and when a caller may reply.

In-process against a small table, so each guarantee is watched directly: run_atomic returns only after the
COMMIT that holds its work; a failing item of a batch loses and duplicates nothing of the others; a batch
SQLite gives up on fails every item in it and keeps none; the queue is served in arrival order.
"""

import os
import sqlite3
import threading
import time
import unittest

from server import db as serve_db
from server.db import Store, StorageError, StorageFull
from tests.server import helpers as h


class Refused(Exception):
    """Stands in for a Reject raised inside a push."""


class GatedStore(Store):
    """A Store whose COMMITs wait for `gate` (set = open), to hold a batch in flight and look around."""

    def __init__(self, *args, **kw):
        self.gate = threading.Event()
        self.gate.set()
        self.in_commit = threading.Event()
        super().__init__(*args, **kw)

    def _commit_with(self, conn):
        self.in_commit.set()
        self.gate.wait(30)
        super()._commit_with(conn)


class StoreGroupCommitTest(unittest.TestCase):
    def setUp(self):
        self.path = os.path.join(h.temp_dir("store-"), "store.sqlite3")
        self.store = GatedStore(self.path)
        with self.store.write() as conn:
            conn.execute("CREATE TABLE t(k TEXT PRIMARY KEY, blob BLOB)")

    def tearDown(self):
        self.store.gate.set()
        self.store.close()

    def committed(self):
        """Keys visible to another connection: what is on disk, not what the writer holds."""
        conn = sqlite3.connect(self.path)
        try:
            return sorted(r[0] for r in conn.execute("SELECT k FROM t"))
        finally:
            conn.close()

    def insert(self, key, fail=False, log=None):
        def fn(conn):
            if log is not None:
                log.append(key)
            conn.execute("INSERT INTO t(k) VALUES(?)", (key,))
            if fail:
                raise Refused(key)
            return key
        return fn

    def run_in_threads(self, fns):
        """Starts one run_atomic per fn, each in its own thread, in list order; returns {index: value or error}."""
        outcomes, threads = {}, []

        def call(i, fn):
            try:
                outcomes[i] = self.store.run_atomic(fn)
            except Exception as error:  # noqa: BLE001 (the outcome under test)
                outcomes[i] = error

        for i, fn in enumerate(fns):
            t = threading.Thread(target=call, args=(i, fn))
            t.start()
            threads.append(t)
            self.wait_queued(i + 1)
        return outcomes, threads

    def wait_queued(self, count):
        deadline = time.monotonic() + 10
        while len(self.store.queue) < count and time.monotonic() < deadline:
            time.sleep(0.002)

    def hold_writer(self):
        """A first push whose COMMIT waits: everything queued meanwhile forms the next batch."""
        self.store.gate.clear()
        self.store.in_commit.clear()
        holder = threading.Thread(target=self.store.run_atomic, args=(self.insert("holder"),))
        holder.start()
        self.assertTrue(self.store.in_commit.wait(10))
        return holder

    def test_the_caller_returns_only_after_the_commit_of_its_work(self):
        self.store.gate.clear()
        done = threading.Event()
        threading.Thread(target=lambda: (self.store.run_atomic(self.insert("a")), done.set())).start()
        self.assertTrue(self.store.in_commit.wait(10))
        time.sleep(0.1)
        self.assertFalse(done.is_set(), "run_atomic returned while its COMMIT had not finished")
        self.assertEqual(self.committed(), [], "nothing is visible before the COMMIT")
        self.store.gate.set()
        self.assertTrue(done.wait(10))
        self.assertEqual(self.committed(), ["a"], "once run_atomic returned, the row is committed")

    def test_a_failing_push_in_a_batch_loses_and_duplicates_nothing_of_the_others(self):
        holder = self.hold_writer()
        fns = [self.insert("k%d" % i, fail=(i == 3)) for i in range(8)]
        outcomes, threads = self.run_in_threads(fns)
        self.wait_queued(8)
        self.store.gate.set()
        holder.join(10)
        for t in threads:
            t.join(10)
        self.assertIsInstance(outcomes[3], Refused)
        self.assertEqual({i: outcomes[i] for i in range(8) if i != 3}, {i: "k%d" % i for i in range(8) if i != 3})
        self.assertEqual(self.committed(), sorted(["holder"] + ["k%d" % i for i in range(8) if i != 3]))
        self.assertGreater(self.store.commits, 0)

    def test_the_queue_is_served_in_arrival_order(self):
        holder = self.hold_writer()
        log = []
        outcomes, threads = self.run_in_threads([self.insert("q%02d" % i, log=log) for i in range(20)])
        self.wait_queued(20)
        self.store.gate.set()
        holder.join(10)
        for t in threads:
            t.join(10)
        self.assertEqual(log, ["q%02d" % i for i in range(20)])
        self.assertEqual(len(self.committed()), 21)

    def test_a_transaction_sqlite_gives_up_fails_every_push_of_the_batch_and_keeps_none(self):
        holder = self.hold_writer()

        def abandon(conn):
            conn.execute("INSERT INTO t(k) VALUES('doomed')")
            conn.execute("ROLLBACK")  # as SQLite does after some I/O errors: the whole transaction is gone
            raise sqlite3.OperationalError("disk I/O error")

        outcomes, threads = self.run_in_threads([self.insert("before"), abandon, self.insert("after")])
        self.wait_queued(3)
        self.store.gate.set()
        holder.join(10)
        for t in threads:
            t.join(10)
        self.assertEqual(self.committed(), ["holder"])
        for i in range(3):
            self.assertIsInstance(outcomes[i], StorageError, "no push of the failed batch may report success")

    def test_disk_full_in_a_batch_never_acknowledges_an_uncommitted_push(self):
        small = os.path.join(h.temp_dir("store-full-"), "full.sqlite3")
        store = Store(small, max_page_count=60)
        try:
            with store.write() as conn:
                conn.execute("CREATE TABLE t(k TEXT PRIMARY KEY, blob BLOB)")
            outcomes = {}

            def put(i):
                try:
                    outcomes[i] = store.run_atomic(lambda conn: conn.execute(
                        "INSERT INTO t(k, blob) VALUES(?, zeroblob(?))", ("b%d" % i, 6000 if i % 3 else 60000)) and i)
                except (StorageFull, StorageError) as error:
                    outcomes[i] = error

            threads = [threading.Thread(target=put, args=(i,)) for i in range(40)]
            for t in threads:
                t.start()
            for t in threads:
                t.join(30)
            conn = sqlite3.connect(small)
            committed = {r[0] for r in conn.execute("SELECT k FROM t")}
            conn.close()
            acknowledged = {"b%d" % i for i, v in outcomes.items() if v == i}
            self.assertEqual(len(outcomes), 40)
            self.assertTrue(any(isinstance(v, StorageFull) for v in outcomes.values()), "the cap was reached")
            self.assertEqual(acknowledged, committed, "acknowledged == committed, nothing more, nothing less")
        finally:
            store.close()

    def test_close_finishes_what_is_queued(self):
        holder = self.hold_writer()
        outcomes, threads = self.run_in_threads([self.insert("c%d" % i) for i in range(5)])
        self.wait_queued(5)
        closer = threading.Thread(target=self.store.close)
        closer.start()
        self.store.gate.set()
        closer.join(10)
        holder.join(10)
        for t in threads:
            t.join(10)
        self.assertEqual(outcomes, {i: "c%d" % i for i in range(5)})
        self.assertEqual(len(self.committed()), 6)
        with self.assertRaises(StorageError):
            self.store.run_atomic(self.insert("late"))

    def test_batches_are_bounded_by_weight(self):
        holder = self.hold_writer()
        sizes = []
        original = self.store._run_batch

        def spy(batch):
            sizes.append(sum(item.weight for item in batch))
            original(batch)

        self.store._run_batch = spy
        outcomes, threads = [], []
        for i in range(3):
            fn = self.insert("w%d" % i)
            t = threading.Thread(target=lambda fn=fn: outcomes.append(self.store.run_atomic(fn, weight=300)))
            t.start()
            threads.append(t)
            self.wait_queued(i + 1)
        self.store.gate.set()
        holder.join(10)
        for t in threads:
            t.join(10)
        self.assertEqual(len(outcomes), 3)
        self.assertTrue(all(size <= serve_db.MAX_BATCH_WEIGHT for size in sizes), sizes)


class StoreOneTransactionPerPushTest(StoreGroupCommitTest):
    """group_commit=False: run_atomic runs on the caller's thread, one transaction each; same guarantees."""

    def setUp(self):
        self.path = os.path.join(h.temp_dir("store1-"), "store.sqlite3")
        self.store = GatedStore(self.path, group_commit=False)
        with self.store.write() as conn:
            conn.execute("CREATE TABLE t(k TEXT PRIMARY KEY, blob BLOB)")

    def wait_queued(self, count):
        time.sleep(0.05)

    def hold_writer(self):
        self.skipTest("no writer queue without group commit")

    def test_close_finishes_what_is_queued(self):
        self.skipTest("no writer queue without group commit")


if __name__ == "__main__":
    unittest.main()
