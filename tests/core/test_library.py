"""Library basics on a real file: opening, pragmas, documents, paragraph tree, PDFs, atomicity."""
import hashlib
import sqlite3

import pytest

from clausemark.core.errors import ConflictError, LibraryError, NotFoundError
from clausemark.core.library.changes import NoteChanged, TagsChanged
from clausemark.core.library.library import Library
from clausemark.core.library.records import citation
from clausemark.core.parse.model import Paragraph, Resolution
from tests.core.library_helpers import fake_pdf, integrity_check, library_with_document, sample_resolution


@pytest.fixture
def lib(tmp_path):
    with library_with_document(tmp_path / "lib.clausemark") as lib:
        yield lib


def test_new_library_is_one_sqlite_file_with_wal_foreign_keys_and_busy_timeout(tmp_path):
    path = tmp_path / "sub" / "new.clausemark"
    with Library(path) as lib:
        assert path.is_file()
        assert lib.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert lib.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert lib.conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 1000
        assert integrity_check(lib) == "ok"
        assert {"documents", "document_files", "paragraphs", "footnotes", "themes", "tags",
                "history", "paragraphs_fts"} <= set(lib.db.table_names())


def test_default_path_comes_from_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("CLAUSEMARK_DB", str(tmp_path / "env.clausemark"))
    with Library() as lib:
        assert lib.path == tmp_path / "env.clausemark"
    assert (tmp_path / "env.clausemark").exists()


def test_open_missing_without_create_fails(tmp_path):
    with pytest.raises(LibraryError, match="no such library"):
        Library(tmp_path / "missing.clausemark", create=False)
    assert not (tmp_path / "missing.clausemark").exists()


def test_document_metadata_hash_pages_and_import_time(lib):
    [doc] = lib.documents()
    res = sample_resolution()
    assert (doc.symbol, doc.title, doc.adopted, doc.year, doc.pages) == \
        (res.symbol, res.title, "2023-12-19", 2023, 3)
    assert (doc.body, doc.session, doc.agenda_item, doc.meeting, doc.language) == \
        (res.body, res.session, res.agenda_item, res.meeting, res.language)
    assert doc.sha256 == hashlib.sha256(fake_pdf("78/217")).hexdigest()
    assert doc.size == len(fake_pdf("78/217"))
    assert doc.filename == "a_res_78_217.pdf"
    assert doc.imported[:4].isdigit() and "T" in doc.imported
    assert doc.paragraph_count == 7 and doc.tag_count == 0


def test_pdf_bytes_are_stored_in_the_file(tmp_path):
    path = tmp_path / "lib.clausemark"
    library_with_document(path).close()
    with Library(path) as again:
        assert again.pdf_bytes("A/RES/78/217") == fake_pdf("78/217")


def test_resolution_round_trips_tree_text_boxes_and_footnotes(lib):
    loaded = lib.resolution("A/RES/78/217")
    assert loaded.to_dict() == sample_resolution().to_dict()
    op2 = loaded.find("OP2")
    assert [c.id for c in op2.children] == ["OP2(a)", "OP2(b)"]
    assert loaded.find("OP2(a)").children[0].id == "OP2(a)(i)"
    assert loaded.find("PP2").boxes[1] == (2, 123.4, 73.5, 490.5, 100.0)


def test_paragraph_rows_keep_parent_position_and_json_columns(lib):
    rows = lib.conn.execute(
        "SELECT c.pid, p.pid, c.position FROM paragraphs c LEFT JOIN paragraphs p "
        "ON p.id = c.parent_id ORDER BY c.position").fetchall()
    assert rows == [("PP1", None, 0), ("PP2", None, 1), ("OP1", None, 2), ("OP2", None, 3),
                    ("OP2(a)", "OP2", 4), ("OP2(a)(i)", "OP2(a)", 5), ("OP2(b)", "OP2", 6)]


def test_same_pdf_twice_is_stored_once(lib):
    doc_id, created = lib.add_resolution(sample_resolution(title="other"), fake_pdf("78/217"))
    assert created is False and doc_id == lib.documents()[0].id
    assert len(lib.documents()) == 1
    assert lib.conn.execute("SELECT count(*) FROM paragraphs").fetchone()[0] == 7


