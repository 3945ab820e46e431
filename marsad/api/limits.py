"""Guards for a service exposed to hostile clients: request body size, rate limits, security headers."""
from __future__ import annotations

import json
import math
import threading
import time


class RateLimiter:
    """A token bucket per key (an API token's name, or a client address): ``per_minute`` requests a
    minute on average, bursts up to ``burst``. ``per_minute <= 0`` turns it off."""

    def __init__(self, per_minute: float, burst: int | None = None, clock=time.monotonic):
        self.rate = per_minute / 60.0
        self.capacity = float(burst if burst is not None else max(1, int(per_minute)))
        self.clock = clock
        self._buckets: dict[str, tuple[float, float]] = {}
        self._lock = threading.Lock()

    def hit(self, key: str) -> float:
        """Take one request from ``key``'s bucket: 0 when allowed, else the seconds to wait."""
        if self.rate <= 0:
            return 0.0
        now = self.clock()
        with self._lock:
            level, last = self._buckets.get(key, (self.capacity, now))
            level = min(self.capacity, level + (now - last) * self.rate)
            if level >= 1:
                self._buckets[key] = (level - 1, now)
                return 0.0
            self._buckets[key] = (level, now)
            if len(self._buckets) > 100_000:  # bounded memory under a flood of keys
                self._buckets.clear()
            return (1 - level) / self.rate


async def _send_problem(send, status: int, detail: str, headers=()):
    body = json.dumps({"detail": detail}).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                            *headers]})
    await send({"type": "http.response.body", "body": body})


class BodySizeLimit:
    """Refuse request bodies over ``max_bytes`` with 413, by Content-Length and while streaming."""

    def __init__(self, app, max_bytes: int):
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        limit = self.max_bytes
        message = f"request body larger than {limit} bytes ({limit / 1e6:.1f} MB); send fewer or smaller documents"
        for k, v in scope.get("headers", []):
            if k == b"content-length":
                try:
                    n = int(v)
                except ValueError:
                    return await _send_problem(send, 400, "Content-Length is not a number")
                if n > limit:
                    return await _send_problem(send, 413, message)
        seen = 0
        started = False
        refused = False

        async def guarded_receive():
            nonlocal seen, refused, started
            if refused:
                return {"type": "http.disconnect"}
            msg = await receive()
            if msg["type"] == "http.request":
                seen += len(msg.get("body", b""))
                if seen > limit:
                    # answer 413 now and tell the app the client went away; whatever it sends is dropped
                    refused = True
                    if not started:
                        started = True
                        await _send_problem(send, 413, message)
                    return {"type": "http.disconnect"}
            return msg

        async def tracking_send(msg):
            nonlocal started
            if refused:
                return
            if msg["type"] == "http.response.start":
                started = True
            await send(msg)

        try:
            await self.app(scope, guarded_receive, tracking_send)
        except Exception:
            if not refused:
                raise


CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
       "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
       "form-action 'self'")


class SecurityHeaders:
    """Headers that make injected markup inert even if something escaped the escaping: a strict
    Content-Security-Policy (scripts only from this origin, no inline scripts), no MIME sniffing,
    no framing, no referrer."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def add_headers(msg):
            if msg["type"] == "http.response.start":
                headers = list(msg.get("headers", []))
                names = {k.lower() for k, _ in headers}
                for k, v in ((b"content-security-policy", CSP.encode()), (b"x-content-type-options", b"nosniff"),
                             (b"x-frame-options", b"DENY"), (b"referrer-policy", b"no-referrer")):
                    if k not in names:
                        headers.append((k, v))
                msg = dict(msg, headers=headers)
            await send(msg)

        await self.app(scope, receive, add_headers)


def retry_after(seconds: float) -> str:
    return str(max(1, math.ceil(seconds)))
