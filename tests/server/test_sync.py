"""sync: ids, replays, gaps, idempotency keys, exactly-once under concurrency and lost replies."""

import http.client
import json
import socket
import threading
import time
import unittest

from tests.server import helpers as h


class SyncTest(h.ServerTestCase):
    def orders(self, order_id):
        return self.server.count("SELECT COUNT(*) FROM orders WHERE order_id=?", (order_id,))

    def test_place_order_answers_server_totals_and_patch(self):
        client = h.new_client_id()
        args = h.courier_order_args()
        response = h.push(self.url, client, [h.mutation(1, "place_order", args)])
        self.assertEqual(response.status, 200, response.body)
        body = response.json()
        self.assertEqual(body["last_mutation_id"], 1)
        result = body["results"][0]
        self.assertEqual((result["status"], result["order_status"]), ("ok", "sent"))
        self.assertEqual((result["subtotal_rp"], result["delivery_fee_rp"], result["total_rp"]), (66500, 12000, 78500))
        orders = [p for p in body["patch"] if p["op"] == "order"]
        self.assertEqual([o["order_id"] for o in orders], [args["order_id"]])
        self.assertEqual([line["line_total_rp"] for line in orders[0]["lines"]], [52500, 14000])
        self.assertIsInstance(body["cookie"], int)
        phone = self.server.count("SELECT buyer_phone FROM orders WHERE order_id=?", (args["order_id"],))
        self.assertEqual(phone, "+6281311112222")
        secret_hash = self.server.count("SELECT secret_sha256 FROM orders WHERE order_id=?", (args["order_id"],))
        self.assertNotIn(args["secret"], secret_hash)
        self.assertEqual(len(secret_hash), 64)

    def test_replay_returns_the_earlier_result_and_adds_nothing(self):
        client = h.new_client_id()
        m = h.mutation(1, "place_order", h.pickup_order_args())
        first = h.push(self.url, client, [m]).json()
        counts = self.server.row_counts()
        again = h.push(self.url, client, [m], cookie=first["cookie"])
        self.assertEqual(again.status, 200)
        self.assertEqual(again.json()["results"], first["results"])
        self.assertEqual(again.json()["last_mutation_id"], 1)
        self.assertEqual(self.server.row_counts(), counts)
        # A push that repeats an old id and carries a new one: the old is replayed, the new one runs.
        m2 = h.mutation(2, "place_order", h.pickup_order_args())
        both = h.push(self.url, client, [m, m2]).json()
        self.assertEqual(both["results"][0], first["results"][0])
        self.assertEqual(both["results"][1]["status"], "ok")
        self.assertEqual(self.orders(m["args"]["order_id"]) + self.orders(m2["args"]["order_id"]), 2)

    def test_gap_is_409_with_expected_id_and_writes_nothing(self):
        client = h.new_client_id()
        counts = self.server.row_counts()
        response = h.push(self.url, client, [h.mutation(3, "place_order", h.pickup_order_args())])
        self.assertEqual(response.status, 409)
        self.assertEqual(response.json()["error"]["code"], "mutation_gap")
        self.assertEqual(response.json()["error"]["expected_id"], 1)
        self.assertEqual(self.server.row_counts(), counts)
        h.push(self.url, client, [h.mutation(1, "place_order", h.pickup_order_args())])
        response = h.push(self.url, client, [h.mutation(5, "place_order", h.pickup_order_args())])
        self.assertEqual((response.status, response.json()["error"]["expected_id"]), (409, 2))

    def test_ids_inside_one_push_must_be_consecutive(self):
        client = h.new_client_id()
        response = h.push(self.url, client, [h.mutation(1, "place_order", h.pickup_order_args()),
                                             h.mutation(3, "place_order", h.pickup_order_args())])
        self.assertEqual(response.status, 400)
        self.assertEqual(response.json()["error"]["field"], "mutations[1].id")
        self.assertEqual(self.server.count("SELECT COUNT(*) FROM clients WHERE client_id=?", (client,)), 0)

    def test_same_key_different_body_is_key_reuse(self):
        client = h.new_client_id()
        args = h.pickup_order_args()
        key = "key-reuse-" + h.new_secret()
        first = h.push(self.url, client, [h.mutation(1, "place_order", args, key=key)]).json()
        self.assertEqual(first["results"][0]["status"], "ok")
        changed = dict(args, order_id=h.new_order_id())
        second = h.push(self.url, client, [h.mutation(2, "place_order", changed, key=key)])
        self.assertEqual(second.status, 200)
        result = second.json()["results"][0]
        self.assertEqual((result["status"], result["code"], result["field"]), ("rejected", "key_reuse", "key"))
        self.assertEqual(self.orders(changed["order_id"]), 0)
        self.assertEqual(second.json()["last_mutation_id"], 2, "a rejection still consumes the id")

    def test_same_key_same_body_from_another_client_is_one_order(self):
        args = h.pickup_order_args()
        key = "two-tabs-" + h.new_secret()
        a = h.push(self.url, h.new_client_id(), [h.mutation(1, "place_order", args, key=key)]).json()
        b = h.push(self.url, h.new_client_id(), [h.mutation(1, "place_order", args, key=key)]).json()
        self.assertEqual(a["results"][0]["status"], "ok")
        self.assertEqual(b["results"][0], a["results"][0])
        self.assertEqual(self.orders(args["order_id"]), 1)

    def test_same_order_id_with_a_new_key_is_rejected(self):
        args = h.pickup_order_args()
        h.push(self.url, h.new_client_id(), [h.mutation(1, "place_order", args)])
        result = h.push(self.url, h.new_client_id(), [h.mutation(1, "place_order", args)]).json()["results"][0]
        self.assertEqual(result["code"], "order_exists")
        self.assertEqual(self.orders(args["order_id"]), 1)

    def test_id_reused_with_another_key_is_reported_not_run(self):
        client = h.new_client_id()
        h.push(self.url, client, [h.mutation(1, "place_order", h.pickup_order_args())])
        other = h.pickup_order_args()
        result = h.push(self.url, client, [h.mutation(1, "place_order", other)]).json()["results"][0]
        self.assertEqual(result["code"], "id_reuse")
        self.assertEqual(self.orders(other["order_id"]), 0)

    def test_concurrent_duplicates_make_one_row(self):
        client = h.new_client_id()
        m = h.mutation(1, "place_order", h.pickup_order_args())
        barrier = threading.Barrier(12)
        answers = []

        def send():
            barrier.wait()
            answers.append(h.push(self.url, client, [m]))

        threads = [threading.Thread(target=send) for _ in range(12)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual([a.status for a in answers], [200] * 12)
        results = {json.dumps(a.json()["results"][0], sort_keys=True) for a in answers}
        self.assertEqual(len(results), 1, "every duplicate sees the same result")
        self.assertEqual(self.orders(m["args"]["order_id"]), 1)
        self.assertEqual(self.server.count("SELECT COUNT(*) FROM mutations WHERE client_id=?", (client,)), 1)

    def test_concurrent_same_key_from_many_clients_makes_one_row(self):
        args = h.pickup_order_args()
        key = "race-" + h.new_secret()
        barrier = threading.Barrier(8)
        answers = []

        def send():
            barrier.wait()
            answers.append(h.push(self.url, h.new_client_id(), [h.mutation(1, "place_order", args, key=key)]))

        threads = [threading.Thread(target=send) for _ in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual({a.json()["results"][0]["status"] for a in answers}, {"ok"})
        self.assertEqual(self.orders(args["order_id"]), 1)

    def test_lost_reply_after_commit_then_retry_gives_one_row(self):
        client = h.new_client_id()
        m = h.mutation(1, "place_order", h.pickup_order_args())
        body = json.dumps({"push_version": 1, "client_id": client, "mutations": [m], "cookie": None}).encode()
        port = int(self.url.rsplit(":", 1)[1])
        sock = socket.create_connection(("127.0.0.1", port))
        sock.sendall(b"POST /api/sync HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                     b"Content-Length: %d\r\n\r\n" % len(body) + body)
        sock.close()  # the reply is lost: the phone lost its signal right after sending
        deadline = time.monotonic() + 10
        while self.orders(m["args"]["order_id"]) == 0 and time.monotonic() < deadline:
            time.sleep(0.02)
        self.assertEqual(self.orders(m["args"]["order_id"]), 1, "the server committed the push")
        retry = h.push(self.url, client, [m])
        self.assertEqual(retry.status, 200)
        self.assertEqual(retry.json()["results"][0]["status"], "ok")
        self.assertEqual(retry.json()["results"][0]["order_id"], m["args"]["order_id"])
        self.assertEqual(self.orders(m["args"]["order_id"]), 1)

    def test_unknown_mutation_is_rejected_per_mutation_and_consumes_the_id(self):
        client = h.new_client_id()
        response = h.push(self.url, client, [h.mutation(1, "drop_tables", {"all": True}),
                                             h.mutation(2, "place_order", h.pickup_order_args())])
        self.assertEqual(response.status, 200)
        results = response.json()["results"]
        self.assertEqual((results[0]["status"], results[0]["code"]), ("rejected", "unknown_mutation"))
        self.assertIn("drop_tables", results[0]["message"])
        self.assertEqual(results[1]["status"], "ok")
        self.assertEqual(response.json()["last_mutation_id"], 2)

    def test_vendor_mutation_without_token_is_401_and_writes_nothing(self):
        client = h.new_client_id()
        counts = self.server.row_counts()
        response = h.push(self.url, client, [h.mutation(1, "set_price", {"product_id": "pasar-tugu.s1.p1",
                                                                         "price_rp": 2500})])
        self.assertEqual(response.status, 401)
        self.assertEqual(response.json()["error"]["code"], "unauthorized")
        self.assertEqual(self.server.row_counts(), counts)
        response = h.push(self.url, client, [h.mutation(1, "set_price", {"product_id": "pasar-tugu.s1.p1",
                                                                         "price_rp": 2500})], token="not-a-token")
        self.assertEqual(response.status, 401)

    def test_pull_without_mutations_reports_state_and_creates_no_client(self):
        client = h.new_client_id()
        response = h.push(self.url, client, [])
        self.assertEqual(response.status, 200)
        body = response.json()
        self.assertEqual((body["last_mutation_id"], body["results"]), (0, []))
        self.assertEqual(body["patch"][0]["op"], "catalog_version")
        self.assertEqual(self.server.count("SELECT COUNT(*) FROM clients WHERE client_id=?", (client,)), 0)

    def test_cookie_limits_the_patch_to_newer_changes(self):
        client = h.new_client_id()
        first = h.push(self.url, client, [h.mutation(1, "place_order", h.pickup_order_args())]).json()
        later = h.push(self.url, client, [], cookie=first["cookie"]).json()
        self.assertEqual([p for p in later["patch"] if p["op"] == "order"], [])
        future = h.push(self.url, client, [], cookie=first["cookie"] + 10 ** 6).json()
        self.assertEqual(future["patch"][0]["op"], "catalog_reset", "a cookie from a newer database resets")
        self.assertEqual(len([p for p in future["patch"] if p["op"] == "order"]), 1)

    def test_cancel_order_needs_the_secret(self):
        client = h.new_client_id()
        args = h.pickup_order_args()
        h.push(self.url, client, [h.mutation(1, "place_order", args)])
        wrong = h.push(self.url, client, [h.mutation(2, "cancel_order", {"order_id": args["order_id"],
                                                                         "secret": h.new_secret()})]).json()
        self.assertEqual(wrong["results"][0]["code"], "not_found")
        right = h.push(self.url, client, [h.mutation(3, "cancel_order", {"order_id": args["order_id"],
                                                                         "secret": args["secret"],
                                                                         "reason": "salah pesan"})]).json()
        self.assertEqual((right["results"][0]["status"], right["results"][0]["order_status"]), ("ok", "cancelled"))
        entry = [p for p in right["patch"] if p["op"] == "order" and p["order_id"] == args["order_id"]][0]
        self.assertEqual(entry["status"], "cancelled")

    def test_many_mutations_in_one_push_are_one_transaction(self):
        client = h.new_client_id()
        mutations = [h.mutation(i, "place_order", h.pickup_order_args()) for i in range(1, 51)]
        response = h.push(self.url, client, mutations)
        self.assertEqual(response.status, 200)
        self.assertEqual(response.json()["last_mutation_id"], 50)
        versions = self.server.count("SELECT COUNT(DISTINCT placed_version) FROM orders WHERE client_id=?", (client,))
        self.assertEqual(versions, 1, "one push shares one version")

    def test_a_refused_push_in_a_shared_batch_leaves_the_others_intact(self):
        barrier = threading.Barrier(16)
        answers = {}
        gap_client = h.new_client_id()

        def send(i):
            barrier.wait()
            if i == 0:
                answers[i] = h.push(self.url, gap_client, [h.mutation(7, "place_order", h.pickup_order_args())])
            else:
                answers[i] = h.push(self.url, h.new_client_id(), [h.mutation(1, "place_order", h.pickup_order_args()),
                                                                h.mutation(2, "place_order", h.pickup_order_args())])

        threads = [threading.Thread(target=send, args=(i,)) for i in range(16)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(answers[0].status, 409)
        self.assertEqual({answers[i].status for i in range(1, 16)}, {200})
        self.assertEqual(self.server.count("SELECT COUNT(*) FROM clients WHERE client_id=?", (gap_client,)), 0)
        for i in range(1, 16):
            for result in answers[i].json()["results"]:
                self.assertEqual(self.orders(result["order_id"]), 1)
        cookies = [answers[i].json()["cookie"] for i in range(1, 16)]
        self.assertEqual(len(set(cookies)), 15, "each push has its own version even inside one COMMIT")

    def test_keep_alive_connection_serves_many_pushes(self):
        client = h.new_client_id()
        port = int(self.url.rsplit(":", 1)[1])
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        cookie = None
        for i in range(1, 6):
            body = json.dumps({"push_version": 1, "client_id": client, "cookie": cookie,
                               "mutations": [h.mutation(i, "place_order", h.pickup_order_args())]})
            conn.request("POST", "/api/sync", body, {"Content-Type": "application/json"})
            response = conn.getresponse()
            payload = json.loads(response.read())
            self.assertEqual(response.status, 200)
            cookie = payload["cookie"]
        conn.close()
        self.assertEqual(self.server.count("SELECT COUNT(*) FROM orders WHERE client_id=?", (client,)), 5)



class OneTransactionPerPushSyncTest(SyncTest):
    """The same contract with --no-group-commit: every push in a transaction of its own."""

    @classmethod
    def setUpClass(cls):
        cls.server = h.fresh_server(extra_args=["--no-group-commit"])
        cls.url = cls.server.base_url


if __name__ == "__main__":
    unittest.main()
