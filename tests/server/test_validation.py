"""Bad input: every tampered order and malformed request gets its documented answer and no stray rows."""

import json
import random
import unittest

from tests.server import helpers as h

ORDER_TABLES = ("orders", "order_lines", "order_stalls")


class OrderRejectionTest(unittest.TestCase):
    """Business rejections: 200, per-mutation {status: rejected, code, field}; the id is consumed; the
    only rows added are the mutation's own record (mutations + idempotency), never order rows."""

    @classmethod
    def setUpClass(cls):
        cls.server = h.fresh_server()
        cls.url = cls.server.base_url

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def reject(self, args, code, field):
        client = h.new_client_id()
        before = self.server.row_counts()
        response = h.push(self.url, client, [h.mutation(1, "place_order", args)])
        self.assertEqual(response.status, 200, response.body)
        body = response.json()
        result = body["results"][0]
        self.assertEqual((result["status"], result["code"], result.get("field")), ("rejected", code, field),
                         result)
        self.assertTrue(result["message"])
        self.assertEqual(body["last_mutation_id"], 1, "a rejection consumes the id")
        after = self.server.row_counts()
        for table in ORDER_TABLES:
            self.assertEqual(after[table], before[table], "no %s row for a rejected order" % table)
        self.assertEqual(after["mutations"] - before["mutations"], 1)
        self.assertEqual(after["clients"] - before["clients"], 1)
        return result

    def line(self, index, **changes):
        args = h.pickup_order_args()
        args["lines"][index].update(changes)
        return args

    def test_tampered_price(self):
        result = self.reject(self.line(1, price_rp=4000), "price_mismatch", "args.lines[1].price_rp")
        self.assertEqual(result["catalog_price_rp"], 40000)

    def test_negative_quantity(self):
        self.reject(self.line(0, qty_milli=-1000), "invalid_quantity", "args.lines[0].qty_milli")

    def test_zero_quantity(self):
        self.reject(self.line(0, qty_milli=0), "invalid_quantity", "args.lines[0].qty_milli")

    def test_huge_quantity(self):
        self.reject(self.line(1, qty_milli=10 ** 15), "invalid_quantity", "args.lines[1].qty_milli")

    def test_fractional_piece(self):
        self.reject(self.line(0, qty_milli=1500), "invalid_quantity", "args.lines[0].qty_milli")

    def test_float_quantity(self):
        self.reject(self.line(0, qty_milli=1.5), "invalid_args", "args.lines[0].qty_milli")

    def test_unknown_product_of_unknown_stall(self):
        self.reject(self.line(0, product_id="pasar-tugu.s99.p1"), "unknown_product", "args.lines[0].product_id")

    def test_other_markets_product(self):
        self.reject(self.line(0, product_id="pasar-gudang-lelang.s1.p1", price_rp=30000), "other_market_product",
                    "args.lines[0].product_id")

    def test_unknown_market(self):
        self.reject(h.pickup_order_args(market_id="pasar-atlantis"), "unknown_market", "args.market_id")

    def test_sold_out(self):
        args = h.pickup_order_args()
        args["lines"].append({"product_id": "pasar-tugu.s1.p4", "qty_milli": 500, "price_rp": 12000,
                              "substitution": "cancel"})
        args["quoted"] = {"subtotal_rp": 20000, "delivery_fee_rp": 0, "total_rp": 20000}
        self.reject(args, "sold_out", "args.lines[2].product_id")

    def test_unknown_catalog_version(self):
        self.reject(h.pickup_order_args(catalog_version="2030-01-01.9"), "unknown_catalog_version",
                    "args.catalog_version")

    def test_quoted_total_mismatch(self):
        args = h.pickup_order_args()
        args["quoted"] = {"subtotal_rp": 14000, "delivery_fee_rp": 0, "total_rp": 1}
        result = self.reject(args, "quote_mismatch", "args.quoted.total_rp")
        self.assertEqual(result["server"], {"subtotal_rp": 14000, "delivery_fee_rp": 0, "total_rp": 14000})

    def test_quoted_fee_mismatch(self):
        args = h.courier_order_args()
        args["quoted"] = {"subtotal_rp": 66500, "delivery_fee_rp": 8000, "total_rp": 74500}
        self.reject(args, "quote_mismatch", "args.quoted.delivery_fee_rp")

    def test_bad_phone(self):
        args = h.pickup_order_args()
        args["buyer"]["phone"] = "021-555-1234"
        self.assertEqual(self.reject(args, "invalid_phone", "args.buyer.phone")["phone_error"], "bad_prefix")

    def test_beyond_delivery_radius(self):
        args = h.courier_order_args()
        args["delivery"]["area_id"] = "sukarame"
        self.reject(args, "too_far", "args.delivery.area_id")

    def test_beyond_last_zone(self):
        args = h.courier_order_args()
        args["market_id"] = "pasar-gudang-lelang"
        args["lines"] = [{"product_id": "pasar-gudang-lelang.s1.p1", "qty_milli": 1000, "price_rp": 30000,
                          "substitution": "similar"}]
        args["delivery"]["area_id"] = "rajabasa"
        self.reject(args, "outside_zones", "args.delivery.area_id")

    def test_area_not_served(self):
        args = h.courier_order_args()
        args["delivery"]["area_id"] = "kemiling"
        self.reject(args, "unknown_area", "args.delivery.area_id")

    def test_method_not_offered(self):
        args = h.courier_order_args()
        args["delivery"]["method"] = "ojek"
        self.reject(args, "method_not_offered", "args.delivery.method")

    def test_below_minimum_order(self):
        args = h.courier_order_args()
        args["lines"] = [args["lines"][1]]
        args["quoted"] = {"subtotal_rp": 14000, "delivery_fee_rp": 8000, "total_rp": 22000}
        args["delivery"]["area_id"] = "kedaton"
        self.reject(args, "below_min_order", "args.lines")

    def test_bad_order_id(self):
        self.reject(h.pickup_order_args(order_id="ILOU00000000"), "invalid_args", "args.order_id")

    def test_bad_secret(self):
        self.reject(h.pickup_order_args(secret="not-hex"), "invalid_args", "args.secret")

    def test_missing_buyer(self):
        args = h.pickup_order_args()
        del args["buyer"]
        self.reject(args, "invalid_args", "args.buyer")

    def test_bad_substitution(self):
        self.reject(self.line(0, substitution="whatever"), "invalid_args", "args.lines[0].substitution")

    def test_empty_lines(self):
        self.reject(h.pickup_order_args(lines=[]), "invalid_args", "args.lines")

    def test_bad_payment(self):
        self.reject(h.pickup_order_args(payment="bitcoin"), "invalid_args", "args.payment")


