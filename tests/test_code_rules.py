"""The rules of the code, checked by tools on every test run: ruff with the rule set in
pyproject.toml, and the import-linter contracts there (core never imports Qt or the GUI; core's
layers; the GUI uses only each core package's public names). Any finding fails the run."""
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _tool(name: str) -> str:
    """The tool installed beside this Python (the test extra), else on PATH."""
    found = shutil.which(name, path=str(Path(sys.executable).parent)) or shutil.which(name)
    if found is None:
        pytest.fail(f"{name} is not installed: pip install -e '.[test]'")
    return found


def _run(*command: str) -> subprocess.CompletedProcess:
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=90)


@pytest.mark.timeout(120)
def test_ruff_finds_nothing():
    out = _run(_tool("ruff"), "check", ".", "--no-cache", "--output-format", "concise")
    assert out.returncode == 0, out.stdout + out.stderr


@pytest.mark.timeout(120)
def test_import_contracts_are_kept():
    out = _run(_tool("lint-imports"), "--no-cache")
    assert out.returncode == 0, out.stdout + out.stderr
    assert "0 broken" in out.stdout
