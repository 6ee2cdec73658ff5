"""The client classes: one attribute per resource, plus webhooks, real time and ``wait_for_code``."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Mapping
from types import TracebackType

import httpx

from .._core.http_client import AsyncHttpClient, SyncHttpClient
from .._core.options import DEFAULT_BASE_URL, ApiKey, AsyncApiKey, ClientOptions, RetryInfo
from ..resources import PROBLEM_ERROR_CLASSES, ApiResources, AsyncApiResources
from .realtime import AsyncRealtimeApi
from .verifications import AsyncVerificationsApi, VerificationsApi
from .webhooks import Webhooks


def _options(
    api_key: ApiKey | AsyncApiKey | None,
    base_url: str | None,
    max_retries: int,
    timeout: float,
    connect_timeout: float,
    max_retry_time: float,
    default_headers: Mapping[str, str] | None,
    on_retry: Callable[[RetryInfo], None] | None,
    logger: logging.Logger | None,
    log_level: str | None,
) -> ClientOptions:
    return ClientOptions(
        api_key=api_key if api_key is not None else os.environ.get("NAMASKAH_API_KEY"),
        base_url=base_url or os.environ.get("NAMASKAH_BASE_URL") or DEFAULT_BASE_URL,
        max_retries=max_retries,
        timeout=timeout,
        connect_timeout=connect_timeout,
        max_retry_time=max_retry_time,
        default_headers=dict(default_headers or {}),
        on_retry=on_retry,
        logger=logger,
        log_level=log_level,
    )


class Namaskah(ApiResources):
    """The blocking Namaskah client.

    Args:
        api_key: API key (``nmk_live_...``) or access token, sent as a bearer token; a callable is called per
            request. Defaults to ``$NAMASKAH_API_KEY``.
        base_url: Defaults to ``$NAMASKAH_BASE_URL``, then ``https://api.namaskah.dev``.
        max_retries: Retries after the first attempt (connection errors, 408, 409, 429, 5xx but 501).
            Default 2.
        timeout: Seconds per attempt. Default 60.
        connect_timeout: Seconds to establish a connection. Default 10.
        max_retry_time: Bound in seconds on a whole call, retries and waits included. Default 180.
        http_client: Your own ``httpx.Client`` (proxies, transports, instrumentation); you close it.
        on_retry: Called before every retry.
        logger: A ``logging.Logger`` (default ``logging.getLogger("namaskah")``). Debug logs every request
            and response, info every retry; Authorization, API keys and webhook secrets are redacted.
        log_level: ``debug``, ``info``, ``warn``, ``error`` or ``off``, set on the logger; defaults to
            ``$NAMASKAH_LOG`` (unset: the logger's own level).
        webhook_secret: The ``whsec_`` secret ``client.webhooks`` uses; defaults to
            ``$NAMASKAH_WEBHOOK_SECRET``.

    Example:
        >>> from namaskah import Namaskah
        >>> client = Namaskah(api_key="nmk_live_...")
        >>> verification = client.verifications.create(service="whatsapp", country="US")
        >>> print(client.verifications.wait_for_code(verification.id).code)
    """

    verifications: VerificationsApi

    def __init__(
        self,
        *,
        api_key: ApiKey | None = None,
        base_url: str | None = None,
        max_retries: int = 2,
        timeout: float = 60.0,
        connect_timeout: float = 10.0,
        max_retry_time: float = 180.0,
        default_headers: Mapping[str, str] | None = None,
        on_retry: Callable[[RetryInfo], None] | None = None,
        http_client: httpx.Client | None = None,
        logger: logging.Logger | None = None,
        log_level: str | None = None,
        webhook_secret: str | None = None,
    ) -> None:
        options = _options(
            api_key,
            base_url,
            max_retries,
            timeout,
            connect_timeout,
            max_retry_time,
            default_headers,
            on_retry,
            logger,
            log_level,
        )
        self.http = SyncHttpClient(options, PROBLEM_ERROR_CLASSES, http_client)
        """The HTTP engine, for calls the resources do not cover."""
        super().__init__(self.http)
        self.verifications = VerificationsApi(self.http)
        self.webhooks = Webhooks(webhook_secret)
        """Standard Webhooks signature verification and signing."""

    def close(self) -> None:
        """Closes the connection pool (not an ``http_client`` you passed in)."""
        self.http.close()

    def __enter__(self) -> Namaskah:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


class AsyncNamaskah(AsyncApiResources):
    """The asyncio Namaskah client: the same resources as :class:`Namaskah`, awaited, plus
    ``realtime.connect()`` and a ``verifications.wait_for_code()`` that listens in real time.

    Example:
        >>> async with AsyncNamaskah() as client:
        ...     verification = await client.verifications.create(service="whatsapp", country="US")
        ...     done = await client.verifications.wait_for_code(verification.id)
    """

    verifications: AsyncVerificationsApi
    realtime: AsyncRealtimeApi

    def __init__(
        self,
        *,
        api_key: AsyncApiKey | None = None,
        base_url: str | None = None,
        max_retries: int = 2,
        timeout: float = 60.0,
        connect_timeout: float = 10.0,
        max_retry_time: float = 180.0,
        default_headers: Mapping[str, str] | None = None,
        on_retry: Callable[[RetryInfo], None] | None = None,
        http_client: httpx.AsyncClient | None = None,
        logger: logging.Logger | None = None,
        log_level: str | None = None,
        webhook_secret: str | None = None,
    ) -> None:
        options = _options(
            api_key,
            base_url,
            max_retries,
            timeout,
            connect_timeout,
            max_retry_time,
            default_headers,
            on_retry,
            logger,
            log_level,
        )
        self.http = AsyncHttpClient(options, PROBLEM_ERROR_CLASSES, http_client)
        super().__init__(self.http)
        self.realtime = AsyncRealtimeApi(self.http)
        self.realtime._event_log = self.events
        self.verifications = AsyncVerificationsApi(self.http)
        self.verifications.realtime = self.realtime
        self.webhooks = Webhooks(webhook_secret)

    async def close(self) -> None:
        await self.http.close()

    async def __aenter__(self) -> AsyncNamaskah:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.close()
