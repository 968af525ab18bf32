"""Agreed language and the citation web, on small libraries: the reference forms of issue 18,
scores and diffs, the index kept with the documents (import, removal, libraries from before the
index), and the `precedents` / `references` commands as a user types them (JSON contract,
one-line errors)."""
import json

import pytest

from clausemark.core.cli.main import main
from clausemark.core.language import diff_words, find_references, phrase_similarity, similarity
from clausemark.core.library import LATEST_VERSION, Library, schema
from tests.conftest import CORPUS, need_corpus
from tests.core.library_helpers import fake_pdf, sample_resolution

pytestmark = pytest.mark.timeout(120)

# (text, citing body, the official symbols expected) -- the forms the issue lists, and more
FORMS = [
    ("Recalling its resolution 76/172 of 16 December 2021,", "GA", ["A/RES/76/172"]),
    ("Recalling its resolutions 73/195 and 76/266,", "GA", ["A/RES/73/195", "A/RES/76/266"]),
    ("Recalling Human Rights Council resolution 35/17 of 22 June 2017,", "GA", ["A/HRC/RES/35/17"]),
    ("Recalling Security Council resolution 2417 (2018),", "GA", ["S/RES/2417 (2018)"]),
    ("Recalls its decision 79/555,", "GA", ["A/DEC/79/555"]),
    ("Having considered the report of the Third Committee (A/78/481/Add.2),", "GA",
     ["A/78/481/Add.2"]),
    ("Recalling also its resolution 35/17,", "HRC", ["A/HRC/RES/35/17"]),  # "its": the citing body
    ("Recalling its resolutions 53/7 of 16 October 1998, 54/215 of 22 December 1999 and 56/181",
     "GA", ["A/RES/53/7", "A/RES/54/215", "A/RES/56/181"]),
    ("Recalling General Assembly resolution 77/276 and Assembly resolution 76/300,", "HRC",
     ["A/RES/77/276", "A/RES/76/300"]),
    ("Economic and Social Council resolution 2004/59 and Council resolution 1996/31", "GA",
     ["E/RES/2004/59", "E/RES/1996/31"]),
    ("Commission on Human Rights resolution 2005/45", "GA", ["E/CN.4/RES/2005/45"]),
    ("Recalling its resolution 1514 (XV) and resolution 217 A (III)", "GA",
     ["A/RES/1514(XV)", "A/RES/217(III)"]),
    ("resolution S-23/3, annex, and resolution ES-10/21", "GA", ["A/RES/S-23/3", "A/RES/ES-10/21"]),
    ("Recalling its resolutions 48/75 J of 16 December 1993, 49/75 O of 15 December 1994", "GA",
     ["A/RES/48/75", "A/RES/49/75"]),
    ("the arms embargo established in its resolution 2216, and resolution 2216 (2015)", "SC",
     ["S/RES/2216 (2015)", "S/RES/2216 (2015)"]),
    ("Security Council resolutions 1325 (2000) and 2467 (2019)", "HRC",
     ["S/RES/1325 (2000)", "S/RES/2467 (2019)"]),
    ("documents A/HRC/55/L.12, S/2023/123 and E/CN.6/2020/3.", "GA",
     ["A/HRC/55/L.12", "S/2023/123", "E/CN.6/2020/3"]),
    # other organisations' resolutions and decisions are not UN documents
    ("resolution 5/14 of 2 March 2022 of the United Nations Environment Assembly", "GA", []),
    ("Recalls decision 15/11 of the Conference of the Parties to the Convention", "GA", []),
    ("World Health Assembly resolution 72/4", "GA", []),
    ("Nations Environment Programme, document CBD/COP/15/17, decision 15/4, annex.", "GA", []),
    ("Takes note of resolution GC(68)/RES/14 of the General Conference", "GA", []),
    ("Sales No. E.96.IV.13), chap. I, resolution 1, annexes I and II.", "GA", []),
    ("Recalls the decisions of the present resolution and decision-making processes", "GA", []),
]


@pytest.mark.parametrize("text, body, expected", FORMS)
def test_reference_forms_are_found_and_normalised(text, body, expected):
    assert [r.symbol for r in find_references(text, body)] == expected


def test_reference_positions_point_at_the_words():
    text = "Recalling its resolutions 73/195 and 76/266,"
    assert [text[r.start:r.end] for r in find_references(text)] == ["73/195", "76/266"]


