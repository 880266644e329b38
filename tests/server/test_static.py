"""Static hosting: types, caching rules, ETag/304, brotli (precompressed) and gzip (precompressed and on the
fly), CSP, traversal."""

import gzip
import os
import subprocess
import time
import unittest

from tests.server import helpers as h

WASM_BYTES = b"\x00asm\x01\x00\x00\x00" + bytes(range(256)) * 40
APP_JS = ("// app shell\n" + "function Draw(){return 1;}\n" * 300).encode()


class StaticTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        web = h.temp_dir("web-")
        files = {
            "index.html": b"<!doctype html><title>Pasar Daring</title>" + b"<p>Belanja pasar</p>" * 100,
            "sw.js": b"self.addEventListener('fetch', () => {});\n" * 20,
            "manifest.webmanifest": b'{"name": "Pasar Daring", "start_url": "/"}',
            "pasar.wasm": WASM_BYTES,
            "app.0123abcd.js": APP_JS,
            "app.js": APP_JS,
            "precompressed.js": APP_JS,
            "tiny.txt": b"hi",
            "logo.png": b"\x89PNG\r\n\x1a\n" + os.urandom(200),
            ".hidden": b"secret",
            "sub/page.html": b"<p>sub</p>",
        }
        for name, data in files.items():
            path = os.path.join(web, name)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "wb") as f:
                f.write(data)
        # A precompressed sibling with distinguishable bytes (level 1), written after the original.
        with open(os.path.join(web, "precompressed.js.gz"), "wb") as f:
            f.write(gzip.compress(APP_JS, compresslevel=1, mtime=0))
        # A brotli sibling made as the build makes it (Debian's brotli, tools/assemble_web.cmake).
        subprocess.run(["brotli", "-q", "11", "-n", "-k", "-f", os.path.join(web, "precompressed.js")], check=True)
        # Stale siblings (older than their original) must be ignored.
        with open(os.path.join(web, "app.js.gz"), "wb") as f:
            f.write(gzip.compress(b"stale", mtime=0))
        with open(os.path.join(web, "app.js.br"), "wb") as f:
            f.write(b"stale brotli")
        old = time.time() - 3600
        os.utime(os.path.join(web, "app.js.gz"), (old, old))
        os.utime(os.path.join(web, "app.js.br"), (old, old))
        outside = os.path.join(os.path.dirname(web), "outside-secret.txt")
        with open(outside, "w") as f:
            f.write("do not serve")
        os.symlink(outside, os.path.join(web, "link.txt"))
        cls.web = web
        cls.server = h.fresh_server(web_dir=web)
        cls.url = cls.server.base_url

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def get(self, path, **headers):
        return h.request(self.url, "GET", path, headers={k.replace("_", "-"): v for k, v in headers.items()})

    def test_index_html_no_cache_and_security_headers(self):
        for path in ("/", "/index.html"):
            response = self.get(path)
            self.assertEqual(response.status, 200)
            self.assertEqual(response.header("Content-Type"), "text/html; charset=utf-8")
            self.assertEqual(response.header("Cache-Control"), "no-cache")
            csp = response.header("Content-Security-Policy")
            for part in ("default-src 'self'", "script-src 'self' 'wasm-unsafe-eval'", "frame-ancestors 'none'",
                         "base-uri 'none'", "connect-src 'self'", "worker-src 'self'", "manifest-src 'self'",
                         "img-src 'self' data: blob:", "style-src 'self' 'unsafe-inline'"):
                self.assertIn(part, csp)
            self.assertNotIn("unsafe-eval'", csp.replace("wasm-unsafe-eval'", ""))
            self.assertEqual(response.header("X-Content-Type-Options"), "nosniff")
            self.assertTrue(response.header("Referrer-Policy"))

    def test_api_errors_carry_the_security_headers_too(self):
        response = self.get("/api/nothing")
        self.assertEqual(response.header("X-Content-Type-Options"), "nosniff")
        self.assertIn("wasm-unsafe-eval", response.header("Content-Security-Policy"))

    def test_wasm_type_and_gzip(self):
        plain = self.get("/pasar.wasm")
        self.assertEqual(plain.header("Content-Type"), "application/wasm")
        self.assertEqual(plain.body, WASM_BYTES)
        self.assertIsNone(plain.header("Content-Encoding"))
        packed = self.get("/pasar.wasm", Accept_Encoding="gzip, deflate")
        self.assertEqual(packed.header("Content-Encoding"), "gzip")
        self.assertEqual(packed.header("Vary"), "Accept-Encoding")
        self.assertEqual(gzip.decompress(packed.body), WASM_BYTES)
        self.assertNotEqual(packed.header("ETag"), plain.header("ETag"), "each representation its own ETag")

    def test_service_worker_and_manifest_no_cache(self):
        self.assertEqual(self.get("/sw.js").header("Cache-Control"), "no-cache")
        manifest = self.get("/manifest.webmanifest")
        self.assertEqual(manifest.header("Cache-Control"), "no-cache")
        self.assertTrue(manifest.header("Content-Type").startswith("application/manifest+json"))

    def test_hashed_names_are_immutable_others_no_cache(self):
        self.assertEqual(self.get("/app.0123abcd.js").header("Cache-Control"), "public, max-age=31536000, immutable")
        self.assertEqual(self.get("/app.js").header("Cache-Control"), "no-cache")
        self.assertEqual(self.get("/logo.png").header("Cache-Control"), "no-cache")

    def test_etag_and_304(self):
        first = self.get("/app.js")
        etag = first.header("ETag")
        self.assertTrue(etag.startswith('"') and etag.endswith('"') and not etag.startswith("W/"))
        again = self.get("/app.js", If_None_Match=etag)
        self.assertEqual((again.status, again.body), (304, b""))
        self.assertEqual(again.header("ETag"), etag)
        self.assertEqual(self.get("/app.js", If_None_Match='"other", ' + etag).status, 304)
        self.assertEqual(self.get("/app.js", If_None_Match='"other"').status, 200)
        gz = self.get("/app.js", Accept_Encoding="gzip")
        self.assertEqual(self.get("/app.js", Accept_Encoding="gzip", If_None_Match=gz.header("ETag")).status, 304)

    def test_precompressed_sibling_is_served_when_fresh(self):
        response = self.get("/precompressed.js", Accept_Encoding="gzip")
        self.assertEqual(response.header("Content-Encoding"), "gzip")
        with open(os.path.join(self.web, "precompressed.js.gz"), "rb") as f:
            self.assertEqual(response.body, f.read(), "the .gz file's own bytes")
        self.assertEqual(response.header("Content-Type"), "text/javascript; charset=utf-8")
        stale = self.get("/app.js", Accept_Encoding="gzip")
        self.assertEqual(gzip.decompress(stale.body), APP_JS, "a stale .gz sibling is ignored")

    def test_brotli_sibling_for_browsers_that_accept_br(self):
        chromium = "gzip, deflate, br, zstd"  # what Chromium sends, also to http://127.0.0.1
        response = self.get("/precompressed.js", Accept_Encoding=chromium)
        self.assertEqual(response.header("Content-Encoding"), "br")
        self.assertEqual(response.header("Vary"), "Accept-Encoding")
        self.assertEqual(response.header("Content-Type"), "text/javascript; charset=utf-8")
        with open(os.path.join(self.web, "precompressed.js.br"), "rb") as f:
            self.assertEqual(response.body, f.read(), "the .br file's own bytes")
        unpacked = subprocess.run(["brotli", "-d", "-c"], input=response.body, capture_output=True, check=True)
        self.assertEqual(unpacked.stdout, APP_JS)
        gz = self.get("/precompressed.js", Accept_Encoding="gzip")
        self.assertNotEqual(gz.header("ETag"), response.header("ETag"), "br and gzip each their own ETag")
        self.assertEqual(self.get("/precompressed.js", Accept_Encoding=chromium,
                                  If_None_Match=response.header("ETag")).status, 304)
        self.assertEqual(self.get("/precompressed.js", Accept_Encoding="br;q=0, gzip").header("Content-Encoding"),
                         "gzip", "br refused with q=0")
        self.assertEqual(self.get("/precompressed.js", Accept_Encoding="*").header("Content-Encoding"), "br")
        stale = self.get("/app.js", Accept_Encoding=chromium)
        self.assertEqual(stale.header("Content-Encoding"), "gzip", "a stale .br sibling is ignored")
        self.assertEqual(gzip.decompress(stale.body), APP_JS)
        only_br = self.get("/app.js", Accept_Encoding="br")
        self.assertEqual((only_br.header("Content-Encoding"), only_br.body), (None, APP_JS),
                         "br accepted but no fresh .br: plain, never a coding the client did not ask for")

    def test_gzip_refused_with_q0_and_tiny_files_stay_plain(self):
        self.assertIsNone(self.get("/app.js", Accept_Encoding="gzip;q=0").header("Content-Encoding"))
        tiny = self.get("/tiny.txt", Accept_Encoding="gzip")
        self.assertEqual((tiny.body, tiny.header("Content-Encoding")), (b"hi", None))
        self.assertIsNone(self.get("/logo.png", Accept_Encoding="gzip").header("Content-Encoding"))

    def test_head_has_headers_without_body(self):
        response = h.request(self.url, "HEAD", "/pasar.wasm")
        self.assertEqual((response.status, response.body), (200, b""))
        self.assertEqual(int(response.header("Content-Length")), len(WASM_BYTES))

    def test_traversal_and_hidden_files_are_404(self):
        for path in ("/../serve.py", "/..%2fserve.py", "/%2e%2e/%2e%2e/etc/passwd", "/sub/../../serve.py",
                     "/.hidden", "/sub/%2e%2e/%2e%2e/serve.py", "/link.txt", "/%00index.html", "/sub/",
                     "/sub", "/..\\serve.py", "/%c0%ae%c0%ae/serve.py"):
            response = self.get(path)
            self.assertEqual(response.status, 404, path)
            self.assertNotIn(b"do not serve", response.body)
            self.assertEqual(response.json()["error"]["code"], "not_found")
        self.assertEqual(self.get("/sub/page.html").status, 200)

    def test_catalogue_is_served_as_static_json_with_etag(self):
        index = self.get("/data/index.json")
        self.assertEqual(index.status, 200)
        self.assertEqual(index.header("Content-Type"), "application/json; charset=utf-8")
        self.assertEqual(index.header("Cache-Control"), "no-cache")
        self.assertEqual(index.json()["catalog_version"], "2026-11-29.1")
        self.assertEqual(self.get("/data/index.json", If_None_Match=index.header("ETag")).status, 304)
        market = self.get("/data/markets/pasar-tugu.json", Accept_Encoding="gzip")
        self.assertEqual(market.header("Content-Encoding"), "gzip")
        self.assertEqual(len(__import__("json").loads(gzip.decompress(market.body))["stalls"]), 2)
        self.assertEqual(self.get("/data/../pasar.sqlite3").status, 404)
        self.assertEqual(self.get("/data/%2e%2e/pasar.sqlite3").status, 404)
        self.assertEqual(self.get("/data/%2e%2e/seed_credentials.txt").status, 404)


if __name__ == "__main__":
    unittest.main()
