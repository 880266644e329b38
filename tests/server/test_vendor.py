"""Vendor and courier flows: prices and price history, order states, settled weights, static catalogue."""

import json
import unittest

from tests.server import helpers as h


class VendorFlowTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = h.fresh_server()
        cls.url = cls.server.base_url
        cls.vendor_ids = {}

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def as_account(self, stall_code=None, username=None):
        """A signed-in device: its own client id and mutation counter."""
        return Device(self.url, h.token(self.url, stall_code=stall_code, username=username))

    def place(self, args):
        buyer = Device(self.url)
        result = buyer.push("place_order", args)
        self.assertEqual(result["status"], "ok", result)
        return buyer

    def order_entry(self, buyer, order_id):
        patch = buyer.pull(from_start=True)
        return [p for p in patch if p["op"] == "order" and p["order_id"] == order_id][-1]

    def test_order_lifecycle_to_delivered(self):
        args = h.courier_order_args()
        buyer = self.place(args)
        vendor, courier = self.as_account(stall_code="pasar-tugu.s2"), self.as_account(username="staff.pasar-tugu")
        bad = vendor.push("set_order_status", {"order_id": args["order_id"], "status": "ready"})
        self.assertEqual(bad["code"], "invalid_transition")
        self.assertEqual(vendor.push("set_order_status", {"order_id": args["order_id"], "status": "accepted"})
                         ["order_status"], "accepted")
        self.assertEqual(self.order_entry(buyer, args["order_id"])["status"], "accepted")
        self.assertEqual(vendor.push("set_order_status", {"order_id": args["order_id"], "status": "picked_up"})
                         ["code"], "forbidden", "a courier order is the cooperative's to pick up")
        self.assertEqual(vendor.push("set_order_status", {"order_id": args["order_id"], "status": "ready"})
                         ["order_status"], "ready")
        for status in ("picked_up", "on_the_way", "delivered"):
            result = courier.push("set_order_status", {"order_id": args["order_id"], "status": status})
            self.assertEqual(result["order_status"], status, result)
            self.assertEqual(self.order_entry(buyer, args["order_id"])["status"], status)
        late = buyer.push("cancel_order", {"order_id": args["order_id"], "secret": args["secret"]})
        self.assertEqual(late["code"], "not_cancellable")

    def test_pickup_order_ends_when_collected(self):
        args = h.pickup_order_args()  # wholly stall s1's, collected at the pickup point
        buyer = self.place(args)
        vendor = self.as_account(stall_code="pasar-tugu.s1")
        for status in ("accepted", "ready", "picked_up"):
            self.assertEqual(vendor.push("set_order_status", {"order_id": args["order_id"], "status": status})
                             ["order_status"], status)
        after = vendor.push("set_order_status", {"order_id": args["order_id"], "status": "delivered"})
        self.assertEqual(after["code"], "invalid_transition", "for pickup, picked_up is the end")
        self.assertEqual(buyer.push("cancel_order", {"order_id": args["order_id"], "secret": args["secret"]})["code"],
                         "not_cancellable")

    def test_buyer_may_cancel_until_picked_up_and_courier_may_skip_picked_up(self):
        args, other = h.courier_order_args(), h.courier_order_args()
        buyer = self.place(args)
        self.place(other)
        vendor, courier = self.as_account(stall_code="pasar-tugu.s2"), self.as_account(username="staff.pasar-tugu")
        for order in (args, other):
            vendor.push("set_order_status", {"order_id": order["order_id"], "status": "accepted"})
            vendor.push("set_order_status", {"order_id": order["order_id"], "status": "ready"})
        self.assertEqual(buyer.push("cancel_order", {"order_id": args["order_id"], "secret": args["secret"]})
                         ["order_status"], "cancelled")
        late = courier.push("set_order_status", {"order_id": args["order_id"], "status": "picked_up"})
        self.assertEqual(late["code"], "invalid_transition")
        self.assertEqual(courier.push("set_order_status", {"order_id": other["order_id"], "status": "on_the_way"})
                         ["order_status"], "on_the_way")

    def test_adjusted_with_settled_weights_recomputes_money(self):
        args = h.courier_order_args()
        buyer = self.place(args)
        vendor = self.as_account(stall_code="pasar-tugu.s2")
        result = vendor.push("set_order_status", {"order_id": args["order_id"], "status": "adjusted",
                                                  "lines": [{"line_no": 1, "settled_qty_milli": 1620}]})
        # ayam 1.62 kg x 35.000 = 56.700; telur 14.000; subtotal 70.700; fee unchanged 12.000
        self.assertEqual((result["order_status"], result["subtotal_rp"], result["delivery_fee_rp"], result["total_rp"]),
                         ("adjusted", 70700, 12000, 82700))
        entry = self.order_entry(buyer, args["order_id"])
        self.assertEqual([(line["settled_qty_milli"], line["line_total_rp"]) for line in entry["lines"]],
                         [(1620, 56700), (None, 14000)])
        too_heavy = vendor.push("settle_weight", {"order_id": args["order_id"], "line_no": 1,
                                                  "settled_qty_milli": 2251})
        self.assertEqual((too_heavy["code"], too_heavy["field"]), ("invalid_quantity", "args.settled_qty_milli"))
        not_weighed_more = vendor.push("settle_weight", {"order_id": args["order_id"], "line_no": 2,
                                                         "settled_qty_milli": 600})
        self.assertEqual(not_weighed_more["code"], "invalid_quantity")
        settled = vendor.push("settle_weight", {"order_id": args["order_id"], "line_no": 2, "settled_qty_milli": 250})
        self.assertEqual((settled["subtotal_rp"], settled["total_rp"]), (63700, 75700))

    def test_free_delivery_threshold_follows_settled_subtotal(self):
        args = h.courier_order_args()
        args["lines"][0]["qty_milli"] = 4000  # ayam 4 kg = 140.000 + telur 14.000 = 154.000 >= 150.000: free
        args["quoted"] = {"subtotal_rp": 154000, "delivery_fee_rp": 0, "total_rp": 154000}
        self.place(args)
        vendor = self.as_account(stall_code="pasar-tugu.s2")
        result = vendor.push("settle_weight", {"order_id": args["order_id"], "line_no": 1, "settled_qty_milli": 3800})
        # ayam 3.8 kg = 133.000 + 14.000 = 147.000 < 150.000: the fee comes back (Rp12.000)
        self.assertEqual((result["subtotal_rp"], result["delivery_fee_rp"], result["total_rp"]), (147000, 12000, 159000))

    def test_rejected_needs_a_reason_and_zeroes_the_order(self):
        args = h.courier_order_args()
        buyer = self.place(args)
        vendor = self.as_account(stall_code="pasar-tugu.s2")
        missing = vendor.push("set_order_status", {"order_id": args["order_id"], "status": "rejected"})
        self.assertEqual((missing["code"], missing["field"]), ("invalid_args", "args.reason"))
        result = vendor.push("set_order_status", {"order_id": args["order_id"], "status": "rejected",
                                                  "reason": "ayam habis hari ini"})
        self.assertEqual((result["order_status"], result["total_rp"]), ("rejected", 0))
        entry = self.order_entry(buyer, args["order_id"])
        self.assertIn("ayam habis hari ini", entry["reason"])

    def test_multi_stall_order_each_stall_answers_for_its_part(self):
        args = h.pickup_order_args()
        args["lines"].append({"product_id": "pasar-tugu.s2.p3", "qty_milli": 2000, "price_rp": 5000,
                              "substitution": "cancel"})
        args["quoted"] = {"subtotal_rp": 24000, "delivery_fee_rp": 0, "total_rp": 24000}
        buyer = self.place(args)
        s1, s2 = self.as_account(stall_code="pasar-tugu.s1"), self.as_account(stall_code="pasar-tugu.s2")
        self.assertEqual(s1.push("set_order_status", {"order_id": args["order_id"], "status": "accepted"})
                         ["order_status"], "sent", "still waiting for the other stall")
        result = s2.push("set_order_status", {"order_id": args["order_id"], "status": "rejected",
                                              "reason": "tempe habis"})
        self.assertEqual((result["order_status"], result["subtotal_rp"]), ("adjusted", 14000))
        entry = self.order_entry(buyer, args["order_id"])
        self.assertEqual({s["stall_id"]: s["status"] for s in entry["stalls"]},
                         {"pasar-tugu.s1": "accepted", "pasar-tugu.s2": "rejected"})
        s1.push("set_order_status", {"order_id": args["order_id"], "status": "ready"})
        # pickup order wholly... not wholly s1's: the buyer's collection is marked by the cooperative
        self.assertEqual(s1.push("set_order_status", {"order_id": args["order_id"], "status": "picked_up"})["code"],
                         "forbidden")
        staff = self.as_account(username="staff.pasar-tugu")
        self.assertEqual(staff.push("set_order_status", {"order_id": args["order_id"], "status": "picked_up"})
                         ["order_status"], "picked_up")

    def test_price_change_keeps_history_and_honours_offline_orders(self):
        vendor = self.as_account(stall_code="pasar-gudang-lelang.s1")
        old_index = h.request(self.url, "GET", "/data/index.json")
        self.assertEqual(old_index.status, 200)
        result = vendor.push("set_price", {"product_id": "pasar-gudang-lelang.s1.p2", "price_rp": 45000})
        self.assertEqual(result["status"], "ok")
        # The static catalogue was regenerated with a new catalog_version and the new price.
        index = h.request(self.url, "GET", "/data/index.json")
        new_version = index.json()["catalog_version"]
        self.assertNotEqual(new_version, "2026-11-29.1")
        self.assertNotEqual(index.header("ETag"), old_index.header("ETag"))
        market = h.request(self.url, "GET", "/data/markets/pasar-gudang-lelang.json").json()
        self.assertEqual(market["catalog_version"], new_version)
        product = [p for s in market["stalls"] for p in s["products"] if p["id"] == "pasar-gudang-lelang.s1.p2"][0]
        self.assertEqual(product["price_rp"], 45000)
        other_market = h.request(self.url, "GET", "/data/markets/kud-mina-jaya.json").json()
        self.assertEqual(other_market["catalog_version"], new_version, "every file matches the index")
        # A phone that saw only the old list pulls and gets the change as a patch.
        patch = Device(self.url).pull()
        self.assertEqual(patch[0], {"op": "catalog_version", "catalog_version": new_version})
        self.assertIn({"op": "product", "product_id": "pasar-gudang-lelang.s1.p2", "market_id": "pasar-gudang-lelang",
                       "price_rp": 45000, "price_date": product["price_date"], "availability": "tersedia"}, patch)
        # An order placed offline yesterday at yesterday's list: accepted, marked for the stall to confirm.
        offline = fish_order(price_rp=38000, catalog_version="2026-11-29.1")
        buyer = self.place(offline)
        entry = self.order_entry(buyer, offline["order_id"])
        self.assertTrue(entry["needs_confirm"])
        self.assertEqual(entry["total_rp"], 38000 + 5000)
        # The same old price against the new list is a tampered price.
        tampered = Device(self.url).push("place_order", fish_order(price_rp=38000, catalog_version=new_version))
        self.assertEqual(tampered["code"], "price_mismatch")
        fresh = Device(self.url).push("place_order", fish_order(price_rp=45000, catalog_version=new_version))
        self.assertEqual((fresh["status"], fresh["needs_confirm"]), ("ok", False))
        # The stall adjusts the stale line within [quoted, today's] or confirms it.
        out_of_range = vendor.push("set_order_status", {"order_id": offline["order_id"], "status": "adjusted",
                                                        "lines": [{"line_no": 1, "price_rp": 50000}]})
        self.assertEqual(out_of_range["code"], "invalid_price")
        adjusted = vendor.push("set_order_status", {"order_id": offline["order_id"], "status": "adjusted",
                                                    "lines": [{"line_no": 1, "price_rp": 42000}]})
        self.assertEqual((adjusted["needs_confirm"], adjusted["subtotal_rp"]), (False, 42000))
        not_stale = vendor.push("set_order_status", {"order_id": fresh["order_id"], "status": "adjusted",
                                                     "lines": [{"line_no": 1, "price_rp": 44000}]})
        self.assertEqual(not_stale["code"], "price_not_adjustable")
        self.assertEqual(self.server.count("SELECT COUNT(*) FROM price_history "
                                           "WHERE product_id='pasar-gudang-lelang.s1.p2'"), 2)

    def test_sold_out_then_back(self):
        vendor = self.as_account(stall_code="kud-mina-jaya.s1")
        self.assertEqual(vendor.push("set_availability", {"product_id": "kud-mina-jaya.s1.p2",
                                                          "availability": "habis"})["status"], "ok")
        order = {"order_id": h.new_order_id(), "secret": h.new_secret(), "catalog_version": "2026-11-29.1",
                 "market_id": "kud-mina-jaya",
                 "lines": [{"product_id": "kud-mina-jaya.s1.p2", "qty_milli": 2000, "price_rp": 27000,
                            "substitution": "contact"}],
                 "delivery": {"method": "stall", "area_id": "kemiling"},
                 "buyer": {"name": "Ibu Ani", "phone": "6285712345678", "address": "Jl. Teuku Umar 3"},
                 "payment": "qris", "quoted": {"subtotal_rp": 54000, "delivery_fee_rp": 5000, "total_rp": 59000}}
        self.assertEqual(Device(self.url).push("place_order", order)["code"], "sold_out")
        vendor.push("set_availability", {"product_id": "kud-mina-jaya.s1.p2", "availability": "terbatas"})
        order["order_id"] = h.new_order_id()
        self.assertEqual(Device(self.url).push("place_order", order)["status"], "ok")
        # A stall-delivered order wholly of this stall: the vendor carries it through to delivered.
        for status in ("accepted", "ready", "picked_up", "delivered"):
            self.assertEqual(vendor.push("set_order_status", {"order_id": order["order_id"], "status": status})
                             ["order_status"], status)

    def test_closed_stall_takes_no_orders(self):
        vendor = self.as_account(stall_code="pasar-gudang-lelang.s2")
        self.assertEqual(vendor.push("set_stall_open", {"stall_id": "pasar-gudang-lelang.s1", "open": False})["code"],
                         "forbidden")
        self.assertEqual(vendor.push("set_stall_open", {"open": "no"})["code"], "invalid_args")
        self.assertEqual(vendor.push("set_stall_open", {"open": False}),
                         {"id": vendor.next_id - 1, "key": vendor.last_key, "status": "ok",
                          "stall_id": "pasar-gudang-lelang.s2", "open": False, "until_ms": None})
        order = fish_order(price_rp=120000, catalog_version="2026-11-29.1")
        order["lines"][0].update(product_id="pasar-gudang-lelang.s2.p1", qty_milli=250)
        order["quoted"] = {"subtotal_rp": 30000, "delivery_fee_rp": 5000, "total_rp": 35000}
        closed = Device(self.url).push("place_order", order)
        self.assertEqual((closed["code"], closed["stall_id"]), ("stall_closed", "pasar-gudang-lelang.s2"))
        patch = Device(self.url).pull()
        self.assertIn({"op": "stall", "stall_id": "pasar-gudang-lelang.s2", "market_id": "pasar-gudang-lelang",
                       "open": False, "closed_until_ms": None, "paused": None}, patch)
        market = h.request(self.url, "GET", "/data/markets/pasar-gudang-lelang.json").json()
        self.assertEqual([s.get("closed", False) for s in market["stalls"]], [False, True])
        staff = self.as_account(username="staff.pasar-gudang-lelang")
        self.assertEqual(staff.push("set_stall_open", {"stall_id": "pasar-gudang-lelang.s2", "open": True})["open"],
                         True)
        self.assertEqual(Device(self.url).push("place_order", order)["status"], "ok")
        market = h.request(self.url, "GET", "/data/markets/pasar-gudang-lelang.json").json()
        self.assertNotIn("closed", market["stalls"][1])

    def test_one_catalogue_version_per_push(self):
        staff = self.as_account(username="staff.pasar-tugu")
        before = self.server.count("SELECT COUNT(*) FROM catalog_versions")
        staff.push_many([("set_price", {"product_id": "pasar-tugu.s1.p3", "price_rp": 37000}),
                        ("set_price", {"product_id": "pasar-tugu.s1.p3", "price_rp": 37500}),
                        ("set_availability", {"product_id": "pasar-tugu.s2.p3", "availability": "terbatas"})])
        self.assertEqual(self.server.count("SELECT COUNT(*) FROM catalog_versions"), before + 1)
        self.assertEqual(self.server.count("SELECT price_rp FROM products WHERE id='pasar-tugu.s1.p3'"), 37500)

    def test_rejected_edit_does_not_bump_the_catalogue(self):
        vendor = self.as_account(stall_code="pasar-tugu.s1")
        before = self.server.count("SELECT COUNT(*) FROM catalog_versions")
        result = vendor.push("set_price", {"product_id": "pasar-tugu.s1.p1", "price_rp": 0})
        self.assertEqual(result["code"], "invalid_args")
        self.assertEqual(self.server.count("SELECT COUNT(*) FROM catalog_versions"), before)


