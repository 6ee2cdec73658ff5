"""The rate-limit state a response reports (``RateLimit-*`` and ``Retry-After`` headers)."""

from __future__ import annotations

from dataclasses import dataclass

import httpx


@dataclass(frozen=True)
class RateLimitInfo:
    limit: int | None = None
    """Requests allowed in the current window."""
    remaining: int | None = None
    """Requests left in the current window."""
    reset_seconds: int | None = None
    """Seconds until the window resets."""
    retry_after_seconds: int | None = None
    """Seconds the server asked to wait (429 and 503)."""


def _int_header(headers: httpx.Headers, name: str) -> int | None:
    raw = headers.get(name, "").strip()
    try:
        return int(raw) if raw else None
    except ValueError:
        return None


def parse_rate_limit(headers: httpx.Headers) -> RateLimitInfo:
    """Reads the rate-limit headers of a response; absent or malformed headers are ``None``."""
    return RateLimitInfo(
        limit=_int_header(headers, "ratelimit-limit"),
        remaining=_int_header(headers, "ratelimit-remaining"),
        reset_seconds=_int_header(headers, "ratelimit-reset"),
        retry_after_seconds=_int_header(headers, "retry-after"),
    )
