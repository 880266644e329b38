"""Shared test harness: real serve.py processes on loopback, ephemeral ports, temp data dirs.

Seeding hashes every account's PIN with PBKDF2 (600,000 iterations), which costs seconds, so the harness
seeds one template data dir per catalogue and per test run and gives each fresh server a copy of it.
"""

import atexit
import http.client
import json
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import unittest
import urllib.parse

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
SERVE_PY = os.path.join(REPO, "serve.py")
FIXTURES = os.path.join(REPO, "tests", "fixtures")
SYNC_FIXTURES = os.path.join(FIXTURES, "sync")
FIXTURE_CATALOG = os.path.join(SYNC_FIXTURES, "catalog")
REAL_CATALOG = os.path.join(REPO, "assets", "catalog")
SEED_PIN = "246810"
GENEROUS_RATES = ["--ip-rate", "100000:100000", "--client-rate", "100000:100000", "--login-rate", "1000:1000"]
STARTUP_RE = re.compile(r"serving (http://\S+?)/ ")

_TEMP_ROOT = tempfile.mkdtemp(prefix="pasar-server-tests-")
atexit.register(shutil.rmtree, _TEMP_ROOT, True)
_templates = {}
_templates_lock = threading.Lock()


def temp_dir(prefix="t") -> str:
    return tempfile.mkdtemp(prefix=prefix, dir=_TEMP_ROOT)


class ServerProcess:
    """One serve.py child process. `start()` waits for the startup line and learns the URL from it."""

    def __init__(self, data_dir, catalog_dir=FIXTURE_CATALOG, web_dir=None, extra_args=(), port=0):
        self.data_dir, self.catalog_dir = data_dir, catalog_dir
        self.web_dir = web_dir or os.path.join(data_dir, "no-web")
        self.extra_args, self.port = list(extra_args), port
        self.proc, self.base_url, self.stdout_lines, self.stderr_lines = None, None, [], []

    def start(self, timeout_s=120):
        cmd = [sys.executable, SERVE_PY, "--port", str(self.port), "--data-dir", self.data_dir,
               "--catalog-dir", self.catalog_dir, "--web-dir", self.web_dir, "--seed-pin", SEED_PIN] + self.extra_args
        self.proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO)
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            line = self.proc.stdout.readline()
            if not line:
                raise RuntimeError("serve.py exited early: %s" % self.proc.stderr.read())
            self.stdout_lines.append(line)
            match = STARTUP_RE.search(line)
            if match:
                self.base_url = match.group(1)
                self.port = int(self.base_url.rsplit(":", 1)[1])
                threading.Thread(target=self._drain, daemon=True).start()
                threading.Thread(target=self._drain_errors, daemon=True).start()
                return self
        raise RuntimeError("serve.py did not start in %d s" % timeout_s)

    def _drain(self):
        for stream in (self.proc.stdout,):
            for line in stream:
                self.stdout_lines.append(line)

    def _drain_errors(self):
        try:
            for line in self.proc.stderr:
                self.stderr_lines.append(line)
        except (ValueError, OSError):
            pass  # closed by stop()

    def stderr(self) -> str:
        """What the server wrote to stderr so far (tracebacks land here)."""
        return "".join(self.stderr_lines)

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self._close_streams()

    def kill9(self):
        if self.proc and self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGKILL)
            self.proc.wait()
        self._close_streams()

    def _close_streams(self):
        for stream in (self.proc.stdout, self.proc.stderr):
            try:
                stream.close()
            except Exception:
                pass

    @property
    def db_path(self):
        return os.path.join(self.data_dir, "pasar.sqlite3")

    def count(self, sql, params=()):
        """A read of the live database from outside (WAL allows it while the server runs)."""
        conn = sqlite3.connect(self.db_path, timeout=30)
        try:
            return conn.execute(sql, params).fetchone()[0]
        finally:
            conn.close()

    def row_counts(self):
        tables = ("clients", "mutations", "idempotency", "orders", "order_lines", "order_stalls", "tokens",
                  "catalog_versions", "price_history")
        return {t: self.count("SELECT COUNT(*) FROM %s" % t) for t in tables}


def seeded_template(catalog_dir=FIXTURE_CATALOG) -> str:
    """A data dir seeded once per catalogue and test run (closed cleanly, so it is a plain file copy)."""
    with _templates_lock:
        if catalog_dir not in _templates:
            data_dir = temp_dir("template-")
            server = ServerProcess(data_dir, catalog_dir, extra_args=GENEROUS_RATES).start(timeout_s=900)
            server.stop()
            _templates[catalog_dir] = data_dir
        return _templates[catalog_dir]


def fresh_server(catalog_dir=FIXTURE_CATALOG, extra_args=(), web_dir=None, rates=GENEROUS_RATES) -> ServerProcess:
    data_dir = temp_dir("data-")
    shutil.copytree(seeded_template(catalog_dir), data_dir, dirs_exist_ok=True)
    return ServerProcess(data_dir, catalog_dir, web_dir, list(rates) + list(extra_args)).start()


