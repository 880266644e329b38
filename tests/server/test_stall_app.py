"""The stall app's server side (issue 14): sign-in that strangers cannot block, PIN change, price conflicts
between two phones of one stall, "harga hari ini sama" per market day (WIB), closing until a time, adding
and hiding products, reason codes, the answer window and the pause after three misses (on the test clock)."""

import http.client
import json
import os
import unittest
import urllib.parse

from tests.server import helpers as h
from tests.server import test_vendor


class Device(test_vendor.Device):
    """A phone whose pulls carry its token too (a stall's pull is scoped by its account)."""

    def pull(self, from_start=False):
        response = h.push(self.url, self.client_id, [], cookie=None if from_start else self.cookie, token=self.token)
        assert response.status == 200, response.body
        body = response.json()
        self.cookie = body["cookie"]
        return body["patch"]

# 2026-11-29 23:30 WIB (16:30 UTC): half an hour before a market day ends, while UTC stays on the 29th
# for 7.5 more hours; the day boundary tests need exactly this.
LATE_EVENING_S = 1795969800
ANSWER_WINDOW_MS = 15 * 60 * 1000


def login_from(url, source_ip, stall_code, pin, device_key=None):
    """POST /api/login from a given loopback address (the server sees it as the request's source)."""
    parts = urllib.parse.urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60, source_address=(source_ip, 0))
    body = {"stall_code": stall_code, "pin": pin}
    if device_key:
        body["device_key"] = device_key
    try:
        conn.request("POST", "/api/login", json.dumps(body), {"Content-Type": "application/json"})
        response = conn.getresponse()
        return response.status, json.loads(response.read())
    finally:
        conn.close()


def move_clock(url, seconds):
    response = h.post_json(url, "/api/test/clock", {"advance_s": seconds})
    assert response.status == 200, response.body
    return response.json()["now_ms"]


def tugu_s1_order():
    """One ikat of kangkung from pasar-tugu.s1, for pickup: Rp2.000."""
    args = h.pickup_order_args()
    args["lines"] = args["lines"][:1]
    args["lines"][0]["qty_milli"] = 1000
    args["quoted"] = {"subtotal_rp": 2000, "delivery_fee_rp": 0, "total_rp": 2000}
    return args


