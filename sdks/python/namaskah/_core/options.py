"""Client options and per-request overrides."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from typing import TypedDict

from .errors import ApiConnectionError, ApiError

DEFAULT_BASE_URL = "https://api.namaskah.dev"


class RequestOptions(TypedDict, total=False):
    """Per-request overrides, passed as ``request_options={...}`` to any method."""

    timeout: float
    """Seconds per attempt (default: the client's, 60)."""
    max_retries: int
    max_retry_time: float
    """Bound in seconds on the whole call, retries and waits included."""
    headers: Mapping[str, str]
    idempotency_key: str
    """Use this ``Idempotency-Key`` instead of a generated one (unsafe POSTs only)."""


@dataclass(frozen=True)
class RetryInfo:
    """Passed to ``on_retry`` before each retry."""

    attempt: int
    """1 for the first retry."""
    delay: float
    """Seconds the client will wait before sending again."""
    method: str
    url: str
    error: ApiError | ApiConnectionError
    """The error response or connection error that caused the retry."""


ApiKey = str | Callable[[], str]
AsyncApiKey = str | Callable[[], str] | Callable[[], Awaitable[str]]


@dataclass(frozen=True)
class ClientOptions:
    """Everything a client is configured with (see ``Namaskah.__init__``)."""

    api_key: ApiKey | AsyncApiKey | None = None
    base_url: str = DEFAULT_BASE_URL
    max_retries: int = 2
    timeout: float = 60.0
    connect_timeout: float = 10.0
    max_retry_time: float = 180.0
    default_headers: Mapping[str, str] = field(default_factory=dict)
    on_retry: Callable[[RetryInfo], None] | None = None
    logger: logging.Logger | None = None
    log_level: str | None = None
