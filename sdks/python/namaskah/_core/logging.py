"""The SDK's logger: ``logging.getLogger("namaskah")`` unless one is injected, its level from the client or
``NAMASKAH_LOG``, and headers made safe to log."""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Mapping

_SECRET_HEADER = re.compile(
    r"^(authorization|proxy-authorization|cookie|set-cookie|x-api-key|api-key|webhook-secret|x-webhook-secret)$",
    re.IGNORECASE,
)
_SECRET_VALUE = re.compile(r"\b(nmk_(live|test)_|whsec_|rtt_)\S*")
_LEVELS = {
    "debug": logging.DEBUG,
    "info": logging.INFO,
    "warn": logging.WARNING,
    "warning": logging.WARNING,
    "error": logging.ERROR,
    "off": logging.CRITICAL + 10,
}


def configured_logger(logger: logging.Logger | None, level: str | None) -> logging.Logger:
    """The injected logger, else ``namaskah``'s; ``level`` (or ``$NAMASKAH_LOG``), when given, is set."""
    log = logger or logging.getLogger("namaskah")
    name = (level or os.environ.get("NAMASKAH_LOG") or "").lower()
    if name in _LEVELS:
        log.setLevel(_LEVELS[name])
    return log


def redact_headers(headers: Mapping[str, str]) -> dict[str, str]:
    """Headers safe to log: credentials, cookies and secrets replaced by ``[redacted]``."""
    return {
        name: "[redacted]" if _SECRET_HEADER.match(name) else _SECRET_VALUE.sub("[redacted]", value)
        for name, value in headers.items()
    }
