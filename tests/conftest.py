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
        message = f"needs the real UN corpus at {path} (present in CI, absent in a user's clone)"
        if os.environ.get("CI") == "true":  # in CI a missing corpus is a failure, not a skip
            pytest.fail(message)
        pytest.skip(message)
    return path


def need_corpus(path: Path) -> Path:
    """The corpus folder `path`, or a skip (a failure with CI=true) when it is absent."""
    return _need(path)


@pytest.fixture(scope="session")
def dev_dir() -> Path:
    return _need(CORPUS / "dev")


@pytest.fixture(scope="session")
def bench_dir() -> Path:
    return _need(CORPUS / "bench")


@pytest.fixture(scope="session")
def more_dir() -> Path:
    return _need(CORPUS / "more")


@pytest.fixture(autouse=True)
def _isolated_library(tmp_path, monkeypatch):
    # No test may touch the developer's real library.
    monkeypatch.setenv("CLAUSEMARK_DB", str(tmp_path / "default.clausemark"))
    monkeypatch.setenv("CLAUSEMARK_SETTINGS", str(tmp_path / "settings.json"))


# -- offline guarantee ------------------------------------------------------------------------------

_NETWORK_EVENTS = ("socket.connect", "socket.getaddrinfo", "socket.gethostbyname",
                   "socket.sendto", "urllib.Request", "http.client.connect")
_network_log: list | None = None


def _audit(event, args):  # an audit hook cannot be removed: it only records while a test asks
    if _network_log is not None and event in _NETWORK_EVENTS:
        _network_log.append((event, repr(args)[:200]))


import sys  # noqa: E402

sys.addaudithook(_audit)


@pytest.fixture
def no_network(monkeypatch):
    """Sockets disabled: connecting or resolving a name raises, and every attempt (also one the
    code catches and hides, or one made from C) is recorded; the test fails if there was any."""
    import socket

    global _network_log
    _network_log = []

    def refuse(*args, **kwargs):
        raise OSError("network use in an offline test")

    for name in ("create_connection", "getaddrinfo", "gethostbyname", "gethostbyname_ex"):
        monkeypatch.setattr(socket, name, refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    yield _network_log
    attempts, _network_log = _network_log, None
    assert not attempts, f"network used: {attempts}"
