"""Retry rules shared by every SDK (DESIGN.md §7)."""

from __future__ import annotations

import math
import random as _random
import time
from collections.abc import Callable
from email.utils import parsedate_to_datetime

import httpx

BASE_DELAY = 0.5
MAX_BACKOFF = 8.0
MAX_RETRY_AFTER = 60.0
"""Server-requested waits longer than this (seconds) are not honoured; the normal backoff is used."""


def is_retryable_status(status: int) -> bool:
    """Retry on 408, 409, 429 and any 5xx except 501 Not Implemented: a 501 is permanent (the server does
    not support the operation), so another attempt can never succeed."""
    return status in (408, 409, 429) or (status >= 500 and status != 501)


def should_retry(status: int, headers: httpx.Headers) -> bool:
    """:func:`is_retryable_status`, unless the server says otherwise with ``x-should-retry: true|false``."""
    hint = headers.get("x-should-retry")
    if hint == "true":
        return True
    if hint == "false":
        return False
    return is_retryable_status(status)


def backoff_delay(retry: int, random: Callable[[], float] = _random.random) -> float:
    """Seconds before retry ``retry`` (0 for the first): min(0.5 s x 2^n, 8 s) less up to 25% jitter."""
    ceiling = min(BASE_DELAY * (1 << min(retry, 16)), MAX_BACKOFF)
    return ceiling * (1 - 0.25 * random())


def server_requested_delay(headers: httpx.Headers, now: float | None = None) -> float | None:
    """The wait the server asked for, in seconds: ``retry-after-ms``, else ``Retry-After`` (seconds or an
    HTTP date). ``None`` when absent, unparseable, negative or above :data:`MAX_RETRY_AFTER`."""
    delay: float | None = None
    ms = headers.get("retry-after-ms", "").strip()
    after = headers.get("retry-after", "").strip()
    if ms:
        delay = _number(ms)
        delay = None if delay is None else delay / 1000
    elif after:
        delay = _number(after)
        if delay is None:
            try:
                delay = parsedate_to_datetime(after).timestamp() - (time.time() if now is None else now)
            except (TypeError, ValueError):
                delay = None
    if delay is None or not math.isfinite(delay) or delay < 0 or delay > MAX_RETRY_AFTER:
        return None
    return delay


def _number(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None
