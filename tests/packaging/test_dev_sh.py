"""`packaging/dev.sh app` starts without pip (and so without a network) when the environment is
current; it installs again only when pyproject.toml changed. Run on a copy of the script with a
stand-in virtual environment that records what is asked of it."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

FAKE_PYTHON = """#!/bin/sh
echo "python $*" >> "$LOG"
"""
FAKE_APP = """#!/bin/sh
echo "app $*" >> "$LOG"
"""
FAKE_DPKG = """#!/bin/sh
printf 'install ok installed'
"""


@pytest.fixture
def tree(tmp_path):
    if sys.platform == "win32" or shutil.which("bash") is None or shutil.which("sha256sum") is None:
        pytest.skip("dev.sh is a bash script for Linux and macOS")
    (tmp_path / "packaging").mkdir()
    shutil.copy(ROOT / "packaging" / "dev.sh", tmp_path / "packaging" / "dev.sh")
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    bin_dir = tmp_path / "venv" / "bin"
    bin_dir.mkdir(parents=True)
    tools = tmp_path / "tools"
    tools.mkdir()
    for path, text in ((bin_dir / "python", FAKE_PYTHON), (bin_dir / "clausemark", FAKE_APP),
                       (tools / "dpkg-query", FAKE_DPKG)):
        path.write_text(text)
        path.chmod(0o755)
    return tmp_path


def dev(tree, *args):
    log = tree / "log.txt"
    log.unlink(missing_ok=True)
    env = {**os.environ, "CLAUSEMARK_VENV": str(tree / "venv"), "LOG": str(log),
           "PATH": f"{tree / 'tools'}{os.pathsep}{os.environ['PATH']}"}
    done = subprocess.run(["bash", str(tree / "packaging" / "dev.sh"), *args], env=env,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return log.read_text().splitlines()


def test_app_installs_once_then_starts_without_pip(tree):
    first = dev(tree, "app", "--db", "x")
    assert any("pip install" in line for line in first)
    assert first[-1] == "app --db x"
    again = dev(tree, "app")
    assert again == ["app "], again  # no pip: starts offline
    with open(tree / "pyproject.toml", "a") as fh:
        fh.write("\n# a new dependency\n")
    changed = dev(tree, "app")
    assert any("pip install" in line for line in changed)
    assert dev(tree, "app") == ["app "]


def test_after_the_test_set_up_the_app_needs_no_install(tree):
    dev(tree, "test", "--version")  # installs test + build
    assert dev(tree, "app") == ["app "]
