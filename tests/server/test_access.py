"""Who sees a buyer's contact details, and patches scoped by the account (issue 12, parts 2 and 4).

The rule (server/access.py, README "Who sees a buyer's contact details"): the order's stalls when the stall
itself delivers (`stall`: everything) or for pickup (name and phone); the staff of the order's market
cooperative; the courier assigned to the order until its delivery is closed; the buyer holding the order's
secret; never the office. Couriers and the office have no accounts yet, so their rows are checked on the
function itself with constructed accounts; every other role is also checked end to end, in every read and
every patch.
"""

import unittest

from server import access
from tests.server import helpers as h

CATALOG_VERSION = "2026-11-29.1"
ALL = {"name", "phone", "address", "landmark"}
NAME_PHONE = {"name", "phone"}
NONE = set()


def kud_order_args(method, area_id=None):
    """One order at KUD Mina Jaya (one stall, s1), which offers pickup, stall delivery and ojek:
    ikan selar 1 kg x Rp32.000. Fees: pickup 0; stall Rp5.000 flat; ojek to Teluk Betung Selatan
    (3.000 m, within the first 4 km) Rp10.000."""
    fee_rp = {"pickup": 0, "stall": 5000, "ojek": 10000}[method]
    delivery = {"method": method}
    if area_id:
        delivery["area_id"] = area_id
    return {"order_id": h.new_order_id(), "secret": h.new_secret(), "catalog_version": CATALOG_VERSION,
            "market_id": "kud-mina-jaya",
            "lines": [{"product_id": "kud-mina-jaya.s1.p1", "qty_milli": 1000, "price_rp": 32000, "note": "",
                       "substitution": "similar"}],
            "delivery": delivery,
            "buyer": {"name": "Bu Ani", "phone": "0813-2222-3333", "address": "Jl. Laksamana Malahayati 7",
                      "landmark": "dekat dermaga"},
            "payment": "cod", "quoted": {"subtotal_rp": 32000, "delivery_fee_rp": fee_rp, "total_rp": 32000 + fee_rp}}


def order_row(method, status="sent", market_id="kud-mina-jaya", courier_account_id=None):
    return {"order_id": "7Q2M5XKZ8H3D", "market_id": market_id, "delivery_method": method, "status": status,
            "courier_account_id": courier_account_id, "buyer_name": "Bu Ani", "buyer_phone": "+6281322223333",
            "buyer_address": "Jl. Laksamana Malahayati 7", "buyer_landmark": "dekat dermaga"}


STALL = {"kind": "vendor", "id": 1, "stall_id": "kud-mina-jaya.s1", "market_id": "kud-mina-jaya"}
OTHER_STALL = {"kind": "vendor", "id": 2, "stall_id": "kud-mina-jaya.s9", "market_id": "kud-mina-jaya"}
STAFF = {"kind": "staff", "id": 3, "stall_id": None, "market_id": "kud-mina-jaya"}
OTHER_STAFF = {"kind": "staff", "id": 4, "stall_id": None, "market_id": "pasar-tugu"}
COURIER = {"kind": "courier", "id": 5, "stall_id": None, "market_id": "kud-mina-jaya"}
OTHER_COURIER = {"kind": "courier", "id": 6, "stall_id": None, "market_id": "kud-mina-jaya"}
OFFICE = {"kind": "office", "id": 7, "stall_id": None, "market_id": None}
BUYER = {"kind": "buyer", "order_id": "7Q2M5XKZ8H3D"}
OTHER_BUYER = {"kind": "buyer", "order_id": "0000000000AB"}
STALLS = {"kud-mina-jaya.s1"}
METHODS = ("pickup", "stall", "coop_courier", "ojek")


