"""A static server for the search benchmark that behaves like GitHub Pages where bytes matter.

Text types (HTML, CSS, JavaScript, JSON, SVG, XML, plain text) are gzipped when the browser
accepts it; everything else (Pagefind's already compressed index files, WebAssembly) is sent
as it is. Responses carry ``Cache-Control: max-age=600`` and an ETag, as GitHub Pages does, and
connections are kept alive.
Every response's body bytes and count are recorded, so a benchmark can read what a query cost.

The files of both search indexes (and the theme's) are read and gzipped before the first
request, as a CDN edge that has served the site before holds them: reading and compressing
each on its first request added 2-7 ms to every round of a query's requests, for both
engines, which is this server's cost and not theirs.
"""

from __future__ import annotations

import gzip
import hashlib
import http.server
import mimetypes
import threading
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

COMPRESSED_TYPES = ("text/", "application/javascript", "application/json", "application/xml", "image/svg+xml")


@dataclass
class Traffic:
    requests: list[tuple[str, int]] = field(default_factory=list)  # (path, body bytes sent)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, path: str, size: int) -> None:
        with self.lock:
            self.requests.append((path, size))

    def take(self) -> list[tuple[str, int]]:
        with self.lock:
            taken, self.requests = self.requests, []
        return taken


class _Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as a CDN: no new connection per file
    disable_nagle_algorithm = True  # headers and body go out at once (no 40 ms delayed-ACK stalls)
    root: Path
    traffic: Traffic
    cache: dict[Path, tuple[bytes, bytes, str]]  # file -> (raw, gzipped, etag)

    def log_message(self, *args) -> None:
        pass

    def do_GET(self) -> None:
        path = unquote(urlsplit(self.path).path)
        target = (self.root / path.lstrip("/")).resolve()
        if target.is_dir():
            target = target / "index.html"
        if self.root not in target.parents or not target.is_file():
            return self._send(404, b"not found", "text/plain", path)
        kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        raw, packed, etag = self._load(target, kind)
        if self.headers.get("If-None-Match") == etag:
            return self._send(304, b"", kind, path, etag=etag)
        use_gzip = packed is not None and "gzip" in (self.headers.get("Accept-Encoding") or "")
        return self._send(200, packed if use_gzip else raw, kind, path, etag=etag, encoded=use_gzip)

    def _load(self, target: Path, kind: str):
        if target not in self.cache:
            self.cache[target] = _prepared(target, kind)
        return self.cache[target]

    def _send(self, status: int, body: bytes, kind: str, path: str, etag: str = "", encoded: bool = False) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind + ("; charset=utf-8" if kind.startswith("text/") else ""))
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        if etag:
            self.send_header("ETag", etag)
        if encoded:
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        self.wfile.write(body)
        self.traffic.add(path, len(body))


def _prepared(target: Path, kind: str) -> tuple[bytes, bytes | None, str]:
    raw = target.read_bytes()
    packed = gzip.compress(raw, compresslevel=6, mtime=0) if kind.startswith(COMPRESSED_TYPES) else None
    return raw, packed, '"' + hashlib.md5(raw).hexdigest() + '"'


def _preload(root: Path, folders: tuple[str, ...]) -> dict[Path, tuple[bytes, bytes | None, str]]:
    cache = {}
    for folder in folders:
        for path in (root / folder).rglob("*"):
            if path.is_file():
                cache[path] = _prepared(path, mimetypes.guess_type(path.name)[0] or "application/octet-stream")
    return cache


class PagesServer:
    """``with PagesServer(folder) as server: ... server.url, server.traffic.take()``."""

    def __init__(self, root: Path, preload: tuple[str, ...] = ("search", "pagefind", "static")):
        self.traffic = Traffic()
        root = root.resolve()
        handler = type("Handler", (_Handler,), {"root": root, "traffic": self.traffic,
                                                "cache": _preload(root, preload)})
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}/"

    def __enter__(self) -> PagesServer:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
