"""Accounts: sign-in, lockout, token expiry and revocation, who may see and touch what."""

import os
import stat
import time
import unittest

from tests.server import helpers as h


class AuthTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = h.FreshServer()
        cls.url = cls.server.base_url

    @classmethod
    def tearDownClass(cls):
        cls.server.Stop()

    def test_vendor_and_staff_sign_in(self):
        vendor = h.login(self.url, stall_code="pasar-tugu.s1")
        self.assertEqual(vendor.status, 200, vendor.body)
        body = vendor.Json()
        self.assertEqual((body["role"], body["stall_id"], body["market_id"]), ("vendor", "pasar-tugu.s1", "pasar-tugu"))
        self.assertGreaterEqual(len(body["token"]), 43, "32 random bytes")
        staff = h.login(self.url, username="staff.pasar-tugu").Json()
        self.assertEqual((staff["role"], staff["stall_id"], staff["market_id"]), ("staff", None, "pasar-tugu"))
        stored = self.server.Count("SELECT COUNT(*) FROM tokens WHERE token_sha256=?",
                                   (__import__("hashlib").sha256(body["token"].encode()).hexdigest(),))
        self.assertEqual(stored, 1, "tokens are stored as SHA-256 only")

    def test_secrets_are_stored_as_pbkdf2_with_per_account_salt(self):
        self.assertEqual(self.server.Count("SELECT MIN(secret_iterations) FROM accounts"), 600000)
        self.assertEqual(self.server.Count("SELECT COUNT(DISTINCT secret_salt) FROM accounts"),
                         self.server.Count("SELECT COUNT(*) FROM accounts"))
        self.assertEqual(self.server.Count("SELECT COUNT(DISTINCT secret_hash) FROM accounts"),
                         self.server.Count("SELECT COUNT(*) FROM accounts"), "same PIN, different hashes")

    def test_unknown_stall_and_malformed_pin(self):
        response = h.login(self.url, stall_code="pasar-tugu.s99")
        self.assertEqual((response.status, response.Json()["error"]["code"]), (401, "invalid_credentials"))
        response = h.PostJson(self.url, "/api/login", {"stall_code": "pasar-tugu.s1", "pin": "12ab"})
        self.assertEqual((response.status, response.Json()["error"]["field"]), (400, "pin"))
        response = h.PostJson(self.url, "/api/login", {"nothing": 1})
        self.assertEqual(response.status, 400)

    def test_wrong_pin_slows_down_then_locks(self):
        stall = "kud-mina-jaya.s1"
        started = time.monotonic()
        for attempt in range(1, 6):
            response = h.login(self.url, stall_code=stall, secret="000000")
            self.assertEqual((response.status, response.Json()["error"]["code"]), (401, "invalid_credentials"),
                             attempt)
        self.assertGreater(time.monotonic() - started, 2.0, "failures are answered slowly")
        locked = h.login(self.url, stall_code=stall)
        self.assertEqual((locked.status, locked.Json()["error"]["code"]), (429, "account_locked"))
        self.assertGreater(int(locked.Header("Retry-After")), 800)
        other = h.login(self.url, stall_code="pasar-gudang-lelang.s2")
        self.assertEqual(other.status, 200, "the lock is per account")

    def test_logout_revokes_the_token(self):
        token = h.Token(self.url, stall_code="pasar-tugu.s2")
        auth = {"Authorization": "Bearer " + token}
        self.assertEqual(h.Request(self.url, "GET", "/api/vendor/orders", headers=auth).status, 200)
        self.assertEqual(h.PostJson(self.url, "/api/logout", {}, auth).status, 200)
        self.assertEqual(h.Request(self.url, "GET", "/api/vendor/orders", headers=auth).status, 401)
        self.assertEqual(h.PostJson(self.url, "/api/logout", {}, auth).status, 401)
        push = h.Push(self.url, h.NewClientId(), [h.Mutation(1, "set_availability", {
            "product_id": "pasar-tugu.s2.p3", "availability": "terbatas"})], token=token)
        self.assertEqual(push.status, 401)

    def test_vendor_cannot_touch_another_stall(self):
        token = h.Token(self.url, stall_code="pasar-tugu.s1")
        push = h.Push(self.url, h.NewClientId(), [
            h.Mutation(1, "set_price", {"product_id": "pasar-tugu.s2.p1", "price_rp": 1}),
            h.Mutation(2, "set_availability", {"product_id": "pasar-gudang-lelang.s1.p1", "availability": "habis"})],
            token=token).Json()
        self.assertEqual([r["code"] for r in push["results"]], ["forbidden", "forbidden"])
        self.assertEqual(self.server.Count("SELECT price_rp FROM products WHERE id='pasar-tugu.s2.p1'"), 35000)
        order = h.CourierOrderArgs()  # only stall s2's products
        h.Push(self.url, h.NewClientId(), [h.Mutation(1, "place_order", order)])
        push = h.Push(self.url, h.NewClientId(), [
            h.Mutation(1, "set_order_status", {"order_id": order["order_id"], "status": "rejected",
                                               "reason": "habis"}),
            h.Mutation(2, "settle_weight", {"order_id": order["order_id"], "line_no": 1, "settled_qty_milli": 1})],
            token=token).Json()
        self.assertEqual([r["code"] for r in push["results"]], ["not_found", "not_found"])
        self.assertEqual(self.server.Count("SELECT status FROM orders WHERE order_id=?", (order["order_id"],)),
                         "sent")

    def test_vendor_sees_only_its_own_orders_and_buyers(self):
        own = h.PickupOrderArgs()
        own["buyer"]["phone"] = "0811-2000-0001"
        theirs = h.CourierOrderArgs()
        theirs["buyer"]["phone"] = "0811-2000-0002"
        h.Push(self.url, h.NewClientId(), [h.Mutation(1, "place_order", own), h.Mutation(2, "place_order", theirs)])
        token = h.Token(self.url, stall_code="pasar-tugu.s1")
        response = h.Request(self.url, "GET", "/api/vendor/orders", headers={"Authorization": "Bearer " + token})
        self.assertEqual(response.status, 200)
        orders = {o["order_id"]: o for o in response.Json()["orders"]}
        self.assertIn(own["order_id"], orders)
        self.assertNotIn(theirs["order_id"], orders)
        self.assertEqual(orders[own["order_id"]]["buyer"]["phone"], "+6281120000001")
        self.assertNotIn(b"81120000002", response.body, "another stall's buyer's phone never reaches this vendor")
        self.assertEqual({line["stall_id"] for o in orders.values() for line in o["lines"]}, {"pasar-tugu.s1"})

    def test_multi_stall_order_shows_each_vendor_only_its_lines(self):
        args = h.PickupOrderArgs()
        args["lines"].append({"product_id": "pasar-tugu.s2.p3", "qty_milli": 2000, "price_rp": 5000,
                              "substitution": "cancel"})
        args["quoted"] = {"subtotal_rp": 24000, "delivery_fee_rp": 0, "total_rp": 24000}
        self.assertEqual(h.Push(self.url, h.NewClientId(), [h.Mutation(1, "place_order", args)])
                         .Json()["results"][0]["status"], "ok")
        token = h.Token(self.url, stall_code="pasar-tugu.s2")
        orders = h.Request(self.url, "GET", "/api/vendor/orders",
                           headers={"Authorization": "Bearer " + token}).Json()["orders"]
        mine = [o for o in orders if o["order_id"] == args["order_id"]][0]
        self.assertEqual([line["product_id"] for line in mine["lines"]], ["pasar-tugu.s2.p3"])
        self.assertEqual(mine["stall_subtotal_rp"], 10000)
        self.assertEqual([s["stall_id"] for s in mine["stalls"]], ["pasar-tugu.s2"])

    def test_staff_see_their_market_only(self):
        tugu = h.PickupOrderArgs()
        h.Push(self.url, h.NewClientId(), [h.Mutation(1, "place_order", tugu)])
        token = h.Token(self.url, username="staff.pasar-gudang-lelang")
        orders = h.Request(self.url, "GET", "/api/vendor/orders",
                           headers={"Authorization": "Bearer " + token}).Json()["orders"]
        self.assertNotIn(tugu["order_id"], [o["order_id"] for o in orders])
        token = h.Token(self.url, username="staff.pasar-tugu")
        orders = h.Request(self.url, "GET", "/api/vendor/orders",
                           headers={"Authorization": "Bearer " + token}).Json()["orders"]
        self.assertIn(tugu["order_id"], [o["order_id"] for o in orders])

    def test_vendor_orders_need_a_token_and_page_by_version(self):
        self.assertEqual(h.Request(self.url, "GET", "/api/vendor/orders").status, 401)
        token = h.Token(self.url, username="staff.pasar-tugu")
        page = h.Request(self.url, "GET", "/api/vendor/orders?since=abc",
                         headers={"Authorization": "Bearer " + token})
        self.assertEqual((page.status, page.Json()["error"]["field"]), (400, "since"))
        first = h.Request(self.url, "GET", "/api/vendor/orders", headers={"Authorization": "Bearer " + token}).Json()
        later = h.Request(self.url, "GET", "/api/vendor/orders?since=%d" % first["next_since"],
                          headers={"Authorization": "Bearer " + token}).Json()
        self.assertEqual(later["orders"], [])

    def test_buyer_reads_own_order_by_secret_and_ids_cannot_be_probed(self):
        args = h.CourierOrderArgs()
        h.Push(self.url, h.NewClientId(), [h.Mutation(1, "place_order", args)])
        ok = h.Request(self.url, "GET", "/api/orders/" + args["order_id"], headers={"X-Order-Secret": args["secret"]})
        self.assertEqual(ok.status, 200)
        self.assertEqual((ok.Json()["total_rp"], ok.Json()["buyer"]["phone"]), (78500, "+6281311112222"))
        answers = [
            h.Request(self.url, "GET", "/api/orders/" + args["order_id"], headers={"X-Order-Secret": h.NewSecret()}),
            h.Request(self.url, "GET", "/api/orders/" + args["order_id"]),
            h.Request(self.url, "GET", "/api/orders/" + h.NewOrderId(), headers={"X-Order-Secret": args["secret"]}),
            h.Request(self.url, "GET", "/api/orders/..%2F..%2Fetc", headers={"X-Order-Secret": args["secret"]}),
        ]
        self.assertEqual({a.status for a in answers}, {404})
        self.assertEqual(len({a.body for a in answers}), 1, "wrong id and wrong secret look the same")


