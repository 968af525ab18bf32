"""Import with the real parser on real UN PDFs: folders, duplicates, failures with reasons,
progress, cancelling, and parsing in a process pool with this process as the only writer."""
import hashlib
import os
import shutil
import threading

import pytest

from clausemark.core.library.importer import (
    FAILED,
    IMPORTED,
    PARSER_NICENESS,
    find_pdfs,
    import_all,
    import_files,
    make_pool,
)
from clausemark.core.library.library import Library
from clausemark.core.parse.parser import parse_pdf
from tests.core.library_helpers import integrity_check

SCAN = "unsu_A_RES_2758_XXVI_1971-RU.pdf"  # image-only: the parser must refuse it


def table_digest(lib) -> dict:
    """A fingerprint of every table's rows, to show that nothing changed."""
    out = {}
    for table in ("documents", "document_files", "paragraphs", "footnotes", "themes", "tags",
                  "history"):
        digest = hashlib.sha256()
        for row in lib.conn.execute(f"SELECT * FROM {table} ORDER BY rowid"):
            digest.update(repr(row).encode())
        out[table] = digest.hexdigest()
    return out


@pytest.fixture(scope="module")
def dev_library(dev_dir, tmp_path_factory):
    """The whole dev corpus imported once with a pool of 2 workers."""
    path = tmp_path_factory.mktemp("dev") / "dev.clausemark"
    with Library(path, author="importer") as lib:
        events = list(import_files(lib, [dev_dir], workers=2))
    return path, events


def test_folder_import_with_a_pool_stores_every_readable_resolution(dev_library, dev_dir):
    path, events = dev_library
    summary = events[-1].summary
    pdfs = sorted(dev_dir.glob("*.pdf"))
    assert len(summary.imported) == len(pdfs) - 1
    assert [(p.name, reason) for p, reason in summary.failed] == [
        (SCAN, summary.failed[0][1])]
    assert "text" in summary.failed[0][1].lower() or "scan" in summary.failed[0][1].lower()
    with Library(path) as lib:
        docs = lib.documents()
        assert len(docs) == len(pdfs) - 1
        assert sum(d.pages for d in docs) == summary.pages > 0
        assert all(d.paragraph_count > 0 for d in docs)
        assert integrity_check(lib) == "ok"


@pytest.mark.parametrize("name", ["mp_A_RES_78_187-EN.pdf", "gate_A_RES_73_3-EN.pdf",
                                  "aiun_A_HRC_RES_59_25-EN.pdf", "mp_A_RES_80_9-EN.pdf"])
def test_stored_document_equals_what_the_parser_gives(dev_library, dev_dir, name):
    path, _ = dev_library
    data = (dev_dir / name).read_bytes()
    parsed = parse_pdf(str(dev_dir / name), data)
    with Library(path) as lib:
        doc_id = lib.document_id_for_sha(hashlib.sha256(data).hexdigest())
        assert lib.resolution(doc_id).to_dict() == parsed.to_dict()
        assert lib.pdf_bytes(doc_id) == data
        info = lib.document(doc_id)
        assert (info.filename, info.pages, info.symbol) == (name, parsed.pages, parsed.symbol)


def test_progress_events_count_up_to_the_total(dev_library):
    _, events = dev_library
    assert events[0].kind == "start" and events[-1].kind == "done"
    files = [e for e in events if e.kind == "file"]
    total = events[0].total
    assert [e.done for e in files] == list(range(1, total + 1))
    assert all(e.total == total for e in files)
    assert {e.status for e in files} == {IMPORTED, FAILED}
    assert all(e.symbol and e.pages > 0 and e.document_id for e in files
               if e.status == IMPORTED)


def test_reimporting_changes_nothing(dev_library, dev_dir, tmp_path):
    path, _ = dev_library
    copy = tmp_path / "copy.clausemark"
    with Library(path) as lib:
        lib.make_backup(out=copy)
    with Library(copy) as lib:
        before = table_digest(lib)
        summary = import_all(lib, [dev_dir], workers=2)
        assert len(summary.present) == len(lib.documents()) and not summary.imported
        assert [p.name for p, _ in summary.failed] == [SCAN]
        assert table_digest(lib) == before


