"""Serving the static pages (server/pages.py): /pasar/... and /produk/... from <data-dir>/pages first (what
serve.py rewrote after a catalogue change), then from the build's folder.

The files hold site-relative og:url and og:image; a page is answered with the origin put in front of them,
from --public-url or else the request's Host header (only a plain host[:port] is taken). Pages are small
(~2.5 KB), so they are gzipped per request when the client accepts gzip; each answer has a strong ETag of
the bytes sent and `Cache-Control: no-cache`, so the buyer's worker revalidates them cheaply.
"""

import gzip
import hashlib
import os
import re

from .static import StaticFiles, accepts_gzip, etag_matches

PAGE_PREFIXES = ("/pasar/", "/produk/")
HOST_RE = re.compile(r"^(?:[A-Za-z0-9](?:[A-Za-z0-9.-]{0,252})|\[[0-9A-Fa-f:.]{2,45}\])(?::[0-9]{1,5})?$")
OG_RE = re.compile(rb'(<meta property="og:(?:url|image)" content=")/')


def is_page_path(path: str) -> bool:
    return path.startswith(PAGE_PREFIXES)


def origin_for(public_url: str, host_header: str, fallback: str) -> str:
    if public_url:
        return public_url.rstrip("/")
    if host_header and HOST_RE.match(host_header):
        return "http://" + host_header
    return fallback


class PageHost:
    def __init__(self, pages_dir: str, web_dir: str, public_url: str = ""):
        os.makedirs(pages_dir, exist_ok=True)
        self.written = StaticFiles(pages_dir, "data")
        self.built = StaticFiles(web_dir, "web")
        self.public_url = public_url

    def respond(self, path: str, headers, origin: str):
        """(status, headers, body) or None when neither folder has the file."""
        for files in (self.written, self.built):
            real = files.resolve(path)
            if real is None:
                continue
            if not real.endswith(".html"):
                return files.respond(path, headers)
            with open(real, "rb") as f:
                data = OG_RE.sub(lambda m: m.group(1) + origin.encode("utf-8") + b"/", f.read())
            out = [("Content-Type", "text/html; charset=utf-8"), ("Cache-Control", "no-cache"),
                   ("Vary", "Accept-Encoding")]
            if accepts_gzip(headers.get("Accept-Encoding", "")):
                data = gzip.compress(data, compresslevel=6, mtime=0)
                out.append(("Content-Encoding", "gzip"))
            etag = '"%s"' % hashlib.sha256(data).hexdigest()[:32]
            out.append(("ETag", etag))
            if etag_matches(headers.get("If-None-Match", ""), etag):
                return 304, [h for h in out if h[0] != "Content-Type"], b""
            return 200, out, data
        return None


class PagesExporter:
    """The catalogue exporter serve.py hands to the sync: after the JSON files, the pages a change touched."""

    def __init__(self, catalog_exporter, store, site):
        self.catalog_exporter, self.store, self.site = catalog_exporter, store, site
        self.pages_seq = None

    def export_if_stale(self, force: bool = False) -> bool:
        from .catalog import build_catalog_docs, current_catalog
        changed = self.catalog_exporter.export_if_stale(force)
        with self.store.read() as conn:
            seq, _ = current_catalog(conn)
            if not force and seq == self.pages_seq:
                return changed
            docs = build_catalog_docs(conn)
        self.site.update(docs)
        self.pages_seq = seq
        return changed
