"""Exact requests on the wire, decoded responses, typed errors and pagination."""

from __future__ import annotations

import httpx
import pytest

import namaskah
from namaskah import NOT_GIVEN, response_meta
from namaskah.models import OAuthAuthorizationCodeGrant, Verification, WebhookEvent

from .helpers import VERIFICATION, Recorder, async_client, respond, sync_client

ENDPOINT = {
    "id": "whk_1",
    "url": "https://example.com/hooks",
    "description": None,
    "event_types": ["*"],
    "enabled": True,
    "created_at": "2026-01-01T00:00:00Z",
}


def test_create_sends_json_auth_and_idempotency_key() -> None:
    recorder = Recorder(respond(201, VERIFICATION))
    sync_client(recorder).verifications.create(service="whatsapp", country="US", max_price=150)
    request = recorder.requests[0]
    assert (request.method, str(request.url)) == ("POST", "http://api.test/v1/verifications")
    assert request.headers["authorization"] == "Bearer nmk_test_1"
    assert request.headers["content-type"] == "application/json"
    assert request.headers["accept"] == "application/json, application/problem+json"
    assert request.headers["user-agent"].startswith("namaskah-python/")
    assert request.content == b'{"service":"whatsapp","country":"US","max_price":150}'


def test_not_given_none_and_value_are_three_different_requests() -> None:
    recorder = Recorder(respond(200, ENDPOINT))
    client = sync_client(recorder)
    client.webhook_endpoints.update("whk_1")
    client.webhook_endpoints.update("whk_1", description=None)
    client.webhook_endpoints.update("whk_1", description="prod", enabled=NOT_GIVEN)
    assert [recorder.json(i) for i in range(3)] == [{}, {"description": None}, {"description": "prod"}]


def test_path_and_query_encoding() -> None:
    recorder = Recorder(respond(200, {"data": [], "has_more": False, "next_cursor": None}))
    client = sync_client(recorder)
    list(client.verifications.list(limit=2, status="completed", service=NOT_GIVEN))
    assert recorder.requests[0].url.raw_path == b"/v1/verifications?limit=2&status=completed"
    recorder.script = [respond(200, VERIFICATION)]
    client.verifications.retrieve("ver 1/2")
    assert recorder.requests[1].url.raw_path == b"/v1/verifications/ver%201%2F2"
    assert recorder.requests[1].content == b""
    assert "idempotency-key" not in recorder.requests[1].headers


def test_a_missing_path_parameter_is_refused_before_sending() -> None:
    recorder = Recorder(respond(200, VERIFICATION))
    with pytest.raises(ValueError, match="verification_id"):
        sync_client(recorder).verifications.retrieve("")
    assert recorder.requests == []


def test_form_bodies_and_union_bodies() -> None:
    recorder = Recorder(
        respond(200, {"access_token": "a", "token_type": "Bearer", "expires_in": 900, "refresh_token": "r"})
    )
    grant = OAuthAuthorizationCodeGrant(
        grant_type="authorization_code",
        code="c1",
        redirect_uri="app://cb",
        client_id="cli_1",
        code_verifier="v" * 43,
    )
    sync_client(recorder).oauth.tokens.create(body=grant)
    request = recorder.requests[0]
    assert request.headers["content-type"] == "application/x-www-form-urlencoded"
    assert request.content.decode().startswith("grant_type=authorization_code&code=c1&")


def test_default_and_per_request_headers() -> None:
    recorder = Recorder(respond(200, {"currency": "USD"}))
    client = sync_client(recorder, default_headers={"X-Team": "a"})
    client.wallet.retrieve(request_options={"headers": {"X-Trace": "t1"}})
    assert recorder.requests[0].headers["x-team"] == "a"
    assert recorder.requests[0].headers["x-trace"] == "t1"


def test_api_key_callable_is_called_per_request() -> None:
    recorder = Recorder(respond(200, {"currency": "USD"}))
    tokens = iter(["t1", "t2"])
    client = namaskah.Namaskah(
        api_key=lambda: next(tokens),
        base_url="http://api.test",
        http_client=httpx.Client(transport=httpx.MockTransport(recorder)),
    )
    client.wallet.retrieve()
    client.wallet.retrieve()
    assert [r.headers["authorization"] for r in recorder.requests] == ["Bearer t1", "Bearer t2"]


def test_absent_and_null_are_told_apart_in_models() -> None:
    recorder = Recorder(respond(200, {**VERIFICATION, "failure_reason": None}))
    verification = sync_client(recorder).verifications.retrieve("ver_1")
    assert isinstance(verification, Verification)
    assert verification.failure_reason is None and verification.is_set("failure_reason")
    assert verification.idempotency_key is None and not verification.is_set("idempotency_key")
    assert "idempotency_key" not in verification.to_dict()
    assert verification.to_dict()["failure_reason"] is None
    assert isinstance(verification.price.amount, int)


def test_response_meta_and_lenient_decoding_of_unexpected_shapes() -> None:
    body = {**VERIFICATION, "status": "teleported", "new_field": 1}
    headers = {"request-id": "req_9", "ratelimit-remaining": "7"}
    verification = sync_client(Recorder(respond(200, body, headers))).verifications.retrieve("ver_1")
    assert (
        verification.to_dict()["status"] == "teleported"
    )  # a newer server's value is kept, not an exception
    assert verification.model_extra == {"new_field": 1}
    meta = response_meta(verification)
    assert meta is not None and meta.request_id == "req_9" and meta.rate_limit.remaining == 7


