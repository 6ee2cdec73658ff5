"""Base classes of the generated resources."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .http_client import AsyncHttpClient, SyncHttpClient


class SyncAPIResource:
    def __init__(self, client: SyncHttpClient) -> None:
        self._client = client


class AsyncAPIResource:
    def __init__(self, client: AsyncHttpClient) -> None:
        self._client = client
