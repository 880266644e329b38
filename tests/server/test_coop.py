"""The cooperative's server side (issue 16): stalls and couriers with minted PINs, market rules that reach
every phone, orders quoted under replaced rules, the market day around the cut-off and midnight (WIB), and
the timers that flag stuck orders, all on the test clock."""

import json
import os
import sys
import unittest

from tests.server import helpers as h
from tests.server.test_stall_app import Device, login_from, move_clock

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "catalog"))
import catalog_checks  # noqa: E402 (the pilot catalogue's schema checks, a folder of scripts)

# 2026-11-29 08:00 WIB (01:00 UTC), as the shared fixtures; Pasar Tugu's cut-off is 15:00.
MORNING_S = 1795914000
HOUR_S = 3600
NEW_COURIER_RULE = {"kind": "min_plus_per_km", "min_fee_rp": 10000, "min_distance_m": 4000, "per_km_rp": 2000}


def tugu_delivery(courier_rule=None, **overrides):
    """Pasar Tugu's delivery object, with the courier's fee rule replaced."""
    delivery = {"methods": [{"method": "pickup", "fee_rule": {"kind": "flat", "fee_rp": 0}},
                            {"method": "coop_courier", "fee_rule": courier_rule or NEW_COURIER_RULE}],
                "min_order_rp": 20000, "free_above_rp": 150000, "max_distance_m": 10000}
    delivery.update(overrides)
    return delivery