def test_discriminated_union_decodes_into_the_variant() -> None:
    event = {
        "id": "evt_1",
        "type": "verification.completed",
        "timestamp": "2026-01-01T00:00:00Z",
        "sequence": 4,
    }
    recorder = Recorder(
        respond(200, {**event, "data": {**VERIFICATION, "status": "completed", "code": "123456"}})
    )
    decoded = sync_client(recorder).events.retrieve("evt_1")
    assert type(decoded).__name__ == "VerificationCompletedEvent"
    assert isinstance(decoded.data, Verification) and decoded.data.code == "123456"
    assert WebhookEvent is not None


def test_errors_by_status_and_problem_code() -> None:
    problem = {
        "type": "https://docs.namaskah.dev/errors/insufficient_balance",
        "title": "Insufficient balance",
        "status": 402,
        "detail": "Top up 1.20 USD",
        "code": "insufficient_balance",
        "request_id": "req_body",
    }
    headers = {
        "request-id": "req_1",
        "ratelimit-limit": "60",
        "ratelimit-remaining": "59",
        "ratelimit-reset": "30",
    }
    with pytest.raises(namaskah.PaymentRequiredError) as raised:
        sync_client(Recorder(respond(402, problem, headers))).verifications.create(service="x", country="US")
    error = raised.value
    assert type(error).__name__ == "InsufficientBalanceError"
    assert (error.status, error.code, error.request_id) == (402, "insufficient_balance", "req_1")
    assert (error.rate_limit.limit, error.rate_limit.remaining, error.rate_limit.reset_seconds) == (
        60,
        59,
        30,
    )
    assert error.headers["ratelimit-limit"] == "60"
    assert str(error) == "402 insufficient_balance: Top up 1.20 USD"


def test_unknown_or_misfiled_codes_fall_back_to_the_family() -> None:
    for body in ({"code": "brand_new_code"}, {"code": "insufficient_balance"}):
        with pytest.raises(namaskah.ApiError) as raised:
            sync_client(Recorder(respond(404, body))).wallet.retrieve()
        assert type(raised.value) is namaskah.NotFoundError


def test_validation_errors_carry_field_errors_and_non_json_bodies_survive() -> None:
    fields = [{"field": "country", "code": "invalid", "message": "not ISO"}]
    with pytest.raises(namaskah.UnprocessableEntityError) as raised:
        sync_client(Recorder(respond(422, {"code": "validation_failed", "errors": fields}))).wallet.retrieve()
    assert raised.value.field_errors == fields
    html = httpx.Response(404, headers={"content-type": "text/html"}, content=b"<h1>nope</h1>")
    with pytest.raises(namaskah.NotFoundError) as raised_html:
        sync_client(Recorder(html)).wallet.retrieve()
    assert raised_html.value.problem is None and raised_html.value.body == "<h1>nope</h1>"


def page(ids: list[str], cursor: str | None) -> httpx.Response:
    items = [{**VERIFICATION, "id": i} for i in ids]
    return respond(200, {"data": items, "has_more": cursor is not None, "next_cursor": cursor})


def test_sync_pagination_follows_cursors() -> None:
    recorder = Recorder(page(["ver_1", "ver_2"], "ver_2"), page(["ver_3"], None))
    pager = sync_client(recorder).verifications.list(limit=2)
    assert [v.id for v in pager.items] == ["ver_1", "ver_2"]
    assert [v.id for v in pager] == ["ver_1", "ver_2", "ver_3"]
    assert recorder.requests[1].url.params["starting_after"] == "ver_2"
    assert recorder.requests[1].url.params["limit"] == "2"


async def test_async_pagination_awaits_the_first_page_or_iterates_all() -> None:
    recorder = Recorder(page(["ver_1"], "ver_1"), page(["ver_2"], None))
    client = async_client(recorder)
    first = await client.verifications.list()
    assert [v.id for v in first.items] == ["ver_1"]
    recorder.script = [page(["ver_1"], "ver_1"), page(["ver_2"], None)]
    ids = [v.id async for v in client.verifications.list()]
    assert ids == ["ver_1", "ver_2"]
    pages = [p async for p in first.iter_pages()]
    assert len(pages) == 2


def test_event_stream_parses_server_sent_events() -> None:
    body = b': hi\n\nid: 5\nevent: sms.received\ndata: {"a":\ndata: 1}\n\ndata: x\n\n'
    recorder = Recorder(httpx.Response(200, headers={"content-type": "text/event-stream"}, content=body))
    with sync_client(recorder).realtime.events.stream(last_event_id="4") as stream:
        events = list(stream)
    assert recorder.requests[0].headers["last-event-id"] == "4"
    assert recorder.requests[0].headers["accept"] == "text/event-stream"
    assert [(e.id, e.event, e.data) for e in events] == [("5", "sms.received", '{"a":\n1}'), ("5", None, "x")]


def test_binary_download_returns_bytes() -> None:
    recorder = Recorder(httpx.Response(200, headers={"content-type": "text/csv"}, content=b"a,b\n1,2\n"))
    data = sync_client(recorder).analytics.export(
        report="ledger", from_="2026-01-01T00:00:00Z", to="2026-02-01T00:00:00Z", format="csv"
    )
    assert data == b"a,b\n1,2\n"
    assert recorder.requests[0].url.params["from"] == "2026-01-01T00:00:00Z"


def test_injected_http_client_is_not_closed_by_the_sdk() -> None:
    http = httpx.Client(transport=httpx.MockTransport(Recorder(respond(200, {"currency": "USD"}))))
    with namaskah.Namaskah(api_key="k", base_url="http://api.test", http_client=http) as client:
        client.wallet.retrieve()
    assert not http.is_closed
