"""Durability: kill -9 while orders stream in; disk full. Nothing acknowledged is lost or duplicated.

PASAR_KILL_ROUNDS (default 5) and PASAR_KILL_ORDERS (orders per round, default 200) size the kill test.
"""

import os
import random
import shutil
import sqlite3
import threading
import time
import unittest

from tests.server import helpers as h


class Phone:
    """An outbox client: mutations leave the outbox only when a 2xx acknowledges them."""

    def __init__(self, rng):
        self.rng = rng
        self.client_id = h.new_client_id()
        self.next_id = 1
        self.outbox = []
        self.acked = {}  # order_id -> result
        self.generated = set()
        self.cookie = None

    def enqueue(self, count):
        for _ in range(count):
            args = h.pickup_order_args()
            args["lines"][1]["note"] = "order %d" % self.next_id
            self.generated.add(args["order_id"])
            self.outbox.append(h.mutation(self.next_id, "place_order", args, key="dur-%s-%d" % (self.client_id,
                                                                                                 self.next_id)))
            self.next_id += 1

    def push_once(self, url) -> bool:
        """One push of 1-3 outbox entries; False when the connection failed (the server is gone)."""
        batch = self.outbox[:self.rng.randint(1, 3)]
        try:
            response = h.push(url, self.client_id, batch, cookie=self.cookie)
        except (OSError, ConnectionError):
            return False
        assert response.status == 200, response.body
        body = response.json()
        for m, result in zip(batch, body["results"]):
            assert result["status"] == "ok", result
            assert m["args"]["order_id"] not in self.acked or self.acked[m["args"]["order_id"]] == result
            self.acked[m["args"]["order_id"]] = result
        self.outbox = self.outbox[len(batch):]
        self.cookie = body["cookie"]
        return True


def integrity_and_orders(db_path, client_id):
    conn = sqlite3.connect(db_path)
    try:
        integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
        ids = [r[0] for r in conn.execute("SELECT order_id FROM orders WHERE client_id=?", (client_id,))]
        lines = conn.execute("SELECT COUNT(*) FROM order_lines l JOIN orders o ON o.order_id = l.order_id "
                             "WHERE o.client_id=?", (client_id,)).fetchone()[0]
        last = conn.execute("SELECT last_mutation_id FROM clients WHERE client_id=?", (client_id,)).fetchone()
        return integrity, ids, lines, (last[0] if last else 0)
    finally:
        conn.close()


def kill_at_progress(server, phones, target, timeout_s=60.0):
    """Starts a thread that kill -9s the server once the phones hold `target` acknowledged orders in all.
    Progress, not a clock: on a fast, quiet machine a timed kill can land after the round has finished."""
    def run():
        deadline = time.time() + timeout_s
        while time.time() < deadline and sum(len(p.acked) for p in phones) < target:
            time.sleep(0.001)
        server.kill9()
    thread = threading.Thread(target=run)
    thread.start()
    return thread


