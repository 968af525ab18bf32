"""A document's series on real documents: the draft, the adopted text and the previous session's
resolution on the subject, oldest first; related resolutions on other subjects stay out; and
`clausemark series` and `clausemark compare` (typography, dropped tags) on the command line."""
from __future__ import annotations

import json

import pytest

from clausemark.core.cli.main import main
from clausemark.core.compare.versions import references, series
from clausemark.core.library.importer import import_all
from clausemark.core.library.library import Library

pytestmark = pytest.mark.timeout(120)

FILES = ["mp_A_RES_78_187-EN.pdf", "mp_A_RES_78_188-EN.pdf", "mp_A_RES_79_158-EN.pdf",
         "mp_A_C.3_80_L.61-EN.pdf", "mp_A_RES_80_190-EN.pdf", "aiun_A_HRC_59_L.17-EN.pdf",
         "aiun_A_HRC_RES_59_25-EN.pdf"]


@pytest.fixture(scope="module")
def db(dev_dir, tmp_path_factory):
    path = tmp_path_factory.mktemp("series") / "s.clausemark"
    with Library(path) as lib:
        import_all(lib, [dev_dir / f for f in FILES], workers=1)
    return path


def test_references_in_text():
    assert references(["Recalling its resolutions 77/195 of 19 December 2022 and 78/217,",
                       "and Human Rights Council resolution 56/5;", "in 2023/24 budgets"]) == {
        (77, 195), (78, 217), (56, 5)}


@pytest.mark.corpus
def test_series_of_an_adopted_resolution_oldest_first(db):
    with Library(db, create=False) as lib:
        found = series(lib, "A/RES/80/190")
    assert found.to_dict() == {"series": [
        {"symbol": "A/RES/78/187", "document_type": "resolution", "date": "2023-12-19",
         "relation": "previous session"},
        # An amendment to the draft (page 1 says so; its symbol looks like a draft's), dated
        # when it was distributed.
        {"symbol": "A/C.3/80/L.61", "document_type": "amendment", "date": "2025-11-14",
         "relation": "amendment"},
        {"symbol": "A/RES/80/190", "document_type": "resolution", "date": "2025-12-15",
         "relation": "this"}]}
    # The girl child (78/188) and child marriage (79/158) share an agenda item and cite 78/187,
    # but they are other subjects.


@pytest.mark.corpus
def test_series_seen_from_the_older_end_and_from_a_draft(db):
    with Library(db, create=False) as lib:
        old = [(e.document.symbol, e.relation) for e in series(lib, "A/RES/78/187").entries]
        draft = [(e.document.symbol, e.relation) for e in series(lib, "A/HRC/59/L.17").entries]
        alone = [e.document.symbol for e in series(lib, "A/RES/78/188").entries]
    assert old == [("A/RES/78/187", "this"), ("A/C.3/80/L.61", "next session"),
                   ("A/RES/80/190", "next session")]
    assert draft == [("A/HRC/59/L.17", "this"), ("A/HRC/RES/59/25", "adopted")]
    assert alone == ["A/RES/78/188"]


AMENDED = ["A_80_L.3.pdf", "A_80_L.27.pdf", "A_80_L.28.pdf", "A_RES_80_111.pdf"]


@pytest.mark.corpus
def test_amendments_are_amendments_not_drafts(more_dir, tmp_path):
    """Chornobyl, eightieth session: the draft L.3, Ukraine's amendment L.28 to it, the draft
    L.27 and the adopted 80/111. What each is comes from page 1, and the series runs in the
    order they were distributed (L.28 is no "later draft" of L.3, and sorts after L.3
    although "L.28" < "L.3" as text)."""
    with Library(tmp_path / "a.clausemark") as lib:
        import_all(lib, [more_dir / f for f in AMENDED], workers=1)
        adopted = series(lib, "A/RES/80/111").to_dict()["series"]
        from_draft = [(e.document.symbol, e.relation) for e in series(lib, "A/80/L.3").entries]
        from_amendment = [(e.document.symbol, e.relation)
                          for e in series(lib, "A/80/L.28").entries]
    assert [(e["symbol"], e["document_type"], e["date"], e["relation"]) for e in adopted] == [
        ("A/80/L.3", "draft resolution", "2025-09-16", "draft"),
        ("A/80/L.27", "draft resolution", "2025-12-04", "draft"),
        ("A/80/L.28", "amendment", "2025-12-04", "amendment"),
        ("A/RES/80/111", "resolution", "2025-12-10", "this")]
    assert from_draft == [("A/80/L.3", "this"), ("A/80/L.27", "later draft"),
                          ("A/80/L.28", "amendment"), ("A/RES/80/111", "adopted")]
    assert from_amendment == [("A/80/L.3", "draft"), ("A/80/L.27", "draft"),
                              ("A/80/L.28", "this"), ("A/RES/80/111", "adopted")]


@pytest.mark.corpus
def test_series_command(db, capsys):
    assert main(["series", "A/HRC/RES/59/25", "--db", str(db), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [(e["symbol"], e["relation"]) for e in data["series"]] == [
        ("A/HRC/59/L.17", "draft"), ("A/HRC/RES/59/25", "this")]
    assert main(["series", "A/RES/80/190", "--db", str(db)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split()[:2] == ["A/RES/78/187", "resolution"]
    assert lines[1].split() == ["A/C.3/80/L.61", "amendment", "2025-11-14", "amendment"]
    assert lines[-1].startswith("* A/RES/80/190")
    assert main(["series", "A/RES/1/1", "--db", str(db)]) == 1
    assert "no document A/RES/1/1" in capsys.readouterr().err


@pytest.mark.corpus
def test_compare_json_flags_typography_and_lists_dropped_tags(db, capsys):
    with Library(db, create=False) as lib:
        lib.themes.add("watch list")
        lib.themes.add("lost clauses")
    assert main(["compare", "A/RES/78/187", "A/RES/80/190", "--db", str(db), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    dropped = data["dropped"]
    assert dropped
    with Library(db, create=False) as lib:
        lib.tags.add("A/RES/78/187", dropped[0], "lost clauses", note="key clause")
        lib.tags.add("A/RES/78/187", "PP3", "watch list")
        label = lib.resolution("A/RES/78/187").find(dropped[0]).label
    assert main(["compare", "A/RES/78/187", "A/RES/80/190", "--db", str(db), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["dropped_tags"] == [{"paragraph": dropped[0], "label": label,
                                     "theme": "lost clauses", "note": "key clause"}]
    typography = {p["new"] for p in data["pairs"] if p["typography"]}
    assert {"PP3", "PP51", "OP3", "OP4"} <= typography  # "States parties" -> "States Parties"
    assert all(p["status"] == "same" for p in data["pairs"] if p["typography"])
    assert main(["compare", "A/RES/78/187", "A/RES/80/190", "--db", str(db)]) == 0
    assert f"lost tag: lost clauses: {label} dropped (note: key clause)" in \
        capsys.readouterr().out
