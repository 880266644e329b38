"""HTTP layer of serve.py: routing, request checks, JSON errors, rate limits, security headers.

Every JSON API request passes the same gate, in this order, and each refusal is a JSON error
`{"error": {"code", "message", "field"?}}` with a stable code:
  IP token bucket (429 rate_limited + Retry-After) -> Origin, if sent, must be ours (403 bad_origin)
  -> Content-Type application/json (415 unsupported_media_type) -> Content-Length present (411) and
  within the route's limit (413 body_too_large) -> strict UTF-8 JSON: no NaN, no key twice in one object,
  no lone UTF-16 surrogate (400 bad_json, args.parse_json_text) -> the route's own checks.
A refusal before the body is read closes the connection, so an unread body never poisons keep-alive.
Framing: two Content-Length (or Transfer-Encoding) headers with different values are 400 and close
(RFC 9112 6.3), and a GET/HEAD carrying a body is answered and closed; the body is never read as a
second request.
Nothing but a bug gives a 500; storage failures give 507 storage_full or 503 storage_unavailable.
"""

import email.utils
import json
import math
import re
import sys
import threading
import time
import traceback
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler

from . import clock
from .args import Reject, parse_json_text
from .auth import PIN_RE, Auth, bearer_token, device_key_sha256
from .domain import is_int
from .db import StorageError, StorageFull
from .page_host import is_page_path, origin_for
from .mutations_coop import coop_market_view
from .queries import account_orders_page, buyer_order, health
from .sync import handle_push

MAX_SYNC_BYTES = 256 * 1024
MAX_SMALL_BODY_BYTES = 4 * 1024
DIGITS_RE = re.compile(r"^[0-9]{1,15}$")  # ASCII only: str.isdigit() also accepts '²' and other digits
CSP = ("default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; "
       "img-src 'self' data: blob:; connect-src 'self'; worker-src 'self'; manifest-src 'self'; "
       "frame-ancestors 'none'; base-uri 'none'")
SECURITY_HEADERS = (("Content-Security-Policy", CSP), ("X-Content-Type-Options", "nosniff"),
                    ("Referrer-Policy", "no-referrer"), ("X-Frame-Options", "DENY"))
SECURITY_HEADER_BYTES = b"".join(("%s: %s\r\n" % pair).encode("latin-1") for pair in SECURITY_HEADERS)
MAX_HEADER_LINE = 65536  # as http.client: a longer header line is 431
MAX_HEADERS = 100
FRAMING_HEADERS = ("content-length", "transfer-encoding")  # a repeat with another value is refused


class RequestHeaders:
    """The request's header fields: case-insensitive `get()`, the first of repeated fields wins (as with
    email.message.Message, which http.server uses and which costs ~4x more to build per request)."""

    __slots__ = ("fields",)

    def __init__(self, fields: dict):
        self.fields = fields

    def get(self, name, default=None):
        return self.fields.get(name.lower(), default)

    def __getitem__(self, name):
        return self.fields.get(name.lower())

    def __contains__(self, name):
        return name.lower() in self.fields

    def items(self):
        return self.fields.items()


class _HeaderError(Exception):
    def __init__(self, message, too_large=False):
        super().__init__(message)
        self.too_large = too_large


def read_headers(rfile) -> RequestHeaders:
    """Header lines up to the empty line; folded lines continue the previous field. Raises _HeaderError
    for a line too long, too many lines, or a line that is not `name: value`."""
    fields, last, count = {}, None, 0
    while True:
        line = rfile.readline(MAX_HEADER_LINE + 1)
        if len(line) > MAX_HEADER_LINE:
            raise _HeaderError("a header line is longer than %d bytes" % MAX_HEADER_LINE, too_large=True)
        if line in (b"\r\n", b"\n", b""):
            return RequestHeaders(fields)
        count += 1
        if count > MAX_HEADERS:
            raise _HeaderError("more than %d header lines" % MAX_HEADERS, too_large=True)
        text = line.decode("iso-8859-1").rstrip("\r\n")
        if text[:1] in (" ", "\t"):
            if last is None:
                raise _HeaderError("a folded line without a header before it")
            if last[1]:  # the field kept in `fields` (a repeat is dropped, its continuation too)
                fields[last[0]] += " " + text.strip()
            continue
        name, colon, value = text.partition(":")
        name = name.strip().lower()
        if not colon or not name or " " in name or "\t" in name:
            raise _HeaderError("a header line is not 'name: value'")
        kept = name not in fields
        if kept:
            fields[name] = value.strip()
        elif name in FRAMING_HEADERS and fields[name] != value.strip():
            # Two lengths: a proxy may take one and this server the other, and the rest of the body
            # becomes a second request (request smuggling). RFC 9112 6.3: 400, then close.
            raise _HeaderError("two different %s headers" % name)
        last = (name, kept)


