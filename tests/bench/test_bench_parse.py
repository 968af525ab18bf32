"""Parse throughput on the 200 bench resolutions, next to a bare pymupdf get_text("dict") pass
over the same files in the same run. Prints pages/s and the ratio (target: at most 1.3x).

Run: packaging/dev.sh bench -k parse   (quick mode, part of the test run: 5 files, 1 round)
"""
import time

import pymupdf

from clausemark.core.parse.parser import parse_pdf
from tests.bench.figures import record


def _bare_pass(files) -> int:
    pages = 0
    for f in files:
        with pymupdf.open(f) as doc:
            for page in doc:
                page.get_text("dict")
                pages += 1
    return pages


def _parse_pass(files) -> int:
    return sum(parse_pdf(f).pages for f in files)


def _best_of(fn, files, rounds=3) -> tuple[float, int]:
    best, pages = float("inf"), 0
    for _ in range(rounds):
        t = time.perf_counter()
        pages = fn(files)
        best = min(best, time.perf_counter() - t)
    return best, pages


def test_parse_throughput(bench, bench_dir):
    files = bench.files(bench_dir, quick=5)
    _parse_pass(files[:5])  # warm caches and imports
    rounds = bench.pick(3, 1)
    bare, pages = _best_of(_bare_pass, files, rounds)
    parse, parsed_pages = _best_of(_parse_pass, files, rounds)
    assert parsed_pages == pages
    ratio = parse / bare
    print(f"\nparse benchmark: {len(files)} files, {pages} pages")
    print(f"  bare get_text('dict'): {bare:.2f} s  {pages / bare:.0f} pages/s")
    print(f"  clausemark parse:      {parse:.2f} s  {pages / parse:.0f} pages/s")
    print(f"  ratio parse/bare:      {ratio:.2f}x (target <= 1.3x)")
    what = f"{len(files)} bench resolutions ({pages:,} pages), best of {rounds}"
    record(f"parse throughput, {what}", f"{pages / parse:.0f} pages/s",
           baseline=f"bare pymupdf get_text('dict') {pages / bare:.0f} pages/s")
    record(f"ratio parse / bare get_text('dict') pass, {what}", f"{ratio:.2f}x",
           target="<= 1.3x")
