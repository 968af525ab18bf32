"""Amendments parse into a faithful structure (issue 13, item 12): every instruction is an
operative paragraph of the amendment, and the paragraphs an instruction quotes are its children
of kind "quoted", never preambular or operative paragraphs of the amendment itself."""
import pytest

from clausemark.core.errors import ParseError
from clausemark.core.parse.amendments import structure_amendment
from clausemark.core.parse.decisions import beyond_decision_share
from clausemark.core.parse.model import Paragraph, Resolution
from clausemark.core.parse.parser import parse_pdf


def _p(pid, kind, number, label, text, children=()):
    return Paragraph(id=pid, kind=kind, number=number, label=label, text=text,
                     children=list(children))


@pytest.mark.timeout(10)
def test_instruction_takes_the_paragraphs_it_quotes():
    res = Resolution(paragraphs=[
        _p("PP1", "preambular", None, "PP 1", "After operative paragraph 70, insert the "
                                             "following operative paragraph:"),
        _p("OP", "operative", None, "OP", "Stresses that ...;",
           [_p("OP(a)", "subparagraph", "a", "OP (a)", "first item;")]),
    ])
    structure_amendment(res)
    (op,) = res.paragraphs
    assert (op.id, op.kind, op.label) == ("OP", "operative", "OP")
    (quoted,) = op.children
    assert (quoted.id, quoted.kind, quoted.label) == ("OP.Q1", "quoted", "OP, quoted para. 1")
    assert [(c.id, c.label) for c in quoted.children] == [("OP.Q1(a)", "OP, quoted para. 1 (a)")]


@pytest.mark.corpus
@pytest.mark.timeout(60)
def test_real_amendments(corpus_required, dev_dir):
    more = corpus_required / "more"
    for name, quote in (("A_80_L.19.pdf", "Recalling the inclusion of attacks"),
                        ("A_80_L.33.pdf", "Stresses that there is no international right"),
                        ("A_80_L.36.pdf", "Calls upon Member States to refrain")):
        res = parse_pdf(more / name)
        assert res.document_type == "amendment"
        (instruction,) = res.paragraphs
        assert instruction.kind == "operative" and instruction.text.endswith(":"), name
        assert [c.kind for c in instruction.children] == ["quoted"], name
        assert instruction.children[0].text.startswith(quote), name
    l28 = parse_pdf(more / "A_80_L.28.pdf")
    assert [p.number for p in l28.paragraphs][:5] == ["1", "2", "3", "4", "5"]
    assert all(p.kind == "operative" for p in l28.paragraphs)
    # "3. After the fifth preambular paragraph, insert ... reading:" then "Stressing ...,": the
    # quoted preambular paragraph is the instruction's child, not more of its text.
    op3 = l28.find("OP3")
    assert op3.text.endswith("reading:")
    assert [(q.kind, q.opening) for q in op3.children] == [("quoted", "Stressing")]
    assert l28.citation(op3.children[0]) == "A/80/L.28, OP 3, quoted para. 1"
    quoted = l28.find("OP5").children
    assert [q.opening for q in quoted][:2] == ["Expresses grave alarm", "Stresses"]
    ids = [p.id for p in l28.walk()]
    assert len(ids) == len(set(ids))
    # A numbered amendment without quotations keeps its plain tree.
    l61 = parse_pdf(dev_dir / "mp_A_C.3_80_L.61-EN.pdf")
    assert [(p.id, p.kind, p.children) for p in l61.paragraphs] == \
        [("OP1", "operative", []), ("OP2", "operative", [])]


@pytest.mark.corpus
@pytest.mark.timeout(60)
def test_real_draft_decisions(corpus_required):
    more = corpus_required / "more"
    # One sentence: "The General Assembly, taking note of ..., decides ...".
    single = parse_pdf(more / "A_C.4_80_L.10.pdf")
    assert [(p.id, p.kind) for p in single.paragraphs] == [("OP", "operative")]
    assert single.paragraphs[0].text.startswith("The General Assembly, taking note of")
    # A preamble ending in a colon, then lettered items: the items are what is decided.
    lettered = parse_pdf(more / "A_80_L.1.pdf")
    assert [(p.id, p.kind, p.opening) for p in lettered.paragraphs] == [
        ("PP1", "preambular", "Recalling"), ("PP2", "preambular", "Recalling also"),
        ("PP3", "preambular", "Recalling further"), ("OP(a)", "operative", "Expresses"),
        ("OP(b)", "operative", "Endorses")]
    assert lettered.citation(lettered.find("OP(b)")) == "A/80/L.1, OP (b)"


@pytest.mark.corpus
@pytest.mark.timeout(60)
def test_programmes_of_work_are_refused_with_their_reason(corpus_required):
    # A decision approving "the programme of work as set out below" is mostly that programme:
    # a list of agenda items (Second, Third Committee) or a timetable in tables (Fourth). Its
    # tree would be the programme read as paragraphs; it is refused, naming the document.
    more = corpus_required / "more"
    for name in ("A_C.2_80_L.60.pdf", "A_C.3_80_L.60.pdf", "A_C.4_80_L.15.pdf"):
        with pytest.raises(ParseError) as err:
            parse_pdf(more / name)
        symbol = name[:-4].replace("_", "/")
        assert err.value.reason.startswith(f"{symbol} is mostly tables, lists and headings")
        assert "not a resolution or decision text: not imported" in err.value.reason
    # The Fifth Committee's programme of work is a note: refused as one.
    with pytest.raises(ParseError, match="a note, not a resolution"):
        parse_pdf(more / "A_C.5_80_L.1.pdf")


@pytest.mark.timeout(10)
def test_share_beyond_the_decision():
    decided = _p("OP", "operative", None, "OP", "The General Assembly decides " + "x" * 80)
    programme = _p("H1", "heading", None, "Heading 1", "Draft programme of work")
    items = [_p(f"OP{i}", "operative", str(i), f"OP {i}", "Agenda item " + "y" * 30)
             for i in range(1, 6)]
    assert beyond_decision_share(Resolution(paragraphs=[decided])) == 0
    assert beyond_decision_share(Resolution(paragraphs=[decided, programme, *items])) > 0.5
    # No operative part recognised: nothing is decided.
    pp = _p("PP1", "preambular", None, "PP 1", "Item 1. Social development:")
    assert beyond_decision_share(Resolution(paragraphs=[pp])) == 1
