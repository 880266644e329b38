"""Static pages with real paths: readable without WebGL or JavaScript, with link previews (README "Pages").

    python3 -m server.pages --catalog-dir assets/catalog --out build/web     (the build, cmake/web.cmake)

Paths (each a folder with index.html; files hold relative paths, serve.py adds the origin to og:url and
og:image when it serves them):
  /pasar/                      the markets list
  /pasar/<market>/             a market: its stalls, what each sells, a WhatsApp link per stall
  /pasar/<market>/<stall>/     a stall: its products and today's prices
  /produk/<product>/           a product: today's price, its stall, a WhatsApp link
  /pasar/<market>/kartu.png, /pasar/<market>/<stall>/kartu.png, /pasar/kartu.png   preview cards
The build writes the pages of the embedded catalogue; serve.py (PageSite) writes into its data folder only
the pages whose bytes a catalogue change altered, and serves those ahead of the build's.
The words are this module's own small Indonesian table (WORDS); the app's word tables are the app's.
"""

import argparse
import hashlib
import json
import os
import queue
import subprocess
import sys
import threading
import time
import urllib.parse

from . import previews

WORDS = {
    "site": "Pasar Daring",
    "markets_title": "Pasar dan koperasi di Lampung",
    "markets_description": "Belanja dari pasar tradisional dan koperasi nelayan Bandar Lampung: harga hari ini, "
                           "pesan lewat WhatsApp.",
    "stalls": "Lapak",
    "products": "Barang dan harga hari ini",
    "open_app": "Buka di aplikasi",
    "all_markets": "Semua pasar",
    "order_wa": "Pesan lewat WhatsApp",
    "order_wa_coop": "Pesan lewat WhatsApp koperasi pasar",
    "no_wa": "Lapak ini belum punya nomor WhatsApp, dan koperasi pasar belum menambahkan nomornya. "
             "Lapak ini belum bisa dihubungi dari sini.",
    "no_webgl": "Aplikasi lengkap tidak bisa berjalan di HP ini: browsernya tidak bisa menggambar layar aplikasi "
                "(WebGL mati atau tidak ada). Halaman ini tetap menampilkan pasar, lapak dan harga hari ini.",
    "no_js": "Aplikasi lengkap tidak bisa berjalan di HP ini: JavaScript di browser ini mati. Halaman ini tetap "
             "menampilkan pasar, lapak dan harga hari ini.",
    "price_on": "harga tanggal",
    "closed": "Lapak ini sedang tutup dan tidak menerima pesanan.",
    "sells": "Menjual",
    "stall_count": "%d lapak",
    "product_count": "%d barang",
    "hours": "Buka %s sampai %s",
    "availability": {"tersedia": "Tersedia", "terbatas": "Stok terbatas", "habis": "Habis"},
    "per_unit": {"kg": "kg", "liter": "liter", "piece": "buah"},
    "wa_text": "Halo, saya mau pesan dari %s (%s) lewat Pasar Daring.",
    "wa_text_product": "Halo, saya mau pesan %s dari %s (%s) lewat Pasar Daring.",
}
CARD = "kartu.png"
OG_PLACEHOLDER = ' content="/'  # og:url / og:image hold site-relative paths; the host adds the origin


def _esc(text) -> str:
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def rupiah(amount: int) -> str:
    return "Rp " + "{:,}".format(amount).replace(",", ".")


def price_text(product: dict) -> str:
    unit = product.get("piece_name") if product["unit"] == "piece" and product.get("piece_name") else \
        WORDS["per_unit"].get(product["unit"], product["unit"])
    return "%s / %s" % (rupiah(product["price_rp"]), unit)


def wa_link(phone: str, text: str):
    digits = "".join(c for c in phone or "" if c.isdigit())
    if len(digits) < 8:
        return None
    return "https://wa.me/%s?text=%s" % (digits, urllib.parse.quote(text))


def _category_names(index) -> dict:
    return {c["id"]: c.get("name_id", c["id"]) for c in index.get("categories", [])}


