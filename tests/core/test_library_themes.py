"""Themes: defaults, add, rename, recolour, describe, nest, reorder, retire; tags survive."""
import pytest

from clausemark.core.errors import ConflictError, LibraryError, NotFoundError
from clausemark.core.library.library import Library
from clausemark.core.library.schema import DEFAULT_THEMES
from tests.core.library_helpers import library_with_document


@pytest.fixture
def lib(tmp_path):
    with library_with_document(tmp_path / "lib.clausemark") as lib:
        yield lib


def names(lib, **kw):
    return [t.name for t in lib.themes(**kw)]


def test_new_library_has_the_four_default_themes_with_colours_and_shortcuts(tmp_path):
    with Library(tmp_path / "new.clausemark") as lib:
        themes = lib.themes()
    assert [t.name for t in themes] == ["children", "detention", "remittances", "consular rights"]
    assert [t.shortcut for t in themes] == [1, 2, 3, 4]
    colours = [t.colour for t in themes]
    assert all(c.startswith("#") and len(c) == 7 for c in colours)
    assert len(set(colours)) == 4
    assert all(t.description for t in themes) and not any(t.retired for t in themes)
    assert [d[0] for d in DEFAULT_THEMES] == [t.name for t in themes]


def test_defaults_are_not_added_again_on_reopen(tmp_path):
    path = tmp_path / "l.clausemark"
    with Library(path) as lib:
        lib.rename_theme("children", "minors")
    with Library(path) as lib:
        assert names(lib) == ["minors", "detention", "remittances", "consular rights"]


def test_add_theme_with_and_without_colour(lib):
    t = lib.add_theme("family reunification", "#abc", description="Family ties")
    assert (t.colour, t.description, t.shortcut, t.parent_id) == ("#AABBCC", "Family ties", 5,
                                                                  None)
    u = lib.add_theme("statelessness")
    assert u.colour not in {x.colour for x in lib.themes() if x.id != u.id}
    assert names(lib)[-2:] == ["family reunification", "statelessness"]


def test_next_theme_colour_is_what_add_theme_picks(lib):
    proposed = lib.next_theme_colour()
    assert proposed not in {t.colour for t in lib.themes()}
    assert lib.add_theme("statelessness").colour == proposed
    assert lib.next_theme_colour() != proposed


@pytest.mark.parametrize("bad", ["", "   "])
def test_theme_needs_a_name(lib, bad):
    with pytest.raises(LibraryError, match="name"):
        lib.add_theme(bad)


def test_theme_names_are_unique_ignoring_case(lib):
    with pytest.raises(ConflictError):
        lib.add_theme("Detention")
    with pytest.raises(ConflictError):
        lib.rename_theme("children", "DETENTION")
    assert lib.rename_theme("children", "Children").name == "Children"  # own name, new case


@pytest.mark.parametrize("bad", ["red", "#12345", "#GGGGGG", ""])
def test_colours_are_validated(lib, bad):
    with pytest.raises(LibraryError, match="colour"):
        lib.recolour_theme("children", bad)
    assert lib.theme("children").colour == "#2E86DE"


def test_rename_recolour_describe_keep_tags(lib):
    tag = lib.tag("A/RES/78/217", "PP2", "children")
    lib.rename_theme("children", "minors")
    lib.recolour_theme("minors", "00ff00")
    lib.describe_theme("minors", "Under 18")
    t = lib.theme("minors")
    assert (t.name, t.colour, t.description, t.tag_count) == ("minors", "#00FF00", "Under 18", 1)
    assert lib.tag_by_id(tag.id).theme == "minors"
    with pytest.raises(NotFoundError):
        lib.theme("children")


def test_nest_and_taxonomy_order_with_depth_and_shortcuts(lib):
    lib.add_theme("unaccompanied minors", parent="children")
    lib.add_theme("alternatives", parent="detention")
    lib.add_theme("birth registration", parent="children", position=0)
    themes = lib.themes()
    # Taxonomy order with depth; every theme keeps its key, new ones take the next free key.
    assert [(t.name, t.depth, t.shortcut) for t in themes] == [
        ("children", 0, 1), ("birth registration", 1, 7), ("unaccompanied minors", 1, 5),
        ("detention", 0, 2), ("alternatives", 1, 6), ("remittances", 0, 3),
        ("consular rights", 0, 4)]
    moved = lib.nest_theme("alternatives", None, 0)
    assert moved.parent_id is None and names(lib)[0] == "alternatives"
    assert [t.shortcut for t in lib.themes()] == [6, 1, 7, 5, 2, 3, 4]  # nothing renumbered
    assert lib.theme("detention").position == 2  # siblings renumbered without gaps
    assert sorted(t.position for t in lib.themes() if t.parent_id is None) == [0, 1, 2, 3, 4]


