#!/usr/bin/env python3
"""Durable order intake of serve.py on loopback: orders/s and p50/p99 latency at 1, 10 and 50 clients.

    python3 bench/bench_serve.py [--catalog-dir assets/catalog] [--orders 3000] [--seconds 10]

Starts serve.py (WAL, synchronous=FULL, as in production; rate limits raised so they do not cap the load)
in a temp data dir, then for each level runs that many clients, each with its own client_id and its own
keep-alive connection, sending one place_order per push and waiting for the reply. The load generator
runs on the same 2 cores as the server, in separate processes, so the figures include its cost (printed
per request as "client CPU ms", beside the server's). The server runs with group commit (its default),
then once more with --no-group-commit on the same data to compare (skip with --no-compare).
Baselines from the same run and the same levels: a GET of a static catalogue file, and an empty pull
(`mutations: []`, the full request gate plus a read snapshot, no write). Never a pass/fail: it prints.
Target (QUALITY.md): >= 500 orders/s and p99 <= 50 ms at 50 concurrent clients.
"""

import argparse
import json
import multiprocessing
import os
import random
import re
import resource
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
sys.path.insert(0, REPO)
from server import domain as serve_domain  # noqa: E402  (the bench quotes its orders with the same rules the phone uses)

CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
LEVELS = (1, 10, 50)
TARGET_ORDERS_PER_S = 500
TARGET_P99_MS = 50


def PickBasket(catalog_dir):
    """A pickup order of three available products of the first market: (market_id, catalog_version, lines)."""
    with open(os.path.join(catalog_dir, "index.json"), encoding="utf-8") as f:
        index = json.load(f)
    for market in index["markets"]:
        if not serve_domain.find_delivery_method(market["delivery"], "pickup"):
            continue
        with open(os.path.join(catalog_dir, market["file"]), encoding="utf-8") as f:
            doc = json.load(f)
        lines = []
        for stall in doc["stalls"]:
            for p in stall["products"]:
                if p["availability"] != "habis" and len(lines) < 3:
                    qty_milli = p["steps"][0]["qty_milli"] if p.get("steps") else 1000
                    lines.append({"product_id": p["id"], "qty_milli": qty_milli, "price_rp": p["price_rp"],
                                  "note": "", "substitution": "similar"})
        if lines:
            return market["id"], index["catalog_version"], lines
    raise SystemExit("no market with pickup and available products in %s" % catalog_dir)


def MakeOrder(basket, rng_bytes):
    market_id, catalog_version, lines = basket
    subtotal_rp = sum(serve_domain.compute_line_total_rp(line["price_rp"], line["qty_milli"]) for line in lines)
    return {"order_id": "".join(CROCKFORD[b % 32] for b in rng_bytes[:12]), "secret": rng_bytes[12:28].hex(),
            "catalog_version": catalog_version, "market_id": market_id, "lines": lines,
            "delivery": {"method": "pickup"},
            "buyer": {"name": "Pembeli Uji", "phone": "0812-3456-7890", "address": "", "landmark": ""},
            "payment": "cod", "quoted": {"subtotal_rp": subtotal_rp, "delivery_fee_rp": 0, "total_rp": subtotal_rp}}


class RawConnection:
    """A minimal keep-alive HTTP/1.1 client on one socket: the load generator shares the server's 2 cores,
    so it must cost far less per request than the server (http.client cost ~2x as much CPU per request)."""

    def __init__(self, port):
        self.port = port
        self.sock = None
        self.buffer = b""

    def Request(self, request: bytes):
        """Sends one whole request; returns (status, body). Raises OSError when the connection fails."""
        if self.sock is None:
            self.sock = socket.create_connection(("127.0.0.1", self.port), timeout=30)
            self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            self.buffer = b""
        self.sock.sendall(request)
        while True:
            head_end = self.buffer.find(b"\r\n\r\n")
            if head_end >= 0:
                break
            self._Receive()
        head = self.buffer[:head_end]
        match = CONTENT_LENGTH_RE.search(head)
        if not head.startswith(b"HTTP/1.1 ") or not match:
            raise OSError("unexpected reply head %r" % head[:80])
        total = head_end + 4 + int(match.group(1))
        while len(self.buffer) < total:
            self._Receive()
        body, self.buffer = self.buffer[head_end + 4:total], self.buffer[total:]
        if CONNECTION_CLOSE_RE.search(head):
            self.close()
        return int(head[9:12]), body

    def _Receive(self):
        chunk = self.sock.recv(262144)
        if not chunk:
            raise OSError("connection closed by the server")
        self.buffer += chunk

    def close(self):
        if self.sock is not None:
            self.sock.close()
            self.sock = None


