"""The faults a black-box client found from outside (issue 12, part 5), each answered as the README says,
with no traceback in the server's log and no row written.
"""

import json
import socket
import unittest

from tests.server import helpers as h

LONE = "\ud800 Ibu"  # json.dumps writes it as the escape \ud800, as a broken phone keyboard or client would


def raw_exchange(url, data: bytes, timeout_s=10) -> bytes:
    """Sends bytes on one connection and reads until the server closes it (or the timeout)."""
    host, port = url.split("//")[1].split(":")
    with socket.create_connection((host, int(port)), timeout=timeout_s) as sock:
        sock.sendall(data)
        chunks = []
        try:
            while True:
                chunk = sock.recv(65536)
                if not chunk:
                    break
                chunks.append(chunk)
        except socket.timeout:
            chunks.append(b"<timeout: the connection stayed open>")
    return b"".join(chunks)


def sync_body(client_id, mutations):
    return {"push_version": 1, "client_id": client_id, "mutations": mutations, "cookie": None}


class FaultsTest(h.ServerTestCase):
    def setUp(self):
        self.rows_before = self.server.row_counts()
        self.log_before = len(self.server.stderr_lines)

    def assertNothingWrittenNoTraceback(self):
        self.assertEqual(self.server.row_counts(), self.rows_before, "no row written")
        log = "".join(self.server.stderr_lines[self.log_before:])
        self.assertNotIn("Traceback", log)
        self.assertNotIn("Error", log)

    def assertBadJson(self, response, what):
        self.assertEqual(response.status, 400, "%s: %s" % (what, response.body))
        self.assertEqual(response.json()["error"]["code"], "bad_json", what)

    def post_raw(self, path, obj):
        # ensure_ascii: a lone surrogate goes out as the six characters \ud800, as JSON allows to be written
        return h.request(self.url, "POST", path, json.dumps(obj, ensure_ascii=True),
                         {"Content-Type": "application/json"})

    def test_a_lone_surrogate_anywhere_is_400_bad_json_never_500(self):
        client = h.new_client_id()
        cases = {}
        args = h.pickup_order_args()
        args["buyer"]["name"] = LONE
        cases["buyer.name"] = args
        args = h.pickup_order_args()
        args["lines"][1]["note"] = LONE
        cases["a line's note"] = args
        args = h.courier_order_args()
        args["buyer"]["landmark"] = LONE
        cases["a landmark"] = args
        args = h.pickup_order_args()
        args["tip"] = LONE
        cases["an unknown argument"] = args
        args = h.pickup_order_args()
        args[LONE] = 1
        cases["a key"] = args
        for what, args in cases.items():
            self.assertBadJson(self.post_raw("/api/sync", sync_body(client, [h.mutation(1, "place_order", args)])),
                               what)
        mutation = h.mutation(1, "place_order", h.pickup_order_args())
        mutation["name"] = LONE
        self.assertBadJson(self.post_raw("/api/sync", sync_body(client, [mutation])), "a mutation's name")
        self.assertBadJson(self.post_raw("/api/login", {"stall_code": LONE, "pin": "123456"}), "stall_code")
        self.assertBadJson(self.post_raw("/api/logout", {"x": LONE}), "logout body")
        self.assertNothingWrittenNoTraceback()
        # Nothing was consumed: the same phone's next order takes id 1 and goes through.
        ok = h.push(self.url, client, [h.mutation(1, "place_order", h.pickup_order_args())])
        self.assertEqual(ok.json()["results"][0]["status"], "ok")

    def test_a_surrogate_pair_is_text_and_is_kept(self):
        args = h.pickup_order_args()
        args["buyer"]["name"] = "Bu Sari \U0001F600"  # written as the pair \ud83d\ude00
        response = self.post_raw("/api/sync", sync_body(h.new_client_id(), [h.mutation(1, "place_order", args)]))
        self.assertEqual(response.status, 200, response.body)
        self.assertEqual(response.json()["results"][0]["status"], "ok")
        order = h.request(self.url, "GET", "/api/orders/" + args["order_id"], headers={"X-Order-Secret": args["secret"]})
        self.assertEqual(order.json()["buyer"]["name"], "Bu Sari \U0001F600")

    def test_a_key_twice_in_one_object_is_bad_json(self):
        client = h.new_client_id()
        good = json.dumps(sync_body(client, [h.mutation(1, "place_order", h.pickup_order_args())]))
        top = '{"push_version":1,' + good[1:]
        nested = good.replace('"payment": "cod"', '"payment": "cod", "payment": "qris"')
        login = '{"stall_code": "pasar-tugu.s1", "pin": "246810", "pin": "000000"}'
        for what, (path, text) in {"top level": ("/api/sync", top), "inside args": ("/api/sync", nested),
                                   "login": ("/api/login", login)}.items():
            response = h.request(self.url, "POST", path, text, {"Content-Type": "application/json"})
            self.assertBadJson(response, what)
            self.assertIn("twice", response.json()["error"]["message"])
        self.assertNothingWrittenNoTraceback()

    def test_two_different_content_lengths_are_400_and_the_connection_closes(self):
        body = json.dumps(sync_body(h.new_client_id(), [])).encode()
        smuggled = b"GET /api/health HTTP/1.1\r\nHost: x\r\n\r\n"
        request = (b"POST /api/sync HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                   b"Content-Length: %d\r\nContent-Length: %d\r\n\r\n" % (len(body), len(body) + len(smuggled))
                   + body + smuggled)
        answer = raw_exchange(self.url, request)
        self.assertTrue(answer.startswith(b"HTTP/1.1 400 "), answer[:200])
        self.assertEqual(answer.count(b"HTTP/1.1 "), 1, "one answer, then the connection is closed: %r" % answer)
        self.assertIn(b"Connection: close", answer)
        self.assertIn(b"two different content-length headers", answer.split(b"\r\n\r\n", 1)[1])
        self.assertNothingWrittenNoTraceback()

    def test_the_same_content_length_twice_is_accepted(self):
        body = json.dumps(sync_body(h.new_client_id(), [])).encode()
        request = (b"POST /api/sync HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nConnection: close\r\n"
                   b"Content-Length: %d\r\nContent-Length: %d\r\n\r\n" % (len(body), len(body)) + body)
        self.assertTrue(raw_exchange(self.url, request).startswith(b"HTTP/1.1 200 "))

    def test_a_get_with_a_chunked_body_closes_the_connection(self):
        request = (b"GET /api/health HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                   b"1a\r\nGET /api/health HTTP/1.1\r\n\r\n0\r\n\r\n")
        answer = raw_exchange(self.url, request)
        self.assertEqual(answer.count(b"HTTP/1.1 "), 1, answer)

    def test_cancel_twice_is_ok_and_the_repeat_does_not_move_the_change_counter(self):
        args = h.pickup_order_args()
        phone_a, phone_b = h.new_client_id(), h.new_client_id()
        self.assertEqual(h.push(self.url, phone_a, [h.mutation(1, "place_order", args)]).status, 200)
        cancel = {"order_id": args["order_id"], "secret": args["secret"]}
        first = h.push(self.url, phone_a, [h.mutation(2, "cancel_order", cancel)]).json()
        self.assertEqual(first["results"][0]["order_status"], "cancelled")
        version = h.request(self.url, "GET", "/api/health").json()["version"]
        self.assertEqual(first["cookie"], version)
        again = h.push(self.url, phone_b, [h.mutation(1, "cancel_order", cancel)], cookie=version).json()
        self.assertEqual((again["results"][0]["status"], again["results"][0]["order_status"]), ("ok", "cancelled"))
        self.assertEqual(again["cookie"], version, "a repeated cancel moves nothing")
        self.assertEqual(again["patch"], [])
        self.assertEqual(h.request(self.url, "GET", "/api/health").json()["version"], version)

    def test_a_rejected_mutation_does_not_move_the_change_counter(self):
        version = h.request(self.url, "GET", "/api/health").json()["version"]
        args = h.pickup_order_args()
        args["lines"][0]["price_rp"] = 1
        answer = h.push(self.url, h.new_client_id(), [h.mutation(1, "place_order", args)]).json()
        self.assertEqual(answer["results"][0]["code"], "price_mismatch")
        self.assertEqual(answer["cookie"], version)

    def test_the_documented_refusals(self):
        client = h.new_client_id()
        not_object = h.request(self.url, "POST", "/api/sync", "[]", {"Content-Type": "application/json"})
        self.assertEqual((not_object.status, not_object.json()["error"]["code"]), (400, "invalid_request"))
        many = [h.mutation(i, "cancel_order", {}) for i in range(1, 102)]
        too_many = h.push(self.url, client, many)
        self.assertEqual((too_many.status, too_many.json()["error"]["code"]), (400, "too_many_mutations"))
        wrong_method = h.request(self.url, "GET", "/api/sync")
        self.assertEqual((wrong_method.status, wrong_method.json()["error"]["code"]), (405, "method_not_allowed"))
        long_line = raw_exchange(self.url, b"GET /" + b"a" * 70000 + b" HTTP/1.1\r\nHost: x\r\n\r\n")
        self.assertTrue(long_line.startswith(b"HTTP/1.1 414 "), long_line[:100])
        self.assertIn(b'"code":"bad_http"', long_line)
        unknown_method = raw_exchange(self.url, b"BREW /api/sync HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        self.assertTrue(unknown_method.startswith(b"HTTP/1.1 501 "), unknown_method[:100])
        self.assertIn(b'"code":"bad_http"', unknown_method)
        self.assertNothingWrittenNoTraceback()

    def test_pickup_has_no_minimum_order_and_one_product_may_fill_two_lines(self):
        args = h.pickup_order_args()  # Pasar Tugu's minimum for delivery is Rp20.000; this is Rp4.000 + Rp4.000
        args["lines"] = [args["lines"][0], dict(args["lines"][0], note="ikat kedua")]
        args["quoted"] = {"subtotal_rp": 8000, "delivery_fee_rp": 0, "total_rp": 8000}
        result = h.push(self.url, h.new_client_id(), [h.mutation(1, "place_order", args)]).json()["results"][0]
        self.assertEqual((result["status"], result["total_rp"]), ("ok", 8000), result)


class LimitsTest(unittest.TestCase):
    """assets/limits.json is the one source of the order limits: the server takes its values."""

    def test_the_server_reads_assets_limits_json(self):
        with open(h.REPO + "/assets/limits.json", encoding="utf-8") as f:
            limits = json.load(f)
        from server import domain
        self.assertEqual(domain.MAX_QTY_MILLI_BY_UNIT, limits["max_qty_milli_by_unit"])
        self.assertEqual(domain.MAX_PRICE_RP, limits["max_price_rp"])
        self.assertEqual(domain.MAX_LINES_PER_ORDER, limits["max_lines_per_order"])
        self.assertEqual((domain.MAX_NOTE_CHARS, domain.MAX_BUYER_NAME_CHARS, domain.MAX_ADDRESS_CHARS,
                          domain.MAX_LANDMARK_CHARS, domain.MAX_REASON_CHARS),
                         (limits["max_note_chars"], limits["max_buyer_name_chars"], limits["max_address_chars"],
                          limits["max_landmark_chars"], limits["max_reason_chars"]))

    def test_a_broken_limits_file_stops_the_server_with_the_key_named(self):
        import os
        from server import domain
        path = os.path.join(h.temp_dir("limits-"), "limits.json")
        with open(path, "w", encoding="utf-8") as f:
            json.dump({"max_qty_milli_by_unit": {"kg": 1, "liter": 1, "piece": 1}, "max_price_rp": "lots"}, f)
        with self.assertRaisesRegex(ValueError, "max_price_rp"):
            domain.load_limits(path)

    def test_names_and_notes_are_held_to_the_shared_limits(self):
        from server import domain
        server = h.fresh_server()
        try:
            for where, limit in (("name", domain.MAX_BUYER_NAME_CHARS), ("note", domain.MAX_NOTE_CHARS)):
                args = h.pickup_order_args()
                if where == "name":
                    args["buyer"]["name"] = "a" * (limit + 1)
                else:
                    args["lines"][0]["note"] = "a" * (limit + 1)
                result = h.push(server.base_url, h.new_client_id(),
                                [h.mutation(1, "place_order", args)]).json()["results"][0]
                self.assertEqual(result["code"], "invalid_args", result)
                args_ok = h.pickup_order_args()
                if where == "name":
                    args_ok["buyer"]["name"] = "a" * limit
                else:
                    args_ok["lines"][0]["note"] = "a" * limit
                ok = h.push(server.base_url, h.new_client_id(), [h.mutation(1, "place_order", args_ok)]).json()
                self.assertEqual(ok["results"][0]["status"], "ok", ok)
        finally:
            server.stop()


if __name__ == "__main__":
    unittest.main()
