"""Cue phrases, remembered rejections and training data in the library."""
import pytest

from clausemark.core.errors import LibraryError, NotFoundError
from clausemark.core.library.changes import ThemesChanged
from clausemark.core.library.library import Library
from clausemark.core.suggest.suggestions import suggest_for_document
from tests.core.library_helpers import fake_pdf, library_with_document, sample_resolution


@pytest.fixture
def lib(tmp_path):
    with library_with_document(tmp_path / "lib.clausemark", author="ana") as lib:
        yield lib


def test_new_libraries_ship_default_themes_with_descriptions_and_cues(lib):
    children = lib.themes.get("children")
    assert "child" in children.cues and "under 18" in children.description
    assert all(t.cues for t in lib.themes.list())


def test_cues_are_cleaned_saved_and_written_to_the_history(lib):
    events = []
    lib.subscribe(events.append)
    theme = lib.suggestions.set_cues("remittances", [" money  transfer ", "", "Money transfer", "remit"])
    assert theme.cues == ("money transfer", "remit")
    assert lib.history(limit=1)[0].action == "theme_cues"
    assert events == [ThemesChanged(theme.id, "theme_cues")]
    with pytest.raises(LibraryError):
        lib.suggestions.set_cues("remittances", ["x" * 500])
    assert lib.themes.get("remittances").cues == ("money transfer", "remit")


def test_a_rejection_is_remembered_across_sessions_and_hides_the_suggestion(tmp_path):
    path = tmp_path / "lib.clausemark"
    with library_with_document(path) as lib:
        before = suggest_for_document(lib, "A/RES/78/217")
        assert "detention" in {s.theme for s in before["OP2(b)"]}
        assert lib.suggestions.reject("A/RES/78/217", "OP2(b)", "detention")
        assert not lib.suggestions.reject("A/RES/78/217", "OP2(b)", "detention")  # once
    with Library(path) as lib:
        after = suggest_for_document(lib, "A/RES/78/217")
        assert "detention" not in {s.theme for s in after.get("OP2(b)", [])}
        assert "children" in {s.theme for s in after["OP2(b)"]}
        assert lib.history(limit=1)[0].action == "suggestion_reject"
        assert lib.suggestions.unreject("A/RES/78/217", "OP2(b)", "detention")
        assert "detention" in {s.theme for s in suggest_for_document(lib, 1)["OP2(b)"]}


def test_tagged_themes_are_not_suggested_again(lib):
    lib.tags.add("A/RES/78/217", "OP2(b)", "detention")
    assert {s.theme for s in suggest_for_document(lib, 1)["OP2(b)"]} == {"children"}


def test_rejections_go_with_their_document(lib):
    lib.suggestions.reject("A/RES/78/217", "OP1", "remittances")
    lib.remove_document("A/RES/78/217")
    assert lib.suggestions.rejected() == set()


def test_rejecting_needs_a_real_paragraph_and_theme(lib):
    with pytest.raises(NotFoundError):
        lib.suggestions.reject("A/RES/78/217", "OP99", "detention")
    with pytest.raises(NotFoundError):
        lib.suggestions.reject("A/RES/78/217", "OP1", "no such theme")


def test_training_clauses_come_from_tagged_documents_only(lib):
    lib.add_resolution(sample_resolution(symbol="A/RES/79/1", extra=" now"), fake_pdf("2"))
    assert lib.suggestions.training_clauses() == []  # nothing tagged yet
    lib.tags.add("A/RES/78/217", "OP1", "remittances")
    lib.suggestions.reject("A/RES/78/217", "PP2", "children")
    clauses = lib.suggestions.training_clauses()
    assert {c.document_id for c in clauses} == {1}
    assert len(clauses) == 7  # every paragraph of the tagged document
    op1 = next(c for c in clauses if c.text.startswith("Calls upon all States to lower"))
    assert op1.tagged == {lib.themes.get("remittances").id}
    pp2 = next(c for c in clauses if c.text.startswith("Deeply concerned"))
    assert pp2.rejected == {lib.themes.get("children").id}
    assert lib.suggestions.training_clauses(exclude_document=1) == []
