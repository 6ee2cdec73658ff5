"""End to end against the reference server (server-reference/), started here as a child process with an
in-memory database and the simulator provider."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from namaskah import Namaskah, NotFoundError, RequestOptions
from namaskah.models import LoginAuthenticated

ROOT = Path(__file__).resolve().parents[3]
SERVER = ROOT / "server-reference"
EXAMPLE = ROOT / "examples" / "python" / "buy_verification.py"


def node() -> str:
    bundled = ROOT / ".toolchain" / "node_modules" / ".bin" / "node"
    found = str(bundled) if bundled.exists() else shutil.which("node")
    if found is None:
        pytest.fail("node is needed to start the reference server: run scripts/bootstrap.sh")
    return found


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    port = free_port()
    env = {
        **os.environ,
        "PORT": str(port),
        "DATA_DIR": "memory://",
        "LOG_LEVEL": "warn",
        # Only the SMS the tests inject: the simulator's own message would race them.
        "SIMULATOR_SMS_DELAY_MS": "600000",
        "SWEEP_INTERVAL_MS": "0",
    }
    env.pop("DATABASE_URL", None)
    env.pop("REDIS_URL", None)
    process = subprocess.Popen(
        [node(), "--import", "tsx", "src/main.ts"],
        cwd=SERVER,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            if process.poll() is not None:
                output = process.stdout.read().decode() if process.stdout else ""
                pytest.fail(f"the reference server exited:\n{output}")
            try:
                httpx.get(f"{url}/v1/health", timeout=1)
                break
            except httpx.TransportError:
                if time.monotonic() > deadline:
                    pytest.fail("the reference server did not start within 90 s")
                time.sleep(0.3)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()


def access_token(base_url: str) -> str:
    with Namaskah(api_key="", base_url=base_url) as anonymous:
        login = anonymous.auth.login(email="demo@namaskah.dev", password="demo-password-123")
    assert isinstance(login, LoginAuthenticated)
    return login.tokens.access_token


def test_buy_a_verification_inject_an_sms_and_get_the_code(base_url: str) -> None:
    with Namaskah(api_key=access_token(base_url), base_url=base_url) as client:
        before = client.wallet.retrieve().balance.amount
        key: RequestOptions = {"idempotency_key": f"e2e-{time.time_ns()}"}
        verification = client.verifications.create(service="whatsapp", country="US", request_options=key)
        replay = client.verifications.create(service="whatsapp", country="US", request_options=key)
        assert replay.id == verification.id and verification.status == "pending"
        assert client.wallet.retrieve().balance.amount == before - verification.price.amount  # charged once
        assert any(v.id == verification.id for v in client.verifications.list(limit=1))
        client.verifications.sandbox_sms.create(verification.id, text="Your WhatsApp code is 482-913")
        done = client.verifications.wait_for_code(verification.id, timeout=20, poll_interval=0.2)
        assert (done.status, done.code) == ("completed", "482913")
        with pytest.raises(NotFoundError) as raised:
            client.verifications.retrieve(verification.id[:-1] + ("A" if verification.id[-1] != "A" else "B"))
        assert raised.value.request_id


def test_the_example_prints_the_code_received_in_real_time(base_url: str) -> None:
    with Namaskah(api_key=access_token(base_url), base_url=base_url) as client:
        probe = httpx.post(
            f"{base_url}/v1/realtime/tickets",
            headers={"authorization": f"Bearer {client.http.options.api_key}"},
        )
    if probe.status_code == 501:
        pytest.skip("the reference server does not implement real-time tickets yet (501 not_implemented)")
    result = subprocess.run(
        [sys.executable, str(EXAMPLE), "--inject-sms", "--timeout", "30"],
        env={**os.environ, "NAMASKAH_BASE_URL": base_url},
        capture_output=True,
        text=True,
        timeout=90,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "code: 482913" in result.stdout
