"""Schema versions: every older version migrates to the latest with its data intact; a file from
a newer Clausemark, or another program's SQLite file, is refused and left byte for byte as it was."""
import hashlib
import sqlite3

import pytest

from clausemark.core.errors import LibraryError, LibraryVersionError
from clausemark.core.library import schema
from clausemark.core.library.library import Library
from clausemark.resources import default_themes
from tests.core.library_helpers import fake_pdf, integrity_check, sample_resolution

OLDER = list(range(schema.LATEST_VERSION))  # 0 = a file from before the first schema


def write_old_library(path, version: int) -> None:
    """A library as Clausemark at `version` left it, with a document, themes, tags, history."""
    conn = schema.open_connection(path, target=version)
    assert schema.user_version(conn) == version
    if version >= 1:
        conn.execute("BEGIN")
        conn.execute("INSERT INTO documents (id, sha256, symbol, title, adopted, year, pages, "
                     "filename, size, imported) VALUES (7, 'abc', 'A/RES/78/217', "
                     "'Protection of migrants', '2023-12-19', 2023, 14, 'a.pdf', 3, "
                     "'2024-01-02T10:00:00.000+00:00')")
        conn.execute("INSERT INTO document_files VALUES (7, x'255044')")
        conn.execute("INSERT INTO paragraphs (id, document_id, pid, parent_id, position, kind, "
                     "number, label, opening, text) VALUES "
                     "(70, 7, 'OP5', NULL, 0, 'operative', '5', 'OP 5', 'Calls upon', "
                     "'Calls upon States to end the detention of migrant children'), "
                     "(71, 7, 'OP5(a)', 70, 1, 'subparagraph', 'a', 'OP 5 (a)', NULL, "
                     "'To ensure consular access')")
        conn.execute("INSERT INTO footnotes (document_id, position, number, text, page) "
                     "VALUES (7, 0, '1', 'Resolution 77/1.', 1)")
        conn.execute("INSERT INTO themes (id, name, colour, position, description, created) "
                     "VALUES (40, 'statelessness', '#123456', 4, 'old theme', "
                     "'2024-01-01T00:00:00.000+00:00')")
        conn.execute("INSERT INTO tags (id, paragraph_id, theme_id, note, author, created, "
                     "modified) VALUES (1, 70, 2, 'core clause', 'ana', "
                     "'2024-01-03T09:00:00.000+00:00', '2024-01-03T09:00:00.000+00:00'), "
                     "(2, 71, 4, '', 'ben', '2024-01-04T09:00:00.000+00:00', "
                     "'2024-01-04T09:00:00.000+00:00')")
        conn.execute("UPDATE themes SET description = 'our own words' WHERE name = 'remittances'")
        conn.execute("COMMIT")
    if version >= 2:  # as Clausemark 2 wrote them along with the tags
        conn.execute("INSERT INTO history (at, author, action, summary) VALUES "
                     "('2024-01-03T09:00:00.000+00:00', 'ana', 'tag', 'OP 5: tagged detention'),"
                     "('2024-01-04T09:00:00.000+00:00', 'ben', 'tag', 'OP 5 (a): tagged'),"
                     "('2024-02-01T00:00:00.000+00:00', 'ana', 'theme_add', "
                     "'theme statelessness added')")
    conn.close()


def test_steps_are_numbered_from_one_without_gaps():
    assert schema.LATEST_VERSION == len(schema.MIGRATIONS) >= 2


@pytest.mark.parametrize("version", OLDER)
def test_every_older_version_migrates_to_the_latest_keeping_all_data(tmp_path, version):
    path = tmp_path / f"v{version}.clausemark"
    write_old_library(path, version)
    with Library(path, author="carla") as lib:
        assert lib.schema_version == schema.LATEST_VERSION
        assert {"tag_citations", "theme_counts"} <= set(lib.db.view_names())
        assert integrity_check(lib) == "ok"
        assert [t.name for t in lib.themes.list()][:4] == ["children", "detention", "remittances",
                                                           "consular rights"]
        if version == 0:
            assert lib.documents() == [] and lib.tags.list() == []
        else:
            [doc] = lib.documents()
            assert (doc.id, doc.symbol, doc.pages, doc.tag_count) == (7, "A/RES/78/217", 14, 2)
            assert lib.pdf_bytes(7) == b"%PD"
            res = lib.resolution(7)
            assert res.find("OP5").children[0].id == "OP5(a)"
            assert [(t.citation, t.theme, t.note, t.author) for t in lib.tags.list()] == [
                ("A/RES/78/217, OP 5", "detention", "core clause", "ana"),
                ("A/RES/78/217, OP 5 (a)", "consular rights", "", "ben")]
            assert lib.themes.get("statelessness").colour == "#123456"
            hits = lib.search.paragraphs("detentions migrants")
            assert [h.citation for h in hits] == ["A/RES/78/217, OP 5"]
            # history: tags made before the history existed are entered as they were made
            actions = [(h.action, h.author) for h in reversed(lib.history())]
            assert actions[:2] == [("tag", "ana"), ("tag", "ben")]
            assert len(actions) == (3 if version >= 2 else 2)  # nothing entered twice
        # version 4: cue phrases for the default themes; the analyst's descriptions are kept
        [detention] = [t for t in default_themes() if t["name"] == "detention"]
        assert lib.themes.get("detention").cues == tuple(detention["cues"])
        assert lib.themes.get("detention").description == detention["description"]
        if version >= 1:
            assert lib.themes.get("remittances").description == "our own words"
            assert lib.themes.get("statelessness").cues == ()
            assert lib.suggestions.reject(7, "OP5", "children")
            assert lib.suggestions.rejected() == {(7, "OP5", lib.themes.get("children").id)}
        # and the newest features work on the migrated file
        lib.add_resolution(sample_resolution(symbol="A/RES/79/1"), fake_pdf("new"))
        tag = lib.tags.add("A/RES/79/1", "PP2", "detention", span=(16, 25))
        assert tag.quote == sample_resolution().find("PP2").text[16:25]
        lib.tags.add("A/RES/79/1", "PP2", "detention")
        assert lib.history(limit=1)[0].author == "carla"


