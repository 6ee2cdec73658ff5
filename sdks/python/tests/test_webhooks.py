"""Webhook signing helpers beyond the conformance vectors: raw body, tolerance, rotation, round trip."""

from __future__ import annotations

import json

import pytest

from namaskah import WebhookRawBodyError, WebhookVerificationError, sign, verify
from namaskah.models import VerificationCompletedEvent

from .helpers import VERIFICATION

SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
OTHER = "whsec_dGhpcyBpcyBhbm90aGVyIHNlY3JldCBrZXk="
EVENT = {
    "id": "evt_1",
    "type": "verification.completed",
    "timestamp": "2026-01-01T00:00:00Z",
    "sequence": 1,
    "data": {**VERIFICATION, "status": "completed", "code": "123456"},
}
BODY = json.dumps(EVENT)
NOW = 1767225600


def test_round_trip_gives_a_typed_event() -> None:
    headers = sign(BODY, SECRET, msg_id="msg_1", timestamp=NOW)
    event = verify(BODY.encode(), headers, SECRET, now=NOW)
    assert isinstance(event, VerificationCompletedEvent) and event.data.code == "123456"


def test_a_parsed_body_is_refused_with_an_error_that_says_why() -> None:
    headers = sign(BODY, SECRET, timestamp=NOW)
    with pytest.raises(WebhookRawBodyError, match="raw request body") as raised:
        verify(EVENT, headers, SECRET, now=NOW)  # type: ignore[arg-type]
    assert isinstance(raised.value, TypeError)


def test_tolerance_is_configurable() -> None:
    headers = sign(BODY, SECRET, timestamp=NOW - 400)
    with pytest.raises(WebhookVerificationError, match="300 s"):
        verify(BODY, headers, SECRET, now=NOW)
    assert verify(BODY, headers, SECRET, now=NOW, tolerance=500).id == "evt_1"


def test_any_of_several_signatures_may_match_after_a_rotation() -> None:
    old = sign(BODY, OTHER, msg_id="msg_1", timestamp=NOW)["webhook-signature"]
    new = sign(BODY, SECRET, msg_id="msg_1", timestamp=NOW)["webhook-signature"]
    headers = {"Webhook-Id": "msg_1", "Webhook-Timestamp": str(NOW), "Webhook-Signature": f"{old} {new}"}
    assert verify(BODY, headers, SECRET, now=NOW).id == "evt_1"
    with pytest.raises(WebhookVerificationError, match="No matching signature"):
        verify(BODY + " ", headers, SECRET, now=NOW)
    with pytest.raises(WebhookVerificationError, match="Missing"):
        verify(BODY, {"webhook-id": "msg_1"}, SECRET, now=NOW)
