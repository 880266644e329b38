#!/usr/bin/env python3
"""Pasar Daring server: the static web app, the catalogue as static JSON, and POST /api/sync.

    python3 serve.py [--host 127.0.0.1] [--port 8000] [--web-dir build/web] [--data-dir build/data]
                     [--catalog-dir assets/catalog]

Python 3.11 standard library only. Its modules are in server/, by idea:
  domain.py           money, fees, phones, ids, the shared order limits (assets/limits.json), WIB dates
  db.py               SQLite schema, durable settings, writer thread (group commit), checkpoints, readers
  catalog.py          catalogue load/check, first-start seed, static JSON export, catalogue reads
  auth.py             vendor/staff/courier accounts, PBKDF2, lockout, tokens
  access.py           who may see an order, and the buyer's contact details (one rule for every read)
  orders.py           the order state machine: cancel, stall answers, courier states, money recomputed
  mutations_buyer.py  place_order (checks, arithmetic, rows), cancel_order
  mutations_stall.py  set_price, set_availability, set_stall_open (+ the order answers from orders.py)
  mutations_coop.py   the cooperative's stalls and couriers (minted PINs), GET /api/coop/market's page
  market_rules.py     set_market_rules, and orders quoted under rules replaced since
  queries.py          read queries: order views, an account's order list, patches scoped by the account
  timers.py           what time does: stalls closed `until` reopen, unanswered orders are missed, pauses,
                      stuck orders flagged
  clock.py            the server's clock (the test clock of --test-clock)
  sync.py             the push: ids, idempotency keys, savepoints, who is asking
  args.py             strict JSON and readers for untrusted values (Reject names the JSON path)
  http.py             routing, request gate, JSON errors, rate limits, security headers
  static.py           static files: safe paths, ETags, gzip, cache rules
  pages.py            the static pages /pasar/... /produk/... (also run by the build), previews.py their cards
  page_host.py        serving those pages (data dir first, then the build) with the origin in og:url/og:image
The wire format is documented in README.md, section "Sync wire format".
"""

import argparse
import ipaddress
import json
import os
import re
import signal
import socket
import sys
import threading
from http.server import ThreadingHTTPServer

from server.auth import PIN_RE, Auth, format_credentials, generate_accounts, hash_accounts, insert_accounts, \
    write_private_file
from server.catalog import CatalogError, CatalogExporter, current_catalog, load_catalog_dir, seed_catalog
from server.db import get_meta, set_meta, Store, StorageError
from server.http import Handler, parse_rate, TokenBuckets
from server.page_host import PageHost, PagesExporter
from server.pages import PageSite
from server.static import StaticFiles
from server.timers import Timers
from server import clock
from server.clock import parse_clock_spec

CREDENTIALS_FILE = "seed_credentials.txt"
SWITCH_INTERVAL_S = 0.0005


def _rate(text):
    try:
        rate, burst = parse_rate(text)
    except ValueError:
        raise argparse.ArgumentTypeError("%r is not RATE_PER_S[:BURST], e.g. 10:40" % text)
    if rate < 0 or burst < 1:
        raise argparse.ArgumentTypeError("%r: the rate must be >= 0 and the burst >= 1" % text)
    return rate, burst


