"""The real-time client against a local websockets server speaking spec/asyncapi.yaml's protocol."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from websockets.asyncio.server import ServerConnection, serve

from namaskah import AuthenticationError, PermissionDeniedError
from namaskah.lib.realtime import RealtimeError, reconnect_delay
from namaskah.models import Verification, VerificationCompletedEvent

from .helpers import VERIFICATION, Recorder, async_client, respond


def event(sequence: int, kind: str = "verification.completed", **data: Any) -> dict[str, Any]:
    return {
        "id": f"evt_{sequence}",
        "type": kind,
        "timestamp": "2026-01-01T00:00:00Z",
        "sequence": sequence,
        "data": {**VERIFICATION, "status": "completed", "code": f"code{sequence}", **data},
    }


class FakeRealtimeServer:
    """Checks auth-then-subscribe, replays after ``last_sequence`` (overlapping by one, which the client
    must drop), then runs the test's script for each connection."""

    def __init__(self) -> None:
        self.log: list[list[dict[str, Any]]] = []
        self.published: list[dict[str, Any]] = []
        self.connections = 0
        self.valid_tickets: set[str] = set()
        self.live: asyncio.Queue[dict[str, Any] | None] = asyncio.Queue()
        self.drop_first_after = 2
        self.url = ""

    async def handler(self, socket: ServerConnection) -> None:
        self.connections += 1
        received: list[dict[str, Any]] = []
        self.log.append(received)
        auth = json.loads(await socket.recv())
        received.append(auth)
        if auth.get("type") != "auth" or auth.get("ticket") not in self.valid_tickets:
            await socket.send(json.dumps({"type": "error", "code": "invalid_ticket", "message": "no"}))
            await socket.close(4001)
            return
        self.valid_tickets.discard(auth["ticket"])  # single use
        subscribe = json.loads(await socket.recv())
        received.append(subscribe)
        after = subscribe.get("last_sequence", 0)
        latest = self.published[-1]["sequence"] if self.published else 0
        await socket.send(json.dumps({"type": "ready", "sequence": latest, "resumed_from": after or None}))
        for past in self.published:
            if past["sequence"] >= after and after > 0:
                await socket.send(json.dumps(past))
        if self.connections == 1:
            for sequence in range(1, self.drop_first_after + 1):
                await self.publish(socket, event(sequence))
            await socket.close(1011)  # the server goes away mid-stream
            return
        while (item := await self.live.get()) is not None:
            await self.publish(socket, item)

    async def publish(self, socket: ServerConnection, item: dict[str, Any]) -> None:
        self.published.append(item)
        await socket.send(json.dumps(item))


@pytest.fixture
async def server() -> AsyncIterator[FakeRealtimeServer]:
    fake = FakeRealtimeServer()
    async with serve(fake.handler, "127.0.0.1", 0) as ws_server:
        port = next(iter(ws_server.sockets)).getsockname()[1]
        fake.url = f"ws://127.0.0.1:{port}/v1/realtime/ws"
        yield fake
        fake.live.put_nowait(None)


def tickets(server: FakeRealtimeServer) -> Recorder:
    counter = iter(range(1, 1000))

    def issue(request: httpx.Request) -> httpx.Response:
        ticket = f"rtt_{next(counter)}"
        server.valid_tickets.add(ticket)
        return respond(201, {"ticket": ticket, "url": server.url, "expires_at": "2026-01-01T00:00:30Z"})

    return Recorder(issue)


async def test_authenticates_with_a_ticket_resumes_after_a_drop_and_drops_duplicates(
    server: FakeRealtimeServer,
) -> None:
    recorder = tickets(server)
    client = async_client(recorder)
    seen: list[int] = []
    async with client.realtime.connect() as live:
        live.on("verification.completed", lambda e: seen.append(e.sequence))
        received = []
        async for item in live:
            received.append(item)
            if item.sequence == 2:
                server.live.put_nowait(event(3, code="final"))
            if item.sequence == 3:
                break
    assert [e.sequence for e in received] == [1, 2, 3] and seen == [1, 2, 3]
    assert all(isinstance(e, VerificationCompletedEvent) for e in received)
    assert isinstance(received[2].data, Verification) and received[2].data.code == "final"
    first, second = server.log[0], server.log[1]
    assert first == [{"type": "auth", "ticket": "rtt_1"}, {"type": "subscribe"}]
    assert second == [{"type": "auth", "ticket": "rtt_2"}, {"type": "subscribe", "last_sequence": 2}]
    assert all(r.url.path == "/v1/realtime/tickets" and not r.url.query for r in recorder.requests)
    assert live.closed
    await client.close()