def test_near_identical_wording_scores_high_and_shared_formulas_low():
    base = ("Calls upon States to ensure that the detention of migrant children is used only as "
            "a measure of last resort and for the shortest appropriate period of time")
    adjective = base.replace("shortest appropriate", "shortest possible")
    clause = base + ", and to seek alternatives to detention in the best interests of the child"
    other = ("Calls upon States to ensure that the report of the Secretary-General on the "
             "financing of peacekeeping is issued in time for the second resumed session")
    assert similarity(base, base) == 1.0
    assert similarity(base, adjective) > 0.9
    assert similarity(base, clause) > 0.8
    assert similarity(base, other) < 0.6
    assert phrase_similarity("measure of last resort", base) == 1.0
    assert phrase_similarity("measure of first choice", base) < 0.85


def test_word_diff_spells_both_texts():
    old, new = "to end the detention of children", "to end swiftly the detention of all children"
    segments = diff_words(old, new)
    assert " ".join(s.text for s in segments if s.op != "delete") == new
    assert " ".join(s.text for s in segments if s.op != "insert") == old
    assert [s.text for s in segments if s.op == "insert"] == ["swiftly", "all"]


def _doc(symbol, adopted, op1):
    res = sample_resolution(symbol=symbol, adopted=adopted)
    res.paragraphs[2].text = op1
    return res


CLAUSE = ("Calls upon all States to reduce the transaction costs of migrant remittances to less "
          "than three per cent and to eliminate remittance corridors with costs higher than five")


def test_precedents_oldest_first_exactly_one_first_and_removal_cleans_the_index(tmp_path):
    with Library(tmp_path / "l.clausemark") as lib:
        lib.add_resolution(_doc("A/RES/79/1", "2024-12-17", CLAUSE + " per cent"), fake_pdf("1"))
        lib.add_resolution(_doc("A/RES/77/1", "2022-12-19", CLAUSE + " per cent by 2030"),
                           fake_pdf("2"))
        lib.add_resolution(_doc("A/RES/78/1", "2023-12-19", "Calls upon all States to lower "
                                "the cost of remittances"), fake_pdf("3"))
        result = lib.precedents.of_paragraph("A/RES/79/1", "OP1")
        assert [(p.symbol, p.first, p.is_query) for p in result.precedents] == [
            ("A/RES/77/1", True, False), ("A/RES/79/1", False, True)]
        assert result.first.citation == "A/RES/77/1, OP 1"
        assert 0.9 < result.precedents[0].score < 1.0
        assert [s.text for s in result.precedents[0].diff if s.op == "insert"] == ["by 2030"]
        assert lib.precedents.first_agreed("A/RES/79/1", "OP1").symbol == "A/RES/77/1"
        lib.remove_document("A/RES/77/1")
        assert lib.conn.execute("SELECT count(*) FROM language_signatures s LEFT JOIN "
                                "paragraphs p ON p.id = s.paragraph_id "
                                "WHERE p.id IS NULL").fetchone()[0] == 0
        assert [p.symbol for p in lib.precedents.of_paragraph("A/RES/79/1", "OP1").precedents] \
            == ["A/RES/79/1"]
        assert lib.precedents.of_text("remittance corridors with costs higher").total == 1
        assert lib.precedents.of_text("   ").precedents == ()


def test_references_resolve_to_documents_in_the_library(tmp_path):
    with Library(tmp_path / "l.clausemark") as lib:
        cited = sample_resolution(symbol="A/RES/77/1", adopted="2022-12-19")
        lib.add_resolution(cited, fake_pdf("cited"))
        citing = sample_resolution(symbol="A/RES/78/9")
        citing.paragraphs[0].text = "Recalling its resolutions 77/1 and 76/5,"
        lib.add_resolution(citing, fake_pdf("citing"))
        refs = lib.references.of_document("A/RES/78/9")
        # footnote 1 ("Resolution 77/1.") is cited by PP1; footnote 2 names A/78/100 (in OP2(a))
        assert refs.to_dict() == {"symbol": "A/RES/78/9", "cites": [
            {"symbol": "A/RES/77/1", "in": ["PP1"], "in_library": True},
            {"symbol": "A/RES/76/5", "in": ["PP1"], "in_library": False},
            {"symbol": "A/78/100", "in": ["OP2(a)"], "in_library": False}], "cited_by": []}
        assert lib.references.of_document("A/RES/77/1").to_dict()["cited_by"] == [
            {"symbol": "A/RES/78/9", "in": ["PP1"]}]
        [a, b] = lib.references.links("A/RES/78/9", "PP1")
        assert (a.symbol, a.document_id, b.document_id) == ("A/RES/77/1", lib.document_id("A/RES/77/1"),
                                                          None)


