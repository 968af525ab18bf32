"""Small python-docx building blocks for the Word brief: page set-up, named styles, table cells
and widths, and a fast way to append paragraphs and runs (fields: docx_fields.py).

Why the fast path: python-docx's `Document.add_paragraph` looks for the section properties at the
end of the body by scanning every earlier paragraph, `Paragraph.style = ` checks every style to
see whether it is the default, and `Run.text` walks the text a character at a time; a
10,000-clause brief took minutes. Here the section element is found once and
runs get their `w:t` directly (python-docx's own oxml element factory, same XML)."""
from __future__ import annotations

from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.text.paragraph import Paragraph

from clausemark.core.output import xml_safe

XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"

SERIF = "Times New Roman"  # clause text, as in the UN originals
SANS = "Calibri"  # everything else (LibreOffice shows the metric twin Carlito)
A4_SHORT_CM, A4_LONG_CM, MARGIN_CM = 21.0, 29.7, 2.3
GREY = RGBColor(0x59, 0x59, 0x59)


def clean(text: str | None) -> str:
    """`text` without the characters XML 1.0 (so Word) cannot hold."""
    return xml_safe(text or "")


def set_a4(section) -> None:
    section.page_width, section.page_height = Cm(A4_SHORT_CM), Cm(A4_LONG_CM)
    section.left_margin = section.right_margin = Cm(MARGIN_CM)
    section.top_margin, section.bottom_margin = Cm(2.2), Cm(2.0)


def _paragraph_style(doc, name: str, base: str = "Normal"):
    styles = doc.styles
    try:
        return styles[name]
    except KeyError:
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = styles[base]
        style.quick_style = True
        return style


def define_styles(doc) -> dict:
    """The brief's paragraph styles by role (style objects, so lookups do not search by name)."""
    normal = doc.styles["Normal"]
    normal.font.name = SANS
    normal.font.size = Pt(10.5)
    footer = doc.styles["Footer"]
    footer.font.size = Pt(8.5)
    footer.font.color.rgb = GREY
    citation = _paragraph_style(doc, "Clause Citation")
    citation.font.bold = True
    citation.font.size = Pt(10)
    citation.paragraph_format.space_before = Pt(10)
    citation.paragraph_format.space_after = Pt(2)
    citation.paragraph_format.keep_with_next = True
    text = _paragraph_style(doc, "Clause Text")
    text.font.name = SERIF
    text.font.size = Pt(11.5)
    text.paragraph_format.left_indent = Cm(0.8)
    text.paragraph_format.space_after = Pt(3)
    text.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    note = _paragraph_style(doc, "Clause Note")
    note.font.size = Pt(9.5)
    note.font.color.rgb = RGBColor(0x1F, 0x3A, 0x5F)
    note.paragraph_format.left_indent = Cm(0.8)
    note.paragraph_format.space_after = Pt(3)
    meta = _paragraph_style(doc, "Report Meta")
    meta.font.size = Pt(9)
    meta.font.color.rgb = GREY
    meta.paragraph_format.space_after = Pt(4)
    # Lines under a heading stay on the heading's page with what follows them.
    meta_next = _paragraph_style(doc, "Report Meta Next", "Report Meta")
    meta_next.paragraph_format.keep_with_next = True
    lead = _paragraph_style(doc, "Report Lead")
    lead.font.size = Pt(12)
    lead.paragraph_format.space_before = Pt(12)
    lead.paragraph_format.space_after = Pt(18)
    footnote = _paragraph_style(doc, "Clause Footnote")
    footnote.font.name = SERIF
    footnote.font.size = Pt(8.5)
    footnote.paragraph_format.left_indent = Cm(1.2)
    footnote.paragraph_format.first_line_indent = Cm(-0.4)
    footnote.paragraph_format.space_after = Pt(1)
    reference = _paragraph_style(doc, "Clause Reference", "Clause Note")
    reference.font.italic = False
    reference.font.color.rgb = GREY
    overview_theme = _paragraph_style(doc, "Overview Theme")
    overview_theme.font.bold = True
    overview_theme.font.size = Pt(11)
    overview_theme.paragraph_format.space_before = Pt(8)
    overview_theme.paragraph_format.space_after = Pt(2)
    overview_theme.paragraph_format.keep_with_next = True
    overview = _paragraph_style(doc, "Overview Line")
    overview.paragraph_format.left_indent = Cm(0.5)
    overview.paragraph_format.space_after = Pt(2)
    for level in (1, 2):
        h = doc.styles[f"Heading {level}"]
        h.paragraph_format.keep_with_next = True
        h.paragraph_format.page_break_before = False
    toc = {}
    for level in (1, 2):
        toc[level] = _paragraph_style(doc, f"toc {level}")  # Word's built-in name and id
        toc[level].style_id = f"TOC{level}"
        toc[level].paragraph_format.left_indent = Cm(0.6 * (level - 1))
        toc[level].paragraph_format.space_after = Pt(2 if level == 2 else 4)
        toc[level].font.bold = level == 1
    return {"citation": citation, "text": text, "note": note, "meta": meta,
            "meta_next": meta_next, "lead": lead, "footnote": footnote, "reference": reference,
            "overview_theme": overview_theme, "overview": overview,
            "toc_heading": doc.styles["TOC Heading"], "toc1": toc[1], "toc2": toc[2],
            "h1": doc.styles["Heading 1"], "h2": doc.styles["Heading 2"],
            "title": doc.styles["Title"], "subtitle": doc.styles["Subtitle"],
            "normal": normal}