CONTENT_LENGTH_RE = re.compile(rb"\r\ncontent-length: *(\d+)", re.I)
CONNECTION_CLOSE_RE = re.compile(rb"\r\nconnection: *close", re.I)
COOKIE_RE = re.compile(rb'"cookie":(\d+)')


def OrderPushTemplate(basket, client_id):
    """The JSON of one place_order push with %-slots for id, key, order id, secret, clock and cookie: the
    client fills in fresh values per request without building and encoding a dict each time."""
    args = MakeOrder(basket, bytes(28))
    args["order_id"], args["secret"] = "@ORDER_ID@", "@SECRET@"
    body = {"push_version": 1, "client_id": client_id, "cookie": "@COOKIE@",
            "mutations": [{"id": "@ID@", "key": "@KEY@", "name": "place_order", "args": args,
                           "created_at_ms": "@CLOCK@"}]}
    text = json.dumps(body, separators=(",", ":")).replace("%", "%%")
    for slot, fill in (('"@ID@"', "%(id)d"), ("@KEY@", "%(key)s"), ("@ORDER_ID@", "%(order_id)s"),
                       ("@SECRET@", "%(secret)s"), ('"@CLOCK@"', "%(clock)d"), ('"@COOKIE@"', "%(cookie)s")):
        text = text.replace(slot, fill)
    return text


def PostRequest(path, body: bytes) -> bytes:
    return (b"POST %s HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n"
            % (path.encode(), len(body))) + body


def ClientLoop(port, kind, basket, deadline, budget, rate_per_s, latencies, failures):
    """One client: its own id and keep-alive connection, one request at a time until budget or deadline.

    rate_per_s 0 = closed loop (the next request as soon as the reply is in). rate_per_s > 0 = paced:
    requests are due at a fixed schedule and latency counts from the due time, so a slow server cannot
    hide its queue by slowing the client down (no coordinated omission).
    """
    conn = RawConnection(port)
    client_id = "bench-" + os.urandom(8).hex()
    template = OrderPushTemplate(basket, client_id)
    next_id, cookie = 1, None
    static_request = b"GET /data/index.json HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
    due = time.perf_counter() + (random.random() / rate_per_s if rate_per_s else 0)
    while time.monotonic() < deadline and budget.take():
        if rate_per_s:
            wait_s = due - time.perf_counter()
            if wait_s > 0:
                time.sleep(wait_s)
        cookie_json = "null" if cookie is None else cookie.decode()
        if kind == "static":
            request = static_request
        elif kind == "pull":
            request = PostRequest("/api/sync", b'{"push_version":1,"client_id":"%s","mutations":[],"cookie":%s}'
                                  % (client_id.encode(), cookie_json.encode()))
        else:
            rng = os.urandom(28)
            body = template % {"id": next_id, "key": "%s-%d" % (client_id, next_id),
                               "order_id": "".join([CROCKFORD[b % 32] for b in rng[:12]]), "secret": rng[12:28].hex(),
                               "clock": int(time.time() * 1000), "cookie": cookie_json}
            request = PostRequest("/api/sync", body.encode())
        started = due if rate_per_s else time.perf_counter()
        due += 1.0 / rate_per_s if rate_per_s else 0
        try:
            status, data = conn.Request(request)
        except OSError:
            failures.append(1)
            conn.close()
            continue
        latencies.append(time.perf_counter() - started)
        if status != 200:
            failures.append(status)
            continue
        if kind == "order":
            if b'"status":"ok"' not in data:
                failures.append(json.loads(data)["results"][0])
            cookie = COOKIE_RE.search(data).group(1)
            next_id += 1
    conn.close()


class Budget:
    """A request count shared by all worker processes."""

    def __init__(self, value):
        self.value = value

    def take(self):
        with self.value.get_lock():
            if self.value.value <= 0:
                return False
            self.value.value -= 1
            return True


