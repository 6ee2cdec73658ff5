"""The golden Python output of every fixture spec (generators/test/golden/*/python) imports, and passes
ruff and mypy --strict against this SDK's hand-written core."""

from __future__ import annotations

import importlib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

SDK = Path(__file__).resolve().parents[1]
GOLDEN = SDK.parents[1] / "generators" / "test" / "golden"
FIXTURES = sorted(p.name for p in GOLDEN.iterdir() if (p / "python").is_dir())


def test_every_fixture_has_python_golden_output() -> None:
    assert sorted(p.name for p in GOLDEN.iterdir() if p.is_dir()) == FIXTURES


@pytest.mark.parametrize("fixture", FIXTURES)
def test_golden_compiles_lints_and_imports(fixture: str, tmp_path: Path) -> None:
    package = tmp_path / "namaskah"
    shutil.copytree(GOLDEN / fixture / "python" / "namaskah", package)
    shutil.copytree(SDK / "namaskah" / "_core", package / "_core")
    (package / "__init__.py").write_text("")
    (package / "py.typed").write_text("")
    bin_dir = Path(sys.executable).parent
    for command in (
        [str(bin_dir / "ruff"), "check", "--no-cache", "--config", str(SDK / "pyproject.toml"), "namaskah"],
        [
            str(bin_dir / "ruff"),
            "format",
            "--check",
            "--no-cache",
            "--config",
            str(SDK / "pyproject.toml"),
            "namaskah",
        ],
        [
            str(bin_dir / "mypy"),
            "--strict",
            "--no-incremental",
            "--config-file",
            str(SDK / "pyproject.toml"),
            "-p",
            "namaskah",
        ],
    ):
        result = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, check=False)
        assert result.returncode == 0, f"{' '.join(command[:2])}:\n{result.stdout}{result.stderr}"
    imported = subprocess.run(
        [sys.executable, "-c", "import namaskah.resources, namaskah.models"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert imported.returncode == 0, imported.stderr
    assert importlib.util.find_spec("namaskah") is not None