def parse_args(argv):
    parser = argparse.ArgumentParser(description="Pasar Daring static host and sync endpoint")
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8000, help="port (default 8000; 0 picks a free one)")
    parser.add_argument("--web-dir", default="./build/web", help="built web app to serve")
    parser.add_argument("--data-dir", default="./build/data", help="database, exported catalogue, credentials")
    parser.add_argument("--catalog-dir", default="./assets/catalog", help="catalogue to seed the database from")
    parser.add_argument("--seed-pin", help="tests only: give every seeded stall this PIN and staff this password")
    parser.add_argument("--origin", action="append", default=[],
                        help="an allowed Origin for the JSON API, e.g. https://pasar.example (repeatable); "
                             "default: this server's own address")
    parser.add_argument("--public-url", default="",
                        help="the site's public address, e.g. https://pasar.example: the origin of the pages' "
                             "og:url and og:image (default: the request's Host)")
    parser.add_argument("--token-ttl-s", type=int, default=12 * 3600, help="sign-in token lifetime")
    parser.add_argument("--ip-rate", default="50:200", type=_rate, help="API requests per IP: RATE_PER_S:BURST, 0 = off")
    parser.add_argument("--client-rate", default="10:40", type=_rate, help="sync pushes per client_id: RATE_PER_S:BURST")
    parser.add_argument("--login-rate", default="1:10", type=_rate, help="sign-in attempts per IP: RATE_PER_S:BURST")
    parser.add_argument("--group-commit", action=argparse.BooleanOptionalAction, default=True,
                        help="concurrent pushes share one COMMIT, in arrival order (each stays atomic in its own "
                             "savepoint and is committed before its reply); on by default, --no-group-commit "
                             "gives every push its own transaction")
    parser.add_argument("--test-clock", metavar="SPEC",
                        help="tests only: the server's clock starts at `now`, `offset:<seconds>` from the system "
                             "clock or `fixed:<epoch seconds>`, and POST /api/test/clock {advance_s|set_s} moves it")
    parser.add_argument("--max-db-pages", type=int, default=0, help="tests only: cap the database size in pages")
    parser.add_argument("--max-connections", type=int, default=512, help="open connections at most")
    parser.add_argument("--log-requests", action="store_true", help="log every request to stderr")
    args = parser.parse_args(argv)
    if args.test_clock is not None:
        try:
            args.test_clock = parse_clock_spec(args.test_clock)
        except ValueError as error:
            parser.error("--test-clock: %s" % error)
    if args.public_url and not re.match(r"^https?://[A-Za-z0-9.:\[\]-]+/?$", args.public_url):
        parser.error("--public-url must be http(s)://host[:port], e.g. https://pasar.example")
    if args.seed_pin is not None and not (PIN_RE.match(args.seed_pin) and len(args.seed_pin) >= 6):
        parser.error("--seed-pin must be 6 to 12 digits")
    return args


class App:
    """Everything a request handler needs, built once at start."""

    def __init__(self, args, store, auth, exporter, timers=None):
        self.store, self.auth, self.exporter, self.timers = store, auth, exporter, timers
        self.web_files = StaticFiles(args.web_dir, "web")
        self.data_files = StaticFiles(os.path.join(args.data_dir, "catalog"), "data")
        self.pages = PageHost(os.path.join(args.data_dir, "pages"), args.web_dir, args.public_url)
        self.ip_limiter = TokenBuckets(*args.ip_rate)
        self.client_limiter = TokenBuckets(*args.client_rate)
        self.login_limiter = TokenBuckets(*args.login_rate)
        self.log_requests = args.log_requests
        self.configured_origins = set(args.origin)
        self.own_origins = set()
        self.bound_to_any = False

    def set_bound_address(self, host: str, port: int):
        names = {host}
        try:
            address = ipaddress.ip_address(host)
            self.bound_to_any = address.is_unspecified
            if address.is_loopback:
                names |= {"127.0.0.1", "localhost", "[::1]"}
        except ValueError:
            pass  # a host name
        for name in names:
            name = "[%s]" % name if ":" in name and not name.startswith("[") else name
            self.own_origins.add("http://%s:%d" % (name, port))
            if port == 80:
                self.own_origins.add("http://%s" % name)

    def allowed_origins(self, host_header):
        """Origins the JSON API accepts. Bound to a wildcard address, our public name is only known from
        the Host header; bound to loopback, a fixed list also stops DNS-rebinding pages."""
        if self.configured_origins:
            return self.configured_origins
        if self.bound_to_any and host_header:
            return self.own_origins | {"http://" + host_header, "https://" + host_header}
        return self.own_origins


def open_store(args):
    """Opens the database; on first start seeds catalogue and accounts. Returns (store, credentials text)."""
    os.makedirs(args.data_dir, mode=0o700, exist_ok=True)
    db_path = os.path.join(args.data_dir, "pasar.sqlite3")
    if not os.path.exists(db_path):
        # Buyers' phones and addresses live here: create the file private; SQLite gives -wal/-shm its mode.
        os.close(os.open(db_path, os.O_WRONLY | os.O_CREAT, 0o600))
    store = Store(db_path, args.max_db_pages, group_commit=args.group_commit)
    cred_path = os.path.join(args.data_dir, CREDENTIALS_FILE)
    cred_tmp = cred_path + ".new"
    with store.read() as conn:
        seeded = get_meta(conn, "seeded")
    if seeded:
        if os.path.exists(cred_tmp) and not os.path.exists(cred_path):
            os.replace(cred_tmp, cred_path)  # a crash between commit and rename: finish it, print once
            with open(cred_path, encoding="utf-8") as f:
                return store, f.read()
        return store, None
    loaded = load_catalog_dir(args.catalog_dir)
    with store.write() as conn:
        seed_catalog(conn, loaded)
        accounts = generate_accounts(conn, args.seed_pin)
        print("First start: seeding catalogue %s and %d accounts (PBKDF2, 600,000 iterations each; this takes "
              "a while once)..." % (loaded["index"]["catalog_version"], len(accounts)), flush=True)
        hash_accounts(accounts)
        insert_accounts(conn, accounts)
        set_meta(conn, "seeded", json.dumps({"catalog_version": loaded["index"]["catalog_version"]}))
        text = format_credentials(accounts, loaded["index"]["catalog_version"])
        write_private_file(cred_tmp, text)
    os.replace(cred_tmp, cred_path)
    return store, text


