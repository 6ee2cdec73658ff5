"""Retries, backoff, Retry-After, idempotency keys, timeouts: the core against a fake transport."""

from __future__ import annotations

import httpx
import pytest

import namaskah
from namaskah._core.retry_policy import backoff_delay, server_requested_delay

from .helpers import VERIFICATION, Recorder, async_client, respond, sync_client


def test_backoff_doubles_from_half_a_second_to_eight_with_at_most_25_percent_jitter() -> None:
    assert [backoff_delay(n, lambda: 0.0) for n in range(6)] == [0.5, 1, 2, 4, 8, 8]
    assert backoff_delay(0, lambda: 1.0) == 0.375


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ({"retry-after": "2"}, 2.0),
        ({"retry-after-ms": "150", "retry-after": "30"}, 0.15),
        ({"retry-after": "61"}, None),
        ({"retry-after": "-1"}, None),
        ({"retry-after": "soon"}, None),
        ({"retry-after": "Thu, 01 Jan 2026 00:00:10 GMT"}, 10.0),
        ({}, None),
    ],
)
def test_server_requested_delay(headers: dict[str, str], expected: float | None) -> None:
    assert server_requested_delay(httpx.Headers(headers), now=1767225600.0) == expected


@pytest.mark.parametrize("status", [408, 409, 429, 500, 502, 503, 504])
def test_retries_retryable_statuses_twice_by_default(status: int) -> None:
    recorder = Recorder(respond(status, {"status": status}))
    waits: list[float] = []
    with pytest.raises(namaskah.ApiError) as raised:
        sync_client(recorder, waits).wallet.retrieve()
    assert raised.value.status == status
    assert len(recorder.requests) == 3
    assert waits == [0.5, 1.0]


@pytest.mark.parametrize("status", [400, 401, 402, 403, 404, 422])
def test_does_not_retry_other_statuses(status: int) -> None:
    recorder = Recorder(respond(status, {"status": status}))
    with pytest.raises(namaskah.ApiError):
        sync_client(recorder).wallet.retrieve()
    assert len(recorder.requests) == 1


def test_honours_retry_after_and_reuses_the_idempotency_key() -> None:
    recorder = Recorder(
        respond(429, {"code": "rate_limited"}, {"retry-after": "3"}),
        httpx.ConnectError("reset"),
        respond(201, VERIFICATION),
    )
    waits: list[float] = []
    retries: list[namaskah.RetryInfo] = []
    client = sync_client(recorder, waits, on_retry=retries.append)
    verification = client.verifications.create(service="whatsapp", country="US")
    assert verification.id == "ver_1"
    assert waits == [3.0, 1.0]
    keys = {r.headers["idempotency-key"] for r in recorder.requests}
    assert len(keys) == 1 and None not in keys
    assert [(r.attempt, r.delay, type(r.error).__name__) for r in retries] == [
        (1, 3.0, "RateLimitedError"),
        (2, 1.0, "ApiConnectionError"),
    ]


def test_each_logical_post_gets_its_own_key_unless_one_is_given() -> None:
    recorder = Recorder(respond(201, VERIFICATION))
    client = sync_client(recorder)
    client.verifications.create(service="whatsapp", country="US")
    client.verifications.create(service="whatsapp", country="US")
    client.verifications.create(
        service="whatsapp", country="US", request_options={"idempotency_key": "order-1"}
    )
    keys = [r.headers["idempotency-key"] for r in recorder.requests]
    assert keys[0] != keys[1] and keys[2] == "order-1"


def test_max_retries_zero_and_per_request_override() -> None:
    recorder = Recorder(respond(503))
    with pytest.raises(namaskah.InternalServerError):
        sync_client(recorder, max_retries=0).wallet.retrieve()
    assert len(recorder.requests) == 1
    with pytest.raises(namaskah.InternalServerError):
        sync_client(recorder).wallet.retrieve(request_options={"max_retries": 4})
    assert len(recorder.requests) == 1 + 5


def test_total_time_bound_stops_retrying() -> None:
    recorder = Recorder(respond(503, headers={"retry-after": "30"}))
    with pytest.raises(namaskah.InternalServerError):
        sync_client(recorder, max_retry_time=10).wallet.retrieve()
    assert len(recorder.requests) == 1


def test_timeouts_are_connection_errors_and_retried() -> None:
    recorder = Recorder(httpx.ReadTimeout("slow"))
    with pytest.raises(namaskah.ApiTimeoutError):
        sync_client(recorder).wallet.retrieve()
    assert len(recorder.requests) == 3


def test_timeout_defaults_and_per_request_override() -> None:
    recorder = Recorder(respond(200, {"currency": "USD"}))
    client = sync_client(recorder, connect_timeout=2.0)
    client.wallet.retrieve()
    client.wallet.retrieve(request_options={"timeout": 5})
    first, second = (r.extensions["timeout"] for r in recorder.requests)
    assert first == {"connect": 2.0, "read": 60.0, "write": 60.0, "pool": 60.0}
    assert second["read"] == 5 and second["connect"] == 2.0


async def test_async_client_retries_the_same_way() -> None:
    recorder = Recorder(respond(503), httpx.ConnectError("refused"), respond(201, VERIFICATION))
    waits: list[float] = []
    client = async_client(recorder, waits)
    verification = await client.verifications.create(service="whatsapp", country="US")
    assert verification.status == "pending"
    assert waits == [0.5, 1.0]
    assert len({r.headers["idempotency-key"] for r in recorder.requests}) == 1
    await client.close()
