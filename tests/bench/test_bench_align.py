"""Benchmarks (figures, not pass/fail timings): aligning the gold pairs and the largest
year-to-year pairs in bench/, and finding predecessors across the 200 bench/ resolutions. Quick
mode (in the test run): 3 runs of each pair, 14 resolutions.

    packaging/dev.sh bench -k align
"""
import platform
import statistics
import time

from rapidfuzz import process
from rapidfuzz.distance import Indel

from clausemark.core.compare.alignment import WordCodes, align, comparable_words
from clausemark.core.compare.predecessor import PredecessorIndex, predecessors
from clausemark.core.library.importer import import_all
from clausemark.core.library.library import Library
from clausemark.core.parse.parser import parse_pdf
from tests.bench.figures import record
from tests.core.gold_pairs import gold_files, load

REPEATS = 30
# Quick mode: the first 12 bench resolutions and the later versions of two of them (A/RES/78/113 and
# 78/121), so that predecessors are found and the largest-pairs part runs too.
QUICK_LATER = ["A_RES_79_127.pdf", "A_RES_79_141.pdf"]


def _timed(fn, repeats):
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


def _report(name, old, new, repeats):
    sizes = f"{_size(old)} -> {_size(new)} paragraphs"
    med, low, high = _timed(lambda: align(old, new), repeats)
    dmed, _, _ = _timed(lambda: _with_diffs(old, new), repeats)
    print(f"  {name:<40} {sizes:<26} align median {med:5.1f} ms (min {low:.1f}, "
          f"max {high:.1f}); with every word diff {dmed:5.1f} ms")
    return med, dmed, sizes


def _all_pairs_scoring(old, new):
    """Same-run baseline: scoring every new paragraph against every old one, word by word, as
    the aligner would with no identical paragraph to pair first (the bulk of its work)."""
    codes = WordCodes()
    olds = [codes.encode(comparable_words(p.text or "")) for p in old.walk()]
    for p in new.walk():
        process.extract(codes.encode(comparable_words(p.text or "")), olds,
                        scorer=Indel.normalized_similarity, limit=None, score_cutoff=0.3)


def test_bench_align_gold_pairs(bench, dev_dir):
    repeats = bench.pick(REPEATS, 3)
    print(f"\nalignment ({platform.python_version()}, {platform.machine()}), "
          f"{repeats} runs each:")
    pairs = [load(gold_file) for gold_file in gold_files()]
    for pair in pairs:
        med, dmed, sizes = _report(pair.name, pair.old, pair.new, repeats)
        record(f"align {pair.name} ({sizes}), median of {repeats}", f"{med:.1f} ms",
               target="well under 100 ms", baseline=None)
        record(f"align {pair.name} with every word diff, median of {repeats}", f"{dmed:.1f} ms")
    # The headline: the gold pair nearest 150 paragraphs a version (a heavily edited one, so
    # that the word-by-word scoring, not the pairing of identical text, does most of the work).
    pair = min(pairs, key=lambda p: abs(max(_size(p.old), _size(p.new)) - 150))
    med, low, _ = _timed(lambda: align(pair.old, pair.new), repeats)
    base, _, _ = _timed(lambda: _all_pairs_scoring(pair.old, pair.new), repeats)
    assert align(pair.old, pair.new).pairs
    record(f"align a 150-paragraph pair: {pair.name} ({_size(pair.old)} -> {_size(pair.new)} "
           f"paragraphs), median of {repeats}", f"{med:.1f} ms (min {low:.1f})",
           target="< 100 ms", baseline=f"scoring every paragraph pair alone {base:.1f} ms")


def _size(resolution) -> int:
    return sum(1 for _ in resolution.walk())


def test_bench_predecessors_and_largest_pairs(bench, bench_dir, tmp_path):
    repeats = bench.pick(REPEATS, 3)
    with Library(tmp_path / "bench.clausemark") as lib:
        files = bench.files(bench_dir, quick=12)
        if bench.quick:
            files += [bench_dir / name for name in QUICK_LATER]
        import_all(lib, files)
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
        assert isinstance(first, list) and with_one
        record(f"predecessors across {len(docs)} bench resolutions",
               f"{cold:.0f} ms for the first query (index built), "
               f"{total * 1000 / len(docs):.1f} ms per query after")
        # The five largest documents that have a predecessor: how long their alignment takes.
        sized = sorted(with_one, key=lambda d: -d.paragraph_count)[:bench.pick(5, 2)]
        print("largest pairs (newer document and its best predecessor):")
        slowest = None
        for doc in sized:
            old_doc = found[doc.id][0].document
            old, new = lib.resolution(old_doc.id), lib.resolution(doc.id)
            name = f"{old_doc.symbol} -> {doc.symbol}"
            med, _, sizes = _report(name, old, new, repeats)
            assert med > 0
            if slowest is None or med > slowest[0]:
                slowest = (med, name, sizes)
        if slowest:
            record(f"align the slowest of the {len(sized)} largest bench pairs, {slowest[1]} "
                   f"({slowest[2]}), median of {repeats}", f"{slowest[0]:.1f} ms")


def test_bench_comparison_brief(bench, dev_dir, tmp_path):
    """Writing the Word comparison brief of last session's rights of the child resolution and
    this session's (every word diff included)."""
    import docx

    from clausemark.core.reports.compare_brief import write_compare_brief
    old = parse_pdf(dev_dir / "mp_A_RES_78_187-EN.pdf")
    new = parse_pdf(dev_dir / "mp_A_RES_80_190-EN.pdf")
    repeats = bench.pick(10, 2)
    out = tmp_path / "brief.docx"
    med, _, _ = _timed(lambda: write_compare_brief(align(old, new), out), repeats)
    assert "Summary of changes" in [p.text for p in docx.Document(str(out)).paragraphs]
    record(f"comparison brief A/RES/78/187 -> A/RES/80/190 (align and write .docx), median of "
           f"{repeats}", f"{med:.0f} ms")