def _main_category(stall: dict) -> str:
    counts = {}
    for product in stall["products"]:
        counts[product["category"]] = counts.get(product["category"], 0) + 1
    return max(counts, key=lambda c: (counts[c], c == stall.get("kind"))) if counts else stall.get("kind", "")


def _page(title, description, rel_url, card_rel, app_hash, body) -> str:
    """One page: head with Open Graph, the content, the no-WebGL and no-JS notices, pages.js."""
    return (
        '<!doctype html>\n<html lang="id">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="theme-color" content="#167042">\n'
        '<title>%(title)s</title>\n<meta name="description" content="%(description)s">\n'
        '<meta property="og:type" content="website">\n<meta property="og:site_name" content="%(site)s">\n'
        '<meta property="og:locale" content="id_ID">\n<meta property="og:title" content="%(title)s">\n'
        '<meta property="og:description" content="%(description)s">\n'
        '<meta property="og:url" content="/%(url)s">\n<meta property="og:image" content="/%(card)s">\n'
        '<meta property="og:image:type" content="image/png">\n'
        '<meta property="og:image:width" content="%(w)d">\n<meta property="og:image:height" content="%(h)d">\n'
        '<meta name="twitter:card" content="summary_large_image">\n'
        '<link rel="icon" href="/icons/icon.svg" type="image/svg+xml">\n'
        '<link rel="stylesheet" href="/halaman.css">\n'
        '<script src="/halaman.js" defer></script>\n'
        '<noscript><style>#open-app{display:none}</style></noscript>\n</head>\n'
        '<body data-app="/%(hash)s">\n<header><a class="brand" href="/pasar/">%(site)s</a>'
        '<a class="app" id="open-app" href="/%(hash)s">%(open_app)s</a></header>\n'
        '<main>\n<p class="notice" id="no-webgl" hidden>%(no_webgl)s</p>\n'
        '<noscript><p class="notice">%(no_js)s</p></noscript>\n%(body)s</main>\n</body>\n</html>\n'
    ) % {"title": _esc(title), "description": _esc(description), "site": WORDS["site"], "url": rel_url,
         "card": card_rel, "w": previews.CARD_WIDTH_PX, "h": previews.CARD_HEIGHT_PX, "hash": app_hash,
         "open_app": WORDS["open_app"], "no_webgl": WORDS["no_webgl"], "no_js": WORDS["no_js"], "body": body}


def _wa_block(stall, market, coop_phone, product=None) -> str:
    if stall.get("closed"):
        return '<p class="closed">%s</p>' % WORDS["closed"]
    if product:
        text = WORDS["wa_text_product"] % (product["name"], stall["name"], market["name"])
    else:
        text = WORDS["wa_text"] % (stall["name"], market["name"])
    link = wa_link(stall.get("phone"), text)
    label = WORDS["order_wa"]
    if link is None:
        link, label = wa_link(coop_phone, text), WORDS["order_wa_coop"]
    if link is None:
        return '<p class="no-wa">%s</p>' % WORDS["no_wa"]
    return '<a class="wa" href="%s" rel="noopener">%s</a>' % (_esc(link), label)