def test_a_library_from_before_the_index_is_indexed_on_first_use_with_progress(tmp_path):
    path = tmp_path / "old.clausemark"
    conn = schema.open_connection(path, target=LATEST_VERSION - 1)
    conn.close()
    with Library(path) as lib:  # written by the previous version: no index step at import
        lib.add_resolution(_doc("A/RES/77/1", "2022-12-19", CLAUSE), fake_pdf("a"))
        lib.add_resolution(_doc("A/RES/78/1", "2023-12-19", CLAUSE), fake_pdf("b"))
        lib.conn.execute("DELETE FROM language_indexed")
        lib.conn.execute("DELETE FROM language_signatures")
        lib.conn.execute("DELETE FROM document_references")
        assert lib.precedents.missing() == 2
        seen = []
        assert lib.precedents.ensure_index(lambda done, total: seen.append((done, total))) == 2
        assert seen[-1] == (2, 2) and lib.precedents.missing() == 0
        assert lib.precedents.of_paragraph("A/RES/78/1", "OP1").total == 2


def test_migration_step_adds_the_index_tables(tmp_path):
    path = tmp_path / "m.clausemark"
    schema.open_connection(path, target=LATEST_VERSION - 1).close()
    with Library(path) as lib:
        assert lib.schema_version == LATEST_VERSION
        tables = {r[0] for r in lib.conn.execute("SELECT name FROM sqlite_master")}
        assert {"language_signatures", "language_fts", "document_references",
                "language_indexed"} <= tables


# -- the commands ---------------------------------------------------------------------------

def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def hrc_db(tmp_path_factory):
    """The HRC draft A/HRC/59/L.17 and the resolution adopted from it, A/HRC/RES/59/25."""
    dev = need_corpus(CORPUS / "dev")
    from clausemark.core.library import import_all
    path = tmp_path_factory.mktemp("hrc") / "hrc.clausemark"
    with Library(path) as lib:
        summary = import_all(lib, [dev / "aiun_A_HRC_59_L.17-EN.pdf",
                                   dev / "aiun_A_HRC_RES_59_25-EN.pdf"], workers=1)
        assert len(summary.imported) == 2
    return str(path)


@pytest.mark.corpus
def test_precedents_json_contract(capsys, hrc_db):
    code, out, err = run(capsys, "--db", hrc_db, "precedents", "A/HRC/RES/59/25", "OP22", "--json")
    assert code == 0 and err == ""
    data = json.loads(out)
    assert data["query"]["symbol"] == "A/HRC/RES/59/25" and data["query"]["id"] == "OP22"
    rows = data["precedents"]
    assert [(r["symbol"], r["id"]) for r in rows] == [("A/HRC/RES/59/25", "OP22"),
                                                     ("A/HRC/59/L.17", "OP21")]
    for r in rows:
        assert {"symbol", "id", "citation", "date", "score", "first", "text"} <= set(r)
        assert 0 <= r["score"] <= 1
    assert sum(r["first"] for r in rows) == 1 and rows[0]["first"]
    dated = [r["date"] for r in rows if r["date"]]
    assert dated == sorted(dated)
    assert rows[1]["citation"] == "A/HRC/59/L.17, OP 21"


@pytest.mark.corpus
def test_precedents_of_a_phrase_and_limit(capsys, hrc_db):
    code, out, _ = run(capsys, "precedents", "--text", "new collective quantified goal on climate "
                       "finance", "--json", "--db", hrc_db)
    data = json.loads(out)
    assert code == 0 and data["query"] == "new collective quantified goal on climate finance"
    assert {r["symbol"] for r in data["precedents"]} == {"A/HRC/RES/59/25", "A/HRC/59/L.17"}
    assert sum(r["first"] for r in data["precedents"]) == 1
    code, out, _ = run(capsys, "precedents", "A/HRC/RES/59/25", "PP13", "--limit", "1",
                       "--json", "--db", hrc_db)
    [only] = json.loads(out)["precedents"]
    assert only["first"] is True
    code, out, _ = run(capsys, "precedents", "A/HRC/RES/59/25", "PP13", "--db", hrc_db)
    assert code == 0 and "first agreed" in out and "A/HRC/59/L.17, PP 13" in out


@pytest.mark.corpus
def test_references_json_contract(capsys, hrc_db):
    code, out, err = run(capsys, "references", "A/HRC/RES/59/25", "--json", "--db", hrc_db)
    assert code == 0 and err == ""
    data = json.loads(out)
    assert set(data) == {"symbol", "cites", "cited_by"} and data["symbol"] == "A/HRC/RES/59/25"
    cites = {c["symbol"]: c for c in data["cites"]}
    assert cites["A/RES/77/276"] == {"symbol": "A/RES/77/276", "in": ["PP13"], "in_library": False}
    assert cites["A/HRC/RES/47/24"]["in"] == ["OP22"]
    assert data["cited_by"] == []
    code, out, _ = run(capsys, "references", "A/HRC/RES/59/25", "--db", hrc_db)
    assert code == 0 and "not in the library" in out


