"""Agreed language and references: what the index adds to import time (200 bench resolutions,
imported with and without it, and the time spent indexing inside the writer), and precedents
lookup latency on a library of 5,000 documents (~270,000 paragraphs: the bench documents
re-inserted with varied symbols, as test_bench_import.py does for search), whose index is built
the way a library from before the index gets it (on first use).

    .venv/bin/python -m pytest -s --bench=full tests/bench/test_bench_language.py
    (packaging/dev.sh bench -k language; quick mode, the default, only proves it still works)

Figures are recorded (tests/bench/figures.py), never asserted."""
import os
import random
import statistics
import time

import pytest

import clausemark.core.library.library as library_module
from clausemark.core.library import Library, import_all
from tests.bench.figures import record
from tests.bench.test_bench_import import percentile, scale_up


@pytest.fixture(scope="module")
def sizes(bench, bench_dir):
    return {"files": bench.files(bench_dir, quick=8), "copies": bench.pick(25, 2),
            "lookups": bench.pick(200, 20)}


def _import(files, path, with_index: bool):
    original = library_module.index_document
    spent = [0.0]

    def timed(store, doc_id):
        start = time.perf_counter()
        original(store, doc_id)
        spent[0] += time.perf_counter() - start

    library_module.index_document = timed if with_index else (lambda store, doc_id: None)
    try:
        with Library(path, author="bench") as lib:
            start = time.perf_counter()
            summary = import_all(lib, files, workers=os.cpu_count() or 1)
            wall = time.perf_counter() - start
    finally:
        library_module.index_document = original
    return summary, wall, spent[0]


@pytest.fixture(scope="module")
def indexed_library(sizes, tmp_path_factory):
    folder = tmp_path_factory.mktemp("language")
    files = sizes["files"]
    # alternate the order of the two runs' first file so neither always warms the disk cache
    without, wall_without, _ = _import(files, folder / "without.clausemark", with_index=False)
    summary, wall_with, spent = _import(files, folder / "with.clausemark", with_index=True)
    assert len(summary.imported) == len(without.imported) >= len(files) - 5
    pages = summary.pages
    record(f"import {len(files)} bench resolutions ({pages} pages), end to end, with the "
           "agreed-language and references index",
           f"{wall_with:.1f} s = {100 * (wall_with - wall_without) / wall_without:+.0f}% "
           f"(index_document inside the writer, concurrent with parsing: {spent:.2f} s)",
           target="index adds <= 10%", baseline=f"same import without the index {wall_without:.1f} s")
    return folder / "with.clausemark"


def _lookups(lib, n, seed=3):
    rows = lib.conn.execute("SELECT d.symbol, p.pid FROM paragraphs p JOIN documents d "
                            "ON d.id = p.document_id WHERE p.kind IN ('preambular', 'operative', "
                            "'subparagraph') AND length(p.text) > 40").fetchall()
    sample = random.Random(seed).sample(rows, min(n, len(rows)))
    times, found = [], 0
    for symbol, pid in sample:
        start = time.perf_counter()
        result = lib.precedents.of_paragraph(symbol, pid, limit=50)
        times.append((time.perf_counter() - start) * 1000)
        found += result.total
        assert sum(p.first for p in result.precedents) == 1
    return times, found / len(sample)


def test_precedents_lookup_on_5000_documents(indexed_library, sizes, tmp_path):
    path = tmp_path / "scaled.clausemark"
    with Library(indexed_library) as small:
        small.make_backup(out=path)
        times, per = _lookups(small, sizes["lookups"])
        n_small = small.conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    record(f"precedents lookup, {n_small} documents, {len(times)} paragraphs",
           f"median {statistics.median(times):.1f} ms, p95 {percentile(times, 0.95):.1f} ms, "
           f"max {max(times):.0f} ms ({per:.1f} matches per paragraph)")
    with Library(path, author="bench") as big:
        start = time.perf_counter()
        scale_up(big, sizes["copies"])  # copies keep their text; new symbols and hashes
        copy_time = time.perf_counter() - start
        missing = big.precedents.missing()
        start = time.perf_counter()
        big.precedents.ensure_index()
        index_time = time.perf_counter() - start
        n_docs = big.conn.execute("SELECT count(*) FROM documents").fetchone()[0]
        n_pars = big.conn.execute("SELECT count(*) FROM paragraphs").fetchone()[0]
        big.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    print(f"\n== scaled library: {n_docs} documents, {n_pars} paragraphs (copied in "
          f"{copy_time:.1f} s)")
    record(f"index built on first use for {missing} documents of a library from before the index",
           f"{index_time:.1f} s ({1000 * index_time / max(missing, 1):.1f} ms per document)")
    with Library(path, author="bench") as big:
        times, per = _lookups(big, sizes["lookups"])
        phrases = ["the right to development", "in accordance with their respective mandates",
                   "measure of last resort", "remain seized of the matter",
                   "Calls upon all States"]
        phrase_times = []
        for phrase in phrases:
            start = time.perf_counter()
            big.precedents.of_text(phrase)
            phrase_times.append((time.perf_counter() - start) * 1000)
    assert per >= sizes["copies"]  # every paragraph has at least its copies as precedents
    record(f"precedents lookup, {n_docs} documents ({n_pars} paragraphs), {len(times)} paragraphs",
           f"median {statistics.median(times):.1f} ms, p95 {percentile(times, 0.95):.1f} ms, "
           f"max {max(times):.0f} ms ({per:.0f} matches per paragraph)", target="p95 < 150 ms")
    record(f"phrase lookup, {n_docs} documents, {len(phrases)} common phrases",
           f"median {statistics.median(phrase_times):.0f} ms, max {max(phrase_times):.0f} ms")
