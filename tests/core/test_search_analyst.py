"""Search like an analyst, on real resolutions (the dev corpus): word families from the
library's own vocabulary, stop words never marked as hits, a search's results as a report."""
from __future__ import annotations

import csv
import json

import docx
import openpyxl
import pytest

from clausemark.core.cli.main import main
from clausemark.core.library.importer import import_all
from clausemark.core.library.library import Library
from clausemark.core.library.word_families import Families
from clausemark.core.output import EmptySelectionError
from clausemark.core.reports import Selection, make_report

# Pairs an analyst never wants joined; Porter stemming joined the first four.
FALSE_FRIENDS = [("nation", "national"), ("nations", "national"), ("general", "generation"),
                 ("universal", "university"), ("community", "communication"),
                 ("state", "statement"), ("states", "statements"), ("part", "party"),
                 ("parts", "parties"), ("commit", "committee"), ("during", "duration"),
                 ("respect", "respective"), ("work", "workers"), ("convention", "conventional"),
                 ("provision", "provisional"), ("sent", "sentence"), ("press", "presence"),
                 # a final e makes another word: not/note, unit/unite, plan/plane
                 ("not", "note"), ("not", "noting"), ("plan", "plane"), ("human", "humane"),
                 ("min", "mine"), ("fin", "fine")]


@pytest.fixture(scope="module")
def library(dev_dir, tmp_path_factory):
    path = tmp_path_factory.mktemp("analyst") / "dev.clausemark"
    with Library(path, author="analyst") as lib:
        import_all(lib, sorted(dev_dir.glob("*-EN.pdf")), workers=1)
    return path


@pytest.fixture
def lib(library):
    with Library(library, author="analyst") as lib:
        yield lib


def _vocabulary(lib) -> dict[str, int]:
    lib.conn.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.v USING "
                     "fts5vocab(main, paragraphs_fts, row)")
    return dict(lib.conn.execute("SELECT term, doc FROM temp.v").fetchall())


def test_key_words_of_the_four_themes_find_their_families(lib):
    assert {"detained", "detention"} <= set(lib.search.family("detained"))
    assert lib.search.family("detention") == lib.search.family("detained")
    assert "detention" in lib.search.family("detainees")  # not in these texts: its family is
    assert {"child", "children"} <= set(lib.search.family("children"))
    assert {"migrant", "migrants", "migration", "migratory"} <= set(lib.search.family("migrants"))
    assert {"trafficking", "trafficked", "traffickers"} <= set(lib.search.family("trafficking"))
    assert {"smuggling", "smugglers"} <= set(lib.search.family("smuggling"))
    assert {"remittance", "remittances"} <= set(lib.search.family("remittances"))
    assert {"deportation", "deportations"} <= set(lib.search.family("deportation"))
    # an e-word keeps its forms and stays apart from its e-less twin
    assert {"note", "notes", "noting"} <= set(lib.search.family("noting"))
    assert "not" not in lib.search.family("note") and lib.search.family("not") == ["not"]


def test_a_final_e_word_and_its_e_less_twin_stay_apart():
    # Both bare words in the library: each keeps its own forms (a doubled consonant or a plural
    # says which); with the twin absent, the forms join the one word there is.
    vocabulary = dict.fromkeys(("unit", "units", "unite", "united", "uniting", "plan", "plans",
                                "planned", "planning", "plane", "planes"), 5)
    families = Families(vocabulary)
    assert families.family("unit") == ["unit", "units"]
    assert families.family("united") == ["unite", "united", "uniting"]
    assert families.family("planning") == ["plan", "planned", "planning", "plans"]
    assert families.family("planes") == ["plane", "planes"]
    alone = Families(dict.fromkeys(("plan", "plans", "planned"), 5))
    assert alone.family("plans") == ["plan", "planned", "plans"]


def test_no_family_of_the_whole_vocabulary_joins_false_friends(lib):
    vocabulary = _vocabulary(lib)
    words = [w for w in vocabulary if w.isalpha()]
    assert len(words) > 3000
    checked = 0
    for word in words:
        family = set(lib.search.family(word))
        assert word in family
        for a, b in FALSE_FRIENDS:
            assert not {a, b} <= family, (word, sorted(family))
        checked += 1
    # the families themselves read as families: never more than a handful of words
    families = Families(vocabulary)
    sizes = sorted(len(families.family(w)) for w in words)
    assert checked == len(words) and sizes[-1] <= 12


