"""Structure rules of the parser on small synthetic blocks (no corpus needed): parts as
sections, tables, numbered lists inside a paragraph, numbers without a full stop, verb-led
preambular paragraphs. The same rules on real documents: test_parser_gold, _invariants."""
import pytest

from clausemark.core.parse.blocks import Block, is_tabular
from clausemark.core.parse.model import Resolution
from clausemark.core.parse.pdf_lines import Row, Span
from clausemark.core.parse.sections import next_mark, plan_sections
from clausemark.core.parse.tree import TreeBuilder

pytestmark = pytest.mark.timeout(10)
SIZE = 10.0


def _row(text: str, y: float = 100.0, x: float = 123.4, cells=None, bold=False) -> Row:
    span = Span(text, SIZE, 16 if bold else 4, "TimesNewRomanPS-BoldMT" if bold else "TNR")
    return Row(1, x, y, x + 300, y + 10, [span], cells or [(x, x + 300, text)])


def heading(text: str, *more: str) -> Block:
    rows = [_row(text, bold=True)] + [_row(t, bold=True) for t in more]
    return Block("heading", rows, text=" ".join((text,) + more))


def text(body: str, number: str | None = None, opening: str | None = None, **kw) -> Block:
    return Block("text", [_row(body)], number=number, text=body, opening_italic=opening, **kw)


def build(blocks: list[Block]) -> Resolution:
    res = Resolution(symbol="A/RES/78/247")
    TreeBuilder(res, SIZE).build(blocks)
    return res


def test_parts_numbering_from_1_again_are_sections_with_their_own_ids_and_citations():
    blocks = [heading("I", "Activities of the Office"),
              text("Recalling its resolutions,", opening="Recalling"),
              text("Reaffirms its role;", "1", "Reaffirms"),
              text("Also reaffirms its role;", "2", "Also reaffirms"),
              heading("II", "Activities of the Committee"),
              text("Notes the work;", "1", "Notes"),
              text("Reaffirms the terms;", "2", "Reaffirms")]
    assert plan_sections(blocks) == {0: 1, 4: 1}
    res = build(blocks)
    assert [p.id for p in res.paragraphs] == ["I", "II"]
    section = res.find("II")
    assert (section.kind, section.label, section.text) == ("section", "Section II",
                                                          "Activities of the Committee")
    assert [p.id for p in section.children] == ["II.OP1", "II.OP2"]
    assert res.citation(res.find("II.OP2")) == "A/RES/78/247, section II, OP 2"
    assert res.find("I.PP1").label == "section I, PP 1"


def test_parts_of_one_continuous_numbering_stay_headings():
    blocks = [heading("I", "Conserving the ocean"), text("Decides;", "1", "Decides"),
              heading("II", "Fisheries"), text("Urges;", "2", "Urges")]
    assert plan_sections(blocks) == {}
    res = build(blocks)
    assert [p.id for p in res.walk() if p.kind == "operative"] == ["OP1", "OP2"]


def test_parts_within_parts_nest_and_name_the_whole_path():
    blocks = [heading("A"), text("Takes note;", "1", "Takes note"),
              heading("I", "Conditions of service"), text("Approves the standards;",
                                                          opening="Approves"),
              heading("II", "Professional staff"), text("Confirms that;", opening="Confirms"),
              heading("B"), text("The General Assembly,"),
              text("Takes note of the report;", "1", "Takes note")]
    assert plan_sections(blocks) == {0: 1, 2: 2, 4: 2, 6: 1}
    res = build(blocks)
    assert res.find("A.II.OP").label == "section A.II, OP"
    assert [p.id for p in res.find("B").children] == ["B.OP1"]  # "The General Assembly," skipped


def test_part_marks_run_in_sequence():
    assert next_mark("I", letters=False) == "II" and next_mark("IV", letters=False) == "V"
    assert next_mark("H", letters=True) == "I" and next_mark("I", letters=True) == "J"


def test_cells_far_apart_make_a_table_row():
    assert is_tabular(_row("Angola 0.010", cells=[(123.4, 160.0, "Angola"),
                                                  (466.7, 490.0, "0.010")]), SIZE)
    assert not is_tabular(_row("1. Decides", cells=[(147.1, 155.0, "1."),
                                                    (170.9, 490.0, "Decides")]), SIZE)


def test_a_table_goes_under_the_paragraph_announcing_it_and_numbering_goes_on():
    table = Block("table", [_row("Member State Percentage",
                                 cells=[(123, 180, "Member State"), (450, 490, "Percentage")]),
                            _row("Angola 0.010", cells=[(123, 160, "Angola"), (466, 490, "0.010")])],
                  text="Member State | Percentage; Angola | 0.010")
    res = build([text("Resolves that the scale shall be as follows:", "12", "Resolves"), table,
                 text("Takes note of the report;", "13", "Takes note")])
    assert [p.id for p in res.paragraphs] == ["OP12", "OP13"]
    node = res.find("OP12.T1")
    assert node.kind == "table" and node.rows == [["Member State", "Percentage"],
                                                  ["Angola", "0.010"]]
    assert node.to_dict()["rows"][1] == ["Angola", "0.010"]


def test_a_numbered_list_inside_a_paragraph_stays_in_it():
    res = build([text("Requests the Secretary-General;", "10", "Requests"),
                 text("Approves the following provisional agenda:", "11", "Approves"),
                 text("Opening of the Congress.", "1"), text("Organizational matters.", "2"),
                 text("Decides that the issues shall be considered;", "12", "Decides")])
    assert [p.id for p in res.paragraphs] == ["OP10", "OP11", "OP12"]
    assert res.find("OP11").text.endswith(
        "agenda: 1. Opening of the Congress. 2. Organizational matters.")


def test_a_number_without_full_stop_is_taken_when_it_is_the_next_one():
    res = build([text("Recalls the recommendation;", "24", "Recalls"),
                 text("25 Condemns without reservation any denial;", bare_number="25",
                      opening="Condemns without reservation"),
                 text("2030 Agenda for Sustainable Development goes on", bare_number="2030")])
    assert [p.id for p in res.paragraphs] == ["OP24", "OP25"]
    assert res.find("OP25").text.startswith("Condemns without reservation")
    assert res.find("OP25").text.endswith("2030 Agenda for Sustainable Development goes on")


def test_a_verb_led_paragraph_ending_with_a_comma_stays_in_the_preamble():
    res = build([text("Recalling its resolutions,", opening="Recalling"),
                 text("Reiterates its appreciation for the proposal,",
                      opening="Reiterates its appreciation"),
                 text("Recognizing the need,", opening="Recognizing"),
                 text("Encourages cooperation;", "1", "Encourages")])
    assert [p.id for p in res.paragraphs] == ["PP1", "PP2", "PP3", "OP1"]