class CoopTest(unittest.TestCase):
    """Each test gets its own server on a fixed test clock."""

    def setUp(self):
        self.server = h.fresh_server(extra_args=["--test-clock", "fixed:%d" % MORNING_S])
        self.url = self.server.base_url
        self.staff = Device(self.url, h.token(self.url, username="staff.pasar-tugu"))

    def tearDown(self):
        self.server.stop()

    def coop_market(self, device=None):
        response = h.request(self.url, "GET", "/api/coop/market",
                             headers={"Authorization": "Bearer " + (device or self.staff).token})
        self.assertEqual(response.status, 200, response.body)
        return response.json()

    def assert_rejected(self, result, code, field):
        self.assertEqual((result["status"], result.get("code"), result.get("field")), ("rejected", code, field),
                         result)

    def place(self, args, answer=True):
        """A buyer's order; the cooperative accepts it at once (answer=True) so that no missed answer pauses a
        stall while a test moves the clock."""
        buyer = Device(self.url)
        result = buyer.push("place_order", args)
        if answer and result["status"] == "ok":
            accepted = self.staff.push("set_order_status", {"order_id": result["order_id"], "status": "accepted"})
            self.assertEqual(accepted["status"], "ok", accepted)
        return buyer, result

    def set_clock(self, epoch_s):
        """Moves the clock; staff sign in again (a jump past the 12-hour token)."""
        response = h.post_json(self.url, "/api/test/clock", {"set_s": epoch_s})
        self.assertEqual(response.status, 200, response.body)
        self.staff.token = h.token(self.url, username="staff.pasar-tugu")

    # ---- stalls -------------------------------------------------------------------------------------------

    def test_create_stall_then_its_vendor_signs_in_with_the_pin_shown_once(self):
        buyer = Device(self.url)
        buyer.pull(from_start=True)
        buyer.cookie = buyer.cookie or 0
        args = {"name": "Los Bumbu Blok C No. 7", "kind": "bumbu", "location": "Blok C", "phone": "0812 7700 3003"}
        mutations = [h.mutation(1, "create_stall", args)]
        first = h.push(self.url, self.staff.client_id, mutations, token=self.staff.token).json()["results"][0]
        self.assertEqual(first["status"], "ok", first)
        self.assertEqual((first["stall_id"], first["market_id"]), ("pasar-tugu.s3", "pasar-tugu"))
        self.assertRegex(first["pin"], r"^[0-9]{6}$")
        # The reply was lost: the same push again answers from the record, without the PIN.
        again = h.push(self.url, self.staff.client_id, mutations, token=self.staff.token).json()["results"][0]
        self.assertEqual(again["stall_id"], "pasar-tugu.s3")
        self.assertIsNone(again["pin"])
        self.staff.next_id = 2
        self.assertEqual(self.server.count("SELECT COUNT(*) FROM stalls WHERE market_id='pasar-tugu'"), 3)
        # The new stall's vendor signs in with the PIN shown.
        vendor = h.login(self.url, stall_code="pasar-tugu.s3", secret=first["pin"])
        self.assertEqual(vendor.status, 200, vendor.body)
        self.assertEqual((vendor.json()["role"], vendor.json()["stall_id"]), ("vendor", "pasar-tugu.s3"))
        # Buyers' phones fetch the market's file again; it lists the stall with its phone.
        patch = h.push(self.url, h.new_client_id(), [], cookie=0).json()["patch"]
        self.assertIn({"op": "market_reset", "market_id": "pasar-tugu", "catalog_version": "2026-11-29.2",
                       "market_url": "/data/markets/pasar-tugu.json"}, patch)
        market = h.request(self.url, "GET", "/data/markets/pasar-tugu.json").json()
        self.assertEqual(market["stalls"][-1], {"id": "pasar-tugu.s3", "name": "Los Bumbu Blok C No. 7",
                                                "kind": "bumbu", "location": "Blok C", "phone": "+6281277003003",
                                                "products": []})
        index = h.request(self.url, "GET", "/data/index.json").json()
        self.assertEqual(index["markets"][0]["stall_count"], 3)
        view = self.coop_market()
        self.assertEqual([s["stall_id"] for s in view["stalls"]], ["pasar-tugu.s1", "pasar-tugu.s2", "pasar-tugu.s3"])
        self.assertEqual(view["stalls"][2]["products"], 0)
        # The same name twice, bad fields, another role, no token.
        self.assert_rejected(self.staff.push("create_stall", args), "stall_exists", "args.name")
        self.assert_rejected(self.staff.push("create_stall", dict(args, name="Los Baru", kind="emas")),
                             "invalid_args", "args.kind")
        self.assert_rejected(self.staff.push("create_stall", dict(args, name="Los Baru", phone="021-555")),
                             "invalid_phone", "args.phone")
        self.assert_rejected(self.staff.push("create_stall", dict(args, name="")), "invalid_args", "args.name")
        seller = Device(self.url, h.token(self.url, stall_code="pasar-tugu.s1"))
        self.assert_rejected(seller.push("create_stall", dict(args, name="Los Lain")), "forbidden", "name")
        refused = h.push(self.url, h.new_client_id(), [h.mutation(1, "create_stall", args)])
        self.assertEqual((refused.status, refused.json()["error"]["code"]), (401, "unauthorized"))

    def test_reset_pin_unlock_and_only_in_the_staffs_own_market(self):
        for _ in range(5):
            status, _ = login_from(self.url, "127.0.0.9", "pasar-tugu.s1", "000000")
        self.assertEqual(status, 401)
        status, body = login_from(self.url, "127.0.0.9", "pasar-tugu.s1", h.SEED_PIN)
        self.assertEqual((status, body["error"]["code"]), (429, "account_locked"))
        stall = self.coop_market()["stalls"][0]
        self.assertEqual(stall["locked_until_ms"], (MORNING_S + 15 * 60) * 1000)
        other = Device(self.url, h.token(self.url, username="staff.pasar-gudang-lelang"))
        self.assert_rejected(other.push("unlock_stall", {"stall_id": "pasar-tugu.s1"}), "forbidden", "args.stall_id")
        self.assert_rejected(other.push("reset_pin", {"stall_id": "pasar-tugu.s1"}), "forbidden", "args.stall_id")
        self.assert_rejected(other.push("reopen_stall", {"stall_id": "pasar-tugu.s1"}), "forbidden",
                             "args.stall_id")
        self.assert_rejected(other.push("set_stall_open", {"stall_id": "pasar-tugu.s1", "open": False}),
                             "forbidden", "args.stall_id")
        unlocked = self.staff.push("unlock_stall", {"stall_id": "pasar-tugu.s1"})
        self.assertEqual(unlocked, dict(unlocked, status="ok", stall_id="pasar-tugu.s1", locks_cleared=1))
        self.assertIsNone(self.coop_market()["stalls"][0]["locked_until_ms"])
        status, _ = login_from(self.url, "127.0.0.9", "pasar-tugu.s1", h.SEED_PIN)
        self.assertEqual(status, 200)
        vendor = Device(self.url, h.token(self.url, stall_code="pasar-tugu.s1"))
        reset = self.staff.push("reset_pin", {"stall_id": "pasar-tugu.s1"})
        self.assertEqual(reset["status"], "ok", reset)
        self.assertRegex(reset["pin"], r"^[0-9]{6}$")
        self.assertGreaterEqual(reset["sessions_ended"], 2)
        self.assertEqual(h.push(self.url, vendor.client_id, [], token=vendor.token).status, 401)
        self.assertEqual(h.login(self.url, stall_code="pasar-tugu.s1").status, 401)
        self.assertEqual(h.login(self.url, stall_code="pasar-tugu.s1", secret=reset["pin"]).status, 200)
        self.assert_rejected(self.staff.push("reset_pin", {"stall_id": "pasar-tugu.s9"}), "unknown_stall",
                             "args.stall_id")
        self.assert_rejected(self.staff.push("reset_pin", {}), "invalid_args", "args.stall_id")
        # Closing a stall for the day is set_stall_open as staff; the read shows it.
        closed = self.staff.push("set_stall_open", {"stall_id": "pasar-tugu.s2", "open": False,
                                                    "until_ms": (MORNING_S + 16 * HOUR_S) * 1000})
        self.assertEqual(closed["status"], "ok", closed)
        stall = self.coop_market()["stalls"][1]
        self.assertEqual((stall["open"], stall["closed"], stall["closed_until_ms"]),
                         (False, True, (MORNING_S + 16 * HOUR_S) * 1000))

    def test_reopen_a_stall_paused_for_three_missed_answers(self):
        args = h.pickup_order_args()
        args["lines"] = args["lines"][:1]
        args["lines"][0]["qty_milli"] = 1000
        args["quoted"] = {"subtotal_rp": 2000, "delivery_fee_rp": 0, "total_rp": 2000}
        for _ in range(3):
            _, result = self.place(dict(args, order_id=h.new_order_id(), secret=h.new_secret()), answer=False)
            self.assertEqual(result["status"], "ok", result)
        move_clock(self.url, 16 * 60)
        stall = self.coop_market()["stalls"][0]
        self.assertEqual((stall["paused"], stall["missed_today"], stall["open"]), ("missed_answers", 3, False))
        vendor = Device(self.url, h.token(self.url, stall_code="pasar-tugu.s1"))
        cookie = self.staff.cookie or 0
        self.assert_rejected(vendor.push("reopen_stall", {"stall_id": "pasar-tugu.s1"}), "forbidden", "name")
        reopened = self.staff.push("reopen_stall", {"stall_id": "pasar-tugu.s1"})
        self.assertEqual((reopened["status"], reopened["paused"]), ("ok", None))
        stall = self.coop_market()["stalls"][0]
        self.assertEqual((stall["paused"], stall["missed_today"], stall["open"]), (None, 0, True))
        patch = h.push(self.url, h.new_client_id(), [], cookie=cookie).json()["patch"]
        self.assertIn({"op": "stall", "stall_id": "pasar-tugu.s1", "market_id": "pasar-tugu", "open": True,
                       "closed_until_ms": None, "paused": None}, patch)
        _, result = self.place(dict(args, order_id=h.new_order_id(), secret=h.new_secret()))
        self.assertEqual(result["status"], "ok", result)

    # ---- couriers -----------------------------------------------------------------------------------------

    def test_couriers_sign_in_lock_out_and_are_deactivated(self):
        added = self.staff.push("add_courier", {"name": "Pak Joko", "phone": "0813-2222-3333", "kind": "ojek"})
        self.assertEqual(added["status"], "ok", added)
        courier_id, code = added["courier_id"], added["pin"]
        self.assertEqual(courier_id, "pasar-tugu.k1")
        self.assert_rejected(self.staff.push("add_courier", {"name": "Pak Joko", "phone": "+6281322223333",
                                                             "kind": "coop"}), "courier_exists", "args.phone")
        self.assert_rejected(self.staff.push("add_courier", {"name": "Bu Ani", "phone": "0813-2222-4444",
                                                             "kind": "becak"}), "invalid_args", "args.kind")
        self.assert_rejected(self.staff.push("add_courier", {"name": "Bu Ani", "phone": "12345", "kind": "coop"}),
                             "invalid_phone", "args.phone")
        signed = h.login(self.url, username=courier_id, secret=code)
        self.assertEqual(signed.status, 200, signed.body)
        self.assertEqual((signed.json()["role"], signed.json()["market_id"]), ("courier", "pasar-tugu"))
        courier = Device(self.url, signed.json()["token"])
        self.assertEqual(courier.pull(), [{"op": "catalog_version", "catalog_version": "2026-11-29.1"}])
        self.assert_rejected(courier.push("reopen_stall", {"stall_id": "pasar-tugu.s1"}), "forbidden", "name")
        self.assert_rejected(courier.push("set_stall_open", {"stall_id": "pasar-tugu.s1", "open": False}),
                             "forbidden", "name")
        staff_read = h.request(self.url, "GET", "/api/coop/market", headers={"Authorization": "Bearer " +
                                                                              courier.token})
        self.assertEqual(staff_read.status, 403)
        # Wrong codes lock the source, as PINs do; staff unlock it.
        for _ in range(5):
            status, _ = login_from(self.url, "127.0.0.7", courier_id, "999999")
        status, body = login_from(self.url, "127.0.0.7", courier_id, code)
        self.assertEqual((status, body["error"]["code"]), (429, "account_locked"))
        listed = self.coop_market()["couriers"]
        self.assertEqual(listed, [{"courier_id": courier_id, "name": "Pak Joko", "phone": "+6281322223333",
                                   "kind": "ojek", "active": True, "locked_until_ms": (MORNING_S + 900) * 1000}])
        other = Device(self.url, h.token(self.url, username="staff.kud-mina-jaya"))
        self.assert_rejected(other.push("unlock_courier", {"courier_id": courier_id}), "forbidden",
                             "args.courier_id")
        self.assertEqual(self.staff.push("unlock_courier", {"courier_id": courier_id})["locks_cleared"], 1)
        status, _ = login_from(self.url, "127.0.0.7", courier_id, code)
        self.assertEqual(status, 200)
        self.assert_rejected(other.push("deactivate_courier", {"courier_id": courier_id}), "forbidden",
                             "args.courier_id")
        gone = self.staff.push("deactivate_courier", {"courier_id": courier_id})
        self.assertEqual((gone["status"], gone["active"]), ("ok", False))
        self.assertEqual(h.push(self.url, courier.client_id, [], token=courier.token).status, 401)
        refused = h.login(self.url, username=courier_id, secret=code)
        self.assertEqual((refused.status, refused.json()["error"]["code"]), (403, "account_inactive"))
        self.assert_rejected(self.staff.push("reset_pin", {"courier_id": courier_id}), "courier_inactive",
                             "args.courier_id")
        self.assertFalse(self.coop_market()["couriers"][0]["active"])

    # ---- market rules -------------------------------------------------------------------------------------

    def test_market_rules_are_checked_field_by_field_and_only_by_own_staff(self):
        cases = [
            ({}, "invalid_args", "args"),
            ({"delivery": tugu_delivery({"kind": "zones", "zones": [{"max_distance_m": 5000, "fee_rp": 5000},
                                                                   {"max_distance_m": 3000, "fee_rp": 8000}]})},
             "invalid_fee_rule", "args.delivery.methods[1].fee_rule.zones[1].max_distance_m"),
            ({"delivery": tugu_delivery({"kind": "per_kg"})}, "invalid_fee_rule",
             "args.delivery.methods[1].fee_rule.kind"),
            ({"delivery": tugu_delivery({"kind": "flat", "fee_rp": -1})}, "invalid_args",
             "args.delivery.methods[1].fee_rule.fee_rp"),
            ({"delivery": tugu_delivery(methods=[])}, "invalid_args", "args.delivery.methods"),
            ({"delivery": tugu_delivery(pickup_min_order="ya")}, "invalid_args", "args.delivery.pickup_min_order"),
            ({"hours": {"open": "05:00", "close": "17:00", "order_cutoff": "25:00"}}, "invalid_time",
             "args.hours.order_cutoff"),
            ({"hours": {"open": "05:00", "close": "17:00", "order_cutoff": "18:00"}}, "invalid_hours",
             "args.hours.order_cutoff"),
            ({"coop_phone": "0721-123456"}, "invalid_phone", "args.coop_phone"),
            ({"answer_window_s": 60}, "invalid_args", "args.answer_window_s"),
            ({"pickup_point": ""}, "invalid_args", "args.pickup_point"),
            ({"market_id": "kud-mina-jaya", "pickup_point": "Dermaga"}, "forbidden", "args.market_id"),
        ]
        for args, code, field in cases:
            with self.subTest(args=args):
                self.assert_rejected(self.staff.push("set_market_rules", args), code, field)
        vendor = Device(self.url, h.token(self.url, stall_code="pasar-tugu.s1"))
        self.assert_rejected(vendor.push("set_market_rules", {"pickup_point": "Los A"}), "forbidden", "name")
        self.assertEqual(self.server.count("SELECT COUNT(*) FROM catalog_versions"), 1)
        ok = self.staff.push("set_market_rules", {"answer_window_s": 600, "ready_wait_s": 1800})
        self.assertEqual((ok["status"], ok["changed"], ok["answer_window_s"], ok["ready_wait_s"]),
                         ("ok", ["answer_window_s", "ready_wait_s"], 600, 1800))
        self.assertEqual(self.server.count("SELECT COUNT(*) FROM catalog_versions"), 1)  # not in the catalogue
        same = self.staff.push("set_market_rules", {"answer_window_s": 600})
        self.assertEqual((same["status"], same["changed"]), ("ok", []))
        _, placed = self.place(h.pickup_order_args())
        self.assertEqual(placed["answer_by_ms"], (MORNING_S + 600) * 1000)

    def test_new_rules_reach_phones_and_old_quotes_are_honoured_that_day_only(self):
        buyer = Device(self.url)
        buyer.pull(from_start=True)
        _, early = self.place(h.courier_order_args())  # under today's rules: Rp12.000
        self.assertEqual((early["status"], early["delivery_fee_rp"], early["old_rules"]), ("ok", 12000, False))
        changed = self.staff.push("set_market_rules", {
            "delivery": tugu_delivery(pickup_min_order=True), "coop_phone": "0812-7700-9000",
            "hours": {"open": "05:00", "close": "17:00", "order_cutoff": "14:00"},
            "pickup_point": "Kantor koperasi, pintu timur"})
        self.assertEqual(changed["status"], "ok", changed)
        self.assertEqual(changed["changed"], ["coop_phone", "delivery", "hours", "pickup_point"])
        self.assertEqual(changed["coop_phone"], "+6281277009000")
        patch = buyer.pull()
        self.assertEqual(patch[0], {"op": "catalog_version", "catalog_version": "2026-11-29.2"})
        self.assertEqual(patch[1], {"op": "market_rules", "market_id": "pasar-tugu", "catalog_version": "2026-11-29.2",
                                    "delivery": tugu_delivery(pickup_min_order=True),
                                    "hours": {"open": "05:00", "close": "17:00", "order_cutoff": "14:00"},
                                    "pickup_point": "Kantor koperasi, pintu timur", "coop_phone": "+6281277009000"})
        self.assertEqual(len(patch), 2)
        index = h.request(self.url, "GET", "/data/index.json").json()
        self.assertEqual((index["catalog_version"], index["markets"][0]["coop_phone"],
                          index["markets"][0]["delivery"]["methods"][1]["fee_rule"]),
                         ("2026-11-29.2", "+6281277009000", NEW_COURIER_RULE))
        # The exported entry keeps the catalogue schema (the fixture lists only some areas on purpose).
        problems = catalog_checks.CheckIndexMarket("markets[0]", index["markets"][0], {"bandar-lampung"},
                                                   set(index["markets"][0]["area_distance_m"]))
        self.assertEqual(problems, [])
        # The same settings again change nothing and make no catalogue version.
        again = self.staff.push("set_market_rules", {"coop_phone": "+62 812 7700 9000"})
        self.assertEqual((again["status"], again["changed"]), ("ok", []))
        self.assertEqual(self.server.count("SELECT COUNT(*) FROM catalog_versions"), 2)
        # A phone offline since the morning still quotes Rp12.000 under catalogue .1: taken today, marked.
        _, old = self.place(h.courier_order_args())
        self.assertEqual((old["status"], old["delivery_fee_rp"], old["total_rp"], old["old_rules"]),
                         ("ok", 12000, 78500, True), old)
        orders = {o["order_id"]: o for o in self.staff.pull(from_start=True) if o["op"] == "account_order"}
        self.assertEqual(orders[old["order_id"]]["flags"], ["old_rules"])
        self.assertEqual(orders[early["order_id"]]["flags"], [])
        self.assertEqual(orders[old["order_id"]]["catalog_version"], "2026-11-29.1")
        # A weight settled later keeps the rules it was taken under: 4 km + 2 started km, Rp8.000 + 2 x 2.000.
        settled = self.staff.push("settle_weight", {"order_id": old["order_id"], "line_no": 1,
                                                    "settled_qty_milli": 1400})
        self.assertEqual((settled["status"], settled["subtotal_rp"], settled["delivery_fee_rp"]), ("ok", 63000, 12000),
                         settled)
        # Under the new catalogue the fee is Rp14.000; the old quote under the new catalogue is refused.
        new_args = h.courier_order_args()
        new_args.update(catalog_version="2026-11-29.2",
                        quoted={"subtotal_rp": 66500, "delivery_fee_rp": 14000, "total_rp": 80500})
        _, new = self.place(new_args)
        self.assertEqual((new["status"], new["old_rules"]), ("ok", False), new)
        stale = h.courier_order_args()
        stale["catalog_version"] = "2026-11-29.2"
        _, refused = self.place(stale)
        self.assert_rejected(refused, "quote_mismatch", "args.quoted.delivery_fee_rp")
        # Pickup now needs the minimum order too (Rp14.000 < Rp20.000).
        small = h.pickup_order_args(catalog_version="2026-11-29.2")
        self.assert_rejected(self.place(small)[1], "below_min_order", "args.lines")
        # The next day the old quote is refused with a code the buyer's app can say...
        self.set_clock(MORNING_S + 17 * HOUR_S)  # 01:00 WIB on the 30th
        _, late = self.place(h.courier_order_args())
        self.assert_rejected(late, "rules_changed", "args.catalog_version")
        self.assertEqual((late["market_id"], late["catalog_version"]), ("pasar-tugu", "2026-11-29.2"))
        # ...unless the rules changed nothing for it: a big pickup order from the old catalogue stands.
        big = h.pickup_order_args()
        big["lines"][1]["qty_milli"] = 1000
        big["quoted"] = {"subtotal_rp": 44000, "delivery_fee_rp": 0, "total_rp": 44000}
        _, kept = self.place(big)
        self.assertEqual((kept["status"], kept["old_rules"]), ("ok", False), kept)

    # ---- market day and timers ----------------------------------------------------------------------------

    def test_market_day_follows_the_cut_off_and_midnight_wib(self):
        def day_at(epoch_s):
            self.set_clock(epoch_s)
            _, result = self.place(h.pickup_order_args())
            self.assertEqual(result["status"], "ok", result)
            return result["market_day"]

        self.assertEqual(day_at(MORNING_S), "2026-11-29")
        self.assertEqual(day_at(MORNING_S + 7 * HOUR_S - 60), "2026-11-29")  # 14:59 WIB
        self.assertEqual(day_at(MORNING_S + 7 * HOUR_S), "2026-11-30")  # 15:00, the cut-off
        self.assertEqual(day_at(MORNING_S + 16 * HOUR_S - 60), "2026-11-30")  # 23:59 WIB (16:59 UTC, the 29th)
        self.assertEqual(day_at(MORNING_S + 16 * HOUR_S + 60), "2026-11-30")  # 00:01 WIB on the 30th
        self.assertEqual(day_at(MORNING_S + 31 * HOUR_S), "2026-12-01")  # 15:00 on the 30th
        args = h.pickup_order_args()
        self.place(args)
        view = h.request(self.url, "GET", "/api/orders/" + args["order_id"], headers={"X-Order-Secret": args["secret"]})
        self.assertEqual((view.json()["market_day"], view.json()["flags"]), ("2026-12-01", []))
        orders = {e["order_id"]: e for e in self.staff.pull(from_start=True) if e["op"] == "account_order"}
        self.assertEqual(orders[args["order_id"]]["market_day"], "2026-12-01")

    def test_timers_flag_orders_ready_too_long_and_deliveries_open_after_the_day(self):
        self.staff.push("set_market_rules", {"ready_wait_s": 1800})
        pickup = h.pickup_order_args()
        _, placed_pickup = self.place(pickup)
        _, placed_courier = self.place(h.courier_order_args())
        vendor1 = Device(self.url, h.token(self.url, stall_code="pasar-tugu.s1"))
        vendor2 = Device(self.url, h.token(self.url, stall_code="pasar-tugu.s2"))
        for vendor, order in ((vendor1, placed_pickup), (vendor2, placed_courier)):
            for status in ("accepted", "ready"):
                result = vendor.push("set_order_status", {"order_id": order["order_id"], "status": status})
                self.assertEqual(result["status"], "ok", result)
        self.staff.pull()
        move_clock(self.url, 29 * 60)
        self.assertEqual(self.coop_market()["late_order_ids"], [])
        move_clock(self.url, 2 * 60)
        flagged = {e["order_id"]: e["flags"] for e in self.staff.pull() if e["op"] == "account_order"}
        self.assertEqual(flagged, {placed_pickup["order_id"]: ["not_picked_up"],
                                   placed_courier["order_id"]: ["not_picked_up"]})
        # The courier takes the delivery but does not close it by midnight; the buyer collects the pickup.
        self.assertEqual(self.staff.push("set_order_status", {"order_id": placed_courier["order_id"],
                                                              "status": "on_the_way"})["status"], "ok")
        self.assertEqual(vendor1.push("set_order_status", {"order_id": placed_pickup["order_id"],
                                                           "status": "picked_up"})["status"], "ok")
        self.assertEqual(self.coop_market()["late_order_ids"], [])  # neither is waiting to be collected now
        self.set_clock(MORNING_S + 16 * HOUR_S - 60)  # 23:59 WIB: still the order's market day
        self.assertEqual(self.coop_market()["late_order_ids"], [])
        self.set_clock(MORNING_S + 16 * HOUR_S + 60)  # 00:01 WIB
        vendor1.token = h.token(self.url, stall_code="pasar-tugu.s1")
        view = self.coop_market()
        self.assertEqual(view["late_order_ids"], [placed_courier["order_id"]])
        flagged = {e["order_id"]: e["flags"] for e in self.staff.pull() if e["op"] == "account_order"}
        # The flags stay on the order (what happened); the page's list holds what is stuck now.
        self.assertEqual(flagged, {placed_courier["order_id"]: ["not_picked_up", "not_delivered"],
                                   placed_pickup["order_id"]: ["not_picked_up"]})
        # Only the cooperative's staff read the market's page; other stalls' orders stay theirs.
        for device in (vendor1, Device(self.url, h.token(self.url, username="staff.kud-mina-jaya"))):
            response = h.request(self.url, "GET", "/api/coop/market", headers={"Authorization": "Bearer " +
                                                                                device.token})
            self.assertEqual(response.status, 403 if device is vendor1 else 200)
        self.assertEqual(h.request(self.url, "GET", "/api/coop/market").status, 401)
        self.assertEqual(json.dumps(self.coop_market()["rules"]["answer_window_s"]), "900")