async def test_wait_for_code_returns_when_the_completed_event_arrives(server: FakeRealtimeServer) -> None:
    server.drop_first_after = 0
    pending = respond(200, VERIFICATION)

    def route(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/v1/realtime/tickets":
            return tickets(server)(request)
        return pending

    client = async_client(Recorder(route))

    async def push_later() -> None:
        while server.connections < 2:
            await asyncio.sleep(0.02)
        await asyncio.sleep(0.1)
        server.live.put_nowait(event(7, kind="sms.received"))
        server.live.put_nowait(event(8, id="ver_other"))
        server.live.put_nowait(event(9, code="482913"))

    pusher = asyncio.ensure_future(push_later())
    done = await client.verifications.wait_for_code("ver_1", timeout=10)
    await pusher
    assert (done.id, done.status, done.code) == ("ver_1", "completed", "482913")
    await client.close()


async def test_wait_for_code_times_out_with_a_timeout_error() -> None:
    client = async_client(Recorder(respond(200, VERIFICATION)))
    with pytest.raises(TimeoutError):
        await client.verifications.wait_for_code("ver_1", timeout=0.2, poll_only=True, poll_interval=0.05)
    await client.close()


def test_reconnect_delay_is_jittered_exponential_and_bounded() -> None:
    assert reconnect_delay(0, 30, lambda: 1.0) == 0.25
    assert [reconnect_delay(n, 30, lambda: 0.0) for n in (1, 2, 3)] == [0.25, 0.5, 1.0]
    assert reconnect_delay(20, 30, lambda: 1.0) == 30


@pytest.mark.parametrize(("status", "error_type"), [(401, AuthenticationError), (403, PermissionDeniedError)])
async def test_a_refused_key_is_fatal_a_typed_error_and_no_reconnect(
    status: int, error_type: type[Exception]
) -> None:
    recorder = Recorder(respond(status, {"status": status, "code": "unauthenticated"}))
    client = async_client(recorder)
    errors: list[Exception] = []
    live = client.realtime.connect(max_reconnect_delay=0.01)
    live.on("error", errors.append)
    with pytest.raises(error_type):
        async with live:
            async for _ in live:
                pass
    with pytest.raises(error_type):
        await live.wait_ready()
    assert len(errors) == 1 and isinstance(errors[0], error_type) and isinstance(live.error, error_type)
    assert len(recorder.requests) == 1 and live.closed
    await client.close()


async def test_close_4003_is_fatal_with_a_realtime_error(server: FakeRealtimeServer) -> None:
    async def forbid(socket: ServerConnection) -> None:
        await socket.close(4003, "forbidden")

    async with serve(forbid, "127.0.0.1", 0) as ws_server:
        server.url = f"ws://127.0.0.1:{next(iter(ws_server.sockets)).getsockname()[1]}/v1/realtime/ws"
        client = async_client(tickets(server))
        live = client.realtime.connect(max_reconnect_delay=0.01).start()
        with pytest.raises(RealtimeError) as caught:
            await asyncio.wait_for(live.wait_ready(), 5)
        assert caught.value.close_code == 4003 and live.closed
        await client.close()


async def test_wait_for_code_fails_with_the_typed_error_for_a_wrong_key() -> None:
    client = async_client(Recorder(respond(401, {"status": 401, "code": "unauthenticated"})))
    with pytest.raises(AuthenticationError):
        await client.verifications.wait_for_code("ver_1", timeout=5)
    await client.close()


async def test_wait_for_code_polls_when_real_time_is_refused_for_good() -> None:
    reads = 0

    def route(request: httpx.Request) -> httpx.Response:
        nonlocal reads
        if request.url.path == "/v1/realtime/tickets":
            return respond(403, {"status": 403, "code": "insufficient_scope"})
        reads += 1
        return respond(
            200, VERIFICATION if reads < 3 else {**VERIFICATION, "status": "completed", "code": "777777"}
        )

    client = async_client(Recorder(route))
    client.http._sleep = asyncio.sleep
    done = await client.verifications.wait_for_code("ver_1", timeout=5, poll_interval=0.02)
    assert done.code == "777777"
    await client.close()


async def test_wait_for_code_catches_an_sms_that_lands_while_it_subscribes(
    server: FakeRealtimeServer,
) -> None:
    server.drop_first_after = 0
    reads = 0

    def route(request: httpx.Request) -> httpx.Response:
        nonlocal reads
        if request.url.path == "/v1/realtime/tickets":
            return tickets(server)(request)
        reads += 1  # the first read sees pending; the SMS lands before `ready`: no event will come
        return respond(
            200, VERIFICATION if reads == 1 else {**VERIFICATION, "status": "completed", "code": "313131"}
        )

    client = async_client(Recorder(route))
    done = await client.verifications.wait_for_code("ver_1", timeout=5)
    assert done.code == "313131"
    await client.close()
