"""The package users install: build the wheel, install it into a fresh virtualenv, import it, call it."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

SDK = Path(__file__).resolve().parents[1]

CONSUMER = """
import httpx, namaskah
from namaskah import Namaskah, NotFoundError

def handle(request):
    assert request.headers["authorization"] == "Bearer k"
    return httpx.Response(404, json={"code": "not_found", "status": 404})

client = Namaskah(api_key="k", base_url="http://x.test", http_client=httpx.Client(transport=httpx.MockTransport(handle)))
try:
    client.verifications.get("ver_1")
except NotFoundError as error:
    print("ok", namaskah.__version__, error.status, error.code, namaskah.__file__)
"""


def test_wheel_installs_into_a_fresh_virtualenv_and_works(tmp_path: Path) -> None:
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
    names = zipfile.ZipFile(wheel).namelist()
    assert "namaskah/py.typed" in names and "namaskah/_core/http_client.py" in names
    assert not any(n.startswith("tests/") for n in names)
    # Publish-ready: the license file and the project URLs travel in the wheel.
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names), names
    (metadata,) = [n for n in names if n.endswith(".dist-info/METADATA")]
    text = zipfile.ZipFile(wheel).read(metadata).decode()
    assert "Project-URL: Repository, https://github.com/namaskah/namaskah" in text
    assert "License-File: LICENSE" in text
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    subprocess.run(
        [str(venv / "bin" / "pip"), "install", "--quiet", "--disable-pip-version-check", str(wheel)],
        check=True,
        capture_output=True,
    )
    result = subprocess.run(
        [str(venv / "bin" / "python"), "-c", CONSUMER],
        capture_output=True,
        text=True,
        check=True,
        cwd=tmp_path,
    )
    assert result.stdout.startswith("ok 0.1.0 404 not_found")
    assert str(venv) in result.stdout  # imported from the installed wheel, not the source tree
