"""Themes: defaults, add, rename, recolour, describe, nest, reorder, retire; tags survive."""
import sqlite3

import pytest

from clausemark.core.errors import ConflictError, LibraryError, NotFoundError
from clausemark.core.library.library import Library
from clausemark.core.library.themes import default_themes as library_free_defaults
from clausemark.resources import default_themes
from tests.core.library_helpers import library_with_document


@pytest.fixture
def lib(tmp_path):
    with library_with_document(tmp_path / "lib.clausemark") as lib:
        yield lib


def names(lib, **kw):
    return [t.name for t in lib.themes.list(**kw)]


def test_new_library_has_the_four_default_themes_with_colours_and_shortcuts(tmp_path):
    with Library(tmp_path / "new.clausemark") as lib:
        themes = lib.themes.list()
    assert [t.name for t in themes] == ["children", "detention", "remittances", "consular rights"]
    assert [t.shortcut for t in themes] == [1, 2, 3, 4]
    colours = [t.colour for t in themes]
    assert all(c.startswith("#") and len(c) == 7 for c in colours)
    assert len(set(colours)) == 4
    assert all(t.description for t in themes) and not any(t.retired for t in themes)
    assert [d["name"] for d in default_themes()] == [t.name for t in themes]


def test_a_new_library_has_exactly_the_default_themes_of_the_resource_file(tmp_path):
    # New libraries get their themes from the schema steps, frozen as released; the resource
    # file is what the app reads without a library. Changing one alone fails here.
    with Library(tmp_path / "new.clausemark") as lib:
        made = [(t.name, t.colour, t.description, list(t.cues)) for t in lib.themes.list()]
    assert made == [(d["name"], d["colour"], d["description"], d["cues"]) for d in default_themes()]
    assert [(t.name, t.colour, t.description, list(t.cues)) for t in library_free_defaults()] == made


def test_defaults_are_not_added_again_on_reopen(tmp_path):
    path = tmp_path / "l.clausemark"
    with Library(path) as lib:
        lib.themes.rename("children", "minors")
    with Library(path) as lib:
        assert names(lib) == ["minors", "detention", "remittances", "consular rights"]


def test_add_theme_with_and_without_colour(lib):
    t = lib.themes.add("family reunification", "#abc", description="Family ties")
    assert (t.colour, t.description, t.shortcut, t.parent_id) == ("#AABBCC", "Family ties", 5,
                                                                  None)
    u = lib.themes.add("statelessness")
    assert u.colour not in {x.colour for x in lib.themes.list() if x.id != u.id}
    assert names(lib)[-2:] == ["family reunification", "statelessness"]


def test_next_theme_colour_is_what_add_theme_picks(lib):
    proposed = lib.themes.next_colour()
    assert proposed not in {t.colour for t in lib.themes.list()}
    assert lib.themes.add("statelessness").colour == proposed
    assert lib.themes.next_colour() != proposed


@pytest.mark.parametrize("bad", ["", "   "])
def test_theme_needs_a_name(lib, bad):
    with pytest.raises(LibraryError, match="name"):
        lib.themes.add(bad)


def test_theme_names_are_unique_ignoring_case(lib):
    with pytest.raises(ConflictError):
        lib.themes.add("Detention")
    with pytest.raises(ConflictError):
        lib.themes.rename("children", "DETENTION")
    assert lib.themes.rename("children", "Children").name == "Children"  # own name, new case


@pytest.mark.parametrize("bad", ["red", "#12345", "#GGGGGG", ""])
def test_colours_are_validated(lib, bad):
    with pytest.raises(LibraryError, match="colour"):
        lib.themes.recolour("children", bad)
    assert lib.themes.get("children").colour == "#2E86DE"


def test_rename_recolour_describe_keep_tags(lib):
    tag = lib.tags.add("A/RES/78/217", "PP2", "children")
    lib.themes.rename("children", "minors")
    lib.themes.recolour("minors", "00ff00")
    lib.themes.describe("minors", "Under 18")
    t = lib.themes.get("minors")
    assert (t.name, t.colour, t.description, t.tag_count) == ("minors", "#00FF00", "Under 18", 1)
    assert lib.tags.get(tag.id).theme == "minors"
    with pytest.raises(NotFoundError):
        lib.themes.get("children")


