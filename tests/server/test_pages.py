"""Static pages (server/pages.py): the build writes them, serve.py serves them without JavaScript with Open
Graph tags and a real PNG card, and a price change rewrites the product's page and its stall's page only."""

import copy
import os
import re
import struct
import subprocess
import sys
import unittest

from server import pages as pages_module
from tests.server import helpers as h

MARKET = "pasar-tugu"
STALL = "pasar-tugu.s1"          # has a WhatsApp number in the fixture catalogue
STALL_NO_PHONE = "pasar-tugu.s2"
PRODUCT = "pasar-tugu.s1.p1"


def png_size(data: bytes):
    """(width, height) from a PNG's IHDR, or None when the bytes are not a PNG."""
    if data[:8] != b"\x89PNG\r\n\x1a\n" or data[12:16] != b"IHDR":
        return None
    return struct.unpack(">II", data[16:24])


def meta(html: str, prop: str) -> str:
    match = re.search(r'<meta property="%s" content="([^"]*)">' % re.escape(prop), html)
    return match.group(1) if match else None


def files_under(folder):
    out = {}
    for root, _, names in os.walk(folder):
        for name in names:
            path = os.path.join(root, name)
            out[os.path.relpath(path, folder)] = os.stat(path).st_mtime_ns
    return out


class PagesTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.web_dir = h.temp_dir("web")
        build = subprocess.run([sys.executable, "-m", "server.pages", "--catalog-dir", h.FIXTURE_CATALOG,
                                "--out", cls.web_dir], cwd=h.REPO, capture_output=True, text=True, timeout=300)
        if build.returncode != 0:
            raise RuntimeError("server.pages failed: %s" % build.stderr)
        cls.build_output = build.stdout
        cls.web_before = files_under(cls.web_dir)
        cls.server = h.fresh_server(web_dir=cls.web_dir)
        cls.url = cls.server.base_url
        cls.pages_dir = os.path.join(cls.server.data_dir, "pages")
        cls.pages_before = files_under(cls.pages_dir)

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def get(self, path, **headers):
        response = h.request(self.url, "GET", path, headers=headers or None)
        self.assertEqual(response.status, 200, (path, response.body[:200]))
        return response

    def test_1_build_writes_every_page_and_card(self):
        for rel in ("pasar/index.html", "pasar/%s/index.html" % MARKET, "pasar/%s/%s/index.html" % (MARKET, STALL),
                    "produk/%s/index.html" % PRODUCT):
            self.assertTrue(os.path.isfile(os.path.join(self.web_dir, rel)), rel)
        with open(os.path.join(self.web_dir, "pasar", MARKET, "kartu.png"), "rb") as f:
            self.assertEqual(png_size(f.read()), (1200, 630))
        with open(os.path.join(self.web_dir, "produk", PRODUCT, "index.html"), encoding="utf-8") as f:
            on_disk = f.read()
        # The files hold site-relative addresses; only the server knows the origin.
        self.assertEqual(meta(on_disk, "og:url"), "/produk/%s/" % PRODUCT)
        self.assertIn('"pages_s"', self.build_output)

    def test_2_start_serves_the_build_pages_when_the_database_matches(self):
        # The data dir was copied from a seeded template that already wrote its pages; whatever it holds
        # must be byte-equal to the build's pages, since the database's catalogue is the embedded one.
        for rel in self.pages_before:
            if rel.endswith(".html"):
                with open(os.path.join(self.pages_dir, rel), "rb") as a, open(os.path.join(self.web_dir, rel), "rb") as b:
                    self.assertEqual(a.read(), b.read(), rel)

    def test_3_market_page_without_javascript(self):
        response = self.get("/pasar/%s/" % MARKET)
        self.assertEqual(response.header("content-type"), "text/html; charset=utf-8")
        html = response.body.decode("utf-8")
        self.assertIn("<h1>Pasar Tugu</h1>", html)
        self.assertIn('href="/pasar/%s/%s/"' % (MARKET, STALL), html)
        self.assertIn('href="/pasar/%s/%s/"' % (MARKET, STALL_NO_PHONE), html)
        self.assertIn('class="wa" href="https://wa.me/6281277001001?text=', html)
        self.assertIn("belum bisa dihubungi", html)  # the stall without a number says so plainly
        self.assertIn("<noscript>", html)
        self.assertIn('id="no-webgl"', html)
        self.assertIn('href="/#/pasar/%s"' % MARKET, html)  # "Buka di aplikasi": the app's hash route
        og_url, og_image = meta(html, "og:url"), meta(html, "og:image")
        self.assertEqual(og_url, "%s/pasar/%s/" % (self.url, MARKET))
        self.assertTrue(og_image.startswith(self.url + "/"), og_image)
        self.assertTrue(meta(html, "og:title") and meta(html, "og:description"))
        image = self.get(og_image[len(self.url):])
        self.assertEqual(image.header("content-type"), "image/png")
        size = png_size(image.body)
        self.assertEqual(size, (int(meta(html, "og:image:width")), int(meta(html, "og:image:height"))))

    def test_4_product_page_shows_todays_price(self):
        html = self.get("/produk/%s/" % PRODUCT).body.decode("utf-8")
        docs = pages_module.load_catalog_docs(h.FIXTURE_CATALOG)
        stall = [s for s in docs["markets/%s.json" % MARKET]["stalls"] if s["id"] == STALL][0]
        product = [p for p in stall["products"] if p["id"] == PRODUCT][0]
        self.assertIn("<h1>%s</h1>" % product["name"], html)
        self.assertIn(pages_module.rupiah(product["price_rp"]), html)
        self.assertIn(pages_module.rupiah(product["price_rp"]), meta(html, "og:description"))
        self.assertIn(stall["name"], html)
        self.assertIn("%s/pasar/%s/%s/kartu.png" % (self.url, MARKET, STALL), meta(html, "og:image"))

    def test_5_origin_from_host_header_and_gzip(self):
        html = self.get("/pasar/%s/" % MARKET, Host="pasar.example:8080").body.decode("utf-8")
        self.assertEqual(meta(html, "og:url"), "http://pasar.example:8080/pasar/%s/" % MARKET)
        bad = self.get("/pasar/%s/" % MARKET, Host="evil\"><script>").body.decode("utf-8")
        self.assertEqual(meta(bad, "og:url"), "%s/pasar/%s/" % (self.server.base_url.replace("localhost", "127.0.0.1"),
                                                                 MARKET))
        packed = self.get("/pasar/%s/" % MARKET, **{"Accept-Encoding": "gzip"})
        self.assertEqual(packed.header("content-encoding"), "gzip")
        again = h.request(self.url, "GET", "/pasar/%s/" % MARKET,
                          headers={"Accept-Encoding": "gzip", "If-None-Match": packed.header("etag")})
        self.assertEqual((again.status, again.body), (304, b""))
        self.assertEqual(packed.header("cache-control"), "no-cache")
        self.assertEqual(h.request(self.url, "GET", "/pasar/no-such-market/").status, 404)
        self.assertEqual(h.request(self.url, "GET", "/pasar/%s/../../sw.js" % MARKET).status, 404)

    def test_6_price_change_rewrites_the_product_and_its_stall_only(self):
        token = h.token(self.url, stall_code=STALL)
        answer = h.push(self.url, h.new_client_id(), [h.mutation(1, "set_price",
                                                                 {"product_id": PRODUCT, "price_rp": 987600})],
                        token=token).json()
        self.assertEqual(answer["results"][0]["status"], "ok", answer)
        after = files_under(self.pages_dir)
        written = sorted(rel for rel, mtime in after.items() if self.pages_before.get(rel) != mtime)
        self.assertEqual(written, ["pasar/%s/%s/index.html" % (MARKET, STALL), "produk/%s/index.html" % PRODUCT])
        self.assertIn("Rp 987.600", self.get("/produk/%s/" % PRODUCT).body.decode("utf-8"))
        self.assertIn("Rp 987.600", self.get("/pasar/%s/%s/" % (MARKET, STALL)).body.decode("utf-8"))
        self.assertEqual(files_under(self.web_dir), self.web_before)  # the build output is never written


