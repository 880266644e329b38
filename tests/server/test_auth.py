"""Accounts: sign-in, lockout, token expiry and revocation, who may see and touch what."""

import os
import stat
import time
import unittest

from tests.server import helpers as h


class AuthTest(h.ServerTestCase):
    def test_vendor_and_staff_sign_in(self):
        vendor = h.login(self.url, stall_code="pasar-tugu.s1")
        self.assertEqual(vendor.status, 200, vendor.body)
        body = vendor.json()
        self.assertEqual((body["role"], body["stall_id"], body["market_id"]), ("vendor", "pasar-tugu.s1", "pasar-tugu"))
        self.assertGreaterEqual(len(body["token"]), 43, "32 random bytes")
        staff = h.login(self.url, username="staff.pasar-tugu").json()
        self.assertEqual((staff["role"], staff["stall_id"], staff["market_id"]), ("staff", None, "pasar-tugu"))
        stored = self.server.count("SELECT COUNT(*) FROM tokens WHERE token_sha256=?",
                                   (__import__("hashlib").sha256(body["token"].encode()).hexdigest(),))
        self.assertEqual(stored, 1, "tokens are stored as SHA-256 only")

    def test_secrets_are_stored_as_pbkdf2_with_per_account_salt(self):
        self.assertEqual(self.server.count("SELECT MIN(secret_iterations) FROM accounts"), 600000)
        self.assertEqual(self.server.count("SELECT COUNT(DISTINCT secret_salt) FROM accounts"),
                         self.server.count("SELECT COUNT(*) FROM accounts"))
        self.assertEqual(self.server.count("SELECT COUNT(DISTINCT secret_hash) FROM accounts"),
                         self.server.count("SELECT COUNT(*) FROM accounts"), "same PIN, different hashes")

    def test_unknown_stall_and_malformed_pin(self):
        response = h.login(self.url, stall_code="pasar-tugu.s99")
        self.assertEqual((response.status, response.json()["error"]["code"]), (401, "invalid_credentials"))
        response = h.post_json(self.url, "/api/login", {"stall_code": "pasar-tugu.s1", "pin": "12ab"})
        self.assertEqual((response.status, response.json()["error"]["field"]), (400, "pin"))
        response = h.post_json(self.url, "/api/login", {"nothing": 1})
        self.assertEqual(response.status, 400)

    def test_wrong_pin_slows_down_then_locks(self):
        stall = "kud-mina-jaya.s1"
        started = time.monotonic()
        for attempt in range(1, 6):
            response = h.login(self.url, stall_code=stall, secret="000000")
            self.assertEqual((response.status, response.json()["error"]["code"]), (401, "invalid_credentials"),
                             attempt)
        self.assertGreater(time.monotonic() - started, 2.0, "failures are answered slowly")
        locked = h.login(self.url, stall_code=stall)
        self.assertEqual((locked.status, locked.json()["error"]["code"]), (429, "account_locked"))
        self.assertGreater(int(locked.header("Retry-After")), 800)
        other = h.login(self.url, stall_code="pasar-gudang-lelang.s2")
        self.assertEqual(other.status, 200, "the lock is per account")

    def test_logout_revokes_the_token(self):
        token = h.token(self.url, stall_code="pasar-tugu.s2")
        auth = {"Authorization": "Bearer " + token}
        self.assertEqual(h.request(self.url, "GET", "/api/vendor/orders", headers=auth).status, 200)
        self.assertEqual(h.post_json(self.url, "/api/logout", {}, auth).status, 200)
        self.assertEqual(h.request(self.url, "GET", "/api/vendor/orders", headers=auth).status, 401)
        self.assertEqual(h.post_json(self.url, "/api/logout", {}, auth).status, 401)
        push = h.push(self.url, h.new_client_id(), [h.mutation(1, "set_availability", {
            "product_id": "pasar-tugu.s2.p3", "availability": "terbatas"})], token=token)
        self.assertEqual(push.status, 401)

    def test_vendor_cannot_touch_another_stall(self):
        token = h.token(self.url, stall_code="pasar-tugu.s1")
        push = h.push(self.url, h.new_client_id(), [
            h.mutation(1, "set_price", {"product_id": "pasar-tugu.s2.p1", "price_rp": 1}),
            h.mutation(2, "set_availability", {"product_id": "pasar-gudang-lelang.s1.p1", "availability": "habis"})],
            token=token).json()
        self.assertEqual([r["code"] for r in push["results"]], ["forbidden", "forbidden"])
        self.assertEqual(self.server.count("SELECT price_rp FROM products WHERE id='pasar-tugu.s2.p1'"), 35000)
        order = h.courier_order_args()  # only stall s2's products
        h.push(self.url, h.new_client_id(), [h.mutation(1, "place_order", order)])
        push = h.push(self.url, h.new_client_id(), [
            h.mutation(1, "set_order_status", {"order_id": order["order_id"], "status": "rejected",
                                               "reason": "habis"}),
            h.mutation(2, "settle_weight", {"order_id": order["order_id"], "line_no": 1, "settled_qty_milli": 1})],
            token=token).json()
        self.assertEqual([r["code"] for r in push["results"]], ["not_found", "not_found"])
        self.assertEqual(self.server.count("SELECT status FROM orders WHERE order_id=?", (order["order_id"],)),
                         "sent")

    def test_vendor_sees_only_its_own_orders_and_buyers(self):
        own = h.pickup_order_args()
        own["buyer"]["phone"] = "0811-2000-0001"
        theirs = h.courier_order_args()
        theirs["buyer"]["phone"] = "0811-2000-0002"
        h.push(self.url, h.new_client_id(), [h.mutation(1, "place_order", own), h.mutation(2, "place_order", theirs)])
        token = h.token(self.url, stall_code="pasar-tugu.s1")
        response = h.request(self.url, "GET", "/api/vendor/orders", headers={"Authorization": "Bearer " + token})
        self.assertEqual(response.status, 200)
        orders = {o["order_id"]: o for o in response.json()["orders"]}
        self.assertIn(own["order_id"], orders)
        self.assertNotIn(theirs["order_id"], orders)
        self.assertEqual(orders[own["order_id"]]["buyer"]["phone"], "+6281120000001")
        self.assertNotIn(b"81120000002", response.body, "another stall's buyer's phone never reaches this vendor")
        self.assertEqual({line["stall_id"] for o in orders.values() for line in o["lines"]}, {"pasar-tugu.s1"})

    def test_multi_stall_order_shows_each_vendor_only_its_lines(self):
        args = h.pickup_order_args()
        args["lines"].append({"product_id": "pasar-tugu.s2.p3", "qty_milli": 2000, "price_rp": 5000,
                              "substitution": "cancel"})
        args["quoted"] = {"subtotal_rp": 24000, "delivery_fee_rp": 0, "total_rp": 24000}
        self.assertEqual(h.push(self.url, h.new_client_id(), [h.mutation(1, "place_order", args)])
                         .json()["results"][0]["status"], "ok")
        token = h.token(self.url, stall_code="pasar-tugu.s2")
        orders = h.request(self.url, "GET", "/api/vendor/orders",
                           headers={"Authorization": "Bearer " + token}).json()["orders"]
        mine = [o for o in orders if o["order_id"] == args["order_id"]][0]
        self.assertEqual([line["product_id"] for line in mine["lines"]], ["pasar-tugu.s2.p3"])
        self.assertEqual(mine["stall_subtotal_rp"], 10000)
        self.assertEqual([s["stall_id"] for s in mine["stalls"]], ["pasar-tugu.s2"])

    def test_staff_see_their_market_only(self):
        tugu = h.pickup_order_args()
        h.push(self.url, h.new_client_id(), [h.mutation(1, "place_order", tugu)])
        token = h.token(self.url, username="staff.pasar-gudang-lelang")
        orders = h.request(self.url, "GET", "/api/vendor/orders",
                           headers={"Authorization": "Bearer " + token}).json()["orders"]
        self.assertNotIn(tugu["order_id"], [o["order_id"] for o in orders])
        token = h.token(self.url, username="staff.pasar-tugu")
        orders = h.request(self.url, "GET", "/api/vendor/orders",
                           headers={"Authorization": "Bearer " + token}).json()["orders"]
        self.assertIn(tugu["order_id"], [o["order_id"] for o in orders])

    def test_vendor_orders_need_a_token_and_page_by_version(self):
        self.assertEqual(h.request(self.url, "GET", "/api/vendor/orders").status, 401)
        token = h.token(self.url, username="staff.pasar-tugu")
        page = h.request(self.url, "GET", "/api/vendor/orders?since=abc",
                         headers={"Authorization": "Bearer " + token})
        self.assertEqual((page.status, page.json()["error"]["field"]), (400, "since"))
        first = h.request(self.url, "GET", "/api/vendor/orders", headers={"Authorization": "Bearer " + token}).json()
        later = h.request(self.url, "GET", "/api/vendor/orders?since=%d" % first["next_since"],
                          headers={"Authorization": "Bearer " + token}).json()
        self.assertEqual(later["orders"], [])

    def test_buyer_reads_own_order_by_secret_and_ids_cannot_be_probed(self):
        args = h.courier_order_args()
        h.push(self.url, h.new_client_id(), [h.mutation(1, "place_order", args)])
        ok = h.request(self.url, "GET", "/api/orders/" + args["order_id"], headers={"X-Order-Secret": args["secret"]})
        self.assertEqual(ok.status, 200)
        self.assertEqual((ok.json()["total_rp"], ok.json()["buyer"]["phone"]), (78500, "+6281311112222"))
        answers = [
            h.request(self.url, "GET", "/api/orders/" + args["order_id"], headers={"X-Order-Secret": h.new_secret()}),
            h.request(self.url, "GET", "/api/orders/" + args["order_id"]),
            h.request(self.url, "GET", "/api/orders/" + h.new_order_id(), headers={"X-Order-Secret": args["secret"]}),
            h.request(self.url, "GET", "/api/orders/..%2F..%2Fetc", headers={"X-Order-Secret": args["secret"]}),
        ]
        self.assertEqual({a.status for a in answers}, {404})
        self.assertEqual(len({a.body for a in answers}), 1, "wrong id and wrong secret look the same")