class CourierAccountsMigrationTest(unittest.TestCase):
    """A database made before couriers (accounts.kind allowed vendor and staff only) opens, keeps its
    accounts, tokens and devices, and takes courier accounts."""

    def test_an_old_accounts_table_is_rebuilt_with_its_rows(self):
        import sqlite3
        from server import db
        path = os.path.join(h.temp_dir("migrate"), "old.sqlite3")
        old = sqlite3.connect(path, isolation_level=None)
        old.executescript(db.SCHEMA_SQL.replace("'vendor','staff','courier'", "'vendor','staff'"))
        old.execute("INSERT INTO markets(id, position, doc, file_doc) VALUES('m', 0, '{}', '{}')")
        old.execute("INSERT INTO accounts(kind, login, market_id, secret_salt, secret_iterations, secret_hash) "
                    "VALUES('vendor', 'm.s1', 'm', x'00', 1, x'00')")
        old.execute("INSERT INTO tokens(token_sha256, account_id, created_at, expires_at) VALUES('t', 1, 0, 9)")
        with self.assertRaises(sqlite3.IntegrityError):
            old.execute("INSERT INTO accounts(kind, login, market_id, secret_salt, secret_iterations, secret_hash) "
                        "VALUES('courier', 'm.k1', 'm', x'00', 1, x'00')")
        old.close()
        store = db.Store(path)
        try:
            with store.write() as conn:
                conn.execute("INSERT INTO accounts(kind, login, market_id, secret_salt, secret_iterations, "
                             "secret_hash) VALUES('courier', 'm.k1', 'm', x'00', 1, x'00')")
                self.assertEqual([tuple(r) for r in conn.execute("SELECT id, kind, login FROM accounts ORDER BY id")],
                                 [(1, "vendor", "m.s1"), (2, "courier", "m.k1")])
                self.assertEqual(conn.execute("SELECT account_id FROM tokens").fetchone()[0], 1)
                self.assertEqual(conn.execute("PRAGMA foreign_key_check").fetchall(), [])
        finally:
            store.close()


if __name__ == "__main__":
    unittest.main()