def test_nest_and_taxonomy_order_with_depth_and_shortcuts(lib):
    lib.themes.add("unaccompanied minors", parent="children")
    lib.themes.add("alternatives", parent="detention")
    lib.themes.add("birth registration", parent="children", position=0)
    themes = lib.themes.list()
    # Taxonomy order with depth; every theme keeps its key, new ones take the next free key.
    assert [(t.name, t.depth, t.shortcut) for t in themes] == [
        ("children", 0, 1), ("birth registration", 1, 7), ("unaccompanied minors", 1, 5),
        ("detention", 0, 2), ("alternatives", 1, 6), ("remittances", 0, 3),
        ("consular rights", 0, 4)]
    moved = lib.themes.nest("alternatives", None, 0)
    assert moved.parent_id is None and names(lib)[0] == "alternatives"
    assert [t.shortcut for t in lib.themes.list()] == [6, 1, 7, 5, 2, 3, 4]  # nothing renumbered
    assert lib.themes.get("detention").position == 2  # siblings renumbered without gaps
    assert sorted(t.position for t in lib.themes.list() if t.parent_id is None) == [0, 1, 2, 3, 4]


def test_a_theme_cannot_be_nested_inside_itself_or_its_descendants(lib):
    lib.themes.add("a", parent="children")
    lib.themes.add("b", parent="a")
    with pytest.raises(ConflictError):
        lib.themes.nest("children", "b")
    with pytest.raises(ConflictError):
        lib.themes.nest("children", "children")
    assert lib.themes.get("children").parent_id is None


def test_reorder_keeps_every_key(lib):
    lib.themes.move("consular rights", 0)
    assert names(lib) == ["consular rights", "children", "detention", "remittances"]
    assert [t.shortcut for t in lib.themes.list()] == [4, 1, 2, 3]
    lib.themes.move("consular rights", 99)  # past the end: last
    assert names(lib)[-1] == "consular rights"


def test_only_nine_shortcuts(lib):
    for i in range(8):
        lib.themes.add(f"extra {i}")
    shortcuts = [t.shortcut for t in lib.themes.list()]
    assert shortcuts == [1, 2, 3, 4, 5, 6, 7, 8, 9, None, None, None]
    assert lib.themes.free_keys() == []


def test_a_key_is_the_themes_until_the_analyst_changes_it(lib):
    lib.themes.add("trafficking")                       # takes the free key 5
    lib.themes.delete("trafficking")                    # 5 is free again
    lib.themes.set_key("children", None)                # 1 is free
    assert lib.themes.add("statelessness").shortcut == 1  # the lowest free key
    theme, holder = lib.themes.set_key("consular rights", 2)  # taken from detention
    assert theme.shortcut == 2 and holder == lib.themes.get("detention").id
    assert lib.themes.get("detention").shortcut is None
    assert lib.history(limit=1)[0].action == "theme_key"
    with pytest.raises(LibraryError):
        lib.themes.set_key("children", 10)
    with pytest.raises(ConflictError):
        lib.themes.add("x", key=2)  # held


def test_retiring_keeps_tags_hides_theme_and_keeps_every_key(lib):
    tag = lib.tags.add("A/RES/78/217", "OP2(b)", "detention", note="keep me")
    lib.themes.add("sub-detention", parent="detention")
    retired = lib.themes.retire("detention")
    assert retired.retired and retired.tag_count == 1
    assert retired.shortcut == 2 and retired.active_key is None  # held, but it tags nothing
    assert lib.tags.get(tag.id).note == "keep me"
    assert [t.paragraph for t in lib.tags.list(theme="detention")] == ["OP2(b)"]
    assert "detention" not in names(lib, include_retired=False)
    assert "sub-detention" not in names(lib, include_retired=False)  # hidden with its parent
    assert lib.themes.get("remittances").shortcut == 3  # the others do not move
    with pytest.raises(ConflictError, match="retired"):
        lib.tags.add("A/RES/78/217", "PP1", "detention")
    lib.themes.retire("detention", False)
    assert lib.themes.get("detention").shortcut == 2
    lib.tags.add("A/RES/78/217", "PP1", "detention")


def test_a_theme_with_tags_cannot_be_deleted(lib):
    lib.tags.add("A/RES/78/217", "OP2(b)", "detention")
    with pytest.raises(ConflictError, match="retire"):
        lib.themes.delete("detention")
    with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"):  # nor behind its back
        lib.conn.execute("DELETE FROM themes WHERE name = 'detention'")
    assert lib.themes.get("detention").tag_count == 1
    lib.themes.add("unused")
    lib.themes.delete("unused")
    with pytest.raises(NotFoundError):
        lib.themes.get("unused")


def test_theme_edits_are_in_the_history(lib):
    lib.author = "maria"
    lib.themes.add("x")
    lib.themes.rename("x", "y")
    lib.themes.recolour("y", "#000000")
    lib.themes.retire("y")
    entries = lib.history(limit=4)
    assert [e.action for e in entries] == ["theme_retire", "theme_recolour", "theme_rename",
                                           "theme_add"]
    assert {e.author for e in entries} == {"maria"}
    assert entries[2].details["old"] == "x" and entries[2].details["new"] == "y"
