"""A call's HTTP response next to its decoded value, for ``resource.with_raw_response.method(...)``."""

from __future__ import annotations

from typing import Any, Generic, TypeVar

import httpx

from .rate_limit import RateLimitInfo, parse_rate_limit

T = TypeVar("T")


class RawResponse(Generic[T]):
    """Status, headers, request id and rate-limit state of a response, for calls that return nothing too.

    Example:
        >>> raw = client.api_keys.with_raw_response.delete("key_1")
        >>> print(raw.status_code, raw.request_id)
        >>> wallet = client.wallet.with_raw_response.retrieve().parse()
    """

    def __init__(self, response: httpx.Response, parsed: T) -> None:
        self.http_response = response
        self.status_code = response.status_code
        self.headers = response.headers
        self.request_id: str | None = response.headers.get("request-id")
        self.rate_limit: RateLimitInfo = parse_rate_limit(response.headers)
        self._parsed = parsed

    def parse(self) -> T:
        """The value the call returns without ``with_raw_response`` (``None`` for empty responses)."""
        return self._parsed

    def __repr__(self) -> str:
        return f"<RawResponse {self.status_code} request_id={self.request_id!r}>"


class RawResponseProxy:
    """``resource.with_raw_response``: the resource's methods, each returning a :class:`RawResponse`."""

    def __init__(self, resource: Any, client: Any) -> None:
        self._resource = resource
        self._client = client

    def __getattr__(self, name: str) -> Any:
        method = getattr(type(self._resource), name)
        copy = object.__new__(type(self._resource))
        copy.__dict__.update(self._resource.__dict__)
        copy._client = self._client
        return lambda *args, **kwargs: method(copy, *args, **kwargs)
