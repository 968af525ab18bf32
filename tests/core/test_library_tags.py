"""Tags: paragraph, theme, note, author, times, optional span with quote; filters; history."""
import json

import pytest

from clausemark.core.errors import ConflictError, LibraryError, NotFoundError
from clausemark.core.library.library import Library
from clausemark.core.library.paths import save_settings
from tests.core.library_helpers import fake_pdf, library_with_document, sample_resolution


@pytest.fixture
def lib(tmp_path):
    with library_with_document(tmp_path / "lib.clausemark", author="ana") as lib:
        yield lib


def test_tag_records_paragraph_theme_note_author_and_times(lib):
    tag = lib.tags.add("A/RES/78/217", "OP2(a)", "consular rights", note="Art. 36 VCCR")
    assert (tag.symbol, tag.paragraph, tag.label, tag.theme, tag.note, tag.author) == \
        ("A/RES/78/217", "OP2(a)", "OP 2 (a)", "consular rights", "Art. 36 VCCR", "ana")
    assert tag.citation == "A/RES/78/217, OP 2 (a)"
    assert tag.created == tag.modified and tag.span is None and tag.quote is None
    assert lib.document("A/RES/78/217").tag_count == 1


def test_paragraph_ids_are_forgiving_about_spaces(lib):
    assert lib.tags.add("A/RES/78/217", "OP 2 (a)", "detention").paragraph == "OP2(a)"
    with pytest.raises(NotFoundError, match="OP9"):
        lib.tags.add("A/RES/78/217", "OP9", "detention")


def test_same_theme_twice_on_a_paragraph_is_refused(lib):
    lib.tags.add("A/RES/78/217", "PP2", "children")
    with pytest.raises(ConflictError, match="already"):
        lib.tags.add("A/RES/78/217", "PP2", "children")
    lib.tags.add("A/RES/78/217", "PP2", "detention")  # another theme is fine
    assert len(lib.tags.list(document="A/RES/78/217", paragraph="PP2")) == 2


def test_span_tags_keep_the_quoted_text(lib):
    text = lib.resolution("A/RES/78/217").find("PP2").text
    start = text.index("detention")
    tag = lib.tags.add("A/RES/78/217", "PP2", "detention", span=(start, start + 9))
    assert tag.quote == "detention" and tag.span == (start, start + 9)
    # the same theme on another span, and on the whole paragraph, are separate tags
    lib.tags.add("A/RES/78/217", "PP2", "detention", span=(0, 6))
    lib.tags.add("A/RES/78/217", "PP2", "detention")
    with pytest.raises(ConflictError):
        lib.tags.add("A/RES/78/217", "PP2", "detention", span=(start, start + 9))
    assert lib.tags.find("A/RES/78/217", "PP2", "detention", (0, 6)).quote == text[:6]
    assert lib.tags.find("A/RES/78/217", "PP2", "detention").span is None


@pytest.mark.parametrize("span", [(-1, 3), (5, 5), (10, 2), (0, 10_000)])
def test_spans_outside_the_text_are_refused(lib, span):
    with pytest.raises(LibraryError, match="span"):
        lib.tags.add("A/RES/78/217", "PP2", "detention", span=span)
    assert lib.tags.list() == []


def test_untag_and_set_note(lib):
    tag = lib.tags.add("A/RES/78/217", "OP1", "remittances")
    changed = lib.tags.set_note(tag.id, "cost target 3%")
    assert changed.note == "cost target 3%" and changed.modified >= changed.created
    removed = lib.tags.remove(tag.id)
    assert removed.note == "cost target 3%"
    assert lib.tags.list() == []
    with pytest.raises(NotFoundError):
        lib.tags.remove(tag.id)


def test_restore_tag_puts_back_the_same_tag(lib):
    tag = lib.tags.add("A/RES/78/217", "OP1", "remittances", note="n")
    removed = lib.tags.remove(tag.id)
    assert lib.tags.restore(removed) == tag