class ContactRuleTest(unittest.TestCase):
    """access.contact_fields for every role, delivery method and delivery state."""

    def assertFields(self, account, order, expected):
        fields = set(access.contact_fields(account, order, STALLS))
        self.assertEqual(fields, expected, (account["kind"], order["delivery_method"], order["status"]))
        self.assertEqual(access.may_see_contact(account, order, STALLS), bool(expected))
        buyer = access.buyer_json(account, order, STALLS)
        self.assertEqual(set(buyer or {}), expected)

    def test_the_orders_stall_sees_all_when_it_delivers_name_and_phone_for_pickup_else_nothing(self):
        expected = {"pickup": NAME_PHONE, "stall": ALL, "coop_courier": NONE, "ojek": NONE}
        for method in METHODS:
            for status in ("sent", "ready", "delivered"):
                self.assertFields(STALL, order_row(method, status), expected[method])

    def test_a_stall_without_lines_in_the_order_sees_nothing(self):
        for method in METHODS:
            self.assertFields(OTHER_STALL, order_row(method), NONE)

    def test_the_markets_staff_see_all_other_markets_staff_nothing(self):
        for method in METHODS:
            for status in ("sent", "on_the_way", "delivered", "cancelled"):
                self.assertFields(STAFF, order_row(method, status), ALL)
                self.assertFields(OTHER_STAFF, order_row(method, status), NONE)

    def test_the_assigned_courier_sees_all_until_the_delivery_is_closed(self):
        for method in METHODS:
            for status in ("sent", "ready", "picked_up", "on_the_way"):
                self.assertFields(COURIER, order_row(method, status, courier_account_id=5), ALL)
            for status in ("delivered", "cancelled", "rejected"):
                self.assertFields(COURIER, order_row(method, status, courier_account_id=5), NONE)
            self.assertFields(OTHER_COURIER, order_row(method, "on_the_way", courier_account_id=5), NONE)
            self.assertFields(COURIER, order_row(method, "on_the_way", courier_account_id=None), NONE)

    def test_the_office_never_sees_a_buyer(self):
        for method in METHODS:
            for status in ("sent", "on_the_way", "delivered"):
                self.assertFields(OFFICE, order_row(method, status, courier_account_id=7), NONE)
                self.assertTrue(access.may_see_order(OFFICE, order_row(method, status), STALLS))

    def test_the_buyer_holding_the_secret_sees_all_anyone_else_nothing(self):
        for method in METHODS:
            self.assertFields(BUYER, order_row(method, "delivered"), ALL)
            self.assertFields(OTHER_BUYER, order_row(method), NONE)
            self.assertEqual(access.contact_fields(None, order_row(method), STALLS), ())

    def test_every_role_is_covered(self):
        self.assertEqual(set(access.ROLES), {"vendor", "staff", "courier", "office", "buyer"})
        self.assertEqual(access.contact_fields({"kind": "stranger"}, order_row("stall"), STALLS), ())


class ContactInEveryReadTest(unittest.TestCase):
    """The same rule through the wire: the stall's order list, the stall's pull and push patches, the
    staff's list and pull, the buyer's read by secret; for pickup, stall delivery and ojek."""

    @classmethod
    def setUpClass(cls):
        cls.server = h.fresh_server()
        cls.url = cls.server.base_url
        cls.stall_token = h.token(cls.url, stall_code="kud-mina-jaya.s1")
        cls.staff_token = h.token(cls.url, username="staff.kud-mina-jaya")
        cls.other_staff_token = h.token(cls.url, username="staff.pasar-tugu")
        cls.orders = {}
        client = h.new_client_id()
        for i, (method, area) in enumerate((("pickup", None), ("stall", "teluk-betung-selatan"),
                                            ("ojek", "teluk-betung-selatan")), start=1):
            args = kud_order_args(method, area)
            response = h.push(cls.url, client, [h.mutation(i, "place_order", args)])
            result = response.json()["results"][0]
            assert result["status"] == "ok", result
            cls.orders[method] = args

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def by_id(self, orders):
        return {o["order_id"]: o for o in orders}

    def test_the_stalls_order_list(self):
        response = h.request(self.url, "GET", "/api/vendor/orders", headers={"Authorization": "Bearer " + self.stall_token})
        self.assertEqual(response.status, 200, response.body)
        seen = self.by_id(response.json()["orders"])
        expected = {"pickup": NAME_PHONE, "stall": ALL, "ojek": NONE}
        for method, args in self.orders.items():
            self.assertEqual(set(seen[args["order_id"]]["buyer"] or {}), expected[method], method)
        self.assertEqual(seen[self.orders["pickup"]["order_id"]]["buyer"],
                         {"name": "Bu Ani", "phone": "+6281322223333"})

    def test_the_stalls_pull_and_push_patches(self):
        expected = {"pickup": NAME_PHONE, "stall": ALL, "ojek": NONE}
        pull = h.push(self.url, h.new_client_id(), [], cookie=0, token=self.stall_token).json()
        entries = self.by_id(p for p in pull["patch"] if p["op"] == "account_order")
        self.assertLessEqual({a["order_id"] for a in self.orders.values()}, set(entries))
        for method, args in self.orders.items():
            self.assertEqual(set(entries[args["order_id"]]["buyer"] or {}), expected[method], method)
        self.assertFalse([p for p in pull["patch"] if p["op"] == "order"], "a stall's pull has no buyer `order` op")
        # A push answers with the same scoped patch.
        client = h.new_client_id()
        push = h.push(self.url, client, [h.mutation(1, "set_stall_open", {"open": True})], cookie=0,
                      token=self.stall_token).json()
        self.assertEqual(push["results"][0]["status"], "ok", push)
        entries = self.by_id(p for p in push["patch"] if p["op"] == "account_order")
        for method, args in self.orders.items():
            self.assertEqual(set(entries[args["order_id"]]["buyer"] or {}), expected[method], method)

    def test_the_markets_staff_see_everything_other_markets_staff_nothing(self):
        for token, expected in ((self.staff_token, ALL), (self.other_staff_token, None)):
            listed = h.request(self.url, "GET", "/api/vendor/orders", headers={"Authorization": "Bearer " + token})
            pulled = h.push(self.url, h.new_client_id(), [], cookie=0, token=token).json()
            for views in (listed.json()["orders"], [p for p in pulled["patch"] if p["op"] == "account_order"]):
                seen = self.by_id(views)
                for args in self.orders.values():
                    if expected is None:
                        self.assertNotIn(args["order_id"], seen)
                    else:
                        self.assertEqual(set(seen[args["order_id"]]["buyer"]), expected)

    def test_the_buyer_by_secret_sees_all_and_a_wrong_secret_nothing(self):
        for args in self.orders.values():
            response = h.request(self.url, "GET", "/api/orders/" + args["order_id"],
                                 headers={"X-Order-Secret": args["secret"]})
            self.assertEqual(response.status, 200)
            self.assertEqual(set(response.json()["buyer"]), ALL)
            wrong = h.request(self.url, "GET", "/api/orders/" + args["order_id"],
                              headers={"X-Order-Secret": h.new_secret()})
            self.assertEqual(wrong.status, 404)
            self.assertNotIn(b"Bu Ani", wrong.body)

    def test_a_buyers_pull_carries_no_contact_and_no_one_elses_order(self):
        other = h.new_client_id()
        h.push(self.url, other, [h.mutation(1, "place_order", kud_order_args("pickup"))])
        pull = h.push(self.url, other, [], cookie=0).json()
        orders = [p for p in pull["patch"] if p["op"] in ("order", "account_order")]
        self.assertEqual(len(orders), 1)
        self.assertEqual(orders[0]["op"], "order")
        self.assertNotIn("buyer", orders[0])
        self.assertNotIn(orders[0]["order_id"], {a["order_id"] for a in self.orders.values()})


