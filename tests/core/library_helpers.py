"""Hand-built resolutions and libraries for the library tests (no parser needed)."""
from __future__ import annotations

from clausemark.core.library.library import Library
from clausemark.core.parse.model import Footnote, Paragraph, Resolution


def sample_resolution(symbol: str = "A/RES/78/217", adopted: str | None = "2023-12-19",
                      title: str = "Protection of migrants", extra: str = "") -> Resolution:
    """A small resolution: two preambular paragraphs, two operative ones, one with (a) and (b)
    and (a)(i); footnotes; boxes. `extra` is appended to OP 1 so that texts can differ."""
    return Resolution(
        symbol=symbol, title=title, body="General Assembly", session="Seventy-eighth session",
        agenda_item="71 (b)", adopted=adopted, meeting="50th plenary meeting", language="en",
        pages=3,
        paragraphs=[
            Paragraph("PP1", "preambular", None, "PP 1", "Recalling",
                      "Recalling its previous resolutions on the protection of migrants",
                      pages=[1], footnote_refs=["1"], boxes=[(1, 123.4, 402.1, 490.5, 450.3)]),
            Paragraph("PP2", "preambular", None, "PP 2", "Deeply concerned",
                      "Deeply concerned about the detention of migrant children",
                      pages=[1, 2], boxes=[(1, 123.4, 460.0, 490.5, 700.0),
                                           (2, 123.4, 73.5, 490.5, 100.0)]),
            Paragraph("OP1", "operative", "1", "OP 1", "Calls upon",
                      "Calls upon all States to lower the cost of remittances" + extra,
                      pages=[2]),
            Paragraph("OP2", "operative", "2", "OP 2", "Urges", "Urges States:", pages=[2],
                      children=[
                          Paragraph("OP2(a)", "subparagraph", "a", "OP 2 (a)", None,
                                    "To ensure consular access for detained migrants",
                                    pages=[2], footnote_refs=["2"],
                                    children=[Paragraph("OP2(a)(i)", "subparagraph", "i",
                                                        "OP 2 (a) (i)", None,
                                                        "including notification without delay",
                                                        pages=[3])]),
                          Paragraph("OP2(b)", "subparagraph", "b", "OP 2 (b)", None,
                                    "To end the immigration detention of children", pages=[3]),
                      ]),
        ],
        footnotes=[Footnote("1", "Resolution 77/1.", 1), Footnote("2", "See A/78/100.", 2)])


def integrity_check(lib: Library) -> str:
    """SQLite's full integrity check of the library file ("ok" when sound)."""
    return "; ".join(r[0] for r in lib.conn.execute("PRAGMA integrity_check"))


def fake_pdf(tag: str = "") -> bytes:
    """Bytes standing in for a PDF: only their hash and size matter to the library."""
    return b"%PDF-1.7\n% clausemark test document " + tag.encode() + b"\n%%EOF\n"


def library_with_document(path, author: str = "tester") -> Library:
    lib = Library(path, author=author)
    lib.add_resolution(sample_resolution(), fake_pdf("78/217"), filename="a_res_78_217.pdf")
    return lib