class RequestGateTest(h.ServerTestCase):
    """Malformed requests: 4xx JSON error with a stable code and the field, nothing written at all."""

    def refused(self, response, status, code, field=None):
        self.assertEqual(response.status, status, response.body)
        self.assertTrue(response.header("Content-Type").startswith("application/json"))
        error = response.json()["error"]
        self.assertEqual(error["code"], code)
        self.assertTrue(error["message"])
        if field:
            self.assertEqual(error.get("field"), field)

    def envelope(self):
        return {"push_version": 1, "client_id": h.new_client_id(), "cookie": None,
                "mutations": [h.mutation(1, "place_order", h.pickup_order_args())]}

    def setUp(self):
        self.before = self.server.row_counts()

    def tearDown(self):
        self.assertEqual(self.server.row_counts(), self.before, "a refused request must not write")

    def test_oversize_body_is_413(self):
        envelope = self.envelope()
        envelope["padding"] = "x" * (300 * 1024)
        self.refused(h.post_json(self.url, "/api/sync", envelope), 413, "body_too_large", "Content-Length")

    def test_bad_json_is_400(self):
        self.refused(h.request(self.url, "POST", "/api/sync", b'{"push_version": 1,',
                               {"Content-Type": "application/json"}), 400, "bad_json", "body")

    def test_not_utf8_is_400(self):
        self.refused(h.request(self.url, "POST", "/api/sync", b'{"a": "\xff"}', {"Content-Type": "application/json"}),
                     400, "bad_json")

    def test_nan_is_not_json(self):
        self.refused(h.request(self.url, "POST", "/api/sync", b'{"push_version": NaN}',
                               {"Content-Type": "application/json"}), 400, "bad_json")

    def test_deep_nesting_is_400_not_500(self):
        self.refused(h.request(self.url, "POST", "/api/sync", b"[" * 150000 + b"]" * 150000,
                               {"Content-Type": "application/json"}), 413, "body_too_large")
        self.refused(h.request(self.url, "POST", "/api/sync", b"[" * 60000 + b"]" * 60000,
                               {"Content-Type": "application/json"}), 400, "bad_json")

    def test_wrong_content_type_is_415(self):
        body = json.dumps(self.envelope())
        self.refused(h.request(self.url, "POST", "/api/sync", body, {"Content-Type": "text/plain"}), 415,
                     "unsupported_media_type", "Content-Type")
        self.refused(h.request(self.url, "POST", "/api/sync", "a=1",
                               {"Content-Type": "application/x-www-form-urlencoded"}), 415, "unsupported_media_type")
        self.refused(h.request(self.url, "POST", "/api/sync", body, {}), 415, "unsupported_media_type")

    def test_foreign_origin_is_403(self):
        self.refused(h.post_json(self.url, "/api/sync", self.envelope(), {"Origin": "https://evil.example"}), 403,
                     "bad_origin", "Origin")
        self.refused(h.post_json(self.url, "/api/sync", self.envelope(), {"Origin": "null"}), 403, "bad_origin")

    def test_own_origin_is_accepted(self):
        response = h.post_json(self.url, "/api/sync", self.envelope(), {"Origin": self.url})
        self.assertEqual(response.status, 200)
        self.before = self.server.row_counts()

    def test_missing_length_is_411(self):
        import http.client
        conn = http.client.HTTPConnection("127.0.0.1", self.server.port, timeout=10)
        conn.putrequest("POST", "/api/sync")
        conn.putheader("Content-Type", "application/json")
        conn.putheader("Transfer-Encoding", "chunked")
        conn.endheaders()
        conn.send(b"2\r\n{}\r\n0\r\n\r\n")
        response = conn.getresponse()
        self.refused(h.Response(response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()),
                     411, "length_required")
        conn.close()

    def test_envelope_defects_name_the_field(self):
        cases = [
            ({"push_version": 2}, "unsupported_push_version", "push_version"),
            ({"client_id": "short"}, "invalid_request", "client_id"),
            ({"client_id": "bad client id!"}, "invalid_request", "client_id"),
            ({"cookie": -1}, "invalid_request", "cookie"),
            ({"cookie": "abc"}, "invalid_request", "cookie"),
            ({"mutations": {}}, "invalid_request", "mutations"),
        ]
        for change, code, field in cases:
            envelope = self.envelope()
            envelope.update(change)
            self.refused(h.post_json(self.url, "/api/sync", envelope), 400, code, field)
        m = self.envelope()
        for key, value, field in [("id", 0, "mutations[0].id"), ("id", "1", "mutations[0].id"),
                                  ("key", "short", "mutations[0].key"), ("name", 7, "mutations[0].name"),
                                  ("args", [], "mutations[0].args"), ("created_at_ms", None, "mutations[0].created_at_ms")]:
            envelope = json.loads(json.dumps(m))
            envelope["mutations"][0][key] = value
            self.refused(h.post_json(self.url, "/api/sync", envelope), 400, "invalid_request", field)
        envelope = self.envelope()
        envelope["mutations"] = [h.mutation(i, "place_order", {}) for i in range(1, 102)]
        self.refused(h.post_json(self.url, "/api/sync", envelope), 400, "too_many_mutations", "mutations")
        self.refused(h.post_json(self.url, "/api/sync", [1, 2]), 400, "invalid_request")

    def test_odd_numbers_in_headers_and_queries_are_4xx(self):
        body = json.dumps(self.envelope()).encode()
        for length in ("\u00b2", "-1", "1e3", "0x10"):
            response = h.request(self.url, "POST", "/api/sync", body,
                                 {"Content-Type": "application/json", "Content-Length": length})
            self.refused(response, 411, "length_required", "Content-Length")
        token = h.token(self.url, username="staff.pasar-tugu")
        response = h.request(self.url, "GET", "/api/vendor/orders?since=%B2", headers={"Authorization": "Bearer " + token})
        self.refused(response, 400, "invalid_request", "since")
        self.before = self.server.row_counts()  # the sign-in above stored a token

    def test_wrong_method_is_405(self):
        self.refused(h.request(self.url, "GET", "/api/sync"), 405, "method_not_allowed")
        self.refused(h.request(self.url, "PUT", "/index.html", b"x"), 405, "method_not_allowed")

    def test_unknown_api_is_404(self):
        self.refused(h.request(self.url, "GET", "/api/nothing"), 404, "not_found")

    def test_malformed_http_is_json(self):
        import socket
        sock = socket.create_connection(("127.0.0.1", self.server.port))
        sock.sendall(b"GET / extra HTTP/1.1\r\n\r\n")
        data = b""
        while True:
            chunk = sock.recv(65536)
            if not chunk:
                break
            data += chunk
        sock.close()
        self.assertIn(b"400", data.split(b"\r\n", 1)[0])
        self.assertIn(b'"bad_http"', data)

    def raw(self, request: bytes) -> bytes:
        import socket
        sock = socket.create_connection(("127.0.0.1", self.server.port), timeout=10)
        try:
            sock.sendall(request)
            data = b""
            while True:
                chunk = sock.recv(65536)
                if not chunk:
                    return data
                data += chunk
        finally:
            sock.close()

    def test_header_lines_too_long_or_too_many_are_431_in_json(self):
        for request in (b"GET /api/health HTTP/1.1\r\nX-Long: " + b"a" * 70000 + b"\r\n\r\n",
                        b"GET /api/health HTTP/1.1\r\n" + b"".join(b"X-%d: 1\r\n" % i for i in range(101)) + b"\r\n"):
            data = self.raw(request)
            self.assertIn(b" 431 ", data.split(b"\r\n", 1)[0])
            self.assertIn(b'"bad_http"', data)

    def test_a_header_line_without_a_colon_is_400_in_json(self):
        data = self.raw(b"GET /api/health HTTP/1.1\r\nHost 127.0.0.1\r\n\r\n")
        self.assertIn(b" 400 ", data.split(b"\r\n", 1)[0])
        self.assertIn(b'"bad_http"', data)

    def test_headers_are_case_insensitive_and_folded_lines_continue(self):
        body = json.dumps(self.envelope()).encode()
        data = self.raw(b"POST /api/sync HTTP/1.1\r\ncontent-TYPE: application/json;\r\n charset=utf-8\r\n"
                        b"CONTENT-LENGTH: %d\r\nConnection: close\r\n\r\n" % len(body) + body)
        self.assertIn(b" 200 ", data.split(b"\r\n", 1)[0])
        self.before = self.server.row_counts()  # this one was accepted: it wrote its order

    def test_connection_close_is_honoured(self):
        data = self.raw(b"GET /api/health HTTP/1.1\r\nConnection: close\r\n\r\n")  # returns only at EOF
        self.assertIn(b" 200 ", data.split(b"\r\n", 1)[0])

    def test_mutated_requests_never_give_500_or_rows(self):
        """A small fuzzer: random byte and structure mutations of a valid push, always a 4xx or a 200
        whose every result is a rejection (never an order)."""
        rng = random.Random(20261129)
        base = json.dumps(self.envelope()).encode()
        accepted_orders = set()
        for round_no in range(150):
            data = bytearray(base)
            for _ in range(rng.randint(1, 6)):
                pos = rng.randrange(len(data))
                choice = rng.random()
                if choice < 0.4:
                    data[pos] = rng.randrange(256)
                elif choice < 0.7:
                    del data[pos]
                else:
                    data[pos:pos] = rng.choice([b"-", b"9e999", b"null", b"[", b"}", b'"', b"0", b"\\u0000"])
            response = h.request(self.url, "POST", "/api/sync", bytes(data), {"Content-Type": "application/json"})
            self.assertLess(response.status, 500, (round_no, bytes(data), response.body))
            if response.status == 200:
                # A mutation can survive with its meaning intact (a changed note): then it is a real order.
                # The same key and body from another (mutated) client_id replays that one order.
                accepted_orders |= {r["order_id"] for r in response.json()["results"] if r["status"] == "ok"}
        after = self.server.row_counts()
        self.assertEqual(after["orders"] - self.before["orders"], len(accepted_orders))
        self.before = after  # rejected mutations leave their documented result rows; checked above


