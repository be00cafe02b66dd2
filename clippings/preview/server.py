"""The preview's HTTP server: the live folder under the site's base path, as GitHub Pages
serves it, plus a live-reload script injected into the HTML it sends (never into the files).

Only files inside the output folder are served: ``..`` and symlinks that lead out get 404 (or
400 for a malformed path). Responses carry validators (ETag, Last-Modified) and
``Cache-Control: no-cache``, so browsers revalidate every file and see each rebuild at once.
"""

from __future__ import annotations

import contextlib
import email.utils
import hashlib
import http.server
import json
import mimetypes
import posixpath
import socket
import sys
import threading
from importlib import resources
from urllib.parse import quote, unquote, urlsplit

from .events import Events
from .live import REDIRECT, Found, LiveFolder

INTERNAL = "/__clippings/"  # outside any base path a site can have: no clash with site files
KEEPALIVE = 15.0  # seconds between comments on an idle event stream (proxies drop silent ones)
# What a site holds, typed as GitHub Pages types it, whatever this machine's mime.types says.
TYPES = {
    ".html": "text/html", ".css": "text/css", ".js": "text/javascript", ".json": "application/json",
    ".xml": "application/xml", ".txt": "text/plain", ".svg": "image/svg+xml", ".png": "image/png",
    ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif", ".webp": "image/webp",
    ".avif": "image/avif", ".ico": "image/x-icon", ".woff2": "font/woff2", ".pdf": "application/pdf",
}
TEXT = {"application/json", "application/xml", "image/svg+xml"}


def client_script() -> bytes:
    return resources.files(__package__).joinpath("livereload.js").read_bytes()


def content_type(name: str) -> str:
    kind = TYPES.get(posixpath.splitext(name)[1].lower()) or mimetypes.guess_type(name)[0] or "application/octet-stream"
    if kind.startswith("text/") or kind in TEXT:
        kind += "; charset=utf-8"
    return kind


def inject(html: bytes, generation: int) -> bytes:
    """The live-reload script, just before ``</body>`` (or at the end)."""
    tag = f'<script src="{INTERNAL}livereload.js" data-generation="{generation}"></script>'.encode()
    at = html.lower().rfind(b"</body>")
    return html[:at] + tag + html[at:] if at >= 0 else html + tag


class PreviewServer(http.server.ThreadingHTTPServer):
    """Threads per connection; on close, every connection is cut and every thread joined."""

    daemon_threads = False
    block_on_close = True
    request_queue_size = 128  # the default 5 refuses connections when a page's assets arrive at once

    def __init__(self, address: tuple[str, int], live: LiveFolder, base_path: str, events: Events) -> None:
        self.live, self.base_path, self.events = live, base_path, events
        self._open: set[socket.socket] = set()
        self._open_lock = threading.Lock()
        super().__init__(address, PreviewHandler)

    def process_request(self, request, client_address) -> None:
        with self._open_lock:
            self._open.add(request)
        super().process_request(request, client_address)

    def handle_error(self, request, client_address) -> None:
        """A browser that leaves mid-response (a reload, a closed tab) is normal, not an error."""
        if isinstance(sys.exc_info()[1], ConnectionError):  # BrokenPipe, ConnectionReset, …
            return
        super().handle_error(request, client_address)

    def shutdown_request(self, request) -> None:
        with self._open_lock:
            self._open.discard(request)
        super().shutdown_request(request)

    def close(self) -> None:
        """Stop accepting, end event streams and idle keep-alive connections, join threads."""
        self.shutdown()
        self.events.close()
        with self._open_lock:
            for sock in list(self._open):
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
        self.server_close()

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        shown = f"[{host}]" if ":" in host else host
        return f"http://{shown}:{port}{self.base_path}"