_date_cache = [0, ""]


def http_date() -> str:
    """The Date header, formatted once per second."""
    now = int(time.time())
    if _date_cache[0] != now:
        _date_cache[:] = [now, email.utils.formatdate(now, usegmt=True)]
    return _date_cache[1]


class TokenBuckets:
    """Per-key token buckets: `rate_per_s` refill, `burst` capacity; rate 0 disables the limit."""

    def __init__(self, rate_per_s: float, burst: float, max_keys: int = 100_000):
        self.rate_per_s, self.burst, self.max_keys = rate_per_s, burst, max_keys
        self.lock = threading.Lock()
        self.buckets = {}

    def take(self, key) -> float:
        """0 when a token was taken, else the seconds until one will be there."""
        if self.rate_per_s <= 0:
            return 0.0
        now = time.monotonic()
        with self.lock:
            tokens, stamp = self.buckets.get(key, (self.burst, now))
            tokens = min(self.burst, tokens + (now - stamp) * self.rate_per_s)
            if tokens >= 1:
                if len(self.buckets) >= self.max_keys and key not in self.buckets:
                    self.buckets.clear()  # crude but bounded: a flood of keys resets everyone to full
                self.buckets[key] = (tokens - 1, now)
                return 0.0
            self.buckets[key] = (tokens, now)
            return (1 - tokens) / self.rate_per_s


def parse_rate(text: str):
    """'RATE:BURST' (per second) -> (rate, burst); '0' disables."""
    rate, _, burst = text.partition(":")
    rate = float(rate)
    return rate, float(burst) if burst else max(1.0, rate)


