"""Shared test setup. Qt must run offscreen, and this must be set before any QApplication."""
import os
import subprocess
import sys
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
# CLAUSEMARK_CORPUS lets a git worktree that is not next to ../shared point at the corpus.
CORPUS = Path(os.environ.get("CLAUSEMARK_CORPUS") or ROOT.parent / "shared" / "corpus")
SEEDS = ROOT.parent / "shared" / "seeds"


CORPUS_FIXTURES = {"dev_dir", "bench_dir"}


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in ("true", "1", "yes")


def pytest_addoption(parser):
    parser.addoption(
        "--bench", choices=("quick", "full"), default=os.environ.get("CLAUSEMARK_BENCH") or "quick",
        help="benchmarks in tests/bench: quick (default, part of the test run: a few files, "
             "figures meaningless) or full (packaging/dev.sh bench); env CLAUSEMARK_BENCH")


def _need(path: Path) -> Path:
    if not path.is_dir():
        message = f"needs the real UN corpus at {path} (present in CI, absent in a user's clone)"
        if in_ci():  # in CI a missing corpus is a broken set-up, not dozens of quiet skips
            pytest.fail(f"CI=true but the corpus is missing: {message}", pytrace=False)
        pytest.skip(message)
    return path


def pytest_collection_modifyitems(config, items):
    """Every test that uses the corpus carries the `corpus` marker (`-m "not corpus"` runs the
    rest), also when it gets the corpus through another fixture."""
    for item in items:
        if CORPUS_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.corpus)


def need_corpus(path: Path) -> Path:
    """The corpus folder `path`, or a skip (a failure with CI=true) when it is absent."""
    return _need(path)


@pytest.fixture(scope="session")
def corpus_required() -> Path:
    """The whole corpus folder (dev, bench, more)."""
    for name in ("dev", "bench", "more"):
        _need(CORPUS / name)
    return CORPUS


@pytest.fixture(scope="session")
def dev_dir() -> Path:
    return _need(CORPUS / "dev")


@pytest.fixture(scope="session")
def bench_dir() -> Path:
    return _need(CORPUS / "bench")


@pytest.fixture(scope="session")
def more_dir() -> Path:
    return _need(CORPUS / "more")


@pytest.fixture(scope="session")
def bundle(tmp_path_factory) -> Path:
    """The one-folder app (packaging/build.py), built once per test session: tests/packaging and
    the bench share it. CLAUSEMARK_BUNDLE=DIR uses an existing build (the folder holding the
    `clausemark` executable) instead."""
    if os.environ.get("CLAUSEMARK_BUNDLE"):
        return Path(os.environ["CLAUSEMARK_BUNDLE"]).resolve()
    pytest.importorskip("PyInstaller", reason="needs the build extra: pip install -e '.[build]'")
    if not sys.platform.startswith("linux"):
        pytest.skip("the bundle smoke test runs on Linux (CI); build elsewhere with build.py")
    out = tmp_path_factory.mktemp("bundle")
    run = subprocess.run([sys.executable, str(ROOT / "packaging" / "build.py"), "--dist",
                          str(out / "dist"), "--work", str(out / "work")],
                         capture_output=True, text=True, timeout=1200)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    print("\n" + run.stdout.strip().splitlines()[-1])
    return out / "dist" / "clausemark"


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
