"""Structural invariants over real documents: the 200 resolutions of ../shared/corpus/bench and
the documents of ../shared/corpus/more (more/kinds.tsv): resolutions, draft resolutions, and the
draft decisions, amendments and notes, each of which must either pass the same checks or be
refused with a reason saying it is not a resolution or decision text (issue 13, item 12).

Structure right (tests/core/structure_checks.py) = operative numbering 1..N in the document and
in each section, letters (a), (b) ... and romans (i), (ii) ... in sequence, no duplicate ids, no
paragraph swallowing the next one or cut in two, no running header/footer text in paragraphs,
every footnote reference with its note (and every note referenced), title found, adoption date
for resolutions and none for drafts. The pass rate is printed per document type and must reach
99% over all of them. By hand: `.venv/bin/python -m tests.core.structure_checks`.

Measured (2026-12-01): resolutions 408/408, draft resolutions 80/81 = 488/489 (99.8%); before
this work 393/408 and 75/81 (95.7%) by the same checks. Other documents of more/ (2026-12-01,
after the parse2 work): draft decisions 8/8 (five parsed, three programmes of work refused:
A/C.2/80/L.60, A/C.3/80/L.60, A/C.4/80/L.15), amendments 4/4 parsed, note 1/1 refused
(A/C.5/80/L.1); before it amendments 3/4 (A/80/L.28 OP 3 swallowed its quoted "Stressing")
and draft decisions 5/8. The remaining exception, with what the
PDF shows; it must keep failing for that reason only (a new failure anywhere fails the test):
- A/80/L.41: the PDF prints no title above "The General Assembly," (a draft submitted by the
  President that adopts the outcome document whose own title follows); the title stays null,
  as DESIGN.md asks of missing metadata.
"""
import pytest

from tests.conftest import CORPUS, need_corpus
from tests.core.structure_checks import check_all, corpus_files, pass_rates

KNOWN = {"A_80_L.41": {"title"}}
TARGET = 0.99


@pytest.fixture(scope="module")
def results():
    for folder in ("bench", "more"):
        need_corpus(CORPUS / folder)
    items = corpus_files(CORPUS)
    assert len(items) >= 480, len(items)
    return {path.stem: (kind, probs) for path, kind, probs in check_all(items, workers=2)}


@pytest.mark.corpus
@pytest.mark.timeout(600)
def test_structure_is_right_on_99_percent_of_resolutions_and_drafts(results):
    rates = pass_rates([(None, kind, probs) for kind, probs in results.values()])
    for kind, (ok, n) in sorted(rates.items()):
        print(f"\n{kind}: {ok}/{n} = {100 * ok / n:.1f}% structure right")
    ok = sum(a for a, _ in rates.values())
    total = sum(n for _, n in rates.values())
    print(f"all: {ok}/{total} = {100 * ok / total:.1f}%")
    unexpected = {stem: probs for stem, (_, probs) in results.items()
                  if probs and not set(probs) <= KNOWN.get(stem, set())}
    assert not unexpected, unexpected
    assert ok / total >= TARGET


@pytest.mark.corpus
@pytest.mark.timeout(600)
def test_known_exceptions_are_still_real(results):
    # If one of them starts passing, remove it from KNOWN and the docstring.
    for stem in KNOWN:
        assert results[stem][1], stem