def render_site(docs: dict) -> tuple:
    """({relative page path: html text}, {relative card path: svg text}) for a whole catalogue.

    docs is {"index.json": index, "<market file>": market file doc}, as catalog.build_catalog_docs and the
    catalogue folder give it.
    """
    index = docs["index.json"]
    categories = _category_names(index)
    pages, cards = {}, {}
    market_items = []
    cards["pasar/" + CARD] = previews.card_svg(WORDS["site"], WORDS["markets_title"], "", "sayur")
    for market in index["markets"]:
        mid = market["id"]
        file_doc = docs[market["file"]]
        coop_phone = market.get("coop_phone")
        mrel = "pasar/%s/" % mid
        market_kind = _main_category({"products": [p for s in file_doc["stalls"] for p in s["products"]]})
        cards[mrel + CARD] = previews.card_svg(market["name"], market.get("known_for_id", ""),
                                               WORDS["site"], market_kind)
        stall_items = []
        for stall in file_doc["stalls"]:
            sid = stall["id"]
            srel = "%s%s/" % (mrel, sid)
            kind = _main_category(stall)
            sells = sorted({categories.get(p["category"], p["category"]) for p in stall["products"]})
            cards[srel + CARD] = previews.card_svg(stall["name"], market["name"], WORDS["site"], kind)
            stall_hash = "#/pasar/%s/lapak/%s" % (mid, sid)
            rows = []
            for product in stall["products"]:
                pid = product["id"]
                prel = "produk/%s/" % pid
                avail = WORDS["availability"].get(product["availability"], product["availability"])
                rows.append('<li><a href="/%s">%s</a> <b class="price">%s</b> <span>%s</span></li>'
                            % (prel, _esc(product["name"]), price_text(product), avail))
                pdesc = "%s %s hari ini di %s, %s. %s." % (product["name"], price_text(product), stall["name"],
                                                          market["name"], avail)
                pbody = ('<h1>%s</h1>\n<p class="big price">%s</p>\n<p>%s %s &middot; %s</p>\n'
                         '<p>%s: <a href="/%s">%s</a>, <a href="/%s">%s</a></p>\n%s\n'
                         % (_esc(product["name"]), price_text(product), WORDS["price_on"],
                            _esc(product["price_date"]), avail, WORDS["stalls"], srel, _esc(stall["name"]), mrel,
                            _esc(market["name"]), _wa_block(stall, market, coop_phone, product)))
                pages[prel + "index.html"] = _page("%s %s - %s" % (product["name"], price_text(product),
                                                                   WORDS["site"]),
                                                   pdesc, prel, srel + CARD, "#/produk/" + pid, pbody)
            sdesc = "%s, %s. %s %s." % (stall["name"], market["name"], WORDS["sells"], ", ".join(sells).lower())
            sbody = ('<h1>%s</h1>\n<p><a href="/%s">%s</a> &middot; %s</p>\n%s\n<h2>%s</h2>\n<ul class="list">\n%s\n'
                     '</ul>\n' % (_esc(stall["name"]), mrel, _esc(market["name"]), _esc(stall.get("location", "")),
                                  _wa_block(stall, market, coop_phone), WORDS["products"], "\n".join(rows)))
            pages[srel + "index.html"] = _page("%s - %s" % (stall["name"], market["name"]), sdesc, srel,
                                               srel + CARD, stall_hash, sbody)
            stall_items.append('<li><a href="/%s">%s</a><br><span>%s: %s</span><br>%s</li>'
                               % (srel, _esc(stall["name"]), WORDS["sells"], _esc(", ".join(sells).lower()),
                                  _wa_block(stall, market, coop_phone)))
        hours = market.get("hours", {})
        mdesc = "%s, %s. %s. %s." % (market["name"], market.get("address", ""), market.get("known_for_id", ""),
                                     WORDS["stall_count"] % len(file_doc["stalls"]))
        mbody = ('<h1>%s</h1>\n<p>%s &middot; %s</p>\n<p>%s</p>\n<h2>%s</h2>\n<ul class="list">\n%s\n</ul>\n'
                 % (_esc(market["name"]), _esc(market.get("address", "")),
                    WORDS["hours"] % (_esc(hours.get("open", "")), _esc(hours.get("close", ""))),
                    _esc(market.get("known_for_id", "")), WORDS["stalls"], "\n".join(stall_items)))
        pages[mrel + "index.html"] = _page(market["name"] + " - " + WORDS["site"], mdesc, mrel, mrel + CARD,
                                           "#/pasar/" + mid, mbody)
        market_items.append('<li><a href="/%s">%s</a><br><span>%s &middot; %s</span></li>'
                            % (mrel, _esc(market["name"]), _esc(market.get("known_for_id", "")),
                               WORDS["stall_count"] % len(file_doc["stalls"])))
    lbody = '<h1>%s</h1>\n<ul class="list">\n%s\n</ul>\n' % (WORDS["markets_title"], "\n".join(market_items))
    pages["pasar/index.html"] = _page(WORDS["markets_title"] + " - " + WORDS["site"], WORDS["markets_description"],
                                      "pasar/", "pasar/" + CARD, "#/", lbody)
    return pages, cards