def test_documents_are_listed_in_natural_symbol_order(tmp_path):
    with Library(tmp_path / "l.clausemark") as lib:
        for sym in ["A/RES/78/217", "A/RES/78/9", "A/RES/78/100", None]:
            lib.add_resolution(sample_resolution(symbol=sym), fake_pdf(str(sym)),
                               filename="x.pdf")
        assert [d.symbol for d in lib.documents()] == \
            ["A/RES/78/9", "A/RES/78/100", "A/RES/78/217", None]


def test_document_lookup_by_id_symbol_and_errors(lib):
    doc = lib.documents()[0]
    assert lib.document(doc.id).symbol == "A/RES/78/217"
    assert lib.document("a/res/78/217").id == doc.id
    with pytest.raises(NotFoundError):
        lib.document("A/RES/1/1")
    with pytest.raises(NotFoundError):
        lib.document(999)
    lib.add_resolution(sample_resolution(extra=" (reissued)"), fake_pdf("reissue"))
    with pytest.raises(ConflictError, match="2 documents"):
        lib.document("A/RES/78/217")


def test_duplicate_paragraph_ids_store_nothing(lib):
    bad = sample_resolution(symbol="A/RES/78/1")
    bad.paragraphs.append(Paragraph("PP1", "preambular", None, "PP 1", None, "again"))
    with pytest.raises(ConflictError, match="PP1"):
        lib.add_resolution(bad, fake_pdf("bad"))
    assert len(lib.documents()) == 1


def test_a_failure_inside_a_transaction_leaves_no_partial_write(lib):
    before = lib.conn.execute("SELECT count(*) FROM tags").fetchone()[0]
    with pytest.raises(NotFoundError), lib.transaction():
        lib.tags.add("A/RES/78/217", "PP1", "children")
        lib.tags.add("A/RES/78/217", "OP2(b)", "detention")
        lib.tags.add("A/RES/78/217", "OP99", "detention")  # fails: all three are rolled back
    assert lib.conn.execute("SELECT count(*) FROM tags").fetchone()[0] == before
    assert lib.history(action="tag") == []


def test_nested_transaction_rolls_back_only_the_inner_part(lib):
    with lib.transaction():
        lib.tags.add("A/RES/78/217", "PP1", "children")
        with pytest.raises(NotFoundError), lib.transaction():
            lib.tags.add("A/RES/78/217", "OP1", "remittances")
            lib.tags.add("A/RES/78/217", "nope", "remittances")
    assert [t.paragraph for t in lib.tags.list()] == ["PP1"]


def test_add_resolution_is_atomic_when_the_database_refuses_a_row(lib):
    lib.conn.execute("CREATE TRIGGER boom BEFORE INSERT ON footnotes BEGIN "
                     "SELECT RAISE(ABORT, 'disk said no'); END")
    with pytest.raises(sqlite3.DatabaseError):
        lib.add_resolution(sample_resolution(symbol="A/RES/78/2"), fake_pdf("2"))
    assert [d.symbol for d in lib.documents()] == ["A/RES/78/217"]
    assert lib.conn.execute("SELECT count(*) FROM paragraphs").fetchone()[0] == 7
    assert lib.conn.execute("SELECT count(*) FROM document_files").fetchone()[0] == 1


def test_remove_document_removes_paragraphs_tags_pdf_and_search_entries(lib):
    lib.tags.add("A/RES/78/217", "PP2", "children")
    lib.remove_document("A/RES/78/217")
    for table in ("documents", "document_files", "paragraphs", "footnotes", "tags"):
        assert lib.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0, table
    assert lib.search.paragraphs("migrants") == []
    assert lib.history(limit=1)[0].action == "document_remove"
    assert integrity_check(lib) == "ok"