def _rate_limited(wait_s: float, what: str):
    seconds = max(1, math.ceil(wait_s))
    return Reject("rate_limited", "too many requests from this %s; retry after %d s" % (what, seconds),
                  status=429, retry_after_s=seconds)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "PasarDaring/1"
    timeout = 30  # seconds a silent connection may hold a thread

    def version_string(self):
        return self.server_version

    def date_time_string(self, timestamp=None):
        return http_date() if timestamp is None else super().date_time_string(timestamp)

    def parse_request(self):
        """http.server's parse_request with a lighter header parser (RequestHeaders); the same checks and
        answers: the request line and version, 431 for header lines too long or too many, 400 for a
        malformed header line, Connection and Expect handling."""
        self.command = None
        self.request_version = version = self.default_request_version
        self.close_connection = True
        requestline = str(self.raw_requestline, "iso-8859-1").rstrip("\r\n")
        self.requestline = requestline
        words = requestline.split()
        if not words:
            return False
        if len(words) >= 3:
            version = words[-1]
            try:
                if not version.startswith("HTTP/"):
                    raise ValueError
                version_number = version.split("/", 1)[1].split(".")
                if len(version_number) != 2 or not all(c.isdigit() and c.isascii() and len(c) <= 10
                                                       for c in version_number):
                    raise ValueError
                version_number = int(version_number[0]), int(version_number[1])
            except (ValueError, IndexError):
                self.send_error(HTTPStatus.BAD_REQUEST, "Bad request version (%r)" % version[:100])
                return False
            if version_number >= (1, 1) and self.protocol_version >= "HTTP/1.1":
                self.close_connection = False
            if version_number >= (2, 0):
                self.send_error(HTTPStatus.HTTP_VERSION_NOT_SUPPORTED, "Invalid HTTP version")
                return False
            self.request_version = version
        if not 2 <= len(words) <= 3:
            self.send_error(HTTPStatus.BAD_REQUEST, "Bad request syntax (%r)" % requestline[:100])
            return False
        command, path = words[:2]
        if len(words) == 2:
            self.close_connection = True
            if command != "GET":
                self.send_error(HTTPStatus.BAD_REQUEST, "Bad HTTP/0.9 request type (%r)" % command[:20])
                return False
        self.command, self.path = command, path
        if self.path.startswith("//"):
            self.path = "/" + self.path.lstrip("/")  # as http.server (gh-87389)
        try:
            self.headers = read_headers(self.rfile)
        except _HeaderError as error:
            self.send_error(HTTPStatus.REQUEST_HEADER_FIELDS_TOO_LARGE if error.too_large else HTTPStatus.BAD_REQUEST,
                            "bad request headers: %s" % error)
            return False
        conntype = self.headers.get("Connection", "").lower()
        if conntype == "close":
            self.close_connection = True
        elif conntype == "keep-alive" and self.protocol_version >= "HTTP/1.1":
            self.close_connection = False
        if (self.headers.get("Expect", "").lower() == "100-continue" and self.protocol_version >= "HTTP/1.1"
                and self.request_version >= "HTTP/1.1"):
            if not self.handle_expect_100():
                return False
        return True

    @property
    def app(self):
        return self.server.app

    def log_message(self, fmt, *args):
        if self.app.log_requests:
            sys.stderr.write("%s - %s\n" % (self.address_string(), fmt % args))

    def end_headers(self):
        if self.request_version != "HTTP/0.9":
            if not hasattr(self, "_headers_buffer"):
                self._headers_buffer = []
            self._headers_buffer.append(SECURITY_HEADER_BYTES)
        super().end_headers()

    def end_headers_with_body(self, body: bytes):
        """end_headers() plus the body in one write: one segment on the wire instead of two.

        http.server keeps unsent headers in `_headers_buffer` (HTTP/1.x only); HEAD and 304 send no body.
        """
        buffer = getattr(self, "_headers_buffer", None)
        if buffer is None or self.request_version == "HTTP/0.9":
            super().end_headers()
            if body and self.command != "HEAD":
                self.wfile.write(body)
            return
        buffer.append(SECURITY_HEADER_BYTES)
        buffer.append(b"\r\n")
        if body and self.command != "HEAD":
            buffer.append(body)
        self.flush_headers()

    def send_error(self, code, message=None, explain=None):
        """Protocol-level errors from http.server (bad request line, long headers) as JSON too."""
        self.close_connection = True
        self.send_json(code, {"error": {"code": "bad_http", "message": message or "malformed HTTP request"}})

    def send_json(self, status, payload, extra_headers=()):
        body = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        for name, value in extra_headers:
            self.send_header(name, value)
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers_with_body(body)

    def do_GET(self):
        self.dispatch()

    def do_HEAD(self):
        self.dispatch()

    def do_POST(self):
        self.dispatch()

    do_PUT = do_DELETE = do_PATCH = do_OPTIONS = do_POST

    def dispatch(self):
        try:
            self.route()
        except Reject as error:
            headers = []
            if "retry_after_s" in error.extra:
                headers.append(("Retry-After", str(error.extra["retry_after_s"])))
            self.send_json(error.status, {"error": error.to_json()}, headers)
        except StorageFull:
            self.send_json(507, {"error": {"code": "storage_full", "message": "the server's storage is full; nothing "
                                          "from this request was saved, retry later"}}, [("Retry-After", "30")])
        except StorageError as error:
            sys.stderr.write("storage error: %s\n" % error)
            self.send_json(503, {"error": {"code": "storage_unavailable", "message": "the server cannot reach its "
                                          "storage; nothing from this request was saved, retry later"}},
                          [("Retry-After", "5")])
        except (BrokenPipeError, ConnectionResetError, TimeoutError):
            self.close_connection = True
        except Exception:  # a bug: say so in JSON, keep serving, leave a trace for the operator
            traceback.print_exc()
            self.close_connection = True
            self.send_json(500, {"error": {"code": "internal_error", "message": "unexpected server error"}})

    def route(self):
        path = self.path.split("?", 1)[0]
        method = self.command
        if method != "POST" and (self.headers.get("Content-Length", "0").strip() not in ("", "0")
                                 or "Transfer-Encoding" in self.headers):
            self.close_connection = True  # a body nobody reads must not be taken for the next request
        if path.startswith("/api/"):
            posts = {"/api/sync": (MAX_SYNC_BYTES, self.post_sync), "/api/login": (MAX_SMALL_BODY_BYTES, self.post_login),
                     "/api/logout": (MAX_SMALL_BODY_BYTES, self.post_logout),
                     "/api/change_pin": (MAX_SMALL_BODY_BYTES, self.post_change_pin)}
            if clock.CLOCK.movable:  # serve.py --test-clock only; otherwise this path does not exist
                posts["/api/test/clock"] = (MAX_SMALL_BODY_BYTES, self.post_test_clock)
            if path in posts:
                if method != "POST":
                    raise Reject("method_not_allowed", "%s accepts POST only" % path, status=405)
                limit, handler = posts[path]
                return handler(self.read_json_body(limit))
            if method not in ("GET", "HEAD"):
                raise Reject("method_not_allowed", "%s accepts GET only" % path, status=405)
            self.check_ip_rate()
            if path.startswith("/api/orders/"):
                return self.get_buyer_order(path[len("/api/orders/"):])
            if path == "/api/vendor/orders":
                return self.get_vendor_orders()
            if path == "/api/coop/market":
                return self.get_coop_market()
            if path == "/api/health":
                with self.app.store.read() as conn:
                    payload = health(conn)
                return self.send_json(200, payload)
            raise Reject("not_found", "no API at %s" % path, status=404)
        if method not in ("GET", "HEAD"):
            raise Reject("method_not_allowed", "static files accept GET and HEAD only", status=405)
        if path.startswith("/data/"):
            answer = self.app.data_files.respond(path[len("/data"):], self.headers)
        elif is_page_path(path):
            origin = origin_for(self.app.pages.public_url, self.headers.get("Host", ""),
                                sorted(self.app.own_origins)[0] if self.app.own_origins else "")
            answer = self.app.pages.respond(path, self.headers, origin)
        else:
            answer = self.app.web_files.respond(path, self.headers)
        if answer is None:
            raise Reject("not_found", "no file at %s" % path, status=404)
        status, headers, body = answer
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        if status != 304:  # a 304 has no body, and a Content-Length there would describe the 200's
            self.send_header("Content-Length", str(len(body)))
        self.end_headers_with_body(body if status == 200 else b"")

    def check_ip_rate(self):
        wait_s = self.app.ip_limiter.take(self.client_address[0])
        if wait_s:
            self.close_connection = True
            raise _rate_limited(wait_s, "address")

    def read_json_body(self, limit: int):
        self.check_ip_rate()
        origin = self.headers.get("Origin")
        if origin is not None and origin not in self.app.allowed_origins(self.headers.get("Host")):
            self.close_connection = True
            raise Reject("bad_origin", "Origin %r is not this server's origin" % origin[:100], "Origin", status=403)
        media, _, params = self.headers.get("Content-Type", "").partition(";")
        charset = params.strip().lower()
        if media.strip().lower() != "application/json" or charset not in ("", "charset=utf-8", 'charset="utf-8"'):
            self.close_connection = True
            raise Reject("unsupported_media_type", "Content-Type must be application/json (UTF-8)", "Content-Type",
                         status=415)
        if self.headers.get("Transfer-Encoding"):
            self.close_connection = True
            raise Reject("length_required", "send the body with a Content-Length, not chunked", "Content-Length",
                         status=411)
        length_text = self.headers.get("Content-Length")
        if length_text is None or not DIGITS_RE.match(length_text.strip()):
            self.close_connection = True
            raise Reject("length_required", "Content-Length is required", "Content-Length", status=411)
        length = int(length_text)
        if length > limit:
            self.close_connection = True
            raise Reject("body_too_large", "the body has %d bytes; this endpoint takes at most %d"
                         % (length, limit), "Content-Length", status=413)
        raw = self.rfile.read(length)
        if len(raw) != length:
            raise ConnectionResetError("body cut short")
        try:
            return parse_json_text(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError, RecursionError) as error:
            raise Reject("bad_json", "the body is not valid UTF-8 JSON: %s" % str(error)[:120], "body")

    def post_sync(self, body):
        client_id = body.get("client_id") if isinstance(body, dict) else None
        if isinstance(client_id, str):
            wait_s = self.app.client_limiter.take(client_id[:64])
            if wait_s:
                raise _rate_limited(wait_s, "client")
        token = bearer_token(self.headers.get("Authorization"))
        self.send_json(200, handle_push(self.app.store, self.app.exporter, body, token))

    def post_login(self, body):
        wait_s = self.app.login_limiter.take(self.client_address[0])
        if wait_s:
            raise _rate_limited(wait_s, "address")
        if not isinstance(body, dict):
            raise Reject("invalid_request", "the body must be a JSON object")
        if "stall_code" in body:
            login, secret = body.get("stall_code"), body.get("pin")
            if not isinstance(login, str) or not 1 <= len(login) <= 120:
                raise Reject("invalid_request", "stall_code must be the stall's code", "stall_code")
            if not isinstance(secret, str) or not PIN_RE.match(secret):
                raise Reject("invalid_request", "pin must be 4 to 12 digits", "pin")
        elif "username" in body:
            login, secret = body.get("username"), body.get("password")
            if not isinstance(login, str) or not 1 <= len(login) <= 120:
                raise Reject("invalid_request", "username must be a string", "username")
            if not isinstance(secret, str) or not 6 <= len(secret) <= 128:
                raise Reject("invalid_request", "password must be 6 to 128 characters", "password")
        else:
            raise Reject("invalid_request", "send {stall_code, pin} or {username, password}", "stall_code")
        device_key = body.get("device_key")
        if device_key is not None and device_key_sha256(device_key) is None:
            raise Reject("invalid_request", "device_key must be 22 to 100 characters of A-Z, a-z, 0-9, '_' or '-'",
                         "device_key")
        self.send_login_result(self.app.auth.login(login, secret, self.client_address[0], device_key))

    def send_login_result(self, result):
        headers = [("Retry-After", str(result.retry_after_s))] if result.retry_after_s else []
        self.send_json(result.status, result.body, headers)

    def post_change_pin(self, body):
        wait_s = self.app.login_limiter.take(self.client_address[0])
        if wait_s:
            raise _rate_limited(wait_s, "address")
        if not isinstance(body, dict):
            raise Reject("invalid_request", "the body must be a JSON object")
        self.send_login_result(self.app.auth.change_pin(bearer_token(self.headers.get("Authorization")),
                                                        body.get("pin"), body.get("new_pin"), self.client_address[0]))

    def post_test_clock(self, body):
        """Tests only (--test-clock): {advance_s} or {set_s}; then the timers run at the new time."""
        if not isinstance(body, dict) or not (("advance_s" in body) ^ ("set_s" in body)):
            raise Reject("invalid_request", "send {advance_s: seconds} or {set_s: epoch seconds}", "advance_s")
        value = body.get("advance_s", body.get("set_s"))
        if not is_int(value) or abs(value) > 10 ** 10:
            raise Reject("invalid_request", "the value must be a whole number of seconds", "advance_s")
        if "advance_s" in body:
            clock.CLOCK.advance(value)
        else:
            clock.CLOCK.set(value)
        self.app.timers.run_once()
        self.send_json(200, {"now_ms": clock.now_ms()})

    def post_logout(self, body):
        if not self.app.auth.logout(bearer_token(self.headers.get("Authorization"))):
            raise Reject("unauthorized", "Authorization: Bearer <token> is missing, expired or already revoked",
                         "Authorization", status=401)
        self.send_json(200, {"ok": True})

    def get_buyer_order(self, order_id):
        secret = self.headers.get("X-Order-Secret", "")
        with self.app.store.read() as conn:
            payload = buyer_order(conn, order_id, secret)
        if payload is None:
            raise Reject("not_found", "no order with this id and X-Order-Secret", status=404)
        self.send_json(200, payload)

    def get_coop_market(self):
        """The cooperative's app: its market's rules, stalls (with their state) and couriers; staff only."""
        with self.app.store.read() as conn:
            account = Auth.authenticate(conn, bearer_token(self.headers.get("Authorization")))
            if account is None:
                raise Reject("unauthorized", "sign in again: Authorization: Bearer <token> is missing, expired or "
                             "revoked", "Authorization", status=401, action="sign_in")
            if account["kind"] != "staff":
                raise Reject("forbidden", "only the market cooperative's staff read this", "Authorization",
                             status=403)
            payload = coop_market_view(conn, account)
        self.send_json(200, payload)

    def get_vendor_orders(self):
        token = bearer_token(self.headers.get("Authorization"))
        query = dict(p.partition("=")[::2] for p in self.path.partition("?")[2].split("&") if p)
        since_text = query.get("since", "0")
        if not DIGITS_RE.match(since_text):
            raise Reject("invalid_request", "since must be a whole number (the version of the last page)", "since")
        with self.app.store.read() as conn:
            account = Auth.authenticate(conn, token)
            if account is None:
                raise Reject("unauthorized", "sign in again: Authorization: Bearer <token> is missing, expired or "
                             "revoked", "Authorization", status=401, action="sign_in")
            payload = account_orders_page(conn, account, int(since_text))
        self.send_json(200, payload)


