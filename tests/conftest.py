"""Shared test setup. Qt must run offscreen, and this must be set before any QApplication."""
import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
# CLAUSEMARK_CORPUS lets a git worktree that is not next to ../shared point at the corpus.
CORPUS = Path(os.environ.get("CLAUSEMARK_CORPUS") or ROOT.parent / "shared" / "corpus")
SEEDS = ROOT.parent / "shared" / "seeds"


def _need(path: Path) -> Path:
    if not path.is_dir():
        pytest.skip(f"needs the real UN corpus at {path} (present in CI, absent in a user's clone)")
    return path


@pytest.fixture(scope="session")
def dev_dir() -> Path:
    return _need(CORPUS / "dev")


@pytest.fixture(scope="session")
def bench_dir() -> Path:
    return _need(CORPUS / "bench")


@pytest.fixture(autouse=True)
def _isolated_library(tmp_path, monkeypatch):
    # No test may touch the developer's real library.
    monkeypatch.setenv("CLAUSEMARK_DB", str(tmp_path / "default.clausemark"))
    monkeypatch.setenv("CLAUSEMARK_SETTINGS", str(tmp_path / "settings.json"))
