"""Full-text search: stemming, snippets, filters, safe query syntax, ranking."""
import pytest

from clausemark.core.errors import ClausemarkError
from clausemark.core.library.library import Library
from clausemark.core.library.search import fts_query
from tests.core.library_helpers import fake_pdf, sample_resolution


@pytest.fixture
def lib(tmp_path):
    with Library(tmp_path / "lib.clausemark", author="ana") as lib:
        lib.add_resolution(sample_resolution(), fake_pdf("78"))
        lib.add_resolution(sample_resolution(symbol="A/RES/79/1", adopted="2024-12-17",
                                             extra=" and to ban detention"), fake_pdf("79"))
        lib.add_resolution(sample_resolution(symbol="A/HRC/RES/59/2", adopted=None),
                           fake_pdf("hrc"))
        yield lib


def hits(lib, query, **kw):
    return [h.citation for h in lib.search.paragraphs(query, **kw)]


def test_word_families_find_other_word_forms(lib):
    # stored: "detained", "detention", "remittances", "migrants", "migrant", "Recalling", "lower"
    assert set(hits(lib, "detain", document="A/RES/78/217")) == {
        "A/RES/78/217, OP 2 (a)", "A/RES/78/217, OP 2 (b)", "A/RES/78/217, PP 2"}
    assert hits(lib, "remittance", document="A/RES/78/217") == ["A/RES/78/217, OP 1"]
    assert set(hits(lib, "migrant", document="A/RES/78/217")) == {
        "A/RES/78/217, PP 1", "A/RES/78/217, PP 2", "A/RES/78/217, OP 2 (a)"}
    assert hits(lib, "recalled", document="A/RES/78/217") == ["A/RES/78/217, PP 1"]
    assert hits(lib, "lowering", document="A/RES/78/217") == ["A/RES/78/217, OP 1"]


def test_hits_carry_symbol_id_citation_snippet_and_text(lib):
    [hit] = lib.search.paragraphs("consular", document="A/RES/79/1")
    assert (hit.symbol, hit.paragraph, hit.citation, hit.kind) == \
        ("A/RES/79/1", "OP2(a)", "A/RES/79/1, OP 2 (a)", "subparagraph")
    assert hit.text == "To ensure consular access for detained migrants"
    assert "[consular]" in hit.snippet
    d = hit.to_dict()
    assert {k: d[k] for k in ("symbol", "id", "citation")} == \
        {"symbol": "A/RES/79/1", "id": "OP2(a)", "citation": "A/RES/79/1, OP 2 (a)"}
    assert lib.search.paragraphs("consular", mark=("<b>", "</b>"), limit=1)[0].snippet.count("<b>") == 1


def test_filter_by_document_kind_year_and_theme(lib):
    assert len(hits(lib, "migrants")) == 9  # PP1, PP2 and OP2(a) in three documents
    assert set(hits(lib, "migrants", document="A/RES/79/1")) == {
        "A/RES/79/1, PP 1", "A/RES/79/1, PP 2", "A/RES/79/1, OP 2 (a)"}
    assert set(hits(lib, "migrants", kind="preambular", document="A/HRC/RES/59/2")) == {
        "A/HRC/RES/59/2, PP 1", "A/HRC/RES/59/2, PP 2"}
    assert set(hits(lib, "migrants", kind=["subparagraph"], year=2024)) == {
        "A/RES/79/1, OP 2 (a)"}
    assert set(hits(lib, "migrants", year=(2020, 2023))) == {
        "A/RES/78/217, PP 1", "A/RES/78/217, PP 2", "A/RES/78/217, OP 2 (a)"}
    assert hits(lib, "migrants", theme="detention") == []
    lib.tags.add("A/RES/79/1", "OP2(a)", "detention")
    lib.themes.add("sub", parent="children")
    lib.tags.add("A/RES/78/217", "PP1", "sub")
    assert hits(lib, "migrants", theme="detention") == ["A/RES/79/1, OP 2 (a)"]
    assert hits(lib, "migrants", theme="children") == ["A/RES/78/217, PP 1"]  # via sub-theme


def test_best_matches_come_first(lib):
    res = sample_resolution(symbol="A/RES/80/5")
    res.paragraphs[0].text = "Concerned about detention of migrants in detention centres"
    res.paragraphs[1].text = "Concerned about detention of migrants in closed centres"
    lib.add_resolution(res, fake_pdf("80/5"))
    found = hits(lib, '"detention"', document="A/RES/80/5")  # quoted: this word only
    assert found[0] == "A/RES/80/5, PP 1"  # twice the term, same length as PP 2
    assert found.index("A/RES/80/5, PP 1") < found.index("A/RES/80/5, PP 2")
    scores = [h.score for h in lib.search.paragraphs("detention")]
    assert scores == sorted(scores)  # FTS5 rank: lower is better


