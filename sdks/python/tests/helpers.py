"""Fake transports for the client tests."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import httpx

from namaskah import AsyncNamaskah, Namaskah

Handler = Callable[[httpx.Request], httpx.Response]


def respond(status: int = 200, body: object = None, headers: dict[str, str] | None = None) -> httpx.Response:
    content = b"" if body is None else json.dumps(body).encode()
    kind = "application/problem+json" if status >= 400 else "application/json"
    return httpx.Response(status, headers={"content-type": kind, **(headers or {})}, content=content)


class Recorder:
    """Answers requests in turn from a script (responses or exceptions) and records them."""

    def __init__(self, *script: httpx.Response | Exception | Handler) -> None:
        self.script = list(script)
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        request.read()
        self.requests.append(request)
        step = self.script.pop(0) if len(self.script) > 1 else self.script[0]
        if isinstance(step, Exception):
            raise step
        return step if isinstance(step, httpx.Response) else step(request)

    def json(self, index: int) -> Any:
        return json.loads(self.requests[index].content)


def sync_client(recorder: Recorder, waits: list[float] | None = None, **options: Any) -> Namaskah:
    client = Namaskah(
        api_key="nmk_test_1",
        base_url="http://api.test",
        http_client=httpx.Client(transport=httpx.MockTransport(recorder)),
        **options,
    )
    client.http._sleep = (waits if waits is not None else []).append
    client.http._random = lambda: 0.0
    return client


def async_client(recorder: Recorder, waits: list[float] | None = None, **options: Any) -> AsyncNamaskah:
    client = AsyncNamaskah(
        api_key="nmk_test_1",
        base_url="http://api.test",
        http_client=httpx.AsyncClient(transport=httpx.MockTransport(recorder)),
        **options,
    )
    recorded = waits if waits is not None else []

    async def sleep(seconds: float) -> None:
        recorded.append(seconds)

    client.http._sleep = sleep
    client.http._random = lambda: 0.0
    return client


VERIFICATION: dict[str, Any] = {
    "id": "ver_1",
    "status": "pending",
    "service": "whatsapp",
    "country": "US",
    "area_code": None,
    "carrier": None,
    "phone_number": "+15555550100",
    "price": {"amount": 120, "currency": "USD"},
    "code": None,
    "sms_count": 0,
    "created_at": "2026-01-01T00:00:00Z",
    "expires_at": "2026-01-01T00:20:00Z",
    "completed_at": None,
    "cancelled_at": None,
    "refunded": False,
    "refund_reason": None,
}
