"""The benchmarks' own machinery (tests/bench/conftest.py, figures.py), in a pytest run of its own:
the end-of-run table in full mode, nothing shown in quick mode, and a benchmark that records no
figure fails. (Not a benchmark itself: only test_bench_*.py modules must record figures.)"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

CONFTEST = """
from tests.conftest import pytest_addoption  # noqa: F401
from tests.bench.conftest import (  # noqa: F401
    _records_a_figure, bench, pytest_collection_modifyitems, pytest_runtest_makereport,
    pytest_runtest_setup, pytest_terminal_summary)
"""
BENCHES = """
from tests.bench.figures import record

def test_records(bench):
    record(f"a figure ({bench.name})", "1.5 ms", target="< 2 ms", baseline="bare | 0.5 ms")

def test_records_nothing(bench):
    assert bench.pick(1, 2)
"""


def _run(tmp_path: Path, mode: str) -> tuple[subprocess.CompletedProcess, Path]:
    (tmp_path / "conftest.py").write_text(CONFTEST)
    (tmp_path / "test_bench_inner.py").write_text(BENCHES)
    out = tmp_path / "out"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "CLAUSEMARK_BENCH"))}
    env.update(PYTHONPATH=str(ROOT), CLAUSEMARK_BENCH_OUT=str(out))
    run = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                          f"--bench={mode}", str(tmp_path)], cwd=tmp_path, env=env,
                         capture_output=True, text=True, timeout=120)
    return run, out


def test_full_mode_prints_one_table_and_a_silent_benchmark_fails(tmp_path):
    run, out = _run(tmp_path, "full")
    assert run.returncode == 1, run.stdout + run.stderr
    assert "test_records_nothing recorded no figure" in run.stdout
    assert "ERROR test_bench_inner.py::test_records_nothing" in run.stdout  # (in its teardown)
    assert "ERROR test_bench_inner.py::test_records " not in run.stdout
    row = "| a figure (full) | 1.5 ms | < 2 ms | bare \\| 0.5 ms | `test_bench_inner.py::test_records` |"
    assert row in run.stdout
    table = (out / "figures.md").read_text()
    assert table.startswith("Benchmark figures (full mode): ") and row in table
    assert "| what | figure | target | same-run baseline | benchmark |" in table


def test_quick_mode_writes_the_table_but_does_not_show_it(tmp_path):
    run, out = _run(tmp_path, "quick")
    assert "test_records_nothing recorded no figure" in run.stdout
    assert "| a figure (quick) |" not in run.stdout
    assert "bench (quick mode): 1 figures from 1 benchmarks" in run.stdout
    assert "| a figure (quick) | 1.5 ms |" in (out / "figures-quick.md").read_text()
