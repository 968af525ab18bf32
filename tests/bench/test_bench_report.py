"""Benchmark (figures, not pass/fail timings): theme reports over 10,000 tags on the 200 bench/
resolutions. Targets: CSV under 1 s, Word under 15 s (with pages, footnotes and the changes since
earlier versions read from the library), Excel under 3 s. Quick mode (in the test run): 10
resolutions, 300 tags.

    packaging/dev.sh bench -k report
"""
import os
import platform
import random
import statistics
import time

import docx
import pytest

from clausemark.core.library.importer import import_all
from clausemark.core.library.library import Library
from clausemark.core.reports.csv_report import write_csv
from clausemark.core.reports.docx_report import write_docx
from clausemark.core.reports.select import Selection, select
from clausemark.core.reports.xlsx_report import write_xlsx
from tests.bench.figures import record

TAGS = 10_000
THEMES = ["children", "detention", "remittances", "consular rights"]
NOTES = ["Strongest language so far; quote it.", "Compare with last year's text.",
         "=check with legal", "Weaker than the draft."]


@pytest.fixture(scope="module")
def tags(bench):
    return bench.pick(TAGS, 300)


@pytest.fixture(scope="module")
def tagged(bench, tags, bench_dir, tmp_path_factory):
    """200 bench resolutions, 10,000 tags on random (paragraph, theme) pairs, every third with
    a note; some paragraphs carry several themes (for the co-occurrence matrix)."""
    files = bench.files(bench_dir, quick=10)
    path = tmp_path_factory.mktemp("report") / "report.clausemark"
    lib = Library(path, author="bench")
    start = time.perf_counter()
    import_all(lib, files, workers=os.cpu_count() or 1)
    imported = time.perf_counter() - start
    rows = lib.conn.execute("SELECT document_id, pid FROM paragraphs").fetchall()
    rng = random.Random(5)
    pairs = rng.sample([(d, p, t) for d, p in rows for t in THEMES], tags)
    start = time.perf_counter()
    with lib.transaction():
        for i, (doc_id, pid, theme) in enumerate(pairs):
            lib.tags.add(doc_id, pid, theme, note=NOTES[i % 4] if i % 3 == 0 else "")
    print(f"\n== machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}; library: {len(files)} documents "
          f"({len(rows)} paragraphs) imported in {imported:.1f} s, {tags} tags in "
          f"{time.perf_counter() - start:.1f} s")
    yield lib
    lib.close()


def _timed(fn, repeats):
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def test_csv_reports_10000_tags(bench, tags, tagged, tmp_path):
    lib = tagged
    out = tmp_path / "tags.csv"
    n = bench.pick(3, 1)
    selecting, data = _timed(lambda: select(lib, Selection()), n)
    assert len(data.rows) == tags
    writing, _ = _timed(lambda: write_csv(data, out), n)
    total, _ = _timed(lambda: write_csv(select(lib, Selection()), out), n)
    size = out.stat().st_size / 1e6
    print(f"== CSV, {tags} tags: select {selecting:.3f} s + write {writing:.3f} s; end to end "
          f"{total:.3f} s (median of {n}; target < 1 s); {size:.1f} MB")
    matrices = {}
    for matrix in ("counts", "cooccurrence"):
        took, _ = _timed(lambda m=matrix: write_csv(select(lib, Selection()), tmp_path / "m.csv",
                                                    m), n)
        matrices[matrix] = took
        print(f"== CSV {matrix} matrix from {tags} tags: {took:.3f} s end to end (median of {n})")
    with open(out, encoding="utf-8-sig") as f:
        assert sum(1 for _ in f) > tags  # header + rows (+ notes with line breaks: none here)
    record(f"CSV report, {tags:,} tags ({len(data.documents)} documents), median of {n}",
           f"{total:.2f} s end to end; counts matrix {matrices['counts']:.2f} s, co-occurrence "
           f"{matrices['cooccurrence']:.2f} s", target="< 1 s")


def test_word_brief_10000_tags(tags, tagged, tmp_path):
    lib = tagged
    out = tmp_path / "brief.docx"
    start = time.perf_counter()
    data = select(lib, Selection())
    selected = time.perf_counter()
    write_docx(data, out, library=lib, matrices=("counts", "cooccurrence"))
    done = time.perf_counter()
    record(f"Word brief, {tags:,} tags ({data.clause_count:,} clauses, {len(data.documents)} "
           "documents), with pages, footnotes and both matrices", f"{done - start:.1f} s end to end",
           target="< 15 s")
    print(f"== Word brief, {tags} tags ({data.clause_count} clauses, {len(data.documents)} "
          f"documents): {done - start:.2f} s end to end (select {selected - start:.2f} s, "
          f"write {done - selected:.2f} s; target < 15 s); {out.stat().st_size / 1e6:.1f} MB")
    doc = docx.Document(str(out))
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert headings == ["Summary", "Overview"] + [t[:1].upper() + t[1:] for t in THEMES] + \
        ["Matrices"]


def test_excel_workbook_10000_tags(bench, tags, tagged, tmp_path):
    lib = tagged
    out = tmp_path / "tags.xlsx"
    n = bench.pick(3, 1)
    total, _ = _timed(lambda: write_xlsx(select(lib, Selection()), out), n)
    print(f"== Excel workbook, {tags} tags: {total:.2f} s end to end (median of {n}; target < 3 s); "
          f"{out.stat().st_size / 1e6:.1f} MB")
    record(f"Excel workbook, {tags:,} tags (Tags, Counts, Co-occurrence, About), median of {n}",
           f"{total:.2f} s end to end", target="< 3 s")


def test_word_brief_with_version_changes_50_documents(tagged, tmp_path):
    """Up to details.MAX_COMPARED_DOCUMENTS, each document is aligned with its earlier version
    for the overview: the slowest brief a delegation would ask for. The 50 latest documents
    (the 80th session), most of which have an earlier version in the library."""
    lib = tagged
    docs = tuple(d.id for d in lib.documents()[-50:])
    out = tmp_path / "brief50.docx"
    start = time.perf_counter()
    data = select(lib, Selection(documents=docs))
    write_docx(data, out, library=lib)
    took = time.perf_counter() - start
    doc = docx.Document(str(out))
    changes = sum(1 for p in doc.paragraphs if "against its earlier version" in p.text)
    print(f"== Word brief, {len(docs)} documents ({len(data.rows)} tags) with changes since "
          f"earlier versions ({changes} theme-document lines): {took:.2f} s end to end")
    record(f"Word brief, the {len(docs)} latest documents ({len(data.rows):,} tags), each compared "
           f"with its earlier version ({changes} theme-document lines)", f"{took:.1f} s end to end")
