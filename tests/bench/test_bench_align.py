"""Benchmarks (figures, not pass/fail timings): aligning the gold pairs and the largest
year-to-year pairs in bench/, and finding predecessors across the 200 bench/ resolutions.

    .venv/bin/python -m pytest -s tests/bench/test_bench_align.py
"""
import json
import platform
import statistics
import time
from pathlib import Path

from clausemark.core.compare.alignment import align
from clausemark.core.compare.predecessor import PredecessorIndex, predecessors
from clausemark.core.library.importer import import_all
from clausemark.core.library.library import Library
from clausemark.core.parse.parser import parse_pdf

GOLD = Path(__file__).parent.parent / "core" / "gold_align"
REPEATS = 30


def _timed(fn, repeats=REPEATS):
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), min(times), max(times)


def _with_diffs(old, new):
    result = align(old, new)
    for pair in result.pairs:
        pair.diff  # noqa: B018 (computed on first access)
    return result


def _report(name, old, new):
    sizes = f"{sum(1 for _ in old.walk())} -> {sum(1 for _ in new.walk())} paragraphs"
    med, low, high = _timed(lambda: align(old, new))
    dmed, _, _ = _timed(lambda: _with_diffs(old, new))
    print(f"  {name:<40} {sizes:<26} align median {med:5.1f} ms (min {low:.1f}, "
          f"max {high:.1f}); with every word diff {dmed:5.1f} ms")
    return med


def test_bench_align_gold_pairs(dev_dir):
    print(f"\nalignment ({platform.python_version()}, {platform.machine()}), "
          f"{REPEATS} runs each:")
    for gold_file in sorted(GOLD.glob("*.json")):
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        old, new = parse_pdf(dev_dir / gold["old"]), parse_pdf(dev_dir / gold["new"])
        _report(f"{gold['old_symbol']} -> {gold['new_symbol']}", old, new)


def test_bench_predecessors_and_largest_pairs(bench_dir, tmp_path):
    with Library(tmp_path / "bench.clausemark") as lib:
        import_all(lib, sorted(bench_dir.glob("*.pdf")))
        docs = lib.documents()
        start = time.perf_counter()
        first = predecessors(lib, docs[-1].id)
        cold = (time.perf_counter() - start) * 1000
        index = PredecessorIndex(lib)
        start = time.perf_counter()
        found = {d.id: index.candidates(d.id) for d in docs}
        total = time.perf_counter() - start
        with_one = [d for d in docs if found[d.id]]
        print(f"\npredecessors across {len(docs)} bench/ resolutions: one query on a fresh "
              f"index {cold:.0f} ms; all {len(docs)} queries {total * 1000:.0f} ms "
              f"({total * 1000 / len(docs):.1f} ms each, index reused); {len(with_one)} "
              "documents have a proposed predecessor")
        assert isinstance(first, list)
        # The five largest documents that have a predecessor: how long their alignment takes.
        sized = sorted(with_one, key=lambda d: -d.paragraph_count)[:5]
        print("largest pairs (newer document and its best predecessor):")
        for doc in sized:
            old_doc = found[doc.id][0].document
            old, new = lib.resolution(old_doc.id), lib.resolution(doc.id)
            med = _report(f"{old_doc.symbol} -> {doc.symbol}", old, new)
            assert med > 0
