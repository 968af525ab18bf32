"""Fuzzing at scale: thousands of mutants of the real dev resolutions through the parser, each in
a child process with a time bound (tests/fuzzing.py). Prints what happened by mutation and
outcome; fails on any crash, hang or stderr noise, keeping those mutants in out/fuzz-findings/.

Run: packaging/dev.sh bench -k fuzz
     CLAUSEMARK_FUZZ_MUTANTS=5000 CLAUSEMARK_FUZZ_SEED=7 CLAUSEMARK_FUZZ_WORKERS=2 (defaults:
     3000, a new seed each run, 2 child processes; quick mode, in the test run: 20 mutants and
     a 100-page resolution). Full mode allows an hour per test; for many more mutants add
     --timeout=0.
"""
import os
import threading
import time
from pathlib import Path

import pymupdf

from clausemark.core.parse.parser import parse_pdf
from tests.bench.figures import record
from tests.fuzzing import FuzzReport, FuzzRunner, fuzz

ROOT = Path(__file__).resolve().parents[2]


def test_fuzz_the_parser(bench, dev_dir, tmp_path):
    count = int(os.environ.get("CLAUSEMARK_FUZZ_MUTANTS", bench.pick(3000, 20)))
    seed = int(os.environ.get("CLAUSEMARK_FUZZ_SEED", time.time_ns() % 1_000_000))
    workers = int(os.environ.get("CLAUSEMARK_FUZZ_WORKERS", 2))
    sources = sorted(dev_dir.glob("*.pdf"))
    total = FuzzReport()
    lock = threading.Lock()

    def work(k: int) -> None:
        runner = FuzzRunner(timeout=30, workdir=tmp_path)
        try:
            share = count // workers + (k < count % workers)
            report = fuzz(sources, share, seed * 100 + k, runner,
                          keep_findings=ROOT / "out" / "fuzz-findings")
        finally:
            runner.stop()
        with lock:
            total.merge(report)

    start = time.perf_counter()
    threads = [threading.Thread(target=work, args=(k,)) for k in range(workers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    seconds = time.perf_counter() - start
    print(f"\nfuzz: {total.tried} mutants of {len(sources)} dev resolutions, seed {seed}, "
          f"{seconds:.0f} s ({total.tried / seconds:.1f}/s), slowest parse {total.slowest:.2f} s")
    print("  outcomes: " + ", ".join(f"{k} {v}" for k, v in total.outcomes.most_common()))
    print("  mutations: " + ", ".join(f"{k} {v}" for k, v in total.by_mutator.most_common()))
    for reason, n in total.reasons.most_common(8):
        print(f"  rejected {n:>5}: {reason}")
    outcomes = dict(total.outcomes)
    record(f"fuzz: mutants of the {len(sources)} dev resolutions parsed in a child (seed {seed})",
           f"{total.tried:,} in {seconds:.0f} s: " + ", ".join(
               f"{v:,} {k}" for k, v in sorted(outcomes.items())) + f"; {total.bad} crash, hang "
           f"or stderr noise; slowest parse {total.slowest:.2f} s", target="0 crash/hang/noise")
    assert total.tried == count
    assert total.bad == 0, "\n\n".join(f"{o} {m} {s} {p}\n{d}" for o, m, s, p, d in total.findings)


def test_a_thousand_page_resolution(bench, dev_dir, tmp_path):
    """Very large input that is still a resolution: parsed, within a time bound, no crash."""
    source = pymupdf.open(dev_dir / "mp_A_RES_78_187-EN.pdf")
    big = pymupdf.open()
    wanted = bench.pick(1000, 100)
    while big.page_count < wanted:
        big.insert_pdf(source)
    path = tmp_path / "very large.pdf"
    big.save(path, garbage=3, deflate=True)
    start = time.perf_counter()
    res = parse_pdf(path)
    seconds = time.perf_counter() - start
    print(f"\n{res.pages}-page resolution ({path.stat().st_size / 1e6:.0f} MB): parsed in "
          f"{seconds:.1f} s ({res.pages / seconds:.0f} pages/s), "
          f"{sum(1 for _ in res.walk())} paragraphs")
    record(f"parse a {res.pages:,}-page resolution ({path.stat().st_size / 1e6:.0f} MB, "
           "A/RES/78/187 repeated)", f"{seconds:.1f} s ({res.pages / seconds:.0f} pages/s)")
    assert res.pages >= wanted and res.symbol == "A/RES/78/187"
