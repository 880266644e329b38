"""Static files: safe path mapping, content types, strong ETags, brotli and gzip, caching rules.

`StaticFiles.respond(url_path, headers)` answers (status, headers, body) and never touches the socket,
so it can be tested without HTTP.

Paths: percent-decoded once; any `..`, a segment starting with `.`, a backslash or NUL is refused, and the
real path (symlinks resolved) must stay under the root. Directories have no listing; `/` is index.html.

Compression: when the client accepts br and a fresh precompressed sibling `X.br` (not older than X) exists,
it is served as is (the build writes them with Debian's brotli; the standard library cannot make brotli).
Otherwise, when the client accepts gzip, a fresh `X.gz` sibling is served as is, or compressible files up to
MAX_ON_THE_FLY_BYTES are gzipped once and kept in a bounded cache keyed by path, size, mtime and inode. Each representation has its own strong ETag (sha-256
of the bytes sent), and `Vary: Accept-Encoding` is set on every compressible response.
"""

import collections
import gzip
import hashlib
import os
import re
import threading
import urllib.parse

CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8",
    ".json": "application/json; charset=utf-8", ".webmanifest": "application/manifest+json; charset=utf-8",
    ".wasm": "application/wasm", ".svg": "image/svg+xml; charset=utf-8", ".png": "image/png",
    ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".webp": "image/webp", ".ico": "image/x-icon",
    ".txt": "text/plain; charset=utf-8", ".map": "application/json; charset=utf-8", ".woff2": "font/woff2",
    ".woff": "font/woff", ".ttf": "font/ttf", ".otf": "font/otf", ".data": "application/octet-stream",
    ".gz": "application/gzip", ".xml": "application/xml; charset=utf-8",
}
COMPRESSIBLE = {".html", ".js", ".mjs", ".css", ".json", ".webmanifest", ".svg", ".txt", ".map", ".wasm",
                ".xml", ".ttf", ".otf", ".data"}
NO_CACHE_NAMES = {"index.html", "sw.js", "service-worker.js", "manifest.webmanifest", "manifest.json"}
HASHED_NAME_RE = re.compile(r"^[^/]+\.[0-9a-fA-F]{8,}\.[A-Za-z0-9]+$")
CACHE_IMMUTABLE = "public, max-age=31536000, immutable"
CACHE_NO_CACHE = "no-cache"
MAX_ON_THE_FLY_BYTES = 4 * 1024 * 1024
MAX_CACHE_BYTES = 64 * 1024 * 1024
MAX_FILE_BYTES = 256 * 1024 * 1024


def accepts(accept_encoding: str, coding: str) -> bool:
    """True when Accept-Encoding lists `coding` (or *) without q=0; "gzip" also matches "x-gzip"."""
    names = ("gzip", "x-gzip", "*") if coding == "gzip" else (coding, "*")
    for item in (accept_encoding or "").split(","):
        parts = [p.strip() for p in item.split(";")]
        if parts[0].lower() not in names:
            continue
        q = 1.0
        for param in parts[1:]:
            if param.lower().startswith("q="):
                try:
                    q = float(param[2:])
                except ValueError:
                    q = 0.0
        if q > 0:
            return True
    return False


def accepts_gzip(accept_encoding: str) -> bool:
    return accepts(accept_encoding, "gzip")


def etag_matches(if_none_match: str, etag: str) -> bool:
    """Weak comparison, as RFC 9110 prescribes for If-None-Match."""
    if not if_none_match:
        return False
    if if_none_match.strip() == "*":
        return True
    bare = etag[2:] if etag.startswith("W/") else etag
    for candidate in if_none_match.split(","):
        candidate = candidate.strip()
        if candidate.startswith("W/"):
            candidate = candidate[2:]
        if candidate == bare:
            return True
    return False


def cache_control_for(name: str, policy: str) -> str:
    if policy == "data" or name in NO_CACHE_NAMES:
        return CACHE_NO_CACHE
    if HASHED_NAME_RE.match(name):
        return CACHE_IMMUTABLE
    return CACHE_NO_CACHE


