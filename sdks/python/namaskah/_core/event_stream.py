"""``text/event-stream`` responses as iterators of events, and the 3xx a call does not follow."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable, Iterator
from dataclasses import dataclass
from types import TracebackType

import httpx


@dataclass(frozen=True)
class ServerSentEvent:
    data: str
    event: str | None = None
    id: str | None = None
    retry: int | None = None


@dataclass(frozen=True)
class Redirect:
    """A 3xx response the SDK does not follow: where it points."""

    status: int
    location: str | None


class _SseParser:
    """The WHATWG event-stream grammar, fed line by line."""

    def __init__(self) -> None:
        self._data: list[str] = []
        self._event: str | None = None
        self._id: str | None = None
        self._retry: int | None = None

    def feed(self, line: str) -> ServerSentEvent | None:
        if line == "":
            if not self._data:
                self._event = None
                return None
            event = ServerSentEvent("\n".join(self._data), self._event, self._id, self._retry)
            self._data, self._event, self._retry = [], None, None
            return event
        if line.startswith(":"):
            return None
        name, _, value = line.partition(":")
        value = value[1:] if value.startswith(" ") else value
        if name == "data":
            self._data.append(value)
        elif name == "event":
            self._event = value
        elif name == "id":
            self._id = value
        elif name == "retry" and value.isdigit():
            self._retry = int(value)
        return None


def _events(lines: Iterable[str], parser: _SseParser) -> Iterator[ServerSentEvent]:
    for line in lines:
        event = parser.feed(line)
        if event is not None:
            yield event


class EventStream:
    """An open event stream; iterate it, and close it (or use ``with``) when done."""

    def __init__(self, response: httpx.Response) -> None:
        self.response = response

    def __iter__(self) -> Iterator[ServerSentEvent]:
        try:
            yield from _events(self.response.iter_lines(), _SseParser())
        finally:
            self.close()

    def close(self) -> None:
        self.response.close()

    def __enter__(self) -> EventStream:
        return self

    def __exit__(self, *_: type[BaseException] | BaseException | TracebackType | None) -> None:
        self.close()


class AsyncEventStream:
    """An open event stream; ``async for`` over it, and close it (or use ``async with``) when done."""

    def __init__(self, response: httpx.Response) -> None:
        self.response = response

    async def __aiter__(self) -> AsyncIterator[ServerSentEvent]:
        parser = _SseParser()
        try:
            async for line in self.response.aiter_lines():
                event = parser.feed(line)
                if event is not None:
                    yield event
        finally:
            await self.close()

    async def close(self) -> None:
        await self.response.aclose()

    async def __aenter__(self) -> AsyncEventStream:
        return self

    async def __aexit__(self, *_: type[BaseException] | BaseException | TracebackType | None) -> None:
        await self.close()
