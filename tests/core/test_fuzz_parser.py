"""A small, fixed fuzzing sample in the ordinary test run (tests/bench/test_bench_fuzz.py runs
thousands): mutants of the real dev resolutions, each parsed in a child process within a time
bound. The parser may accept a mutant or reject it with a ParseError; it must never crash, hang
or print on stderr."""
import random

import pytest

from clausemark.core.errors import ParseError
from clausemark.core.parse.parser import parse_pdf
from tests import fuzzing
from tests.fuzzing import MUTATORS, FuzzRunner, fuzz, mutate

SAMPLE = 42  # mutants; seed fixed so that a failure here is reproducible
SEED = 20261123


def test_every_mutation_changes_the_file(dev_dir):
    data = (dev_dir / "mp_A_RES_78_186-EN.pdf").read_bytes()
    rng = random.Random(SEED)
    def changes(mutator) -> bool:
        try:
            return mutator(data, rng) != data
        except Exception:
            return False

    for name, mutator in MUTATORS.items():
        assert sum(changes(mutator) for _ in range(10)) >= 5, name
    names = {mutate(data, rng)[0] for _ in range(60)}
    assert len(names) >= len(MUTATORS) - 1  # all kinds are drawn


def test_parser_survives_a_fixed_sample_of_mutants(dev_dir, tmp_path):
    runner = FuzzRunner(timeout=60, workdir=tmp_path)
    try:
        report = fuzz(sorted(dev_dir.glob("*.pdf")), SAMPLE, SEED, runner,
                      keep_findings=tmp_path / "findings")
    finally:
        runner.stop()
    assert report.tried == SAMPLE
    assert report.bad == 0, "\n\n".join(f"{o} {m} {s} {p}\n{d}" for o, m, s, p, d in report.findings)
    assert report.outcomes["parsed"] and report.outcomes["rejected"]  # both paths exercised


def test_runner_reports_a_hang_and_a_crash_and_carries_on(tmp_path, monkeypatch, dev_dir):
    """The time bound works: a child that never answers is a hang, one that dies a crash; then
    a fresh child parses the next file."""
    stuck = ("import json, sys, time, os\nprint(json.dumps({'ready': True}), flush=True)\n"
             "for line in sys.stdin:\n"
             "    if 'die' in line: os._exit(3)\n"
             "    time.sleep(60)\n")
    monkeypatch.setattr(fuzzing, "CHILD", stuck)
    runner = FuzzRunner(timeout=1, workdir=tmp_path)
    try:
        assert runner.parse(tmp_path / "hang.pdf")["outcome"] == "hang"
        assert runner.parse(tmp_path / "die.pdf")["outcome"] == "crash"
        monkeypatch.undo()
        assert runner.parse(dev_dir / "mp_A_RES_78_186-EN.pdf")["outcome"] == "parsed"
    finally:
        runner.stop()


# Mutants that once crashed the parser (found by tests/bench/test_bench_fuzz.py, file names
# crash-SEED-INDEX-...), rebuilt from the dev corpus: (seed, index, the reason now given).
FOUND = [
    (2, 75, "damaged (code=7: Invalid number of pages)"),  # truncated A/RES/80/9
    # Bytes flipped in A/RES/78/187: MuPDF repairs the xref first, so it is refused as repaired.
    (1101, 246, "damaged or incomplete (truncated or corrupted, it had to be repaired"),
]


def test_mutants_that_once_crashed_are_rejected_cleanly(dev_dir, tmp_path):
    sources = sorted(dev_dir.glob("*.pdf"))
    for seed, index, reason in FOUND:
        path = tmp_path / f"found-{seed}-{index}.pdf"
        path.write_bytes(fuzzing.replay(sources, seed, index)[1])
        with pytest.raises(ParseError) as info:
            parse_pdf(path)
        assert reason in info.value.reason, (seed, index, info.value.reason)
