"""Real local receivers for alert tests: an HTTP webhook server that can be 'down', an SMTP server."""

from __future__ import annotations

import json
import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Delivery:
    headers: dict[str, str]
    body: bytes

    @property
    def key(self) -> str | None:
        return self.headers.get("Idempotency-Key")

    def json(self) -> Any:
        return json.loads(self.body)


@dataclass
class WebhookReceiver:
    """Accepts POSTs; while `down` it answers 503 and keeps nothing (a receiver being restarted)."""

    url: str = ""
    down: bool = False
    deliveries: list[Delivery] = field(default_factory=list)
    refused: int = 0

    def keys(self) -> Counter[str | None]:
        return Counter(d.key for d in self.deliveries)


@contextmanager
def webhook_receiver() -> Iterator[WebhookReceiver]:
    receiver = WebhookReceiver()
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            with lock:
                if receiver.down:
                    receiver.refused += 1
                    self.send_response(503)
                else:
                    receiver.deliveries.append(Delivery(dict(self.headers.items()), body))
                    self.send_response(200)
            self.end_headers()
            self.wfile.write(b"ok")

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    receiver.url = f"http://127.0.0.1:{server.server_address[1]}/hook"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield receiver
    finally:
        server.shutdown()
        server.server_close()
