"""Cursor pagination: pages that iterate over every item of every page."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Generator, Iterator
from dataclasses import dataclass
from typing import Any, Generic, TypeVar, cast

PageT = TypeVar("PageT")
ItemT = TypeVar("ItemT")


@dataclass(frozen=True)
class Pagination:
    """Where a cursor-paginated response keeps its items and cursor (from the spec)."""

    cursor_param: str
    items_field: str
    has_more_field: str
    next_cursor_field: str

    def items(self, page: object) -> list[Any]:
        items = getattr(page, self.items_field, None)
        return list(items) if isinstance(items, list) else []

    def next_cursor(self, page: object) -> str | None:
        """The cursor of the next page, or ``None`` when this is the last page."""
        cursor = getattr(page, self.next_cursor_field, None)
        if getattr(page, self.has_more_field, False) is not True or not isinstance(cursor, str) or not cursor:
            return None
        return cursor


class SyncPage(Generic[PageT, ItemT]):
    """The first page of a list (``.page``), iterable over every item of every page.

    Example:
        >>> for verification in client.verifications.list(status="completed"):
        ...     print(verification.id)
        >>> first = client.verifications.list(limit=10).page
    """

    def __init__(self, page: PageT, pagination: Pagination, fetch_page: Callable[[str], PageT]) -> None:
        self.page = page
        self._pagination = pagination
        self._fetch_page = fetch_page

    @property
    def items(self) -> list[ItemT]:
        """The items of the first page only."""
        return cast(list[ItemT], self._pagination.items(self.page))

    def iter_pages(self) -> Iterator[PageT]:
        """Every page, starting with this one, following ``next_cursor`` while ``has_more`` is true."""
        page = self.page
        yield page
        while (cursor := self._pagination.next_cursor(page)) is not None:
            page = self._fetch_page(cursor)
            yield page

    def __iter__(self) -> Iterator[ItemT]:
        for page in self.iter_pages():
            yield from cast(list[ItemT], self._pagination.items(page))


class AsyncPage(Generic[PageT, ItemT]):
    """An awaited page of a list (``.page``), async-iterable over every item of every page."""

    def __init__(
        self, page: PageT, pagination: Pagination, fetch_page: Callable[[str], Awaitable[PageT]]
    ) -> None:
        self.page = page
        self._pagination = pagination
        self._fetch_page = fetch_page

    @property
    def items(self) -> list[ItemT]:
        return cast(list[ItemT], self._pagination.items(self.page))

    async def iter_pages(self) -> AsyncIterator[PageT]:
        page = self.page
        yield page
        while (cursor := self._pagination.next_cursor(page)) is not None:
            page = await self._fetch_page(cursor)
            yield page

    async def __aiter__(self) -> AsyncIterator[ItemT]:
        async for page in self.iter_pages():
            for item in cast(list[ItemT], self._pagination.items(page)):
                yield item


class AsyncPager(Generic[PageT, ItemT]):
    """What an async ``list()`` returns: ``await`` it for the first page, or ``async for`` over every item.

    Example:
        >>> async for verification in client.verifications.list():
        ...     print(verification.id)
        >>> page = await client.verifications.list(limit=10)
    """

    def __init__(self, pagination: Pagination, fetch_page: Callable[[str | None], Awaitable[PageT]]) -> None:
        self._pagination = pagination
        self._fetch_page = fetch_page

    async def _first(self) -> AsyncPage[PageT, ItemT]:
        page = await self._fetch_page(None)
        return AsyncPage(page, self._pagination, self._fetch_page)

    def __await__(self) -> Generator[Any, None, AsyncPage[PageT, ItemT]]:
        return self._first().__await__()

    async def __aiter__(self) -> AsyncIterator[ItemT]:
        async for item in await self._first():
            yield item