def load_catalog_docs(catalog_dir: str) -> dict:
    from .catalog import load_catalog_dir
    loaded = load_catalog_dir(catalog_dir)
    docs = {"index.json": loaded["index"]}
    for market in loaded["index"]["markets"]:
        docs[market["file"]] = loaded["markets"][market["id"]]
    return docs


def _write(path: str, data: bytes):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    tmp = "%s.tmp%d" % (path, threading.get_ident())
    with open(tmp, "wb") as f:
        f.write(data)
    os.replace(tmp, path)


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class PageSite:
    """serve.py's pages: keeps <data-dir>/pages/ so that, ahead of the build's folder, it serves the pages of
    the database's catalogue, writing only the pages whose bytes changed (a price change: the product's page
    and its stall's page). Cards are drawn for markets and stalls the build does not have."""

    def __init__(self, out_dir: str, web_dir: str):
        self.out_dir, self.web_dir = out_dir, web_dir
        self.lock = threading.Lock()
        self.served = {}  # relative page path -> digest of the bytes served now (data dir, else build)
        self.last_written = []
        self.card_jobs = queue.Queue()
        self.card_thread = None

    def _served_digest(self, rel):
        if rel not in self.served:
            for folder in (self.out_dir, self.web_dir):
                try:
                    with open(os.path.join(folder, rel), "rb") as f:
                        self.served[rel] = _digest(f.read())
                        break
                except OSError:
                    continue
        return self.served.get(rel)

    def update(self, docs: dict) -> list:
        """Writes the pages of `docs` that differ from what is served; returns their relative paths."""
        with self.lock:
            pages, cards = render_site(docs)
            written = []
            for rel, html in pages.items():
                data = html.encode("utf-8")
                digest = _digest(data)
                if self._served_digest(rel) != digest:
                    _write(os.path.join(self.out_dir, rel), data)
                    self.served[rel] = digest
                    written.append(rel)
            # Cards take ~0.3 s each to draw and only new markets and stalls need one: drawn in the background
            # (one at a time), so neither the start nor a vendor's push waits for them.
            self.card_jobs.put(cards)
            if self.card_thread is None:  # a daemon: a stopping server never waits for a card
                self.card_thread = threading.Thread(target=self._card_loop, name="cards", daemon=True)
                self.card_thread.start()
            self.last_written = written
            return written

    def _card_loop(self):
        while True:
            cards = self.card_jobs.get()
            try:
                previews.draw_cards(cards, self.out_dir, skip_dirs=(self.web_dir,))
            except (RuntimeError, OSError, subprocess.CalledProcessError) as error:
                sys.stderr.write("serve.py: preview cards not drawn: %s\n" % error)
            finally:
                self.card_jobs.task_done()

    def wait_for_cards(self):
        self.card_jobs.join()


def write_build(catalog_dir: str, out_dir: str) -> dict:
    """The build: every page of the embedded catalogue, and the cards that changed. Returns figures."""
    started = time.monotonic()
    pages, cards = render_site(load_catalog_docs(catalog_dir))
    page_bytes = 0
    for rel, html in pages.items():
        data = html.encode("utf-8")
        page_bytes += len(data)
        path = os.path.join(out_dir, rel)
        try:
            with open(path, "rb") as f:
                if f.read() == data:
                    continue
        except OSError:
            pass
        _write(path, data)
    rendered_s = time.monotonic() - started
    drawn = previews.draw_cards(cards, out_dir)
    return {"pages": len(pages), "page_bytes": page_bytes, "cards": len(cards), "cards_drawn": len(drawn),
            "pages_s": round(rendered_s, 2), "total_s": round(time.monotonic() - started, 2)}


def main(argv=None):
    parser = argparse.ArgumentParser(description="Write the static pages and preview cards of a catalogue")
    parser.add_argument("--catalog-dir", default="assets/catalog")
    parser.add_argument("--out", required=True, help="the served folder, e.g. build/web")
    args = parser.parse_args(argv)
    try:
        figures = write_build(args.catalog_dir, args.out)
    except Exception as error:  # noqa: BLE001 - the build prints why and fails
        print("server.pages: %s" % error, file=sys.stderr)
        return 1
    print("server.pages: %s" % json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
