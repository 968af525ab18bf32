"""Undo/redo of tagging, untagging, notes and theme edits, checked in the database file."""
import sqlite3

import pytest

from clausemark.core.errors import LibraryError, NotFoundError
from clausemark.core.library.library import Library
from clausemark.core.library.undo import (
    AddThemeCommand,
    CommandGroup,
    MoveThemeCommand,
    RecolourThemeCommand,
    RenameThemeCommand,
    RetireThemeCommand,
    SetNoteCommand,
    TagCommand,
    ThemeEditCommand,
    UndoStack,
    UntagCommand,
)
from tests.core.library_helpers import library_with_document

DOC = "A/RES/78/217"


@pytest.fixture
def lib(tmp_path):
    with library_with_document(tmp_path / "lib.clausemark", author="ana") as lib:
        yield lib


@pytest.fixture
def stack(lib):
    return UndoStack(lib)


def on_disk(lib):
    """What another program reading the file sees: (paragraph, theme, note) per tag."""
    conn = sqlite3.connect(lib.path)
    rows = conn.execute("SELECT p.pid, th.name, t.note FROM tags t JOIN paragraphs p "
                        "ON p.id = t.paragraph_id JOIN themes th ON th.id = t.theme_id "
                        "ORDER BY p.position, th.name").fetchall()
    conn.close()
    return rows


def test_tag_undo_redo(lib, stack):
    stack.push(TagCommand(DOC, "OP2(b)", "detention", note="n"))
    assert on_disk(lib) == [("OP2(b)", "detention", "n")]
    tag_id = lib.tags.list()[0].id
    assert stack.undo_text == "tag detention on A/RES/78/217, OP 2 (b)"
    stack.undo()
    assert on_disk(lib) == [] and stack.can_redo and not stack.can_undo
    stack.redo()
    assert on_disk(lib) == [("OP2(b)", "detention", "n")]
    assert lib.tags.list()[0].id == tag_id  # same tag back, not a new one


def test_untag_undo_restores_note_author_and_times(lib, stack):
    lib.author = "ben"
    tag = lib.tags.add(DOC, "PP2", "children", note="keep")
    lib.author = "ana"
    stack.push(UntagCommand(tag.id))
    assert on_disk(lib) == []
    stack.undo()
    assert lib.tags.get(tag.id) == tag
    stack.redo()
    assert on_disk(lib) == []


def test_note_undo_redo(lib, stack):
    tag = lib.tags.add(DOC, "OP1", "remittances", note="first")
    stack.push(SetNoteCommand(tag.id, "second"))
    stack.push(SetNoteCommand(tag.id, "third"))
    assert lib.tags.get(tag.id).note == "third"
    stack.undo()
    assert lib.tags.get(tag.id).note == "second"
    stack.undo()
    assert lib.tags.get(tag.id).note == "first"
    stack.redo()
    stack.redo()
    assert on_disk(lib) == [("OP1", "remittances", "third")]


def test_a_chain_of_edits_undone_and_redone_in_order(lib, stack):
    stack.push(TagCommand(DOC, "PP1", "children"))
    tag_id = lib.tags.list()[0].id
    stack.push(SetNoteCommand(tag_id, "why"))
    stack.push(TagCommand(DOC, "OP2(a)", "consular rights"))
    stack.push(UntagCommand(tag_id))
    final = on_disk(lib)
    assert final == [("OP2(a)", "consular rights", "")]
    states = []
    while stack.can_undo:
        stack.undo()
        states.append(on_disk(lib))
    assert states == [
        [("PP1", "children", "why"), ("OP2(a)", "consular rights", "")],
        [("PP1", "children", "why")],
        [("PP1", "children", "")],
        []]
    while stack.can_redo:
        stack.redo()
    assert on_disk(lib) == final


def test_new_edit_clears_redo(lib, stack):
    stack.push(TagCommand(DOC, "PP1", "children"))
    stack.undo()
    stack.push(TagCommand(DOC, "PP2", "children"))
    assert not stack.can_redo
    with pytest.raises(LibraryError, match="nothing to redo"):
        stack.redo()


def test_a_failing_edit_is_not_put_on_the_stack(lib, stack):
    with pytest.raises(NotFoundError):
        stack.push(TagCommand(DOC, "OP77", "children"))
    assert not stack.can_undo
    with pytest.raises(LibraryError, match="nothing to undo"):
        stack.undo()