def test_listeners_hear_of_changes_only_after_commit(lib):
    heard = []
    unsubscribe = lib.subscribe(heard.append)
    with pytest.raises(NotFoundError), lib.transaction():
        lib.tags.add("A/RES/78/217", "PP1", "children")
        assert heard == []  # not yet committed
        lib.tags.add("A/RES/78/217", "missing", "children")
    assert heard == []  # rolled back: nothing to hear
    tag = lib.tags.add("A/RES/78/217", "PP1", "children")
    assert heard == [TagsChanged(tag.document_id, "tag", tag.id)]
    lib.tags.set_note(tag.id, "n")
    assert heard[-1] == NoteChanged(tag.document_id, tag_id=tag.id)
    assert isinstance(heard[-1], TagsChanged)  # a note is a change to a tag
    unsubscribe()
    lib.themes.retire("children")
    assert len(heard) == 2


def test_backup_is_a_complete_library(lib, tmp_path):
    lib.tags.add("A/RES/78/217", "PP2", "children", note="n")
    copy = lib.make_backup(out=tmp_path / "copy.clausemark")
    with Library(copy) as other:
        assert [(t.citation, t.note) for t in other.tags.list()] == [("A/RES/78/217, PP 2", "n")]
        assert other.pdf_bytes("A/RES/78/217") == fake_pdf("78/217")


def test_two_connections_see_each_others_commits(tmp_path):
    path = tmp_path / "shared.clausemark"
    with library_with_document(path) as a, Library(path) as b:
        a.tags.add("A/RES/78/217", "OP1", "remittances")
        assert [t.theme for t in b.tags.list()] == ["remittances"]


def test_closed_library_says_so(tmp_path):
    lib = Library(tmp_path / "c.clausemark")
    lib.close()
    with pytest.raises(LibraryError, match="closed"):
        lib.documents()


def test_a_busy_library_gives_a_clean_error_and_changes_nothing(tmp_path, monkeypatch):
    import clausemark.core.library.schema
    path = tmp_path / "busy.clausemark"
    library_with_document(path).close()
    monkeypatch.setattr(clausemark.core.library.schema, "BUSY_TIMEOUT_MS", 100)
    with Library(path) as lib:
        lib.conn.execute("PRAGMA busy_timeout = 100")
        other = sqlite3.connect(path, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")  # another program holds the write lock
        try:
            with pytest.raises(LibraryError, match="busy"):
                lib.tags.add("A/RES/78/217", "PP1", "children")
        finally:
            other.execute("ROLLBACK")
            other.close()
        assert lib.tags.list() == []
        lib.tags.add("A/RES/78/217", "PP1", "children")  # and works once the lock is gone


def test_sections_and_tables_round_trip_with_citations_naming_the_section(tmp_path):
    table = Paragraph("II.OP2.T1", "table", None, "section II, OP 2, table 1", None,
                      "Member State | Percentage; Angola | 0.010", pages=[2],
                      rows=[["Member State", "Percentage"], ["Angola", "0.010"]])
    op2 = Paragraph("II.OP2", "operative", "2", "section II, OP 2", "Decides",
                    "Decides that the scale shall be as follows:", pages=[2], children=[table])
    section = Paragraph("II", "section", "II", "Section II", None, "Scale of assessments",
                        pages=[2], children=[op2])
    res = Resolution(symbol="A/RES/78/247", pages=2, paragraphs=[section])
    with Library(tmp_path / "t.clausemark") as lib:
        doc_id, _ = lib.add_resolution(res, fake_pdf("78/247"))
        back = lib.resolution(doc_id)
        assert back.to_dict() == res.to_dict()
        assert back.find("II.OP2.T1").rows == [["Member State", "Percentage"], ["Angola", "0.010"]]
        assert back.find("II.OP2").rows is None
        lib.tags.add(doc_id, "II.OP2", "children")
        assert [t.citation for t in lib.tags.list(document=doc_id)] == \
            ["A/RES/78/247, section II, OP 2"]
    assert back.citation(back.find("II.OP2")) == "A/RES/78/247, section II, OP 2"
    assert citation("A/RES/78/247", op2.label) == back.citation(op2)
    assert res.to_dict()["paragraphs"][0]["children"][0]["children"][0]["rows"][1] == \
        ["Angola", "0.010"]