@pytest.mark.parametrize("argv, message", [
    (["precedents"], "give SYMBOL PARAGRAPH_ID"),
    (["precedents", "A/RES/78/217"], "give SYMBOL PARAGRAPH_ID"),
    (["precedents", "A/RES/78/217", "OP99"], "has no paragraph OP99"),
    (["precedents", "X/1", "OP1"], "no document X/1"),
    (["precedents", "--text", "  "], "needs some words"),
    (["precedents", "A/RES/78/217", "OP1", "--text", "x"], "not both"),
    (["precedents", "A/RES/78/217", "OP1", "--limit", "0"], "--limit"),
    (["references", "X/1"], "no document X/1"),
])
def test_bad_input_is_one_line_and_a_non_zero_exit(capsys, tmp_path, argv, message):
    path = tmp_path / "l.clausemark"
    with Library(path) as lib:
        lib.add_resolution(sample_resolution(), fake_pdf())
    code, out, err = run(capsys, "--db", str(path), *argv)
    assert code != 0 and out == ""
    assert len(err.strip().splitlines()) == 1 and message in err and "Traceback" not in err


def test_missing_library_is_one_line(capsys, tmp_path):
    code, _, err = run(capsys, "--db", str(tmp_path / "none.clausemark"), "references", "A/RES/1/1")
    assert code == 1 and "no such library" in err and len(err.strip().splitlines()) == 1


def test_reports_say_where_each_clause_was_first_agreed(tmp_path):
    import csv

    import docx

    from clausemark.core.reports.make import make_report
    from clausemark.core.reports.select import Selection
    path = tmp_path / "r.clausemark"
    with Library(path) as lib:
        lib.add_resolution(_doc("A/RES/77/1", "2022-12-19", CLAUSE + " per cent by 2030"),
                           fake_pdf("a"))
        lib.add_resolution(_doc("A/RES/79/1", "2024-12-17", CLAUSE + " per cent"), fake_pdf("b"))
        lib.tags.add("A/RES/79/1", "OP1", "remittances")
        lib.tags.add("A/RES/79/1", "PP2", "detention")
    plain = make_report(path, Selection(), "csv", tmp_path / "plain.csv")
    assert "first_agreed_in" not in plain.path.read_text(encoding="utf-8-sig")  # only when asked
    result = make_report(path, Selection(first_agreed=True), "csv", tmp_path / "first.csv")
    rows = {r["paragraph_id"]: r for r in csv.DictReader(
        result.path.read_text(encoding="utf-8-sig").splitlines())}
    assert rows["OP1"]["first_agreed_in"] == "A/RES/77/1, OP 1 (2022-12-19)"
    assert rows["PP2"]["first_agreed_in"] == "A/RES/77/1, PP 2 (2022-12-19)"  # same sample text
    make_report(path, Selection(first_agreed=True), "docx", tmp_path / "first.docx")
    text = "\n".join(p.text for p in docx.Document(str(tmp_path / "first.docx")).paragraphs)
    assert "first agreed in A/RES/77/1, OP 1 (2022-12-19)" in text


def test_report_command_first_agreed_option(capsys, tmp_path):
    path = tmp_path / "r.clausemark"
    with Library(path) as lib:
        lib.add_resolution(_doc("A/RES/79/1", "2024-12-17", CLAUSE), fake_pdf("b"))
        lib.tags.add("A/RES/79/1", "OP1", "remittances")
    out = tmp_path / "r.csv"
    code, _, err = run(capsys, "--db", str(path), "report", "--first-agreed", "--out", str(out))
    assert code == 0 and err == ""
    assert "A/RES/79/1, OP 1 (2024-12-17)" in out.read_text(encoding="utf-8-sig")


def test_commands_index_an_older_library_first_with_progress_on_stderr(capsys, tmp_path):
    path = tmp_path / "old.clausemark"
    with Library(path) as lib:
        lib.add_resolution(_doc("A/RES/77/1", "2022-12-19", CLAUSE), fake_pdf("a"))
        lib.add_resolution(_doc("A/RES/78/1", "2023-12-19", CLAUSE), fake_pdf("b"))
        for table in ("language_indexed", "language_signatures", "document_references"):
            lib.conn.execute(f"DELETE FROM {table}")
    code, out, err = run(capsys, "--db", str(path), "precedents", "A/RES/78/1", "OP1", "--json")
    assert code == 0 and "indexing agreed language and references: 2/2 documents" in err
    assert [p["symbol"] for p in json.loads(out)["precedents"]] == ["A/RES/77/1", "A/RES/78/1"]
    code, out, err = run(capsys, "--db", str(path), "references", "A/RES/78/1", "--json")
    assert code == 0 and err == ""  # indexed once, not again
