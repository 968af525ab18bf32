"""Small python-docx building blocks for the Word brief: page set-up, named styles, a PAGE field,
and a fast way to append paragraphs and runs.

Why the fast path: python-docx's `Document.add_paragraph` looks for the section properties at the
end of the body by scanning every earlier paragraph, `Paragraph.style = ` checks every style to
see whether it is the default, and `Run.text` walks the text a character at a time; a
10,000-clause brief took minutes. Here the section element is found once and
runs get their `w:t` directly (python-docx's own oxml element factory, same XML)."""
from __future__ import annotations

import re

from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.text.paragraph import Paragraph

# XML 1.0 forbids most control characters; a stray one from a PDF would stop the save.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"

SERIF = "Times New Roman"  # clause text, as in the UN originals
SANS = "Calibri"  # everything else (LibreOffice shows the metric twin Carlito)
A4_SHORT_CM, A4_LONG_CM, MARGIN_CM = 21.0, 29.7, 2.3
GREY = RGBColor(0x59, 0x59, 0x59)


def clean(text: str | None) -> str:
    return _NOT_XML.sub("", text or "")


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
    return {"citation": citation, "text": text, "note": note, "meta": meta,
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

    def paragraph(self, style=None, text: str | None = None, **run_format) -> Paragraph:
        p = OxmlElement("w:p")
        if style is not None:  # by id: `Paragraph.style = ` searches every style each time
            ppr = OxmlElement("w:pPr")
            ppr.append(OxmlElement("w:pStyle", {qn("w:val"): style.style_id}))
            p.append(ppr)
        if self._end is not None:
            self._end.addprevious(p)
        else:
            self.doc.element.body.append(p)
        para = Paragraph(p, self._parent)
        if text:
            add_run(para, text, **run_format)
        return para


def add_run(para: Paragraph, text: str, *, bold: bool = False, italic: bool = False,
            highlight: bool = False, colour: RGBColor | None = None, size: float | None = None):
    """A run with plain text (no tabs or line breaks: paragraph texts are normalised)."""
    r = OxmlElement("w:r")
    if bold or italic or highlight or colour is not None or size is not None:
        rpr = OxmlElement("w:rPr")
        if bold:
            rpr.append(OxmlElement("w:b"))
        if italic:
            rpr.append(OxmlElement("w:i"))
        if colour is not None:
            rpr.append(OxmlElement("w:color", {qn("w:val"): str(colour)}))
        if size is not None:
            rpr.append(OxmlElement("w:sz", {qn("w:val"): str(int(size * 2))}))
        if highlight:
            rpr.append(OxmlElement("w:highlight", {qn("w:val"): "yellow"}))
        r.append(rpr)
    t = OxmlElement("w:t")
    t.text = clean(text)
    t.set(_XML_SPACE, "preserve")
    r.append(t)
    para._p.append(r)
    return r


def add_field(para: Paragraph, instruction: str, placeholder: str = "1") -> None:
    """A field such as PAGE or NUMPAGES, computed by Word or LibreOffice when shown."""
    def run_with(child):
        r = OxmlElement("w:r")
        r.append(child)
        para._p.append(r)

    run_with(OxmlElement("w:fldChar", {qn("w:fldCharType"): "begin"}))
    instr = OxmlElement("w:instrText")
    instr.text = f" {instruction} "
    instr.set(_XML_SPACE, "preserve")
    run_with(instr)
    run_with(OxmlElement("w:fldChar", {qn("w:fldCharType"): "separate"}))
    add_run(para, placeholder)
    run_with(OxmlElement("w:fldChar", {qn("w:fldCharType"): "end"}))


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