def test_detained_children_finds_the_detention_of_children(lib):
    hits = lib.search.paragraphs("detained children", limit=100)
    found = {h.citation for h in hits}
    assert {"A/RES/79/217, OP 15 (g)", "A/RES/79/172, OP 29"} <= found  # neither says "detained"
    assert all("detain" in h.text.lower() or "detention" in h.text.lower() for h in hits)
    # a phrase stays exact, a prefix stays a prefix
    assert lib.search.paragraphs('"detained children"') == []
    assert {h.citation for h in lib.search.paragraphs("detain* children")} <= found


def test_stop_words_are_never_marked_as_hits(lib, library, capsys):
    hits = lib.search.paragraphs("rights of the child", limit=50)
    assert hits
    for h in hits:
        assert "[of]" not in h.snippet and "[the]" not in h.snippet
    assert any("[child]" in h.snippet or "[children]" in h.snippet for h in hits)
    phrase = lib.search.paragraphs('"rights of the child"', limit=5)
    assert any("[rights] of the [child]" in h.snippet.lower() for h in phrase)  # split, unmarked
    assert not any("[of" in h.snippet or "the]" in h.snippet for h in phrase)
    assert main(["search", "rights of the child", "--db", str(library), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out and not any("[of]" in h["snippet"] or "[the]" in h["snippet"] for h in out)
    assert {"symbol", "id", "citation", "snippet", "text"} <= set(out[0])  # the JSON contract


def test_a_search_report_holds_exactly_the_paragraphs_found(lib, library, tmp_path):
    hits = lib.search.paragraphs("detained children", limit=1000)
    lib.tags.add("A/RES/79/217", "OP15(g)", "detention")
    out = tmp_path / "found.csv"
    result = make_report(library, Selection(search="detained children"), "csv", out)
    with open(out, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert sorted(r["citation"] for r in rows) == sorted(h.citation for h in hits)
    tagged = next(r for r in rows if r["citation"] == "A/RES/79/217, OP 15 (g)")
    assert tagged["theme"] == "detention"  # untagged hits have an empty theme
    assert result.data.description["Search"] == "“detained children”"
    # the paragraphs the app passes, and themes narrowing them to the tagged one
    keys = tuple((h.document_id, h.paragraph) for h in hits[:3])
    data = make_report(library, Selection(search="detained children", paragraphs=keys),
                       "csv", tmp_path / "three.csv").data
    assert {(r.document_id, r.paragraph) for r in data.rows} == set(keys)
    data = make_report(library, Selection(search="detained children", themes=("detention",)),
                       "csv", tmp_path / "tagged.csv").data
    assert [r.citation for r in data.rows] == ["A/RES/79/217, OP 15 (g)"]
    with pytest.raises(EmptySelectionError, match="found no paragraph"):
        make_report(library, Selection(search="zebra"), "csv", tmp_path / "none.csv")
    assert not (tmp_path / "none.csv").exists()


def test_word_and_excel_say_which_search_produced_them(library, tmp_path, capsys):
    brief = tmp_path / "found.docx"
    assert main(["report", "--db", str(library), "--search", "migrants smuggling",
                 "--out", str(brief)]) == 0
    assert "paragraph" in capsys.readouterr().out
    text = "\n".join(p.text for p in docx.Document(str(brief)).paragraphs)
    assert "Paragraphs found by the search “migrants smuggling”" in text
    assert "Search: migrants smuggling" in text and "SEARCH REPORT" in text
    book = tmp_path / "found.xlsx"
    assert main(["report", "--db", str(library), "--search", "migrants smuggling",
                 "--out", str(book)]) == 0
    about = {r[0]: r[1] for r in openpyxl.load_workbook(book)["About"].iter_rows(values_only=True)}
    assert about["Search"] == "“migrants smuggling”"


def test_a_search_report_with_an_empty_date_range_says_so(library, tmp_path, capsys):
    out = tmp_path / "x.csv"
    assert main(["report", "--db", str(library), "--search", "detention", "--since",
                 "2025-01-01", "--until", "2020-01-01", "--out", str(out)]) != 0
    err = capsys.readouterr().err
    assert "the date range is empty: 2025-01-01 is after 2020-01-01" in err and not out.exists()