class TokenExpiryAndSeedTest(unittest.TestCase):
    def test_token_expires(self):
        server = h.fresh_server(extra_args=["--token-ttl-s", "4"])
        try:
            token = h.token(server.base_url, stall_code="pasar-tugu.s1")
            auth = {"Authorization": "Bearer " + token}
            self.assertEqual(h.request(server.base_url, "GET", "/api/vendor/orders", headers=auth).status, 200)
            time.sleep(4.3)  # 4 s: a loaded machine may take over 1 s to answer the first request
            self.assertEqual(h.request(server.base_url, "GET", "/api/vendor/orders", headers=auth).status, 401)
        finally:
            server.stop()

    def test_seed_credentials_written_private_and_printed_once(self):
        data_dir = h.temp_dir("seed-")
        first = h.ServerProcess(data_dir, extra_args=h.GENEROUS_RATES).start()
        first.stop()
        path = os.path.join(data_dir, "seed_credentials.txt")
        self.assertEqual(stat.S_IMODE(os.stat(path).st_mode), 0o600)
        with open(path, encoding="utf-8") as f:
            text = f.read()
        self.assertIn("vendor\tpasar-tugu.s1\t%s\t" % h.SEED_PIN, text)
        self.assertIn("staff\tstaff.kud-mina-jaya\t", text)
        printed = "".join(first.stdout_lines)
        self.assertIn("pasar-gudang-lelang.s2", printed)
        self.assertEqual(stat.S_IMODE(os.stat(os.path.join(data_dir, "pasar.sqlite3")).st_mode), 0o600)
        second = h.ServerProcess(data_dir, extra_args=h.GENEROUS_RATES).start()
        second.stop()
        self.assertNotIn("pasar-gudang-lelang.s2", "".join(second.stdout_lines), "shown once only")

    def test_generated_pins_differ_per_stall(self):
        import subprocess
        import sys
        data_dir = h.temp_dir("pins-")
        proc = subprocess.Popen([sys.executable, h.SERVE_PY, "--port", "0", "--data-dir", data_dir, "--catalog-dir",
                                 h.FIXTURE_CATALOG, "--web-dir", data_dir], stdout=subprocess.PIPE, text=True)
        try:
            for line in proc.stdout:
                if "serving http" in line:
                    break
        finally:
            proc.terminate()
            proc.wait()
            proc.stdout.close()
        with open(os.path.join(data_dir, "seed_credentials.txt"), encoding="utf-8") as f:
            rows = [line.split("\t") for line in f if line.startswith("vendor")]
        pins = [r[2] for r in rows]
        self.assertTrue(all(len(p) == 6 and p.isdigit() for p in pins))
        self.assertGreater(len(set(pins)), 1)


if __name__ == "__main__":
    unittest.main()