def test_duplicates_within_one_batch_and_renamed_copies(dev_dir, tmp_path):
    src = dev_dir / "mp_A_RES_78_186-EN.pdf"
    shutil.copy(src, tmp_path / "one.pdf")
    shutil.copy(src, tmp_path / "same content other name.PDF")
    with Library(tmp_path / "l.clausemark") as lib:
        summary = import_all(lib, [tmp_path / "one.pdf", tmp_path], workers=1)
        assert [p.name for p in summary.imported] == ["one.pdf"]
        assert [p.name for p in summary.present] == ["same content other name.PDF"]
        assert len(lib.documents()) == 1


def test_failures_are_reported_with_reasons_and_the_rest_is_imported(dev_dir, tmp_path):
    (tmp_path / "notes.pdf").write_text("these are meeting notes, not a PDF")
    (tmp_path / "empty.pdf").write_bytes(b"")
    shutil.copy(dev_dir / "mp_A_RES_78_186-EN.pdf", tmp_path / "good.pdf")
    shutil.copy(dev_dir / SCAN, tmp_path / "scan.pdf")
    with Library(tmp_path / "l.clausemark") as lib:
        events = list(import_files(lib, [tmp_path, tmp_path / "missing.pdf"], workers=1))
        summary = events[-1].summary
        assert [p.name for p in summary.imported] == ["good.pdf"]
        reasons = {p.name: r for p, r in summary.failed}
        assert set(reasons) == {"notes.pdf", "empty.pdf", "scan.pdf", "missing.pdf"}
        assert all(r and "\n" not in r for r in reasons.values())
        assert "no such file" in reasons["missing.pdf"]
        assert [d.filename for d in lib.documents()] == ["good.pdf"]
        assert not summary.ok


def test_pool_and_in_process_import_store_the_same(dev_dir, tmp_path):
    names = ["mp_A_RES_79_124-EN.pdf", "gate_A_RES_73_8-EN.pdf", "aiun_S_RES_2768_2025-EN.pdf",
             "mp_A_RES_78_186-EN.pdf"]
    files = [dev_dir / n for n in names]
    results = []
    for workers in (1, 2):
        with Library(tmp_path / f"w{workers}.clausemark") as lib:
            summary = import_all(lib, files, workers=workers)
            assert len(summary.imported) == 4
            results.append({d.sha256: lib.resolution(d.id).to_dict() for d in lib.documents()})
    assert results[0] == results[1]


def test_cancel_stops_and_keeps_what_was_written(dev_dir, tmp_path):
    cancel = threading.Event()
    path = tmp_path / "l.clausemark"
    with Library(path) as lib:
        events = []
        for event in import_files(lib, [dev_dir], workers=2, cancel=cancel):
            events.append(event)
            if event.kind == "file" and event.status == IMPORTED:
                cancel.set()
        summary = events[-1].summary
        assert summary.cancelled and not summary.ok
        assert 1 <= len(summary.imported) < 25
        assert len(lib.documents()) == len(summary.imported)
        assert integrity_check(lib) == "ok"
        rest = import_all(lib, [dev_dir], workers=2)  # a second run completes the library
        assert len(rest.present) == len(summary.imported)
        assert len(lib.documents()) == 25


def test_closing_the_generator_early_leaves_a_sound_library(dev_dir, tmp_path):
    with Library(tmp_path / "l.clausemark") as lib:
        gen = import_files(lib, [dev_dir], workers=2)
        for event in gen:
            if event.kind == "file" and event.done >= 3:
                break
        gen.close()
        assert 1 <= len(lib.documents()) <= 3
        assert integrity_check(lib) == "ok"


def test_find_pdfs_searches_folders_recursively_and_reports_bad_paths(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "x.pdf").write_bytes(b"%PDF")
    (tmp_path / "a" / "y.PDF").write_bytes(b"%PDF")
    (tmp_path / "a" / "readme.txt").write_text("-")
    (tmp_path / "empty").mkdir()
    files, problems = find_pdfs([tmp_path / "a", tmp_path / "a" / "y.PDF", tmp_path / "empty",
                                 tmp_path / "nope"])
    assert [f.name for f in files] == ["x.pdf", "y.PDF"]
    assert [(p.name, r) for p, r in problems] == [("empty", "folder contains no PDF files"),
                                                  ("nope", "no such file or folder")]


@pytest.mark.skipif(not hasattr(os, "nice"), reason="no process priorities on this system")
def test_parser_processes_run_below_the_app(tmp_path):
    """Parsing yields the cores to the app: a parser process is PARSER_NICENESS nicer."""
    with make_pool(1) as pool:
        theirs = pool.submit(os.nice, 0).result(timeout=60)
    assert theirs == min(os.nice(0) + PARSER_NICENESS, 19)