def fish_order(price_rp, catalog_version):
    """1 kg kembung at Gudang Lelang for delivery to Teluk Betung Selatan (800 m: first zone, Rp5.000)."""
    return {"order_id": h.new_order_id(), "secret": h.new_secret(), "catalog_version": catalog_version,
            "market_id": "pasar-gudang-lelang",
            "lines": [{"product_id": "pasar-gudang-lelang.s1.p2", "qty_milli": 1000, "price_rp": price_rp,
                       "substitution": "similar"}],
            "delivery": {"method": "coop_courier", "area_id": "teluk-betung-selatan"},
            "buyer": {"name": "Pak Yus", "phone": "0821 7000 1234", "address": "Gg. Nelayan 4", "landmark": "dekat TPI"},
            "payment": "cod", "quoted": {"subtotal_rp": price_rp, "delivery_fee_rp": 5000, "total_rp": price_rp + 5000}}


class Device:
    """A phone: a client id, the next mutation id, the last cookie; optionally a signed-in token."""

    def __init__(self, url, token=None):
        self.url, self.token = url, token
        self.client_id, self.next_id, self.cookie = h.new_client_id(), 1, None

    def push_many(self, named_args):
        mutations = []
        for name, args in named_args:
            mutations.append(h.mutation(self.next_id, name, args))
            self.last_key = mutations[-1]["key"]
            self.next_id += 1
        response = h.push(self.url, self.client_id, mutations, cookie=self.cookie, token=self.token)
        assert response.status == 200, response.body
        body = response.json()
        self.cookie = body["cookie"]
        return body["results"]

    def push(self, name, args):
        return self.push_many([(name, args)])[0]

    def pull(self, from_start=False):
        response = h.push(self.url, self.client_id, [], cookie=None if from_start else self.cookie)
        assert response.status == 200, response.body
        return response.json()["patch"]


if __name__ == "__main__":
    unittest.main()