class RateLimitTest(unittest.TestCase):
    def test_client_and_ip_buckets_answer_429_with_retry_after(self):
        server = h.fresh_server(rates=["--client-rate", "0.5:3", "--ip-rate", "1:8", "--login-rate", "1:10"])
        try:
            client = h.new_client_id()
            statuses = [h.push(server.base_url, client, []).status for _ in range(5)]
            self.assertEqual(statuses[:3], [200, 200, 200])
            self.assertEqual(statuses[3], 429)
            response = h.push(server.base_url, client, [])
            self.assertEqual(response.json()["error"]["code"], "rate_limited")
            self.assertGreaterEqual(int(response.header("Retry-After")), 1)
            other = [h.push(server.base_url, h.new_client_id(), []).status for _ in range(6)]
            self.assertIn(429, other, "the per-IP bucket caps many client ids from one address")
        finally:
            server.stop()


class ConnectionLimitTest(unittest.TestCase):
    def test_idle_sockets_cannot_take_every_thread(self):
        import socket
        import time
        server = h.fresh_server(extra_args=["--max-connections", "3"])
        try:
            idle = [socket.create_connection(("127.0.0.1", server.port)) for _ in range(3)]
            time.sleep(0.3)
            extra = socket.create_connection(("127.0.0.1", server.port))
            extra.settimeout(5)
            self.assertEqual(extra.recv(1), b"", "the connection beyond the limit is closed at once")
            extra.close()
            idle[0].close()
            time.sleep(0.3)
            self.assertEqual(h.request(server.base_url, "GET", "/api/health").status, 200)
            for sock in idle[1:]:
                sock.close()
        finally:
            server.stop()


if __name__ == "__main__":
    unittest.main()
