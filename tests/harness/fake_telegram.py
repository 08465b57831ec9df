"""A real HTTP server on loopback that plays the Telegram Bot API's sendMessage, and a
generic webhook receiver; it records what arrives and can refuse on demand."""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

BOT_TOKEN = "123456:TEST-token"
CHAT_ID = "-1009876543210"
WEBHOOK_PATH = "/hooks/booth-alerts"


@dataclass(frozen=True)
class Received:
    path: str
    body: dict[str, Any]


class FakeTelegram:
    def __init__(self) -> None:
        self.received: list[Received] = []
        self.failures_left = 0  # answer this many requests with 502 first
        self._lock = threading.Lock()
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", "0"))
                body = json.loads(self.rfile.read(length) or b"{}")
                with owner._lock:
                    failing = owner.failures_left > 0
                    if failing:
                        owner.failures_left -= 1
                    else:
                        owner.received.append(Received(self.path, body))
                if failing:
                    self._answer(502, {"ok": False, "description": "Bad Gateway"})
                elif self.path == f"/bot{BOT_TOKEN}/sendMessage":
                    self._answer(200, {"ok": True, "result": {"message_id": 1}})
                elif self.path == WEBHOOK_PATH:
                    self._answer(204, None)
                else:
                    self._answer(404, {"ok": False, "description": "Not Found"})

            def _answer(self, status: int, payload: dict[str, Any] | None) -> None:
                data = b"" if payload is None else json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    def env(self) -> dict[str, str]:
        """The backend's settings that send alerts here."""
        return {"BOOTH_TELEGRAM_BOT_TOKEN": BOT_TOKEN, "BOOTH_TELEGRAM_CHAT_ID": CHAT_ID,
                "BOOTH_TELEGRAM_API_URL": self.url,
                "BOOTH_ALERT_WEBHOOK_URL": f"{self.url}{WEBHOOK_PATH}"}

    def messages(self) -> list[str]:
        with self._lock:
            return [r.body["text"] for r in self.received if r.path.endswith("/sendMessage")]

    def hooks(self) -> list[dict[str, Any]]:
        with self._lock:
            return [r.body for r in self.received if r.path == WEBHOOK_PATH]

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join()