def test_theme_edits_undo_and_redo(lib, stack):
    tag = lib.tags.add(DOC, "OP2(b)", "detention")
    stack.push(RenameThemeCommand("detention", "custody"))
    stack.push(RecolourThemeCommand("custody", "#000000"))
    stack.push(RetireThemeCommand("custody"))
    stack.push(ThemeEditCommand("custody", "description", "new words"))
    t = lib.themes.get("custody")
    assert (t.colour, t.retired, t.description) == ("#000000", True, "new words")
    for _ in range(4):
        stack.undo()
    t = lib.themes.get(t.id)
    assert (t.name, t.colour, t.retired) == ("detention", "#C0392B", False)
    assert t.description.startswith("Deprivation of liberty")  # the default (schema v4)
    assert lib.tags.get(tag.id).theme == "detention"
    for _ in range(4):
        stack.redo()
    t = lib.themes.get(t.id)
    assert (t.name, t.colour, t.retired, t.description) == ("custody", "#000000", True,
                                                             "new words")


def test_add_theme_undo_redo_keeps_its_id_for_later_commands(lib, stack):
    stack.push(AddThemeCommand("statelessness", "#336699", parent="children"))
    stack.push(TagCommand(DOC, "PP1", "statelessness"))
    stack.undo()
    stack.undo()
    with pytest.raises(NotFoundError):
        lib.themes.get("statelessness")
    stack.redo()
    stack.redo()  # the tag command finds its theme again
    t = lib.themes.get("statelessness")
    assert (t.colour, t.parent_id, t.tag_count) == ("#336699", lib.themes.get("children").id, 1)


def test_move_and_nest_undo(lib, stack):
    stack.push(MoveThemeCommand("consular rights", position=0))
    assert lib.themes.list()[0].name == "consular rights"
    stack.push(MoveThemeCommand("remittances", parent="detention"))
    assert lib.themes.get("remittances").parent_id == lib.themes.get("detention").id
    stack.undo()
    stack.undo()
    assert [t.name for t in lib.themes.list()] == ["children", "detention", "remittances",
                                                   "consular rights"]
    assert all(t.parent_id is None for t in lib.themes.list())


def test_group_is_one_step_and_all_or_nothing(lib, stack):
    stack.push(CommandGroup("tag three", [TagCommand(DOC, p, "detention")
                                          for p in ("PP2", "OP2(a)", "OP2(b)")]))
    assert len(on_disk(lib)) == 3
    stack.undo()
    assert on_disk(lib) == []
    with pytest.raises(NotFoundError):
        stack.push(CommandGroup("bad", [TagCommand(DOC, "PP2", "detention"),
                                        TagCommand(DOC, "nope", "detention")]))
    assert on_disk(lib) == []
    stack.redo()
    assert len(on_disk(lib)) == 3


def test_listeners_hear_every_stack_change(lib, stack):
    calls = []
    stack.on_change(lambda: calls.append((stack.can_undo, stack.can_redo)))
    stack.push(TagCommand(DOC, "PP1", "children"))
    stack.undo()
    stack.redo()
    stack.clear()
    assert calls == [(True, False), (False, True), (True, False), (False, False)]


def test_a_listener_can_stop_listening(lib, stack):
    calls = []
    stop = stack.on_change(lambda: calls.append(1))
    stack.push(TagCommand(DOC, "PP1", "children"))
    stop()
    stop()  # twice is harmless (a dialog closed twice)
    stack.undo()
    assert calls == [1]


def test_undo_is_recorded_in_the_history(lib, stack):
    stack.push(TagCommand(DOC, "PP1", "children"))
    stack.undo()
    assert [h.action for h in lib.history(limit=2)] == ["untag", "tag"]


def test_stack_works_across_reopen_of_the_file(tmp_path):
    path = tmp_path / "l.clausemark"
    library_with_document(path).close()
    with Library(path) as lib:
        stack = UndoStack(lib)
        stack.push(TagCommand(DOC, "PP1", "children"))
    with Library(path) as lib:
        assert [t.paragraph for t in lib.tags.list()] == ["PP1"]


def test_ids_are_never_reused_so_undo_cannot_collide(lib, stack):
    first = lib.tags.add(DOC, "PP1", "children")
    stack.push(UntagCommand(first.id))
    other = lib.tags.add(DOC, "PP2", "children")  # e.g. from the command line meanwhile
    assert other.id != first.id
    stack.undo()
    assert {t.id for t in lib.tags.list()} == {first.id, other.id}
    theme = lib.themes.add("temp")
    lib.themes.delete(theme.id)
    assert lib.themes.add("temp2").id != theme.id