class PageSiteTest(unittest.TestCase):
    def test_new_stall_gets_its_page_and_card(self):
        web_dir, out_dir = h.temp_dir("web"), h.temp_dir("pages")
        docs = pages_module.load_catalog_docs(h.FIXTURE_CATALOG)
        site = pages_module.PageSite(out_dir, web_dir)
        site.update(docs)
        site.wait_for_cards()
        grown = copy.deepcopy(docs)
        market_doc = grown["markets/%s.json" % MARKET]
        new_stall = copy.deepcopy(market_doc["stalls"][0])
        new_stall["id"], new_stall["name"] = MARKET + ".s99", "Los Baru No. 99"
        new_stall.pop("phone", None)
        for i, product in enumerate(new_stall["products"]):
            product["id"] = "%s.p%d" % (new_stall["id"], i + 1)
        market_doc["stalls"].append(new_stall)
        site = pages_module.PageSite(out_dir, web_dir)
        written = site.update(grown)
        site.wait_for_cards()
        # The markets list counts stalls, so it changes too.
        expected = {"pasar/index.html", "pasar/%s/index.html" % MARKET,
                    "pasar/%s/%s/index.html" % (MARKET, new_stall["id"])}
        expected |= {"produk/%s/index.html" % p["id"] for p in new_stall["products"]}
        self.assertEqual(set(written), expected)
        with open(os.path.join(out_dir, "pasar", MARKET, new_stall["id"], "kartu.png"), "rb") as f:
            self.assertEqual(png_size(f.read()), (1200, 630))


if __name__ == "__main__":
    unittest.main()
