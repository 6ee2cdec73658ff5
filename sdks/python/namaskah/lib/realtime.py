"""The real-time client: asyncio on the ``websockets`` package, speaking spec/asyncapi.yaml."""

from __future__ import annotations

import asyncio
import contextlib
import json
import random
from collections.abc import Callable
from types import TracebackType
from typing import TYPE_CHECKING, Any

from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed, InvalidHandshake, InvalidURI

from .._core.decoding import decode
from .._core.errors import AuthenticationError, NamaskahError, PermissionDeniedError
from .._core.model import BaseModel
from ..models import WebhookEvent
from ..resources.realtime import AsyncRealtime

if TYPE_CHECKING:
    from ..resources.events import AsyncEvents

RealtimeEvent = WebhookEvent
"""Any platform event, narrowed by ``event.type``."""

_RESUME_WINDOW_EXCEEDED = 4009
_FATAL_CLOSE_CODES = frozenset({4003})
"""asyncapi.yaml: 4003 (suspended account, IP not allowed, session or key revoked): do not reconnect."""
_STOP = object()


class RealtimeError(NamaskahError):
    """The server closed the connection with a code after which reconnecting cannot help (4003)."""

    def __init__(self, close_code: int, reason: str = "") -> None:
        super().__init__(
            f"The real-time connection was closed with {close_code}{f' ({reason})' if reason else ''}: "
            "not reconnecting"
        )
        self.close_code = close_code


def reconnect_delay(failures: int, maximum: float, rand: Callable[[], float] = random.random) -> float:
    """Jittered exponential reconnect delay in seconds: up to min(0.5 s x 2^(n-1), max), at least half."""
    if failures == 0:
        return 0.25 * rand()
    ceiling = min(0.5 * (1 << min(failures - 1, 16)), maximum)
    return ceiling / 2 + ceiling / 2 * rand()