class StaticFiles:
    def __init__(self, root: str, policy: str = "web"):
        """policy 'web': hashed names immutable, others no-cache; 'data': everything no-cache."""
        self.root = os.path.realpath(root)
        self.policy = policy
        self.lock = threading.Lock()
        self.cache = collections.OrderedDict()  # (path, variant, identity) -> (etag, bytes, encoding)
        self.cache_bytes = 0

    def resolve(self, url_path: str):
        """The real file path for a URL path, or None if it is missing, hidden or outside the root."""
        try:
            path = urllib.parse.unquote(url_path.split("?", 1)[0].split("#", 1)[0], errors="strict")
        except UnicodeDecodeError:
            return None
        if "\x00" in path or "\\" in path or not path.startswith("/"):
            return None
        parts = [p for p in path.split("/") if p not in ("", ".")]
        if any(p == ".." or p.startswith(".") for p in parts):
            return None
        if not parts or path.endswith("/"):
            parts.append("index.html")
        real = os.path.realpath(os.path.join(self.root, *parts))
        if os.path.commonpath([real, self.root]) != self.root or not os.path.isfile(real):
            return None
        return real

    def _cached(self, cache_key, make):
        with self.lock:
            hit = self.cache.get(cache_key)
            if hit is not None:
                self.cache.move_to_end(cache_key)
                return hit
        value = make()
        size = len(value[1])
        if size <= MAX_ON_THE_FLY_BYTES:
            with self.lock:
                if cache_key not in self.cache:
                    self.cache[cache_key] = value
                    self.cache_bytes += size
                while self.cache_bytes > MAX_CACHE_BYTES and self.cache:
                    _, (_, old, _) = self.cache.popitem(last=False)
                    self.cache_bytes -= len(old)
        return value

    @staticmethod
    def _read_with_etag(path, encoding=None):
        """(etag, bytes, encoding): the ETag is a digest of exactly the bytes sent."""
        with open(path, "rb") as f:
            data = f.read(MAX_FILE_BYTES + 1)
        if len(data) > MAX_FILE_BYTES:
            raise OSError("file too large to serve: %s" % path)
        return '"%s"' % hashlib.sha256(data).hexdigest()[:32], data, encoding

    @staticmethod
    def _read_and_compress(path):
        etag, data, _ = StaticFiles._read_with_etag(path)
        packed = gzip.compress(data, compresslevel=9, mtime=0)
        if len(packed) >= len(data):
            return etag, data, None
        return '"%s"' % hashlib.sha256(packed).hexdigest()[:32], packed, "gzip"

    def _precompressed(self, real, st, suffix, coding):
        """(etag, bytes, coding) of a fresh sibling real+suffix (not older than the file), else (None,)*3."""
        path = real + suffix
        try:
            pre_st = os.stat(path)
        except OSError:
            return None, None, None
        if pre_st.st_mtime_ns < st.st_mtime_ns:
            return None, None, None
        pre_identity = (pre_st.st_size, pre_st.st_mtime_ns, pre_st.st_ino)
        return self._cached((path, "pre", pre_identity), lambda: self._read_with_etag(path, coding))

    def respond(self, url_path: str, headers) -> tuple:
        """(status, [(header, value)], body) for GET; HEAD callers drop the body. None when not found."""
        real = self.resolve(url_path)
        if real is None:
            return None
        name = os.path.basename(real)
        ext = os.path.splitext(name)[1].lower()
        try:
            st = os.stat(real)
        except OSError:
            return None
        identity = (st.st_size, st.st_mtime_ns, st.st_ino)
        compressible = ext in COMPRESSIBLE
        accept_encoding = headers.get("Accept-Encoding", "") if compressible else ""
        encoding, etag, body = None, None, None
        for coding, suffix in (("br", ".br"), ("gzip", ".gz")):
            if encoding is None and accepts(accept_encoding, coding):
                etag, body, encoding = self._precompressed(real, st, suffix, coding)
        if compressible and encoding is None and accepts_gzip(accept_encoding):
            if st.st_size <= MAX_ON_THE_FLY_BYTES:
                etag, body, encoding = self._cached((real, "gz", identity), lambda: self._read_and_compress(real))
        if body is None:
            etag, body, encoding = self._cached((real, "id", identity), lambda: self._read_with_etag(real))
        out = [("Content-Type", CONTENT_TYPES.get(ext, "application/octet-stream")), ("ETag", etag),
               ("Cache-Control", cache_control_for(name, self.policy))]
        if compressible:
            out.append(("Vary", "Accept-Encoding"))
        if encoding:
            out.append(("Content-Encoding", encoding))
        if etag_matches(headers.get("If-None-Match", ""), etag):
            return 304, [h for h in out if h[0] != "Content-Type"], b""
        return 200, out, body

