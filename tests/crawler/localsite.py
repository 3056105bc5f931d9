"""A tiny local web server for crawler tests and the benchmark: a table of paths to responses."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from urllib.parse import urlsplit


@dataclass(frozen=True)
class Page:
    """What the server answers for one path. `length` overrides Content-Length (a truncated body)."""

    body: bytes = b""
    status: int = 200
    headers: Mapping[str, str] = field(default_factory=lambda: {"Content-Type": "text/html; charset=utf-8"})
    delay_s: float = 0.0
    length: int | None = None


Handler = Callable[[BaseHTTPRequestHandler], Page]


class LocalSite:
    """Serve `routes` on 127.0.0.1 at an ephemeral port; records every request path it saw."""

    def __init__(self, routes: dict[str, Page | Handler] | None = None) -> None:
        self.routes: dict[str, Page | Handler] = dict(routes or {})
        self.requests: list[str] = []
        self.request_headers: list[tuple[str, dict[str, str]]] = []
        site = self

        class _H(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:  # noqa: N802
                path = urlsplit(self.path).path
                site.requests.append(self.path)
                site.request_headers.append((self.path, dict(self.headers.items())))
                route = site.routes.get(self.path, site.routes.get(path))
                page = Page(b"not found", 404) if route is None else route(self) if callable(route) else route
                if page.delay_s:
                    time.sleep(page.delay_s)
                try:
                    self.send_response(page.status)
                    for k, v in page.headers.items():
                        self.send_header(k, v)
                    self.send_header(
                        "Content-Length", str(page.length if page.length is not None else len(page.body))
                    )
                    if page.length is not None:
                        self.send_header("Connection", "close")
                    self.end_headers()
                    self.wfile.write(page.body)
                    self.wfile.flush()
                except (BrokenPipeError, ConnectionResetError):
                    pass
                if page.length is not None:
                    self.close_connection = True

            def log_message(self, format: str, *args: object) -> None:  # noqa: A002
                pass

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), _H)
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    @property
    def base(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}"

    def url(self, path: str) -> str:
        return self.base + path

    def hits(self, path: str) -> int:
        return sum(1 for p in self.requests if urlsplit(p).path == path)

    def __enter__(self) -> LocalSite:
        self._thread.start()
        return self

    def __exit__(
        self, t: type[BaseException] | None, e: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
