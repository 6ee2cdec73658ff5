"""Every docstring example of the generated resources (built from the spec's examples) is real code: no
stubs, and mypy --strict accepts it against the SDK, sync examples on ``Namaskah`` and async ones on
``AsyncNamaskah``, so an example can neither call a method that does not exist nor miss an argument."""

from __future__ import annotations

import inspect
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import namaskah.resources as resources

SDK = Path(__file__).resolve().parents[1]


def examples() -> list[tuple[str, bool, str]]:
    found: list[tuple[str, bool, str]] = []
    for name in resources.__all__:
        cls = getattr(resources, name)
        if not inspect.isclass(cls) or not name[0].isupper() or name.isupper():
            continue
        for method_name, method in vars(cls).items():
            doc = getattr(method, "__doc__", None)
            if method_name.startswith("_") or not doc or "Example:" not in doc:
                continue
            block = textwrap.dedent(doc.split("Example:\n", 1)[1])
            found.append((f"{name}.{method_name}", name.startswith("Async"), block.strip("\n")))
    return found


def test_examples_are_no_stubs_and_typecheck(tmp_path: Path) -> None:
    found = examples()
    assert len(found) > 200  # every method, sync and async
    for where, _, source in found:
        assert not re.search(r"\.\.\.|_123\b", source), where
    functions = []
    for i, (where, is_async, source) in enumerate(found):
        signature = (
            f"async def example_{i}(client: AsyncNamaskah)"
            if is_async
            else f"def example_{i}(client: Namaskah)"
        )
        functions.append(f"# {where}\n{signature} -> None:\n{textwrap.indent(source, '    ')}\n")
    module = tmp_path / "examples.py"
    module.write_text("from namaskah import AsyncNamaskah, Namaskah\n\n\n" + "\n\n".join(functions))
    mypy = Path(sys.executable).parent / "mypy"
    command = [
        str(mypy),
        "--strict",
        "--no-incremental",
        "--config-file",
        str(SDK / "pyproject.toml"),
        str(module),
    ]
    result = subprocess.run(command, cwd=SDK, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