class RealtimeConnection:
    """A live subscription to the caller's events.

    Authenticates with a single-use ticket (``POST /v1/realtime/tickets``) sent in the first message, never
    in the URL; reconnects by itself with jittered exponential backoff; resumes after the last sequence
    seen (no gap, no duplicate). ``async for`` over it, or register typed handlers with :meth:`on`.

    A fatal error (a 401 or 403 for the key, or close code 4003) is not retried: it goes to the ``"error"``
    handlers, is raised by the iteration and by :meth:`wait_ready`, and the connection closes.

    Example:
        >>> async with client.realtime.connect() as live:
        ...     async for event in live:
        ...         if event.type == "verification.completed":
        ...             print(event.data.code)
    """

    def __init__(
        self,
        realtime: AsyncRealtime,
        events: AsyncEvents | None = None,
        *,
        after_sequence: int = 0,
        max_reconnect_delay: float = 30.0,
        heartbeat_timeout: float = 45.0,
    ) -> None:
        self.last_sequence = after_sequence
        """Sequence of the last event delivered; resumption starts after it."""
        self.ready = asyncio.Event()
        """Set while the server has confirmed the subscription (``ready``); cleared on disconnect."""
        self.last_error: dict[str, Any] | None = None
        """The last ``error`` message the server sent."""
        self.error: NamaskahError | None = None
        """The fatal error that stopped the connection, if any."""
        self._stopped = asyncio.Event()
        self._realtime = realtime
        self._events = events
        self._max_reconnect_delay = max_reconnect_delay
        self._heartbeat_timeout = heartbeat_timeout
        self._queue: asyncio.Queue[object] = asyncio.Queue()
        self._handlers: dict[str, list[Callable[[Any], object]]] = {}
        self._task: asyncio.Task[None] | None = None
        self._closed = False
        self._close_reason = ""

    def start(self) -> RealtimeConnection:
        """Starts connecting in the background (``async with`` and ``async for`` call it for you)."""
        if self._task is None and not self._closed:
            self._task = asyncio.get_running_loop().create_task(self._run())
        return self

    def on(self, event_type: str, handler: Callable[[Any], object]) -> Callable[[], None]:
        """Calls ``handler`` with every event of ``event_type`` (``"*"`` for all, ``"error"`` for the fatal
        error); returns an unsubscriber."""
        self._handlers.setdefault(event_type, []).append(handler)
        return lambda: self._handlers[event_type].remove(handler)

    @property
    def closed(self) -> bool:
        return self._closed

    async def wait_ready(self) -> None:
        """Returns once the server has confirmed the subscription: every later event will be delivered.
        Raises the fatal error, or :class:`NamaskahError` when the connection closes first."""
        self.start()
        ready = asyncio.ensure_future(self.ready.wait())
        stopped = asyncio.ensure_future(self._stopped.wait())
        try:
            await asyncio.wait({ready, stopped}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            ready.cancel()
            stopped.cancel()
        if not self.ready.is_set():
            raise self.error or NamaskahError("The real-time connection was closed")

    def _fail(self, error: NamaskahError) -> None:
        self.error = error
        for handler in self._handlers.get("error", []):
            handler(error)
        self._closed = True
        self._stopped.set()
        self._queue.put_nowait(_STOP)

    async def close(self) -> None:
        """Stops reconnecting, closes the socket and ends iteration."""
        if self._closed:
            return
        self._closed = True
        self._stopped.set()
        self._queue.put_nowait(_STOP)
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    async def __aenter__(self) -> RealtimeConnection:
        return self.start()

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.close()

    def __aiter__(self) -> RealtimeConnection:
        return self.start()

    async def __anext__(self) -> RealtimeEvent:
        if self._closed and self._queue.empty():
            if self.error is not None:
                raise self.error
            raise StopAsyncIteration
        item = await self._queue.get()
        if item is _STOP:
            self._queue.put_nowait(_STOP)
            if self.error is not None:
                raise self.error
            raise StopAsyncIteration
        return item  # type: ignore[return-value]

    def _deliver(self, event: BaseModel) -> None:
        sequence, kind = getattr(event, "sequence", None), getattr(event, "type", None)
        if not isinstance(sequence, int) or sequence <= self.last_sequence:
            return  # a replay overlap: already delivered
        self.last_sequence = sequence
        for handler in [*self._handlers.get(str(kind), []), *self._handlers.get("*", [])]:
            handler(event)
        self._queue.put_nowait(event)

    async def _run(self) -> None:
        failures = 0
        while not self._closed:
            opened = False
            close_code: int | None = None
            try:
                opened, close_code = await self._session()
            except (AuthenticationError, PermissionDeniedError) as error:
                return self._fail(error)  # a wrong or revoked key fails every reconnect the same way
            except (OSError, ConnectionClosed, InvalidHandshake, InvalidURI, NamaskahError):
                pass  # any other failure leads to a reconnect after a backoff
            self.ready.clear()
            if close_code in _FATAL_CLOSE_CODES:
                return self._fail(RealtimeError(close_code, self._close_reason))
            if close_code == _RESUME_WINDOW_EXCEEDED:
                with contextlib.suppress(NamaskahError):
                    await self._fill_gap()
            failures = 0 if opened else failures + 1
            await asyncio.sleep(reconnect_delay(failures, self._max_reconnect_delay))

    async def _session(self) -> tuple[bool, int | None]:
        """One connection: ticket, auth, subscribe, then messages until it closes."""
        ticket = await self._realtime.tickets.create()
        opened = False
        async with connect(ticket.url, open_timeout=self._heartbeat_timeout) as socket:
            subscribe: dict[str, object] = {"type": "subscribe"}
            if self.last_sequence > 0:
                subscribe["last_sequence"] = self.last_sequence
            try:
                await socket.send(json.dumps({"type": "auth", "ticket": ticket.ticket}))
                await socket.send(json.dumps(subscribe))
                while True:
                    # asyncapi.yaml: a heartbeat every 15 s; silence this long means a dead connection.
                    raw = await asyncio.wait_for(socket.recv(), self._heartbeat_timeout)
                    opened = self._handle(raw) or opened
            except ConnectionClosed:
                pass
            self._close_reason = socket.close_reason or ""
            return opened, socket.close_code

    def _handle(self, raw: str | bytes) -> bool:
        """Processes one server message; True when it proves the subscription works."""
        try:
            message = json.loads(raw)
        except ValueError:
            return False
        if not isinstance(message, dict):
            return False
        kind = message.get("type")
        if kind == "ready":
            self.ready.set()
            return True
        if kind == "error":
            self.last_error = message
            return False
        if isinstance(kind, str) and "." in kind and isinstance(message.get("sequence"), int):
            event = decode(WebhookEvent, message)
            if isinstance(event, BaseModel):
                self._deliver(event)
            else:
                # An event type newer than this SDK: skip it, but do not ask for it again on resume.
                self.last_sequence = max(self.last_sequence, int(message["sequence"]))
            return True
        return False

    async def _fill_gap(self) -> None:
        """After close 4009 (resume window exceeded): fetch the missed events over HTTP, oldest first."""
        if self._events is None:
            return
        async for event in self._events.list(after_sequence=self.last_sequence):
            self._deliver(event)


class AsyncRealtimeApi(AsyncRealtime):
    """``client.realtime``: the generated operations (tickets, SSE stream) plus :meth:`connect`."""

    # The events resource, for catching up after a gap (set by the client; `events` is the SSE sub-resource).
    _event_log: AsyncEvents | None = None

    def connect(
        self,
        *,
        after_sequence: int = 0,
        max_reconnect_delay: float = 30.0,
        heartbeat_timeout: float = 45.0,
    ) -> RealtimeConnection:
        """A live subscription to the caller's events (use it with ``async with``)."""
        return RealtimeConnection(
            self,
            self._event_log,
            after_sequence=after_sequence,
            max_reconnect_delay=max_reconnect_delay,
            heartbeat_timeout=heartbeat_timeout,
        )
