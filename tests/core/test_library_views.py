"""The library's SQL views (schema step `_reading_views`) read a library without Clausemark: with
the sqlite-utils command line, Datasette or any SQLite client."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

from clausemark.core.library.library import Library
from tests.core.library_helpers import library_with_document

SQLITE_UTILS = Path(sys.executable).parent / "sqlite-utils"


@pytest.fixture
def tagged(tmp_path):
    path = tmp_path / "lib.clausemark"
    with library_with_document(path) as lib:
        lib.themes.add("family", parent="children")
        lib.tags.add("A/RES/78/217", "OP2(a)", "detention", note="core clause")
        lib.tags.add("A/RES/78/217", "PP1", "family")
        lib.tags.add("A/RES/78/217", "PP2", "children", span=(0, 9))
        lib.tags.add("A/RES/78/217", "PP2", "detention")
    return path


@pytest.mark.timeout(60)
def test_sqlite_utils_reads_tags_with_their_citations_without_clausemark(tagged):
    out = subprocess.run([str(SQLITE_UTILS), "query", str(tagged), "select * from tag_citations"],
                         capture_output=True, text=True, timeout=50, check=True)
    rows = json.loads(out.stdout)
    with Library(tagged) as lib:
        tags = lib.tags.list()
    assert [(r["tag_id"], r["citation"], r["theme"], r["note"], r["author"], r["quote"])
            for r in rows] == [(t.id, t.citation, t.theme, t.note, t.author, t.quote)
                               for t in tags]
    assert rows[0]["symbol"] == "A/RES/78/217" and rows[0]["paragraph"] == tags[0].paragraph


def test_theme_counts_count_each_themes_own_tags(tagged):
    with Library(tagged) as lib:
        counts = {r["theme"]: r for r in lib.db.query("select * from theme_counts")}
    assert (counts["detention"]["tags"], counts["detention"]["paragraphs"],
            counts["detention"]["documents"]) == (2, 2, 1)
    assert counts["children"]["tags"] == 1 and counts["family"]["tags"] == 1
    assert counts["family"]["parent"] == "children"
    assert counts["remittances"]["tags"] == 0 and counts["remittances"]["documents"] == 0
    assert list(counts) == ["children", "detention", "remittances", "consular rights", "family"]


def test_a_document_without_a_symbol_is_cited_by_label(tmp_path):
    with library_with_document(tmp_path / "l.clausemark") as lib:
        lib.conn.execute("UPDATE documents SET symbol = NULL")
        tag = lib.tags.add(1, "OP1", "children")
        [row] = lib.db.query("select citation from tag_citations")
    assert row["citation"] == tag.citation == "OP 1"
