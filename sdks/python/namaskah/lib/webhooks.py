"""Standard Webhooks signatures (``webhook-id``, ``webhook-timestamp``, ``webhook-signature: v1,<base64>``)
with ``whsec_`` secrets."""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import os
import time
import uuid
from collections.abc import Mapping

from .._core.decoding import decode
from .._core.errors import NamaskahError
from ..models import WebhookEvent

DEFAULT_TOLERANCE = 300
"""Seconds between ``webhook-timestamp`` and now accepted by default."""


class WebhookVerificationError(NamaskahError):
    """The signature did not match, the timestamp is outside the tolerance, or a header is missing."""


class WebhookRawBodyError(WebhookVerificationError, TypeError):
    """``verify()`` was given a parsed object instead of the raw body."""


def _body_bytes(raw_body: object) -> bytes:
    if isinstance(raw_body, str):
        return raw_body.encode()
    if isinstance(raw_body, (bytes, bytearray, memoryview)):
        return bytes(raw_body)
    raise WebhookRawBodyError(
        "verify() needs the raw request body (str or bytes) exactly as received, not a parsed "
        f"{type(raw_body).__name__}: re-serialising JSON changes the bytes and the signature never "
        "matches. "
        "Read it with request.body() (Starlette/FastAPI), request.get_data() (Flask) or "
        "request.body (Django)."
    )


def _header(headers: Mapping[str, str], name: str) -> str | None:
    for key, value in headers.items():
        if key.lower() == name:
            return value
    return None


def _key(secret: str) -> bytes:
    try:
        return base64.b64decode(secret.removeprefix("whsec_"), validate=True)
    except binascii.Error as error:
        raise WebhookVerificationError("The webhook secret is not a whsec_ base64 secret") from error


def _signature(secret: str, msg_id: str, timestamp: int, body: bytes) -> str:
    mac = hmac.new(_key(secret), f"{msg_id}.{timestamp}.".encode() + body, hashlib.sha256)
    return base64.b64encode(mac.digest()).decode()


def verify(
    raw_body: str | bytes,
    headers: Mapping[str, str],
    secret: str,
    *,
    tolerance: int = DEFAULT_TOLERANCE,
    now: float | None = None,
) -> WebhookEvent:
    """Checks the signature of a delivery and returns the parsed, typed event.

    ``raw_body`` must be the exact bytes received, never a parsed object. Any of several space-separated
    signatures may match (secret rotation).

    Example:
        >>> event = verify(await request.body(), request.headers, os.environ["NAMASKAH_WEBHOOK_SECRET"])
        >>> if event.type == "verification.completed":
        ...     print(event.data.code)
    """
    body = _body_bytes(raw_body)
    msg_id = _header(headers, "webhook-id")
    timestamp = _header(headers, "webhook-timestamp")
    signatures = _header(headers, "webhook-signature")
    if not msg_id or not timestamp or not signatures:
        raise WebhookVerificationError("Missing webhook-id, webhook-timestamp or webhook-signature header")
    if not timestamp.isdigit():
        raise WebhookVerificationError("Invalid webhook-timestamp header")
    current = int(time.time() if now is None else now)
    if abs(current - int(timestamp)) > tolerance:
        raise WebhookVerificationError(f"webhook-timestamp is more than {tolerance} s from now")
    expected = _signature(secret, msg_id, int(timestamp), body).encode()
    for entry in signatures.split(" "):
        version, _, value = entry.partition(",")
        if version == "v1" and hmac.compare_digest(value.encode(), expected):
            break
    else:
        raise WebhookVerificationError("No matching signature in webhook-signature")
    try:
        data = json.loads(body)
    except ValueError as error:
        raise WebhookVerificationError("The webhook body is not JSON") from error
    event: WebhookEvent = decode(WebhookEvent, data)
    return event


def sign(
    payload: str | bytes,
    secret: str,
    *,
    msg_id: str | None = None,
    timestamp: int | None = None,
) -> dict[str, str]:
    """Signs a payload the way Namaskah does, for your own tests: the headers to send with ``payload``.

    Example:
        >>> body = json.dumps(event)
        >>> headers = sign(body, "whsec_...")
        >>> httpx.post("http://localhost:8000/webhooks", content=body, headers=headers)
    """
    msg_id = msg_id or f"msg_{uuid.uuid4().hex}"
    timestamp = int(time.time()) if timestamp is None else timestamp
    return {
        "webhook-id": msg_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": f"v1,{_signature(secret, msg_id, timestamp, _body_bytes(payload))}",
        "content-type": "application/json",
    }


class Webhooks:
    """``client.webhooks``: :func:`verify` and :func:`sign` as methods, with the client's webhook secret
    (``webhook_secret=``, else ``$NAMASKAH_WEBHOOK_SECRET``) when none is passed.

    Example:
        >>> client = Namaskah(webhook_secret="whsec_...")
        >>> event = client.webhooks.verify(raw_body, request.headers)
    """

    def __init__(self, secret: str | None = None) -> None:
        self._secret = secret or os.environ.get("NAMASKAH_WEBHOOK_SECRET") or None

    def _secret_or(self, secret: str | None) -> str:
        value = secret or self._secret
        if not value:
            raise WebhookVerificationError(
                "No webhook secret: pass one, set webhook_secret on the client or NAMASKAH_WEBHOOK_SECRET"
            )
        return value

    def verify(
        self,
        raw_body: str | bytes,
        headers: Mapping[str, str],
        secret: str | None = None,
        *,
        tolerance: int = DEFAULT_TOLERANCE,
        now: float | None = None,
    ) -> WebhookEvent:
        """:func:`verify` with the client's secret by default."""
        return verify(raw_body, headers, self._secret_or(secret), tolerance=tolerance, now=now)

    def sign(
        self,
        payload: str | bytes,
        secret: str | None = None,
        *,
        msg_id: str | None = None,
        timestamp: int | None = None,
    ) -> dict[str, str]:
        """:func:`sign` with the client's secret by default."""
        return sign(payload, self._secret_or(secret), msg_id=msg_id, timestamp=timestamp)
