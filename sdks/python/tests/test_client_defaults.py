"""Raw responses, logging, the webhook secret on the client and the missing-credentials refusal."""

from __future__ import annotations

import logging

import httpx
import pytest

from namaskah import AsyncNamaskah, MissingCredentialsError, Namaskah

from .helpers import Recorder, respond

SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"


def client_for(recorder: Recorder, **options: object) -> Namaskah:
    return Namaskah(
        base_url="http://api.test",
        http_client=httpx.Client(transport=httpx.MockTransport(recorder)),
        **options,  # type: ignore[arg-type]
    )


def test_with_raw_response_gives_request_id_and_headers_even_for_an_empty_response() -> None:
    client = client_for(Recorder(httpx.Response(204, headers={"request-id": "req_204"})), api_key="k")
    raw = client.api_keys.with_raw_response.delete("key_1")
    assert (raw.status_code, raw.request_id, raw.headers["request-id"], raw.parse()) == (
        204,
        "req_204",
        "req_204",
        None,
    )
    wallet = client_for(Recorder(respond(200, {"currency": "USD"}, {"request-id": "req_w"})), api_key="k")
    raw_wallet = wallet.wallet.with_raw_response.retrieve()
    assert raw_wallet.request_id == "req_w" and raw_wallet.parse().currency == "USD"


async def test_async_with_raw_response() -> None:
    client = AsyncNamaskah(
        api_key="k",
        base_url="http://api.test",
        http_client=httpx.AsyncClient(
            transport=httpx.MockTransport(Recorder(httpx.Response(204, headers={"request-id": "req_a"})))
        ),
    )
    raw = await client.api_keys.with_raw_response.delete("key_1")
    assert raw.request_id == "req_a"
    await client.close()


def test_refuses_a_call_needing_credentials_without_sending(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NAMASKAH_API_KEY", raising=False)
    recorder = Recorder(respond(200, {"status": "ok"}))
    client = client_for(recorder)
    with pytest.raises(MissingCredentialsError, match="NAMASKAH_API_KEY"):
        client.wallet.retrieve()
    assert recorder.requests == []
    client.health.retrieve()  # public
    assert len(recorder.requests) == 1


def test_logs_at_debug_with_secrets_redacted(caplog: pytest.LogCaptureFixture) -> None:
    logger = logging.getLogger("namaskah.test")
    client = client_for(
        Recorder(respond(200, {"currency": "USD"}, {"request-id": "req_log"})),
        api_key="nmk_live_secret",
        logger=logger,
        log_level="debug",
        default_headers={"x-api-key": "nmk_live_secret", "webhook-secret": SECRET},
    )
    with caplog.at_level(logging.DEBUG, logger="namaskah.test"):
        client.wallet.retrieve()
    text = caplog.text
    assert "GET http://api.test/v1/wallet" in text and "req_log" in text
    assert "nmk_live_secret" not in text and SECRET not in text and "[redacted]" in text


def test_the_level_comes_from_namaskah_log(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NAMASKAH_LOG", "debug")
    logger = logging.getLogger("namaskah.env")
    client_for(Recorder(respond(200, {})), api_key="k", logger=logger)
    assert logger.level == logging.DEBUG


def test_the_webhook_secret_is_settable_on_the_client_or_from_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    body = '{"id":"evt_1","type":"balance.low","data":{}}'
    client = Namaskah(api_key="k", webhook_secret=SECRET)
    headers = client.webhooks.sign(body)
    assert client.webhooks.verify(body, headers).type == "balance.low"
    monkeypatch.setenv("NAMASKAH_WEBHOOK_SECRET", SECRET)
    assert Namaskah(api_key="k").webhooks.verify(body, headers).id == "evt_1"
