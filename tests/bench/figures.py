"""The headline figures of the benchmarks, collected into ONE table at the end of the run.

Every benchmark in tests/bench records its headline figures here (and may print more detail):

    from tests.bench.figures import record

    record("parse throughput, 200 bench resolutions (1,406 pages)", f"{pps:.0f} pages/s",
           target="ratio <= 1.3x", baseline=f"bare get_text('dict') {bare:.0f} pages/s")

- `what`: what was measured, with its size (files, pages, tags, runs), so the line stands alone.
- `figure`: the measured value, formatted, with its unit.
- `target`: the goal, if there is one ("< 150 ms"). Never asserted: speed is measured, not tested.
- `baseline`: the same-run baseline, if there is one (measured in this run on this machine, e.g.
  the bare pymupdf pass beside the parser, the source tree beside the bundle). Never a figure
  from another run or machine.

`tests/bench/conftest.py` prints the table at the end of the run (`pytest_terminal_summary`) and
writes it to `out/bench/figures.md` (full mode) or `out/bench/figures-quick.md` (quick mode);
`out/` is gitignored. The README's figures table quotes the full-mode table.

Two modes (the `bench` fixture, `tests/bench/conftest.py`):

- quick (the default; part of `packaging/dev.sh test`, hence CI): a few files and repetitions, so
  that a broken benchmark fails the test run. Its figures mean nothing and the table is not shown.
- full: `packaging/dev.sh bench` (= `pytest --bench=full -s tests/bench`, or `CLAUSEMARK_BENCH=full`).

Rules for a new benchmark: take the `bench` fixture and size the work with
`bench.pick(full_value, quick_value)` (or `bench.files(folder, quick=N)`); keep quick mode to a few
seconds; call `record` at least once (a benchmark that records nothing fails, so a benchmark whose
figures silently stopped coming out cannot pass); assert correctness (the result is right, the
figure is about real work), never speed.
"""
from __future__ import annotations

import statistics
from dataclasses import dataclass


@dataclass(frozen=True)
class Figure:
    what: str
    figure: str
    target: str | None
    baseline: str | None
    test: str  # node id of the benchmark that recorded it


FIGURES: list[Figure] = []
_current_test = ""  # set by the autouse fixture of tests/bench/conftest.py


def record(what: str, figure: str, target: str | None = None, baseline: str | None = None) -> None:
    """One headline figure for the end-of-run table (see the module docstring)."""
    FIGURES.append(Figure(str(what), str(figure), None if target is None else str(target),
                          None if baseline is None else str(baseline), _current_test))


def ms(seconds: list[float]) -> str:
    """'median 53 ms, max 153 ms' for a list of durations in seconds."""
    return (f"median {statistics.median(seconds) * 1000:.0f} ms, "
            f"max {max(seconds) * 1000:.0f} ms")


def markdown(figures: list[Figure], header: str = "") -> str:
    def cell(text: str | None) -> str:
        return (text or "").replace("|", "\\|").replace("\n", " ")

    lines = [header, ""] if header else []
    lines += ["| what | figure | target | same-run baseline | benchmark |", "|---|---|---|---|---|"]
    for f in figures:
        test = f.test.split("/")[-1]
        lines.append(f"| {cell(f.what)} | {cell(f.figure)} | {cell(f.target)} | "
                     f"{cell(f.baseline)} | `{cell(test)}` |")
    return "\n".join(lines) + "\n"