def test_tags_filters_by_theme_with_subthemes_document_and_author(lib):
    lib.add_resolution(sample_resolution(symbol="A/RES/79/1", adopted="2024-10-01"),
                       fake_pdf("79/1"))
    lib.themes.add("unaccompanied", parent="children")
    lib.tags.add("A/RES/78/217", "PP2", "children")
    lib.tags.add("A/RES/78/217", "OP2(b)", "unaccompanied")
    lib.author = "ben"
    lib.tags.add("A/RES/79/1", "OP2(b)", "detention")
    lib.tags.add("A/RES/79/1", "PP1", "children")
    assert [t.citation for t in lib.tags.list(theme="children")] == [
        "A/RES/78/217, PP 2", "A/RES/78/217, OP 2 (b)", "A/RES/79/1, PP 1"]
    assert [t.citation for t in lib.tags.list(theme="children", include_subthemes=False)] == [
        "A/RES/78/217, PP 2", "A/RES/79/1, PP 1"]
    assert [t.theme for t in lib.tags.list(document="A/RES/79/1")] == ["children", "detention"]
    assert [t.author for t in lib.tags.list(author="ben")] == ["ben", "ben"]
    assert len(lib.tags.list()) == 4


def test_author_defaults_to_the_setting_then_the_os_user(tmp_path, monkeypatch):
    settings = tmp_path / "settings.json"
    monkeypatch.setenv("CLAUSEMARK_SETTINGS", str(settings))
    monkeypatch.setenv("USER", "osuser")
    monkeypatch.setenv("LOGNAME", "osuser")
    library_with_document(tmp_path / "l.clausemark").close()
    with Library(tmp_path / "l.clausemark") as lib:
        assert lib.tags.add("A/RES/78/217", "PP1", "children").author == "osuser"
    save_settings({"analyst": "Maria Silva"})
    with Library(tmp_path / "l.clausemark") as lib:
        assert lib.tags.add("A/RES/78/217", "PP2", "children").author == "Maria Silva"
        assert lib.history(limit=1)[0].author == "Maria Silva"


def test_every_tag_change_is_in_the_history_with_who_and_when(lib):
    tag = lib.tags.add("A/RES/78/217", "OP2(a)", "consular rights")
    lib.author = "ben"
    lib.tags.set_note(tag.id, "check")
    lib.tags.remove(tag.id)
    entries = lib.history(limit=3)
    assert [(e.action, e.author) for e in entries] == [("untag", "ben"), ("note", "ben"),
                                                       ("tag", "ana")]
    assert entries[2].summary == "A/RES/78/217, OP 2 (a): tagged consular rights"
    assert entries[1].details == {"tag": tag.id, "old": "", "new": "check"}
    assert all(e.at[:4].isdigit() for e in entries)
    raw = lib.conn.execute("SELECT details FROM history ORDER BY id DESC LIMIT 1").fetchone()[0]
    assert json.loads(raw)["paragraph"] == "OP2(a)"  # plain JSON, readable by other tools


def test_tags_survive_reopening(tmp_path):
    path = tmp_path / "l.clausemark"
    with library_with_document(path) as lib:
        lib.tags.add("A/RES/78/217", "OP2(a)(i)", "consular rights", note="notification")
    with Library(path) as lib:
        [tag] = lib.tags.list()
        assert (tag.citation, tag.note) == ("A/RES/78/217, OP 2 (a) (i)", "notification")


def test_restoring_over_a_newer_identical_tag_is_a_conflict(lib):
    removed = lib.tags.remove(lib.tags.add("A/RES/78/217", "OP1", "remittances").id)
    lib.tags.add("A/RES/78/217", "OP1", "remittances", note="made again")
    with pytest.raises(ConflictError, match="already tagged"):
        lib.tags.restore(removed)
    assert [t.note for t in lib.tags.list()] == ["made again"]


def test_tags_carry_paragraph_kind_and_text_for_reports(lib):
    tag = lib.tags.add("A/RES/78/217", "OP2(b)", "detention")
    assert (tag.kind, tag.text) == ("subparagraph", "To end the immigration detention of children")
