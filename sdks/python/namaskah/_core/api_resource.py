"""Base classes of the generated resources."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

from .raw_response import RawResponse, RawResponseProxy

if TYPE_CHECKING:
    from .http_client import AsyncHttpClient, SyncHttpClient


class _SyncRaw:
    """Stands in for the HTTP client under ``with_raw_response``: ``request`` returns a RawResponse."""

    def __init__(self, client: SyncHttpClient) -> None:
        self._client = client

    def request(self, *, cast_to: Any, **kwargs: Any) -> RawResponse[Any]:
        response: RawResponse[Any] = self._client._send(cast_to, kwargs, raw=True)
        return response


class _AsyncRaw:
    def __init__(self, client: AsyncHttpClient) -> None:
        self._client = client

    async def request(self, *, cast_to: Any, **kwargs: Any) -> RawResponse[Any]:
        response: RawResponse[Any] = await self._client._send(cast_to, kwargs, raw=True)
        return response


class RawMethods(Protocol):
    """What ``with_raw_response`` is typed as: any method of the resource, returning a RawResponse."""

    def __getattr__(self, name: str) -> Callable[..., RawResponse[Any]]: ...


class AsyncRawMethods(Protocol):
    """What ``with_raw_response`` is typed as on async resources: each method awaits to a RawResponse."""

    def __getattr__(self, name: str) -> Callable[..., Any]: ...


class SyncAPIResource:
    def __init__(self, client: SyncHttpClient) -> None:
        self._client = client

    @property
    def with_raw_response(self) -> RawMethods:
        """The same methods, returning a :class:`RawResponse` (status, headers, request id) with ``.parse()``.
        Lists and streams are not covered (their pages and events carry ``response_meta``)."""
        proxy: Any = RawResponseProxy(self, _SyncRaw(self._client))
        return proxy  # type: ignore[no-any-return]


class AsyncAPIResource:
    def __init__(self, client: AsyncHttpClient) -> None:
        self._client = client

    @property
    def with_raw_response(self) -> AsyncRawMethods:
        """The same methods, each awaiting to a :class:`RawResponse`."""
        proxy: Any = RawResponseProxy(self, _AsyncRaw(self._client))
        return proxy  # type: ignore[no-any-return]