def prepare_export(store, data_dir):
    exporter = CatalogExporter(store, os.path.join(data_dir, "catalog"))
    index_path = os.path.join(data_dir, "catalog", "index.json")
    with store.read() as conn:
        seq, catalog_version = current_catalog(conn)
    try:
        with open(index_path, encoding="utf-8") as f:
            if json.load(f).get("catalog_version") == catalog_version:
                exporter.exported_seq = seq
    except (OSError, ValueError):
        pass
    exporter.export_if_stale()
    return exporter, catalog_version


def prepare_pages(store, exporter, args):
    """The pages of the database's catalogue: those that differ from the build's go to <data-dir>/pages.
    Without a web dir (only the API and /data/ are served) there are no pages to keep."""
    if not os.path.isdir(args.web_dir):
        return exporter
    site = PageSite(os.path.join(args.data_dir, "pages"), args.web_dir)
    pages_exporter = PagesExporter(exporter, store, site)
    pages_exporter.export_if_stale()
    return pages_exporter


class PasarHTTPServer(ThreadingHTTPServer):
    """One thread per connection, at most max_connections at once: beyond that a new connection is closed
    at once, so a flood of idle sockets cannot exhaust threads or memory."""

    request_queue_size = 128

    def __init__(self, address, handler, max_connections: int, ipv6: bool):
        self.address_family = socket.AF_INET6 if ipv6 else socket.AF_INET
        self.slots = threading.BoundedSemaphore(max_connections)
        super().__init__(address, handler)

    def process_request(self, request, client_address):
        if not self.slots.acquire(blocking=False):
            self.shutdown_request(request)
            return
        try:
            super().process_request(request, client_address)
        except BaseException:
            self.slots.release()
            raise

    def process_request_thread(self, request, client_address):
        try:
            super().process_request_thread(request, client_address)
        finally:
            self.slots.release()


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if args.test_clock is not None:
        clock.CLOCK = args.test_clock  # before anything reads the time
    try:
        store, credentials = open_store(args)
        exporter, catalog_version = prepare_export(store, args.data_dir)
        exporter = prepare_pages(store, exporter, args)
    except CatalogError as error:
        print("serve.py: the catalogue in %s is not valid: %s" % (args.catalog_dir, error), file=sys.stderr)
        return 2
    except (OSError, StorageError) as error:
        print("serve.py: cannot open the data dir %s: %s" % (args.data_dir, error), file=sys.stderr)
        return 2
    if credentials:
        print("First start: seed accounts written to %s (mode 0600), shown once:" %
              os.path.join(args.data_dir, CREDENTIALS_FILE))
        print(credentials, end="")
    timers = Timers(store, exporter)
    app = App(args, store, Auth(store, args.token_ttl_s), exporter, timers)
    # The writer thread gives up the GIL at every SQLite call (~20 per push) and needs it back soon after;
    # with the default 5 ms switch interval a request thread busy parsing JSON can hold it that long.
    sys.setswitchinterval(SWITCH_INTERVAL_S)
    Handler.disable_nagle_algorithm = True  # headers+body go out in one write; no 40 ms delayed-ACK stalls
    try:
        httpd = PasarHTTPServer((args.host, args.port), Handler, args.max_connections, ":" in args.host)
    except OSError as error:
        print("serve.py: cannot listen on %s port %d: %s" % (args.host, args.port, error), file=sys.stderr)
        store.close()
        return 2
    httpd.app = app
    port = httpd.server_address[1]
    app.set_bound_address(args.host, port)
    if not os.path.isdir(args.web_dir):
        print("serve.py: note: web dir %s does not exist yet; only the API and /data/ are served" % args.web_dir,
              file=sys.stderr)
    shown_host = "[%s]" % args.host if ":" in args.host else args.host
    print("Pasar Daring serving http://%s:%d/ (web %s, data %s, catalogue %s)"
          % (shown_host, port, args.web_dir, args.data_dir, catalog_version), flush=True)
    signal.signal(signal.SIGTERM, lambda *_: threading.Thread(target=httpd.shutdown, daemon=True).start())
    timers.start()
    try:
        httpd.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        pass
    finally:
        timers.stop()
        httpd.server_close()
        store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