def test_migrating_twice_changes_nothing(tmp_path):
    path = tmp_path / "v1.clausemark"
    write_old_library(path, 1)
    Library(path).close()
    dump1 = "\n".join(sqlite3.connect(path).iterdump())
    Library(path).close()
    assert "\n".join(sqlite3.connect(path).iterdump()) == dump1


def test_a_failing_step_leaves_the_file_at_its_old_version(tmp_path, monkeypatch):
    path = tmp_path / "v1.clausemark"
    write_old_library(path, 1)

    real_step = schema.MIGRATIONS[1]

    def broken(conn):
        real_step(conn)  # does real work first...
        raise sqlite3.OperationalError("disk I/O error")  # ...then fails

    monkeypatch.setattr(schema, "MIGRATIONS", [schema.MIGRATIONS[0], broken,
                                               *schema.MIGRATIONS[2:]])
    with pytest.raises(LibraryError):
        Library(path)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    assert "history" not in {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    conn.close()
    monkeypatch.undo()
    with Library(path) as lib:
        assert lib.schema_version == schema.LATEST_VERSION and len(lib.tags.list()) == 2


def _digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_library_from_a_newer_version_is_refused_and_not_modified(tmp_path):
    path = tmp_path / "future.clausemark"
    write_old_library(path, schema.LATEST_VERSION)
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {schema.LATEST_VERSION + 1}")
    conn.execute("PRAGMA journal_mode = DELETE")  # fold the WAL in: one file to compare
    conn.close()
    before = _digest(path)
    with pytest.raises(LibraryVersionError, match="newer Clausemark"):
        Library(path)
    assert _digest(path) == before
    assert not (tmp_path / "future.clausemark-wal").exists()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    conn.close()


def test_another_programs_sqlite_file_is_refused_and_not_modified(tmp_path):
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)")
    conn.commit()
    conn.close()
    before = _digest(path)
    with pytest.raises(LibraryError, match="not a Clausemark library"):
        Library(path)
    assert _digest(path) == before


def test_a_file_that_is_not_sqlite_is_refused(tmp_path):
    path = tmp_path / "notes.clausemark"
    path.write_text("meeting notes\n" * 100)
    with pytest.raises(LibraryError, match="not a Clausemark library"):
        Library(path)
    assert path.read_text() == "meeting notes\n" * 100


def test_a_folder_is_refused(tmp_path):
    with pytest.raises(LibraryError, match="folder"):
        Library(tmp_path)


def test_theme_keys_step_gives_every_theme_the_key_it_had(tmp_path):
    """Before the step keys followed taxonomy order among themes in use; after it each theme
    holds the key it had, and later edits no longer move them."""
    before = schema.MIGRATIONS.index(schema._theme_keys)  # the version just before the step
    path = tmp_path / "keys.clausemark"
    conn = schema.open_connection(path, target=before)
    conn.execute("BEGIN")
    conn.execute("UPDATE themes SET retired = 1 WHERE name = 'detention'")
    conn.execute("UPDATE themes SET position = -1 WHERE name = 'consular rights'")
    conn.execute("INSERT INTO themes (name, colour, position, parent_id, created) "
                 "SELECT 'minors', '#111111', 0, id, 'x' FROM themes WHERE name = 'children'")
    conn.execute("COMMIT")
    conn.close()
    with Library(path) as lib:
        assert [(t.name, t.shortcut) for t in lib.themes.list()] == [
            ("consular rights", 1), ("children", 2), ("minors", 3), ("detention", None),
            ("remittances", 4)]
        lib.themes.move("remittances", 0)
        assert lib.themes.get("consular rights").shortcut == 1
        assert lib.themes.add("statelessness").shortcut == 5