class ScopedPatchTest(unittest.TestCase):
    """Many orders over several stalls: a stall's pull never carries another stall's lines or a buyer it
    may not see, a buyer's pull never carries another buyer's order."""

    def test_scopes_hold_over_many_mixed_orders(self):
        server = h.fresh_server()
        try:
            url = server.base_url
            tokens = {s: h.token(url, stall_code=s) for s in ("pasar-tugu.s1", "pasar-tugu.s2")}
            placed = {}
            for i in range(6):
                client = "buyer-%02d-%s" % (i, h.new_client_id()[-6:])
                if i % 3 == 0:
                    args = h.courier_order_args()
                elif i % 3 == 1:
                    args = h.pickup_order_args()
                else:  # both stalls, pickup: kangkung (s1) + tempe (s2) = 4.000 + 15.000
                    args = h.pickup_order_args()
                    args["lines"] = [args["lines"][0], {"product_id": "pasar-tugu.s2.p3", "qty_milli": 3000,
                                                        "price_rp": 5000, "note": "", "substitution": "cancel"}]
                    args["quoted"] = {"subtotal_rp": 19000, "delivery_fee_rp": 0, "total_rp": 19000}
                result = h.push(url, client, [h.mutation(1, "place_order", args)]).json()["results"][0]
                self.assertEqual(result["status"], "ok", result)
                placed[client] = args
            stalls_of = {c: {line["product_id"].rsplit(".", 1)[0] for line in a["lines"]} for c, a in placed.items()}
            for stall_id, token in tokens.items():
                pull = h.push(url, h.new_client_id(), [], cookie=0, token=token).json()
                entries = [p for p in pull["patch"] if p["op"] == "account_order"]
                expected_ids = {a["order_id"] for c, a in placed.items() if stall_id in stalls_of[c]}
                self.assertEqual({e["order_id"] for e in entries}, expected_ids, stall_id)
                for e in entries:
                    self.assertTrue(all(line["stall_id"] == stall_id for line in e["lines"]), e)
                    self.assertTrue(all(part["stall_id"] == stall_id for part in e["stalls"]), e)
                    method = e["delivery"]["method"]
                    self.assertEqual(set(e["buyer"] or {}), NAME_PHONE if method == "pickup" else NONE, e)
            for client, args in placed.items():
                pull = h.push(url, client, [], cookie=0).json()
                ids = [p["order_id"] for p in pull["patch"] if p["op"] in ("order", "account_order")]
                self.assertEqual(ids, [args["order_id"]])
        finally:
            server.stop()

    def test_a_token_that_is_no_longer_valid_is_401_sign_in_and_nothing_is_applied(self):
        server = h.fresh_server()
        try:
            url = server.base_url
            token = h.token(url, stall_code="pasar-tugu.s1")
            self.assertEqual(h.post_json(url, "/api/logout", {}, {"Authorization": "Bearer " + token}).status, 200)
            before = server.row_counts()
            client = h.new_client_id()
            for mutations in ([], [h.mutation(1, "set_price", {"product_id": "pasar-tugu.s1.p1", "price_rp": 2500})],
                              [h.mutation(1, "place_order", h.pickup_order_args())]):
                response = h.push(url, client, mutations, token=token)
                self.assertEqual(response.status, 401, response.body)
                error = response.json()["error"]
                self.assertEqual((error["code"], error["action"], error["field"]),
                                 ("unauthorized", "sign_in", "Authorization"))
            self.assertEqual(server.row_counts(), before, "nothing of a refused push is written")
            # The buyer's app (no token) is not blocked by a stall app's expired sign-in.
            ok = h.push(url, client, [h.mutation(1, "place_order", h.pickup_order_args())])
            self.assertEqual(ok.json()["results"][0]["status"], "ok")
        finally:
            server.stop()


if __name__ == "__main__":
    unittest.main()