class KillNineTest(unittest.TestCase):
    def test_kill_9_while_orders_stream_in(self):
        self.run_kill_rounds([], int(os.environ.get("PASAR_KILL_ROUNDS", "5")))

    def test_kill_9_with_one_transaction_per_push(self):
        self.run_kill_rounds(["--no-group-commit"], max(2, int(os.environ.get("PASAR_KILL_ROUNDS", "5")) // 2))

    def run_kill_rounds(self, server_args, rounds):
        per_round = int(os.environ.get("PASAR_KILL_ORDERS", "200"))
        rng = random.Random(int(os.environ.get("PASAR_KILL_SEED", "1129")))
        data_dir = h.temp_dir("kill-")
        shutil.copytree(h.seeded_template(), data_dir, dirs_exist_ok=True)
        db_path = os.path.join(data_dir, "pasar.sqlite3")
        phone = Phone(rng)
        kills_mid_stream = 0
        for round_no in range(rounds):
            phone.enqueue(per_round)
            server = h.ServerProcess(data_dir, extra_args=h.GENEROUS_RATES + server_args).start()
            killer = kill_at_progress(server, [phone], len(phone.acked) + max(1, int(per_round * rng.uniform(0.05, 0.8))))
            while phone.outbox and phone.push_once(server.base_url):
                pass
            killer.join()
            server.kill9()  # already dead; harmless
            kills_mid_stream += bool(phone.outbox)
            if os.environ.get("PASAR_KILL_VERBOSE"):
                print("round %d: %d acknowledged, %d waiting in the outbox" % (round_no, len(phone.acked), len(phone.outbox)))
            integrity, ids, lines, last = integrity_and_orders(db_path, phone.client_id)
            self.assertEqual(integrity, "ok", "round %d" % round_no)
            self.assertEqual(len(ids), len(set(ids)))
            missing = set(phone.acked) - set(ids)
            self.assertEqual(missing, set(), "acknowledged orders lost in round %d" % round_no)
            self.assertLessEqual(set(ids), phone.generated)
            self.assertEqual(lines, 2 * len(ids), "no partial order")
            # Committed but unacknowledged pushes are fine: the retry will find them (ids <= last).
            self.assertLessEqual(len(ids) - len(phone.acked), 3)
            self.assertEqual(last, len(ids))
        server = h.ServerProcess(data_dir, extra_args=h.GENEROUS_RATES + server_args).start()
        try:
            while phone.outbox:
                self.assertTrue(phone.push_once(server.base_url))
        finally:
            server.stop()
        integrity, ids, lines, last = integrity_and_orders(db_path, phone.client_id)
        self.assertEqual(integrity, "ok")
        self.assertEqual(sorted(ids), sorted(phone.generated), "every order exactly once")
        self.assertEqual(sorted(phone.acked), sorted(phone.generated))
        self.assertEqual(last, rounds * per_round)
        self.assertGreater(kills_mid_stream, 0, "at least one kill landed mid-stream")

    def test_kill_9_while_many_phones_share_commits(self):
        """Group commit under kill -9: several phones at once, so COMMITs hold pushes of several clients."""
        rng = random.Random(int(os.environ.get("PASAR_KILL_SEED", "1129")) + 1)
        data_dir = h.temp_dir("kill-many-")
        shutil.copytree(h.seeded_template(), data_dir, dirs_exist_ok=True)
        db_path = os.path.join(data_dir, "pasar.sqlite3")
        phones = [Phone(random.Random(rng.random())) for _ in range(8)]
        rounds = max(2, int(os.environ.get("PASAR_KILL_ROUNDS", "5")) // 2)
        kills_mid_stream = 0
        for round_no in range(rounds):
            for phone in phones:
                phone.enqueue(40)
            server = h.ServerProcess(data_dir, extra_args=h.GENEROUS_RATES).start()
            acked = sum(len(p.acked) for p in phones)
            killer = kill_at_progress(server, phones, acked + max(1, int(len(phones) * 40 * rng.uniform(0.1, 0.7))))
            errors = []

            def stream(phone):
                try:
                    while phone.outbox and phone.push_once(server.base_url):
                        pass
                except AssertionError as error:
                    errors.append(error)

            threads = [threading.Thread(target=stream, args=(phone,)) for phone in phones]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            killer.join()
            server.kill9()
            kills_mid_stream += any(phone.outbox for phone in phones)
            self.assertEqual(errors, [])
            for phone in phones:
                integrity, ids, lines, last = integrity_and_orders(db_path, phone.client_id)
                self.assertEqual(integrity, "ok")
                self.assertEqual(len(ids), len(set(ids)), "round %d: an order twice" % round_no)
                self.assertEqual(set(phone.acked) - set(ids), set(), "round %d: acknowledged but lost" % round_no)
                self.assertEqual(lines, 2 * len(ids), "no partial order")
                self.assertEqual(last, len(ids))
        server = h.ServerProcess(data_dir, extra_args=h.GENEROUS_RATES).start()
        try:
            for phone in phones:
                while phone.outbox:
                    self.assertTrue(phone.push_once(server.base_url))
        finally:
            server.stop()
        for phone in phones:
            integrity, ids, lines, last = integrity_and_orders(db_path, phone.client_id)
            self.assertEqual(integrity, "ok")
            self.assertEqual(sorted(ids), sorted(phone.generated), "every order exactly once")
            self.assertEqual(last, rounds * 40)
        self.assertGreater(kills_mid_stream, 0, "at least one kill landed mid-stream")


class DiskFullTest(unittest.TestCase):
    def test_disk_full_is_507_without_partial_order_and_retry_succeeds(self):
        self.run_disk_full([])

    def test_disk_full_with_one_transaction_per_push(self):
        self.run_disk_full(["--no-group-commit"])

    def run_disk_full(self, server_args):
        data_dir = h.temp_dir("full-")
        shutil.copytree(h.seeded_template(), data_dir, dirs_exist_ok=True)
        conn = sqlite3.connect(os.path.join(data_dir, "pasar.sqlite3"))
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.close()
        server = h.ServerProcess(data_dir, extra_args=h.GENEROUS_RATES + server_args + ["--max-db-pages",
                                                                                   str(pages + 12)]).start()
        client = h.new_client_id()
        next_id, acked, refused = 1, 0, None
        try:
            for _ in range(200):
                batch = []
                for _ in range(10):
                    args = h.pickup_order_args()
                    args["lines"][0]["note"] = "catatan panjang " * 12
                    batch.append(h.mutation(next_id + len(batch), "place_order", args))
                response = h.push(server.base_url, client, batch)
                if response.status != 200:
                    refused = (response, batch)
                    break
                acked += len(batch)
                next_id += len(batch)
            self.assertIsNotNone(refused, "the page cap was never reached")
            response, batch = refused
            self.assertEqual(response.status, 507)
            self.assertEqual(response.json()["error"]["code"], "storage_full")
            self.assertTrue(response.header("Retry-After"))
            self.assertEqual(server.count("SELECT COUNT(*) FROM orders WHERE client_id=?", (client,)), acked)
            self.assertEqual(server.count("SELECT COUNT(*) FROM order_lines"), 2 * server.count(
                "SELECT COUNT(*) FROM orders"), "no partial order")
            self.assertEqual(server.count("SELECT last_mutation_id FROM clients WHERE client_id=?", (client,)), acked)
            self.assertEqual(h.request(server.base_url, "GET", "/api/health").status, 200, "reads still work")
        finally:
            server.stop()
        # Space is freed (here: the cap lifted); the same push is retried and lands exactly once.
        server = h.ServerProcess(data_dir, extra_args=h.GENEROUS_RATES + server_args).start()
        try:
            retry = h.push(server.base_url, client, batch)
            self.assertEqual(retry.status, 200, retry.body)
            self.assertEqual({r["status"] for r in retry.json()["results"]}, {"ok"})
            again = h.push(server.base_url, client, batch)
            self.assertEqual(again.json()["results"], retry.json()["results"])
            self.assertEqual(server.count("SELECT COUNT(*) FROM orders WHERE client_id=?", (client,)), acked + 10)
            self.assertEqual(server.count("PRAGMA integrity_check"), "ok")
        finally:
            server.stop()


if __name__ == "__main__":
    unittest.main()