class BodyWriter:
    """Appends paragraphs at the end of a document body in constant time."""

    def __init__(self, doc):
        self.doc = doc
        body = doc.element.body
        self._end = body.find(qn("w:sectPr"))  # the body's last child; new blocks go before it
        self._parent = doc._body  # python-docx's own parent object for Paragraph proxies

    def detached(self, style=None) -> Paragraph:
        """A paragraph not yet in the body (the caller places it)."""
        p = OxmlElement("w:p")
        if style is not None:  # by id: `Paragraph.style = ` searches every style each time
            ppr = OxmlElement("w:pPr")
            ppr.append(OxmlElement("w:pStyle", {qn("w:val"): style.style_id}))
            p.append(ppr)
        return Paragraph(p, self._parent)

    def paragraph(self, style=None, text: str | None = None, **run_format) -> Paragraph:
        para = self.detached(style)
        if self._end is not None:
            self._end.addprevious(para._p)
        else:
            self.doc.element.body.append(para._p)
        if text:
            add_run(para, text, **run_format)
        return para


def add_run(para: Paragraph, text: str, *, bold: bool | None = None, italic: bool = False,
            highlight: bool = False, colour: RGBColor | None = None, size: float | None = None,
            strike: bool = False, underline: bool = False):
    """A run with plain text (no tabs or line breaks: paragraph texts are normalised).
    Strike and underline: the deletions and insertions of a comparison, as track changes."""
    r = OxmlElement("w:r")
    if (bold is not None or italic or highlight or colour is not None or size is not None
            or strike or underline):
        rpr = OxmlElement("w:rPr")  # CT_RPr is a sequence: children in the schema's order
        if bold:
            rpr.append(OxmlElement("w:b"))
        elif bold is False:  # not bold even in a bold style
            rpr.append(OxmlElement("w:b", {qn("w:val"): "0"}))
        if italic:
            rpr.append(OxmlElement("w:i"))
        if strike:
            rpr.append(OxmlElement("w:strike"))
        if colour is not None:
            rpr.append(OxmlElement("w:color", {qn("w:val"): str(colour)}))
        if size is not None:
            rpr.append(OxmlElement("w:sz", {qn("w:val"): str(int(size * 2))}))
        if highlight:
            rpr.append(OxmlElement("w:highlight", {qn("w:val"): "yellow"}))
        if underline:
            rpr.append(OxmlElement("w:u", {qn("w:val"): "single"}))
        r.append(rpr)
    t = OxmlElement("w:t")
    t.text = clean(text)
    t.set(XML_SPACE, "preserve")
    r.append(t)
    para._p.append(r)
    return r


def repeat_as_header(row) -> None:
    """A table row that Word repeats at the top of every page the table spans."""
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:tblHeader", {qn("w:val"): "true"}))


def cant_split(row) -> None:
    row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit", {qn("w:val"): "true"}))


def shade(cell, fill: str) -> None:
    tc_pr = cell._tc.get_or_add_tcPr()
    tc_pr.append(OxmlElement("w:shd", {qn("w:val"): "clear", qn("w:color"): "auto",
                                      qn("w:fill"): fill}))



def set_widths(table, widths) -> None:
    """Fixed column widths: Word reads them from the cells, LibreOffice from the grid."""
    table.autofit = False
    for column, width in zip(table.columns, widths):
        column.width = width
    for row in table.rows:
        for cell, width in zip(row.cells, widths):
            cell.width = width


def set_language(doc, tag: str = "en-GB") -> None:
    """The proofing language of every run unless a run says otherwise."""
    rpr = doc.styles.element.find(qn("w:docDefaults"))
    rpr = rpr.find(qn("w:rPrDefault")).find(qn("w:rPr")) if rpr is not None else None
    if rpr is None:
        return
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), tag)


def superscript(run) -> None:
    rpr = run.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        run.insert(0, rpr)
    rpr.append(OxmlElement("w:vertAlign", {qn("w:val"): "superscript"}))


# -- table geometry ------------------------------------------------------------------------------

PT_PER_CM = 28.3465
CELL_MARGIN_TWIPS = 68  # 0.12 cm left and right in every cell of a fitted table
CELL_PADDING_CM = 0.34  # those margins and a little air


def narrow_cell_margins(table) -> None:
    tbl_pr = table._tbl.tblPr
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        margins.append(OxmlElement(f"w:{side}", {qn("w:w"): str(CELL_MARGIN_TWIPS),
                                                qn("w:type"): "dxa"}))
    look = tbl_pr.find(qn("w:tblLook"))  # CT_TblPr is a sequence: tblCellMar before tblLook
    if look is not None:
        look.addprevious(margins)
    else:
        tbl_pr.append(margins)


def text_width_cm(text: str, size_pt: float, bold: bool = False) -> float:
    """A generous estimate of how wide `text` is in Calibri: enough to size a column so that
    a word never has to break inside it."""
    em = 0.53 if bold else 0.51  # average advance of Calibri's letters and digits, and more
    wide = sum(1 for c in text if c.isupper() or c in "mwMW@%")
    return (len(text) + 0.25 * wide) * em * size_pt / PT_PER_CM


def longest_word_cm(text: str, size_pt: float, bold: bool = False) -> float:
    return max((text_width_cm(w, size_pt, bold) for w in text.split()), default=0.0)