class StallAppTest(unittest.TestCase):
    """Each test gets its own server on a fixed test clock, so prices and timers start clean."""

    def setUp(self):
        self.server = h.fresh_server(extra_args=["--test-clock", "fixed:%d" % LATE_EVENING_S])
        self.url = self.server.base_url

    def tearDown(self):
        self.server.stop()

    def device(self, stall_code=None, username=None):
        return Device(self.url, h.token(self.url, stall_code=stall_code, username=username))

    def place(self, args):
        buyer = Device(self.url)
        result = buyer.push("place_order", args)
        self.assertEqual(result["status"], "ok", result)
        return buyer, result

    # ---- sign-in --------------------------------------------------------------------------------------

    def test_strangers_wrong_pins_do_not_stop_the_vendors_phone(self):
        stall, phone_key = "pasar-tugu.s1", "phone-key-" + os.urandom(12).hex()
        status, body = login_from(self.url, "127.0.0.1", stall, h.SEED_PIN, phone_key)
        self.assertEqual((status, body["device_known"]), (200, True))
        for attempt in range(5):
            status, body = login_from(self.url, "127.0.0.2", stall, "000000")
            self.assertEqual((status, body["error"]["code"]), (401, "invalid_credentials"))
            self.assertEqual(body["error"]["attempts_left"], 4 - attempt)
        status, body = login_from(self.url, "127.0.0.2", stall, h.SEED_PIN)
        self.assertEqual((status, body["error"]["code"], body["error"]["lock_scope"]), (429, "account_locked", "source"))
        self.assertEqual(body["error"]["retry_after_s"], 15 * 60 + 1)
        status, _ = login_from(self.url, "127.0.0.1", stall, h.SEED_PIN, phone_key)
        self.assertEqual(status, 200, "the vendor's phone signs in while the stranger waits")
        status, _ = login_from(self.url, "127.0.0.1", stall, h.SEED_PIN)
        self.assertEqual(status, 200, "another address is another source, even without the device key")
        # Strangers from many addresses: 20 failures in all lock every unknown source, never a known phone.
        for source in ("127.0.0.3", "127.0.0.4", "127.0.0.5"):
            for _ in range(5):
                self.assertEqual(login_from(self.url, source, stall, "000000")[0], 401)
        status, body = login_from(self.url, "127.0.0.6", stall, h.SEED_PIN)
        self.assertEqual((status, body["error"]["lock_scope"]), (429, "strangers"))
        status, _ = login_from(self.url, "127.0.0.6", stall, h.SEED_PIN, phone_key)
        self.assertEqual(status, 200, "the phone that signed in before gets through from any address")
        move_clock(self.url, 15 * 60 + 2)
        self.assertEqual(login_from(self.url, "127.0.0.2", stall, h.SEED_PIN)[0], 200, "the wait ends on time")

    def test_a_token_that_expired_offline_loses_nothing(self):
        phone_key = "phone-key-" + os.urandom(12).hex()
        status, body = login_from(self.url, "127.0.0.1", "pasar-tugu.s1", h.SEED_PIN, phone_key)
        vendor = Device(self.url, body["token"])
        move_clock(self.url, 12 * 3600 + 1)  # a day at the market without signal
        outbox = [h.mutation(1, "set_availability", {"product_id": "pasar-tugu.s1.p3", "availability": "terbatas"}),
                  h.mutation(2, "confirm_prices", {})]
        refused = h.push(self.url, vendor.client_id, outbox, token=vendor.token)
        self.assertEqual((refused.status, refused.json()["error"]["code"], refused.json()["error"]["action"]),
                         (401, "unauthorized", "sign_in"))
        status, body = login_from(self.url, "127.0.0.1", "pasar-tugu.s1", h.SEED_PIN, phone_key)
        sent = h.push(self.url, vendor.client_id, outbox, token=body["token"])
        self.assertEqual([r["status"] for r in sent.json()["results"]], ["ok", "ok"])
        self.assertEqual(sent.json()["results"][1]["market_day"], "2026-11-30")

    def test_change_pin(self):
        stall = "pasar-tugu.s2"
        first, second = self.device(stall_code=stall), self.device(stall_code=stall)
        auth = {"Authorization": "Bearer " + first.token}
        wrong = h.post_json(self.url, "/api/change_pin", {"pin": "999999", "new_pin": "135790"}, auth)
        self.assertEqual((wrong.status, wrong.json()["error"]["code"]), (403, "wrong_pin"))
        short = h.post_json(self.url, "/api/change_pin", {"pin": h.SEED_PIN, "new_pin": "1357"}, auth)
        self.assertEqual((short.status, short.json()["error"]["code"]), (400, "invalid_pin"))
        self.assertEqual(h.post_json(self.url, "/api/change_pin", {"pin": h.SEED_PIN, "new_pin": "135790"}).status,
                         401)
        done = h.post_json(self.url, "/api/change_pin", {"pin": h.SEED_PIN, "new_pin": "135790"}, auth)
        self.assertEqual((done.status, done.json()), (200, {"ok": True, "other_sessions_ended": 1}))
        self.assertEqual(h.login(self.url, stall_code=stall).status, 401, "the old PIN no longer signs in")
        self.assertEqual(h.login(self.url, stall_code=stall, secret="135790").status, 200)
        self.assertEqual(first.push("set_availability", {"product_id": "pasar-tugu.s2.p1",
                                                         "availability": "terbatas"})["status"], "ok")
        stale = h.push(self.url, second.client_id, [h.mutation(1, "set_availability", {
            "product_id": "pasar-tugu.s2.p1", "availability": "habis"})], token=second.token)
        self.assertEqual((stale.status, stale.json()["error"]["action"]), (401, "sign_in"))

    # ---- prices ---------------------------------------------------------------------------------------

    def test_two_phones_price_conflict(self):
        phone_a, phone_b = self.device(stall_code="pasar-tugu.s1"), self.device(stall_code="pasar-tugu.s1")
        product = "pasar-tugu.s1.p2"  # cabai merah keriting, Rp40.000/kg
        ok = phone_a.push("set_price", {"product_id": product, "price_rp": 42000, "seen_price_rp": 40000})
        self.assertEqual(ok["status"], "ok", ok)
        version = h.request(self.url, "GET", "/api/health").json()["version"]
        moved = phone_b.push("set_price", {"product_id": product, "price_rp": 45000, "seen_price_rp": 40000})
        self.assertEqual((moved["status"], moved["code"], moved["current_price_rp"], moved["field"]),
                         ("rejected", "price_moved", 42000, "args.seen_price_rp"))
        self.assertEqual(h.request(self.url, "GET", "/api/health").json()["version"], version,
                         "a conflict changes nothing")
        agreed = phone_b.push("set_price", {"product_id": product, "price_rp": 42000, "seen_price_rp": 40000})
        self.assertEqual(agreed["status"], "ok", "typing the price that stands is no conflict")
        decided = phone_b.push("set_price", {"product_id": product, "price_rp": 45000, "seen_price_rp": 42000})
        self.assertEqual(decided["price_rp"], 45000)
        products = [p for p in Device(self.url).pull(from_start=True) if p["op"] == "product"]
        self.assertEqual([(p["product_id"], p["price_rp"]) for p in products], [(product, 45000)])

    def test_harga_hari_ini_sama_per_stall_per_market_day_wib(self):
        vendor = self.device(stall_code="pasar-tugu.s1")
        first = vendor.push("confirm_prices", {})
        self.assertEqual((first["market_day"], first["products_confirmed"]), ("2026-11-29", 4))
        cookie = vendor.cookie
        again = vendor.push("confirm_prices", {})
        self.assertEqual((again["market_day"], again["products_confirmed"]), ("2026-11-29", 0))
        self.assertEqual(vendor.cookie, cookie, "a second tap the same day changes nothing")
        self.assertEqual(vendor.push("confirm_prices", {"stall_id": "pasar-tugu.s2"})["code"], "forbidden")
        move_clock(self.url, 3600)  # 00:30 WIB on the 30th; still the 29th in UTC
        next_day = vendor.push("confirm_prices", {})
        self.assertEqual((next_day["market_day"], next_day["products_confirmed"]), ("2026-11-30", 4))
        rows = self.server.count("SELECT group_concat(stall_id || '@' || market_day, ' ') FROM "
                                 "(SELECT * FROM price_confirmations ORDER BY market_day)")
        self.assertEqual(rows, "pasar-tugu.s1@2026-11-29 pasar-tugu.s1@2026-11-30")
        dates = {p["price_date"] for p in Device(self.url).pull(from_start=True)
                 if p["op"] == "product" and p["product_id"].startswith("pasar-tugu.s1.")}
        self.assertEqual(dates, {"2026-11-30"})

    # ---- the stall's catalogue ------------------------------------------------------------------------

    def test_close_until_a_time_then_open_by_itself(self):
        vendor, buyer = self.device(stall_code="pasar-tugu.s1"), Device(self.url)
        buyer.pull()
        until_ms = LATE_EVENING_S * 1000 + 3600 * 1000
        self.assertEqual(vendor.push("set_stall_open", {"open": False, "until_ms": LATE_EVENING_S * 1000})["code"],
                         "invalid_until")
        self.assertEqual(vendor.push("set_stall_open", {"open": True, "until_ms": until_ms})["code"], "invalid_args")
        closed = vendor.push("set_stall_open", {"open": False, "until_ms": until_ms})
        self.assertEqual((closed["open"], closed["until_ms"]), (False, until_ms))
        stall_ops = [p for p in buyer.pull() if p["op"] == "stall"]
        self.assertEqual(stall_ops, [{"op": "stall", "stall_id": "pasar-tugu.s1", "market_id": "pasar-tugu",
                                      "open": False, "closed_until_ms": until_ms, "paused": None}])
        self.assertEqual(Device(self.url).push("place_order", tugu_s1_order())["code"], "stall_closed")
        move_clock(self.url, 3600)
        stall_ops = [p for p in buyer.pull() if p["op"] == "stall"]
        self.assertEqual(stall_ops, [{"op": "stall", "stall_id": "pasar-tugu.s1", "market_id": "pasar-tugu",
                                      "open": True, "closed_until_ms": None, "paused": None}])
        self.assertEqual(Device(self.url).push("place_order", tugu_s1_order())["status"], "ok")
        market = json.loads(h.request(self.url, "GET", "/data/markets/pasar-tugu.json").body)
        self.assertNotIn("closed", market["stalls"][0])

    def test_add_and_hide_product_reach_buyers_as_market_reset(self):
        vendor, buyer = self.device(stall_code="pasar-tugu.s1"), Device(self.url)
        buyer.pull()
        product = {"name": "Daun singkong", "category": "sayur", "unit": "piece", "piece_name": "ikat",
                   "steps": [{"label": "1 ikat", "qty_milli": 1000}], "price_rp": 3000}
        self.assertEqual(vendor.push("add_product", dict(product, category="mainan"))["code"], "unknown_category")
        added = vendor.push("add_product", product)
        self.assertEqual(added["product_id"], "pasar-tugu.s1.n5")
        self.assertEqual(vendor.push("add_product", product)["code"], "product_exists")
        patch = buyer.pull()
        resets = [p for p in patch if p["op"] == "market_reset"]
        self.assertEqual(resets, [{"op": "market_reset", "market_id": "pasar-tugu", "catalog_version": "2026-11-29.2",
                                   "market_url": "/data/markets/pasar-tugu.json"}])
        self.assertEqual(patch[0], {"op": "catalog_version", "catalog_version": resets[0]["catalog_version"]})
        market = json.loads(h.request(self.url, "GET", resets[0]["market_url"]).body)
        new = [p for p in market["stalls"][0]["products"] if p["id"] == added["product_id"]]
        self.assertEqual((new[0]["name"], new[0]["price_rp"], new[0]["price_date"]), ("Daun singkong", 3000,
                                                                                     "2026-11-29"))
        self.assertEqual(vendor.push("set_product_hidden", {"product_id": "pasar-tugu.s2.p1", "hidden": True})
                         ["code"], "forbidden")
        self.assertTrue(vendor.push("set_product_hidden", {"product_id": "pasar-tugu.s1.p1", "hidden": True})
                        ["hidden"])
        self.assertEqual([p["market_id"] for p in buyer.pull() if p["op"] == "market_reset"], ["pasar-tugu"])
        market = json.loads(h.request(self.url, "GET", "/data/markets/pasar-tugu.json").body)
        self.assertNotIn("pasar-tugu.s1.p1", [p["id"] for s in market["stalls"] for p in s["products"]])
        index = json.loads(h.request(self.url, "GET", "/data/index.json").body)
        self.assertEqual(index["format_version"], 1, "the catalogue's shape did not change")
        order = tugu_s1_order()
        order["catalog_version"] = index["catalog_version"]
        self.assertEqual(Device(self.url).push("place_order", order)["code"], "product_hidden")

    # ---- orders ---------------------------------------------------------------------------------------

    def test_a_stall_sees_only_its_own_lines_and_the_buyer_only_when_it_must(self):
        both = h.pickup_order_args()
        both["lines"][1].update(product_id="pasar-tugu.s2.p2", qty_milli=500, price_rp=28000)
        both["quoted"] = {"subtotal_rp": 18000, "delivery_fee_rp": 0, "total_rp": 18000}
        self.place(both)
        courier = h.courier_order_args()  # wholly s2's, delivered by the cooperative
        self.place(courier)
        s1, s2 = self.device(stall_code="pasar-tugu.s1"), self.device(stall_code="pasar-tugu.s2")
        s1_orders = [p for p in s1.pull(from_start=True) if p["op"] == "account_order"]
        self.assertEqual([o["order_id"] for o in s1_orders], [both["order_id"]])
        self.assertEqual({line["stall_id"] for line in s1_orders[0]["lines"]}, {"pasar-tugu.s1"})
        self.assertEqual([p["stall_id"] for p in s1_orders[0]["stalls"]], ["pasar-tugu.s1"])
        self.assertEqual(s1_orders[0]["buyer"], {"name": "Bu Sari", "phone": "+6281234567890"})
        self.assertEqual(s1_orders[0]["delivery"]["pickup_point"], "Kantor koperasi pasar, pintu utara")
        self.assertEqual(s1_orders[0]["lines"][0]["substitution"], "similar")
        s2_orders = {p["order_id"]: p for p in s2.pull(from_start=True) if p["op"] == "account_order"}
        self.assertIsNone(s2_orders[courier["order_id"]]["buyer"], "the cooperative's courier reaches the buyer")
        self.assertEqual(s1.push("set_order_status", {"order_id": courier["order_id"], "status": "accepted"})["code"],
                         "not_found")
        other_market = self.device(stall_code="pasar-gudang-lelang.s1")
        self.assertEqual([p for p in other_market.pull(from_start=True) if p["op"] == "account_order"], [])

    def test_reject_reason_codes_and_conflicts_the_server_decides(self):
        args = tugu_s1_order()
        buyer, _ = self.place(args)
        vendor = self.device(stall_code="pasar-tugu.s1")
        bad = vendor.push("set_order_status", {"order_id": args["order_id"], "status": "rejected",
                                               "reason_code": "bosan"})
        self.assertEqual((bad["code"], bad["field"]), ("invalid_args", "args.reason_code"))
        other = vendor.push("set_order_status", {"order_id": args["order_id"], "status": "rejected",
                                                 "reason_code": "other"})
        self.assertEqual((other["code"], other["field"]), ("invalid_args", "args.reason"))
        # Sold out offline: the order arrived first and stands; the stall answers it with a code.
        self.assertEqual(vendor.push("set_availability", {"product_id": "pasar-tugu.s1.p1",
                                                          "availability": "habis"})["status"], "ok")
        rejected = vendor.push("set_order_status", {"order_id": args["order_id"], "status": "rejected",
                                                    "reason_code": "sold_out"})
        self.assertEqual(rejected["order_status"], "rejected")
        patch = buyer.pull(from_start=True)
        entry = [p for p in patch if p["op"] == "order"][-1]
        answer = [p for p in patch if p["op"] == "order_answer"][-1]
        self.assertEqual(patch.index(answer), patch.index(entry) + 1, "order_answer follows its order")
        self.assertEqual((entry["status"], entry["stalls"][0]["reason"]), ("rejected", None))
        self.assertEqual(answer, {"op": "order_answer", "order_id": args["order_id"], "answer_by_ms": None,
                                  "missed": False, "stalls": [{"stall_id": "pasar-tugu.s1", "reason_code": "sold_out",
                                                               "answer_by_ms": LATE_EVENING_S * 1000 + ANSWER_WINDOW_MS,
                                                               "missed": False}]})
        # The buyer cancels while the stall's "accept" waits offline: the cancel stands, with its state.
        second = tugu_s1_order()
        second["lines"][0].update(product_id="pasar-tugu.s1.p3", price_rp=36000, qty_milli=500)  # bawang merah 1/2 kg
        second["quoted"] = {"subtotal_rp": 18000, "delivery_fee_rp": 0, "total_rp": 18000}
        buyer, _ = self.place(second)
        self.assertEqual(buyer.push("cancel_order", {"order_id": second["order_id"], "secret": second["secret"]})
                         ["order_status"], "cancelled")
        late = vendor.push("set_order_status", {"order_id": second["order_id"], "status": "accepted"})
        self.assertEqual((late["code"], late["order_status"]), ("invalid_transition", "cancelled"))

    def test_answer_deadline_and_the_pause_after_three_misses(self):
        vendor = self.device(stall_code="pasar-tugu.s1")
        staff = self.device(username="staff.pasar-tugu")
        self.assertEqual(staff.push("set_answer_window", {"answer_window_s": 60})["code"], "invalid_args")
        self.assertEqual(vendor.push("set_answer_window", {"answer_window_s": 600})["code"], "forbidden")
        placed_ms = move_clock(self.url, 3600)  # 00:30 WIB: every deadline below falls on one market day
        orders = []
        for i in range(3):
            args = tugu_s1_order()
            buyer, result = self.place(args)
            self.assertEqual(result["answer_by_ms"], placed_ms + ANSWER_WINDOW_MS + i * 60_000)
            orders.append((args, buyer))
            move_clock(self.url, 60)
        mine = {p["order_id"]: p for p in vendor.pull() if p["op"] == "account_order"}
        first = mine[orders[0][0]["order_id"]]
        self.assertEqual((first["answer_by_ms"], first["stalls"][0]["answer_by_ms"], first["missed"]),
                         (placed_ms + ANSWER_WINDOW_MS,) * 2 + (False,))
        self.assertEqual(vendor.push("set_order_status", {"order_id": orders[2][0]["order_id"], "status": "accepted"})
                         ["order_status"], "accepted")
        move_clock(self.url, 15 * 60)  # the first two deadlines pass; the third order was answered
        patch = orders[0][1].pull()
        entry = [p for p in patch if p["op"] == "order_answer"][-1]
        self.assertEqual([p["status"] for p in patch if p["op"] == "order"], ["sent"])
        self.assertEqual((entry["missed"], entry["answer_by_ms"], entry["stalls"][0]["missed"]),
                         (True, placed_ms + ANSWER_WINDOW_MS, True))
        self.assertEqual(orders[0][1].push("cancel_order", {"order_id": orders[0][0]["order_id"],
                                                            "secret": orders[0][0]["secret"]})["order_status"],
                         "cancelled", "the buyer of a missed order may cancel")
        answered = orders[2][1].pull(from_start=True)
        self.assertEqual([p["op"] for p in answered if p["op"].startswith("order")], ["order"],
                         "an order answered in time needs no order_answer")
        self.assertIsNone(self.server.count("SELECT paused FROM stalls WHERE id='pasar-tugu.s1'"), "two misses")
        third = tugu_s1_order()
        self.place(third)
        move_clock(self.url, 15 * 60 + 1)
        stall_op = [p for p in Device(self.url).pull() if p["op"] == "stall"]
        self.assertEqual(stall_op, [{"op": "stall", "stall_id": "pasar-tugu.s1", "market_id": "pasar-tugu",
                                     "open": False, "closed_until_ms": None, "paused": "missed_answers"}])
        mine = {p["order_id"]: p for p in vendor.pull() if p["op"] == "account_order"}
        self.assertTrue(mine[third["order_id"]]["missed"])
        refused = Device(self.url).push("place_order", tugu_s1_order())
        self.assertEqual((refused["code"], refused["stall_id"]), ("stall_paused", "pasar-tugu.s1"))
        reopen = vendor.push("set_stall_open", {"open": True})
        self.assertEqual((reopen["code"], reopen["paused"], reopen["reopen_by"]),
                         ("stall_paused", "missed_answers", "staff"))
        self.assertTrue(staff.push("set_stall_open", {"stall_id": "pasar-tugu.s1", "open": True})["open"])
        self.assertEqual(Device(self.url).push("place_order", tugu_s1_order())["status"], "ok")
        self.assertEqual(self.server.count("SELECT COUNT(*) FROM missed_answers WHERE stall_id='pasar-tugu.s1' "
                                           "AND market_day='2026-11-30'"), 3)

    def test_the_clock_moves_only_on_a_test_server(self):
        plain = h.fresh_server()
        try:
            refused = h.post_json(plain.base_url, "/api/test/clock", {"advance_s": 60})
            self.assertEqual((refused.status, refused.json()["error"]["code"]), (405, "method_not_allowed"))
        finally:
            plain.stop()


if __name__ == "__main__":
    unittest.main()