def test_a_theme_cannot_be_nested_inside_itself_or_its_descendants(lib):
    lib.add_theme("a", parent="children")
    lib.add_theme("b", parent="a")
    with pytest.raises(ConflictError):
        lib.nest_theme("children", "b")
    with pytest.raises(ConflictError):
        lib.nest_theme("children", "children")
    assert lib.theme("children").parent_id is None


def test_reorder_keeps_every_key(lib):
    lib.move_theme("consular rights", 0)
    assert names(lib) == ["consular rights", "children", "detention", "remittances"]
    assert [t.shortcut for t in lib.themes()] == [4, 1, 2, 3]
    lib.move_theme("consular rights", 99)  # past the end: last
    assert names(lib)[-1] == "consular rights"


def test_only_nine_shortcuts(lib):
    for i in range(8):
        lib.add_theme(f"extra {i}")
    shortcuts = [t.shortcut for t in lib.themes()]
    assert shortcuts == [1, 2, 3, 4, 5, 6, 7, 8, 9, None, None, None]
    assert lib.free_theme_keys() == []


def test_a_key_is_the_themes_until_the_analyst_changes_it(lib):
    lib.add_theme("trafficking")                       # takes the free key 5
    lib.delete_theme("trafficking")                    # 5 is free again
    lib.set_theme_key("children", None)                # 1 is free
    assert lib.add_theme("statelessness").shortcut == 1  # the lowest free key
    theme, holder = lib.set_theme_key("consular rights", 2)  # taken from detention
    assert theme.shortcut == 2 and holder == lib.theme("detention").id
    assert lib.theme("detention").shortcut is None
    assert lib.history(limit=1)[0].action == "theme_key"
    with pytest.raises(LibraryError):
        lib.set_theme_key("children", 10)
    with pytest.raises(ConflictError):
        lib.add_theme("x", key=2)  # held


def test_retiring_keeps_tags_hides_theme_and_keeps_every_key(lib):
    tag = lib.tag("A/RES/78/217", "OP2(b)", "detention", note="keep me")
    lib.add_theme("sub-detention", parent="detention")
    retired = lib.retire_theme("detention")
    assert retired.retired and retired.tag_count == 1
    assert retired.shortcut == 2 and retired.active_key is None  # held, but it tags nothing
    assert lib.tag_by_id(tag.id).note == "keep me"
    assert [t.paragraph for t in lib.tags(theme="detention")] == ["OP2(b)"]
    assert "detention" not in names(lib, include_retired=False)
    assert "sub-detention" not in names(lib, include_retired=False)  # hidden with its parent
    assert lib.theme("remittances").shortcut == 3  # the others do not move
    with pytest.raises(ConflictError, match="retired"):
        lib.tag("A/RES/78/217", "PP1", "detention")
    lib.retire_theme("detention", False)
    assert lib.theme("detention").shortcut == 2
    lib.tag("A/RES/78/217", "PP1", "detention")


def test_a_theme_with_tags_cannot_be_deleted(lib):
    lib.tag("A/RES/78/217", "OP2(b)", "detention")
    with pytest.raises(ConflictError, match="retire"):
        lib.delete_theme("detention")
    with pytest.raises(Exception):  # and not behind the library's back either
        lib.conn.execute("DELETE FROM themes WHERE name = 'detention'")
    assert lib.theme("detention").tag_count == 1
    lib.add_theme("unused")
    lib.delete_theme("unused")
    with pytest.raises(NotFoundError):
        lib.theme("unused")


def test_theme_edits_are_in_the_history(lib):
    lib.author = "maria"
    lib.add_theme("x")
    lib.rename_theme("x", "y")
    lib.recolour_theme("y", "#000000")
    lib.retire_theme("y")
    entries = lib.history(limit=4)
    assert [e.action for e in entries] == ["theme_retire", "theme_recolour", "theme_rename",
                                           "theme_add"]
    assert {e.author for e in entries} == {"maria"}
    assert entries[2].details["old"] == "x" and entries[2].details["new"] == "y"