class Response:
    def __init__(self, status, headers, body):
        self.status, self.headers, self.body = status, headers, body

    def json(self):
        return json.loads(self.body.decode("utf-8"))

    def header(self, name):
        return self.headers.get(name.lower())


def request(base_url, method, path, body=None, headers=None, timeout_s=60) -> Response:
    """One request on a fresh connection. `body` may be bytes, str or a JSON-able object."""
    url = urllib.parse.urlsplit(base_url)
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=timeout_s)
    try:
        all_headers = {}
        if body is not None and not isinstance(body, (bytes, str)):
            body = json.dumps(body)
            all_headers["Content-Type"] = "application/json"
        if isinstance(body, str):
            body = body.encode("utf-8")
        all_headers.update(headers or {})
        conn.request(method, path, body=body, headers=all_headers)
        response = conn.getresponse()
        data = response.read()
        return Response(response.status, {k.lower(): v for k, v in response.getheaders()}, data)
    finally:
        conn.close()


def post_json(base_url, path, obj, headers=None, **kw) -> Response:
    return request(base_url, "POST", path, obj, headers, **kw)


def push(base_url, client_id, mutations, cookie=None, token=None) -> Response:
    headers = {"Authorization": "Bearer " + token} if token else None
    return post_json(base_url, "/api/sync", {"push_version": 1, "client_id": client_id, "mutations": mutations,
                                            "cookie": cookie}, headers)


def mutation(mid, name, args, key=None):
    return {"id": mid, "key": key or "k-%s-%d-%s" % (name, mid, os.urandom(4).hex()), "name": name, "args": args,
            "created_at_ms": 1764400000000 + mid}


CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def new_order_id() -> str:
    return "".join(CROCKFORD[b % 32] for b in os.urandom(12))


def new_secret() -> str:
    return os.urandom(16).hex()


def pickup_order_args(order_id=None, secret=None, **overrides):
    """A valid order at Pasar Tugu for pickup, totals worked out by hand:
    kangkung 2 ikat x Rp2.000 = 4.000; cabai merah keriting 250 g x Rp40.000/kg = 10.000; fee 0."""
    args = {"order_id": order_id or new_order_id(), "secret": secret or new_secret(),
            "catalog_version": "2026-11-29.1", "market_id": "pasar-tugu",
            "lines": [{"product_id": "pasar-tugu.s1.p1", "qty_milli": 2000, "price_rp": 2000, "note": "",
                       "substitution": "similar"},
                      {"product_id": "pasar-tugu.s1.p2", "qty_milli": 250, "price_rp": 40000,
                       "note": "yang merah tua", "substitution": "contact"}],
            "delivery": {"method": "pickup"},
            "buyer": {"name": "Bu Sari", "phone": "0812-3456-7890", "address": "", "landmark": ""},
            "payment": "cod", "quoted": {"subtotal_rp": 14000, "delivery_fee_rp": 0, "total_rp": 14000}}
    args.update(overrides)
    return args


def courier_order_args(order_id=None, secret=None):
    """Pasar Tugu by cooperative courier to Way Halim (5,200 m): Rp8.000 for 4 km + 2 started km x Rp2.000.
    Goods: ayam 1.5 kg x 35.000 = 52.500; telur 0.5 kg x 28.000 = 14.000; subtotal 66.500; fee 12.000."""
    return {"order_id": order_id or new_order_id(), "secret": secret or new_secret(),
            "catalog_version": "2026-11-29.1", "market_id": "pasar-tugu",
            "lines": [{"product_id": "pasar-tugu.s2.p1", "qty_milli": 1500, "price_rp": 35000, "note": "potong 8",
                       "substitution": "contact"},
                      {"product_id": "pasar-tugu.s2.p2", "qty_milli": 500, "price_rp": 28000, "note": "",
                       "substitution": "cancel"}],
            "delivery": {"method": "coop_courier", "area_id": "way-halim"},
            "buyer": {"name": "Pak Darto", "phone": "+62 813 1111 2222", "address": "Jl. Sultan Agung No. 5, RT 02",
                      "landmark": "depan masjid"},
            "payment": "cod", "quoted": {"subtotal_rp": 66500, "delivery_fee_rp": 12000, "total_rp": 78500}}


def login(base_url, stall_code=None, username=None, secret=SEED_PIN) -> Response:
    body = {"stall_code": stall_code, "pin": secret} if stall_code else {"username": username, "password": secret}
    return post_json(base_url, "/api/login", body)


def token(base_url, stall_code=None, username=None) -> str:
    response = login(base_url, stall_code, username)
    assert response.status == 200, response.body
    return response.json()["token"]


def new_client_id() -> str:
    return "client-" + os.urandom(6).hex()


class ServerTestCase(unittest.TestCase):
    """One fresh serve.py per test class (on a copy of the seeded data), reached at `self.url`."""

    @classmethod
    def setUpClass(cls):
        cls.server = fresh_server()
        cls.url = cls.server.base_url

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()