class PreviewHandler(http.server.BaseHTTPRequestHandler):
    server: PreviewServer
    protocol_version = "HTTP/1.1"  # keep-alive: a page and its assets share connections
    server_version = "Clippings-preview"

    def log_message(self, format: str, *args) -> None:
        pass  # the terminal shows rebuilds, not every request

    def do_GET(self) -> None:
        self.respond(head=False)

    def do_HEAD(self) -> None:
        self.respond(head=True)

    # --- routing -----------------------------------------------------------------------------

    def respond(self, head: bool) -> None:
        raw = urlsplit(self.path).path
        if raw.startswith(INTERNAL):
            return self.internal(raw[len(INTERNAL):], head)
        path = unquote(raw, errors="strict") if "%" in raw else raw
        if "\x00" in path or "\\" in path or ".." in path.split("/") or not path.startswith("/"):
            return self.plain(400, "Bad request path", head)
        base = self.server.base_path
        if not path.startswith(base):
            if base.startswith(path.rstrip("/") + "/"):  # "/" or "/repo": the site is below
                return self.redirect(base, head)
            return self.not_found(head)
        relative = posixpath.normpath(path[len(base):]) if path != base else ""
        relative = "" if relative == "." else relative + ("/" if path.endswith("/") and relative else "")
        found = self.server.live.fetch(relative)
        if found is REDIRECT:
            return self.redirect(base + quote(relative) + "/", head)
        if not isinstance(found, Found):
            return self.not_found(head)
        self.file(200, found, head)

    def internal(self, name: str, head: bool) -> None:
        if name == "livereload.js":
            return self.send(200, client_script(), "text/javascript; charset=utf-8", head)
        if name == "events":
            return self.stream()
        if name == "status":
            _, generation, error = self.server.events.snapshot()
            body = json.dumps({"generation": generation, "error": error, "busy": self.server.events.busy}).encode()
            return self.send(200, body, "application/json", head)
        self.plain(404, "Not found", head)

    # --- responses ---------------------------------------------------------------------------

    def file(self, status: int, found: Found, head: bool) -> None:
        kind = content_type(found.name)
        data = found.data
        if kind.startswith("text/html"):
            data = inject(data, self.server.events.snapshot()[1])
        etag = '"' + hashlib.blake2b(data, digest_size=12).hexdigest() + '"'
        modified = email.utils.formatdate(found.mtime, usegmt=True)
        if status == 200 and self.fresh(etag, found.mtime):
            self.send_response(304)
            self.send_header("ETag", etag)
            self.send_header("Cache-Control", "no-cache")
            self.end_headers()
            return
        self.send(status, data, kind, head, {"ETag": etag, "Last-Modified": modified})

    def fresh(self, etag: str, mtime: float) -> bool:
        """The browser's copy is current (If-None-Match wins over If-Modified-Since)."""
        match = self.headers.get("If-None-Match")
        if match is not None:
            tags = {t.strip().removeprefix("W/") for t in match.split(",")}
            return etag in tags or "*" in tags
        since = self.headers.get("If-Modified-Since")
        if since:
            try:
                return int(mtime) <= email.utils.parsedate_to_datetime(since).timestamp()
            except (TypeError, ValueError):
                return False
        return False

    def not_found(self, head: bool) -> None:
        page = self.server.live.fetch("404.html")
        if isinstance(page, Found):
            return self.file(404, page, head)
        # No build yet (or it failed): a page that still carries the overlay with the error.
        html = b"<!DOCTYPE html><html lang=en><meta charset=utf-8><title>Not found</title>" \
               b"<body><h1>Not found</h1><p>Nothing has been built here (yet).</p></body></html>"
        self.send(404, inject(html, self.server.events.snapshot()[1]), "text/html; charset=utf-8", head)

    def redirect(self, location: str, head: bool) -> None:
        self.send(301, b"", "text/plain; charset=utf-8", head, {"Location": location})

    def plain(self, status: int, text: str, head: bool) -> None:
        self.send(status, text.encode() + b"\n", "text/plain; charset=utf-8", head)

    def send(self, status: int, body: bytes, kind: str, head: bool, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-cache")
        self.send_header("X-Content-Type-Options", "nosniff")
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if not head:
            self.wfile.write(body)

    def stream(self) -> None:
        """Server-Sent Events: the current state first, then each event as it happens."""
        events = self.server.events
        self.close_connection = True
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-cache")
        self.end_headers()
        last, generation, error = events.snapshot()
        hello = {"generation": generation, "error": error}
        try:
            self.wfile.write(f"retry: 500\nevent: hello\ndata: {json.dumps(hello)}\n\n".encode())
            self.wfile.flush()
            while not events.closed:
                news = events.wait(last, KEEPALIVE)
                if not news:
                    self.wfile.write(b": still here\n\n")
                for event in news:
                    self.wfile.write(event.encode())
                    last = event.number
                self.wfile.flush()
        except OSError:  # the browser went away (or the server is closing): nothing to tell
            pass
