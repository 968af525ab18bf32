"""Benchmark modes, the every-benchmark-records-a-figure check, and the end-of-run figures table
(see tests/bench/figures.py for how a benchmark records its figures)."""
from __future__ import annotations

import datetime
import os
import platform
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.bench import figures

ROOT = Path(__file__).resolve().parents[2]
OUT = Path(os.environ.get("CLAUSEMARK_BENCH_OUT") or ROOT / "out" / "bench")  # the figures table
FULL_TIMEOUT = 3600  # seconds per benchmark in full mode unless marked longer; quick: the ini default


@dataclass(frozen=True)
class BenchMode:
    """How much work a benchmark does: `quick` in the test run (a broken benchmark fails CI),
    `full` with packaging/dev.sh bench (the figures the README quotes)."""
    quick: bool

    @property
    def name(self) -> str:
        return "quick" if self.quick else "full"

    @property
    def full(self) -> bool:
        return not self.quick

    def pick(self, full, quick):
        """`full` in full mode, `quick` in quick mode."""
        return quick if self.quick else full

    def files(self, folder: Path, quick: int, pattern: str = "*.pdf") -> list[Path]:
        """The files of `folder` in name order; only the first `quick` of them in quick mode."""
        found = sorted(folder.glob(pattern))
        return found[:quick] if self.quick else found


def _mode(config) -> BenchMode:
    return BenchMode(quick=config.getoption("--bench") != "full")


@pytest.fixture(scope="session")
def bench(request) -> BenchMode:
    return _mode(request.config)


def _newest_source() -> float:
    paths = [ROOT / "pyproject.toml"]
    for folder in ("core", "gui", "resources", "packaging"):
        paths += [p for p in (ROOT / folder).rglob("*") if p.is_file() and "__pycache__" not in p.parts]
    return max(p.stat().st_mtime for p in paths)


@pytest.fixture(scope="session")
def app_bundle(request) -> tuple[Path, str]:
    """The one-folder app to measure, and where it came from: $CLAUSEMARK_BUNDLE, else dist/clausemark
    (packaging/dev.sh build) when it is newer than every source file, else the session's own build
    (the `bundle` fixture of tests/conftest.py, shared with tests/packaging)."""
    dist = ROOT / "dist" / "clausemark"
    if not os.environ.get("CLAUSEMARK_BUNDLE") and (dist / "clausemark").is_file() \
            and (dist / "clausemark").stat().st_mtime > _newest_source():
        return dist, "dist/clausemark, newer than the sources"
    built = request.getfixturevalue("bundle")
    return built, ("$CLAUSEMARK_BUNDLE" if os.environ.get("CLAUSEMARK_BUNDLE")
                   else "built by this run")


def pytest_collection_modifyitems(config, items):
    if _mode(config).quick:
        return
    for item in items:
        if item.path.is_relative_to(Path(__file__).parent):
            marked = item.get_closest_marker("timeout")
            if marked is None or (marked.args and marked.args[0] < FULL_TIMEOUT):
                item.add_marker(pytest.mark.timeout(FULL_TIMEOUT))


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    # Before any fixture: figures recorded by a module fixture go to the test that set it up.
    figures._current_test = item.nodeid
    item.bench_figures_before = len(figures.FIGURES)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.when == "call":
        item.bench_call_passed = report.passed


@pytest.fixture(autouse=True)
def _records_a_figure(request):
    """A benchmark (a test in a test_bench_*.py module) that passes without recording a figure
    fails: its figures have rotted away."""
    yield
    if not request.node.path.name.startswith("test_bench_"):
        return
    before = getattr(request.node, "bench_figures_before", 0)
    if getattr(request.node, "bench_call_passed", False) and len(figures.FIGURES) == before:
        pytest.fail(f"{request.node.nodeid} recorded no figure: call tests.bench.figures.record "
                    "for its headline figures (see tests/bench/figures.py)", pytrace=False)


def _commit() -> str:
    try:
        return subprocess.run(["git", "describe", "--always", "--dirty"], cwd=ROOT, text=True,
                              capture_output=True, timeout=10).stdout.strip() or "?"
    except (OSError, subprocess.SubprocessError):
        return "?"


_COMMIT = _commit()  # when the benchmarks are collected: the code that is measured


def _machine() -> str:
    import pymupdf
    import PySide6
    commit = _COMMIT
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "?"
    return (f"{datetime.date.today().isoformat()}, commit {commit}, {platform.system()} "
            f"{platform.machine()}, {os.cpu_count()} cores (load average {load} at the end), "
            f"Python {platform.python_version()}, pymupdf {pymupdf.VersionBind}, "
            f"PySide6 {PySide6.__version__}")


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    if not figures.FIGURES:
        return
    mode = _mode(config)
    header = f"Benchmark figures ({mode.name} mode): {_machine()}"
    if mode.quick:
        header += ("\n\nQuick mode: a few files and repetitions, to check that every benchmark "
                   "still runs; these figures mean nothing (packaging/dev.sh bench for real ones).")
    table = figures.markdown(figures.FIGURES, header)
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / ("figures.md" if not mode.quick else "figures-quick.md")
    shown = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
    path.write_text(table, encoding="utf-8")
    tests = len({f.test for f in figures.FIGURES})
    if mode.quick:
        terminalreporter.write_line(f"bench (quick mode): {len(figures.FIGURES)} figures from "
                                    f"{tests} benchmarks, in {shown} (not "
                                    "meaningful; packaging/dev.sh bench for the figures)")
        return
    terminalreporter.section("benchmark figures")
    terminalreporter.write(table)
    terminalreporter.write_line(f"({len(figures.FIGURES)} figures from {tests} benchmarks; also "
                                f"in {shown})")
