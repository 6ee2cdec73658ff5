"""The package users install: build the wheel, install it into a fresh virtualenv, import it, call it."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from .test_e2e import access_token, base_url

__all__ = ["base_url"]  # the reference server fixture, shared with the end-to-end tests

SDK = Path(__file__).resolve().parents[1]
CONSUMERS = Path(__file__).resolve().parent / "consumer"

CONSUMER = """
import httpx, namaskah
from namaskah import Namaskah, NotFoundError

def handle(request):
    assert request.headers["authorization"] == "Bearer k"
    return httpx.Response(404, json={"code": "not_found", "status": 404})

client = Namaskah(api_key="k", base_url="http://x.test", http_client=httpx.Client(transport=httpx.MockTransport(handle)))
try:
    client.verifications.retrieve("ver_1")
except NotFoundError as error:
    print("ok", namaskah.__version__, error.status, error.code, namaskah.__file__)
"""


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The wheel, built from the tree, and a fresh virtualenv with it installed (nothing else)."""
    tmp_path = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "build",
            "--wheel",
            "--no-isolation",
            "--outdir",
            str(tmp_path / "dist"),
            str(SDK),
        ],
        check=True,
        capture_output=True,
    )
    (wheel,) = (tmp_path / "dist").glob("namaskah-*.whl")
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    subprocess.run(
        [str(venv / "bin" / "pip"), "install", "--quiet", "--disable-pip-version-check", str(wheel)],
        check=True,
        capture_output=True,
    )
    return wheel, venv


def test_wheel_installs_into_a_fresh_virtualenv_and_works(
    installed: tuple[Path, Path], tmp_path: Path
) -> None:
    wheel, venv = installed
    names = zipfile.ZipFile(wheel).namelist()
    assert "namaskah/py.typed" in names and "namaskah/_core/http_client.py" in names
    assert not any(n.startswith("tests/") for n in names)
    # Publish-ready: the license file and the project URLs travel in the wheel.
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names), names
    (metadata,) = [n for n in names if n.endswith(".dist-info/METADATA")]
    text = zipfile.ZipFile(wheel).read(metadata).decode()
    assert "Project-URL: Repository, https://github.com/namaskah/namaskah" in text
    assert "License-File: LICENSE" in text
    result = subprocess.run(
        [str(venv / "bin" / "python"), "-c", CONSUMER],
        capture_output=True,
        text=True,
        check=True,
        cwd=tmp_path,
    )
    assert result.stdout.startswith("ok 0.1.0 404 not_found")
    assert str(venv) in result.stdout  # imported from the installed wheel, not the source tree


@pytest.mark.parametrize("scenario", ["scenario_sync.py", "scenario_async.py"])
def test_a_strict_consumer_of_the_wheel_runs_the_acceptance_scenario(
    installed: tuple[Path, Path], base_url: str, scenario: str, tmp_path: Path
) -> None:
    """mypy --strict checks the consumer against the installed wheel's types (not the source tree), then the
    consumer runs against the reference server: buy with an API key, wait while the SMS lands, real time
    with a bad key, pagination, typed errors, raw responses."""
    _, venv = installed
    source = tmp_path / scenario
    shutil.copy(CONSUMERS / scenario, source)
    checked = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--no-incremental",
            "--python-executable",
            str(venv / "bin" / "python"),
            "--config-file",
            "/dev/null",
            str(source),
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
    result = subprocess.run(
        [str(venv / "bin" / "python"), str(source), base_url, access_token(base_url)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)
    expected = (
        {"pages": True, "code": "445566", "not_found": True, "raw_request_id": True}
        if scenario == "scenario_sync.py"
        else {
            "pages": True,
            "live_code": "112233",
            "key_code": "445566",
            "not_found": True,
            "realtime_refused": True,
        }
    )
    assert summary == expected