def test_phrases_prefixes_and_operators(lib):
    assert set(hits(lib, '"migrant children"')) == {
        "A/RES/78/217, PP 2", "A/RES/79/1, PP 2", "A/HRC/RES/59/2, PP 2"}
    assert set(hits(lib, '"children migrant"')) == set()
    assert "A/RES/78/217, OP 1" in hits(lib, "remit*")
    assert set(hits(lib, "notification OR remittances", document="A/RES/78/217")) == {
        "A/RES/78/217, OP 1", "A/RES/78/217, OP 2 (a) (i)"}
    assert set(hits(lib, '"detention" NOT children')) == {"A/RES/79/1, OP 1"}


@pytest.mark.parametrize("query", ['A/RES/78/217', 'non-refoulement', '"unclosed', 'text:x',
                                   '(', '*', '""', "it's", "NEAR(a b)", "\x00"])
def test_odd_input_finds_nothing_and_never_raises(lib, query):
    # None of these words is in the texts; FTS5 syntax in them is never interpreted
    assert hits(lib, query) == []


@pytest.mark.parametrize("query", ["OR migrants", "migrants AND", "migrants OR", "AND migrants",
                                   "migrants\x00"])
def test_dangling_operators_are_ignored(lib, query):
    assert len(hits(lib, "migrants")) == 9
    assert hits(lib, query) == hits(lib, "migrants")


@pytest.mark.parametrize("query", ["NOT", "NOT children", "migrants OR NOT children",
                                   "migrants AND NOT children"])
def test_a_not_with_nothing_before_it_is_an_error(lib, query):
    from clausemark.core.library.search import SearchQueryError
    with pytest.raises(SearchQueryError, match="NOT needs words before it"):
        lib.search.paragraphs(query)


def test_empty_query_returns_nothing(lib):
    assert lib.search.paragraphs("") == [] and lib.search.paragraphs("  ...  ") == []


def test_fts_query_building():
    assert fts_query("detention children") == '"detention" AND "children"'
    assert fts_query("migra*") == '"migra"*'
    assert fts_query('"best interests" OR welfare') == '"best interests" OR "welfare"'
    assert fts_query("x NOT y") == '"x" NOT "y"'
    with pytest.raises(ClausemarkError):  # not '"x"': that would search for what was excluded
        fts_query("NOT x")
    assert fts_query("...") is None


def test_search_index_follows_text_changes_and_deletes(lib):
    lib.conn.execute("UPDATE paragraphs SET text = 'Welcomes the zebra' WHERE pid = 'OP1'")
    assert len(lib.search.paragraphs("zebra")) == 3
    assert not any(h.label == "OP 1" for h in lib.search.paragraphs("remittances"))
    lib.remove_document("A/RES/79/1")
    assert len(lib.search.paragraphs("zebra")) == 2
    lib.conn.execute("INSERT INTO paragraphs_fts(paragraphs_fts) VALUES ('integrity-check')")


def test_large_result_sets_rank_the_newest_window_first_and_lose_nothing(lib, monkeypatch):
    import clausemark.core.library.search
    everything = {(h.document_id, h.paragraph) for h in lib.search.paragraphs("migrants", limit=100)}
    assert len(everything) == 9
    monkeypatch.setattr(clausemark.core.library.search, "RANK_WINDOW", 4)
    windowed = lib.search.paragraphs("migrants", limit=100)
    assert {(h.document_id, h.paragraph) for h in windowed} == everything  # nothing lost
    first = lib.search.paragraphs("migrants", limit=4)
    newest = {(r[0], r[1]) for r in lib.conn.execute(
        "SELECT document_id, pid FROM paragraphs WHERE id IN (SELECT rowid FROM paragraphs_fts "
        "WHERE paragraphs_fts MATCH ? ORDER BY rowid DESC LIMIT 4)",
        (fts_query("migrants", lib.search.family),))}
    assert {(h.document_id, h.paragraph) for h in first} == newest
    assert [h.score for h in first] == sorted(h.score for h in first)  # ranked inside
    pages = [h for offset in range(0, 9, 2) for h in lib.search.paragraphs("migrants", limit=2,
                                                                  offset=offset)]
    assert [(h.document_id, h.paragraph) for h in pages] == \
        [(h.document_id, h.paragraph) for h in windowed]  # offsets page through the same order


def test_theme_filter_ranks_tagged_paragraphs_best_first(lib, monkeypatch):
    import clausemark.core.library.search
    for symbol in ("A/RES/78/217", "A/RES/79/1", "A/HRC/RES/59/2"):
        for pid in ("PP1", "PP2", "OP2(a)", "OP2(b)"):
            lib.tags.add(symbol, pid, "detention")
    fast = lib.search.paragraphs("migrants detention", theme="detention")
    monkeypatch.setattr(clausemark.core.library.search, "FILTER_FIRST", 0)  # the other path must agree
    ranked = lib.search.paragraphs("migrants detention", theme="detention")
    assert [(h.citation, h.score) for h in fast] == [(h.citation, h.score) for h in ranked]
    assert [h.score for h in fast] == sorted(h.score for h in fast) and len(fast) == 6  # + detained
    assert len(lib.search.paragraphs("migrants", theme="detention", limit=2, offset=8)) == 1  # 9 in all
    assert lib.search.paragraphs("migrants", theme="detention", limit=2, offset=9) == []