class TokenExpiryAndSeedTest(unittest.TestCase):
    def test_token_expires(self):
        server = h.FreshServer(extra_args=["--token-ttl-s", "1"])
        try:
            token = h.Token(server.base_url, stall_code="pasar-tugu.s1")
            auth = {"Authorization": "Bearer " + token}
            self.assertEqual(h.Request(server.base_url, "GET", "/api/vendor/orders", headers=auth).status, 200)
            time.sleep(1.3)
            self.assertEqual(h.Request(server.base_url, "GET", "/api/vendor/orders", headers=auth).status, 401)
        finally:
            server.Stop()

    def test_seed_credentials_written_private_and_printed_once(self):
        data_dir = h.TempDir("seed-")
        first = h.ServerProcess(data_dir, extra_args=h.GENEROUS_RATES).Start()
        first.Stop()
        path = os.path.join(data_dir, "seed_credentials.txt")
        self.assertEqual(stat.S_IMODE(os.stat(path).st_mode), 0o600)
        with open(path, encoding="utf-8") as f:
            text = f.read()
        self.assertIn("vendor\tpasar-tugu.s1\t%s\t" % h.SEED_PIN, text)
        self.assertIn("staff\tstaff.kud-mina-jaya\t", text)
        printed = "".join(first.stdout_lines)
        self.assertIn("pasar-gudang-lelang.s2", printed)
        self.assertEqual(stat.S_IMODE(os.stat(os.path.join(data_dir, "pasar.sqlite3")).st_mode), 0o600)
        second = h.ServerProcess(data_dir, extra_args=h.GENEROUS_RATES).Start()
        second.Stop()
        self.assertNotIn("pasar-gudang-lelang.s2", "".join(second.stdout_lines), "shown once only")

    def test_generated_pins_differ_per_stall(self):
        import subprocess
        import sys
        data_dir = h.TempDir("pins-")
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