def Worker(port, kind, basket, clients, deadline, shared_budget, rate_per_s, out_queue):
    budget = Budget(shared_budget)
    latencies, failures = [], []
    threads = [threading.Thread(target=ClientLoop, args=(port, kind, basket, deadline, budget, rate_per_s, latencies,
                                                         failures)) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    out_queue.put((latencies, len(failures), [f for f in failures if isinstance(f, dict)][:3]))


def ProcessCpuS(pid):
    """User + system CPU seconds of a process so far (Linux /proc)."""
    with open("/proc/%d/stat" % pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def RunLevel(server_pid, port, kind, basket, clients, max_requests, max_seconds, rate_per_s=0.0, mode="push"):
    processes = min(clients, 4)
    shared_budget = multiprocessing.Value("l", max_requests, lock=True)
    out_queue = multiprocessing.Queue()
    cpu_before = ProcessCpuS(server_pid)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    client_cpu_before = children.ru_utime + children.ru_stime
    started = time.monotonic()
    deadline = started + max_seconds
    workers = []
    for i in range(processes):
        share = clients // processes + (1 if i < clients % processes else 0)
        workers.append(multiprocessing.Process(target=Worker, args=(port, kind, basket, share, deadline,
                                                                      shared_budget, rate_per_s, out_queue)))
    for w in workers:
        w.start()
    latencies, failures, samples = [], 0, []
    for _ in workers:
        lat, fail, sample = out_queue.get()
        latencies += lat
        failures += fail
        samples += sample
    for w in workers:
        w.join()
    elapsed = time.monotonic() - started
    cpu_s = ProcessCpuS(server_pid) - cpu_before
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    client_cpu_s = children.ru_utime + children.ru_stime - client_cpu_before
    latencies.sort()
    ok = len(latencies)

    def Pct(p):
        return latencies[min(ok - 1, int(p * ok))] * 1000 if ok else float("nan")

    return {"kind": kind, "mode": mode, "clients": clients, "rate_per_s": rate_per_s, "requests": ok,
            "failures": failures, "seconds": elapsed, "per_s": ok / elapsed if elapsed else 0,
            "p50_ms": Pct(0.50), "p99_ms": Pct(0.99), "cpu_ms": cpu_s * 1000 / ok if ok else float("nan"),
            "client_cpu_ms": client_cpu_s * 1000 / ok if ok else float("nan"), "samples": samples}


def BareCommitMs(directory, count=200):
    """Median wall time of an empty-ish durable COMMIT on this disk (WAL, synchronous=FULL): the floor
    under every push when each push has its own transaction."""
    path = os.path.join(directory, "commit-probe.sqlite3")
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("CREATE TABLE t(a)")
    times = []
    for i in range(count):
        started = time.perf_counter()
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT INTO t VALUES(?)", (i,))
        conn.execute("COMMIT")
        times.append(time.perf_counter() - started)
    conn.close()
    for suffix in ("", "-wal", "-shm"):
        try:
            os.remove(path + suffix)
        except OSError:
            pass
    times.sort()
    return times[count // 2] * 1000


def StartServer(data_dir, catalog_dir, extra_args=()):
    cmd = [sys.executable, os.path.join(REPO, "serve.py"), "--port", "0", "--data-dir", data_dir, "--catalog-dir",
           catalog_dir, "--web-dir", os.path.join(data_dir, "web"), "--ip-rate", "0", "--client-rate", "0",
           "--seed-pin", "135790"] + list(extra_args)
    started = time.monotonic()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, cwd=REPO)
    for line in proc.stdout:
        match = re.search(r"serving http://127\.0\.0\.1:(\d+)/", line)
        if match:
            threading.Thread(target=lambda: [None for _ in proc.stdout], daemon=True).start()
            return proc, int(match.group(1)), time.monotonic() - started
    raise SystemExit("serve.py did not start")


def Describe(r):
    if r["kind"] == "static":
        return "baseline: GET /data/index.json"
    if r["kind"] == "pull":
        return "baseline: empty pull (POST)"
    mode = "1 txn/push" if r["mode"] == "push" else "group commit"
    if r["rate_per_s"]:
        return "place_order, %s, paced %d/s" % (mode, round(r["rate_per_s"] * r["clients"]))
    return "place_order, %s" % mode


def LoadAverage():
    return "%.2f %.2f %.2f" % os.getloadavg()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    default_catalog = os.path.join(REPO, "assets", "catalog")
    if not os.path.exists(os.path.join(default_catalog, "index.json")):
        default_catalog = os.path.join(REPO, "tests", "fixtures", "sync", "catalog")
    parser.add_argument("--catalog-dir", default=default_catalog)
    parser.add_argument("--orders", type=int, default=3000, help="at most this many requests per row")
    parser.add_argument("--seconds", type=float, default=6.0, help="at most this long per row")
    parser.add_argument("--no-compare", action="store_true",
                        help="skip the second server with --no-group-commit (one transaction per push)")
    args = parser.parse_args()
    data_dir = tempfile.mkdtemp(prefix="pasar-bench-")
    proc = None
    try:
        proc, port, start_s = StartServer(data_dir, args.catalog_dir)
        basket = PickBasket(args.catalog_dir)
        print("serve.py on 127.0.0.1, WAL + synchronous=FULL, group commit (the default); load generator: up to 4 "
              "worker processes on the same machine (%d cores), raw keep-alive sockets" % os.cpu_count())
        print("catalogue %s; first start (seed, PBKDF2 600k per account) took %.1f s"
              % (os.path.relpath(args.catalog_dir, REPO), start_s))
        print("baseline: a bare durable COMMIT on this disk takes %.2f ms (median of 200) right now"
              % BareCommitMs(data_dir))
        print("basket: pickup at %s, %d lines; one order per push; rate limits off for the bench"
              % (basket[0], len(basket[2])))
        print("load: 1/10/50 clients closed loop (next request when the reply is in), then 50 clients paced at "
              "10/s each (500/s offered, latency from the due time)")
        print("load average before: %s" % LoadAverage())
        rows = []
        for clients in LEVELS:
            for kind in ("static", "pull", "order"):
                rows.append(RunLevel(proc.pid, port, kind, basket, clients, args.orders, args.seconds, mode="group"))
        rows.append(RunLevel(proc.pid, port, "order", basket, 50, args.orders, args.seconds, rate_per_s=10.0,
                             mode="group"))
        modes = ("group",)
        if not args.no_compare:
            proc.send_signal(signal.SIGTERM)
            proc.wait(30)
            proc, port, _ = StartServer(data_dir, args.catalog_dir, ["--no-group-commit"])  # same data
            for clients in LEVELS:
                rows.append(RunLevel(proc.pid, port, "order", basket, clients, args.orders, args.seconds))
            rows.append(RunLevel(proc.pid, port, "order", basket, 50, args.orders, args.seconds, rate_per_s=10.0))
            modes = ("group", "push")
        print("load average after: %s" % LoadAverage())
        print()
        print("%-40s %7s %8s %5s %7s %8s %8s %12s %12s" % ("what", "clients", "requests", "fail", "per s", "p50 ms",
                                                           "p99 ms", "server CPU ms", "client CPU ms"))
        for r in rows:
            print("%-40s %7d %8d %5d %7.0f %8.2f %8.2f %12.2f %12.2f"
                  % (Describe(r), r["clients"], r["requests"], r["failures"], r["per_s"], r["p50_ms"], r["p99_ms"],
                     r["cpu_ms"], r["client_cpu_ms"]))
            for sample in r["samples"]:
                print("    failure sample: %s" % json.dumps(sample)[:200])
        print("(server CPU ms = CPU time of the serve.py process per request, a ratio less bent by a noisy box; "
              "client CPU ms = the same for the load generator's processes)")
        print()
        print("target (QUALITY.md): >= %d orders/s; p99 <= %d ms at 50 concurrent clients"
              % (TARGET_ORDERS_PER_S, TARGET_P99_MS))
        for mode in modes:
            closed = [r for r in rows if r["kind"] == "order" and r["mode"] == mode and r["clients"] == 50
                      and not r["rate_per_s"]][0]
            paced = [r for r in rows if r["kind"] == "order" and r["mode"] == mode and r["rate_per_s"]][0]
            verdict = ("met" if closed["per_s"] >= TARGET_ORDERS_PER_S and paced["p99_ms"] <= TARGET_P99_MS
                       and paced["per_s"] >= 0.95 * TARGET_ORDERS_PER_S else "NOT met")
            print("  %-13s most orders/s at 50 clients %.0f; at 500/s offered: %.0f/s done, p99 %.1f ms: %s"
                  % ("1 txn/push:" if mode == "push" else "group commit:", closed["per_s"], paced["per_s"],
                     paced["p99_ms"], verdict))
        proc.send_signal(signal.SIGTERM)
        proc.wait(30)
        conn = sqlite3.connect(os.path.join(data_dir, "pasar.sqlite3"))
        orders = conn.execute("SELECT COUNT(*) FROM orders").fetchone()[0]
        integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
        conn.close()
        acked = sum(r["requests"] - r["failures"] for r in rows if r["kind"] == "order")
        print("after the run: %d orders in the database, %d acknowledged, integrity_check %s"
              % (orders, acked, integrity))
    finally:
        if proc and proc.poll() is None:
            proc.kill()
            proc.wait()
        shutil.rmtree(data_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
