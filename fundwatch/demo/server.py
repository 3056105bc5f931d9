"""A local web server for the sample site, addressed as http://fundwatch-demo.test through it as a proxy.

The crawler reaches the site by a stable host name, so the demo's article URLs are the same on
every run (a second run stores nothing new) although the server's port is ephemeral.
"""

from __future__ import annotations

import hashlib
import mimetypes
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from urllib.parse import unquote, urlsplit

SITE_DIR = Path(__file__).resolve().parent / "site"
DEMO_HOST = "fundwatch-demo.test"
DEMO_BASE = f"http://{DEMO_HOST}"
TEMPLATED = (".html", ".xml", ".txt")


def render(path: Path) -> bytes:
    data = path.read_bytes()
    return data.replace(b"{BASE}", DEMO_BASE.encode()) if path.suffix in TEMPLATED else data


class _Handler(BaseHTTPRequestHandler):
    server_version = "fundwatch-demo/1"
    site: Path = SITE_DIR

    def _resolve(self) -> Path | None:
        rel = unquote(urlsplit(self.path).path).lstrip("/") or "index.html"
        target = (self.site / rel).resolve()
        if self.site not in target.parents or not target.is_file():
            return None
        return target

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        target = self._resolve()
        if target is None:
            self.send_error(404, "not found")
            return
        body = render(target)
        etag = '"' + hashlib.sha256(body).hexdigest()[:20] + '"'
        if self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            self.send_header("ETag", etag)
            self.end_headers()
            return
        ctype = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        if ctype.startswith("text/") or ctype.endswith("xml"):
            ctype += "; charset=utf-8"
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("ETag", etag)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (base-class signature)
        pass  # quiet: the crawl reports what it fetched


class DemoServer:
    """Serve SITE_DIR on 127.0.0.1 at an ephemeral port, in a background thread."""

    def __init__(self, site: Path = SITE_DIR) -> None:
        handler = type("Handler", (_Handler,), {"site": site.resolve()})
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, name="demo-site", daemon=True)

    @property
    def proxy_url(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}"

    def __enter__(self) -> DemoServer:
        self._thread.start()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
