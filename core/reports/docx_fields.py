"""Fields, bookmarks and links of the Word brief: PAGE/NUMPAGES, the TOC field and PAGEREF, which
Word (and LibreOffice, for page references) fills in when the document is opened, and the
bookmarks that contents entries and "quoted under" references point to."""
from __future__ import annotations

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from clausemark.core.reports.docx_parts import XML_SPACE as _XML_SPACE
from clausemark.core.reports.docx_parts import add_run


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


# -- fields that Word fills in when the document is opened --------------------------------------

def page_footer(doc, section, title: str) -> None:
    """The footer a brief's pages carry: "<title>  ·  page X of Y", centred."""
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.style = doc.styles["Footer"]
    add_run(footer, f"{title}  ·  page ")
    add_field(footer, "PAGE")
    add_run(footer, " of ")
    add_field(footer, "NUMPAGES")


def update_fields_on_open(doc) -> None:
    """w:updateFields in the settings: Word (after asking) and LibreOffice recompute the table of
    contents and page references when the brief is opened."""
    settings = doc.settings.element
    if settings.find(qn("w:updateFields")) is not None:
        return
    flag = OxmlElement("w:updateFields", {qn("w:val"): "true"})
    # CT_Settings is a sequence: updateFields comes before these (Word rejects a wrong order).
    for later in ("w:hdrShapeDefaults", "w:footnotePr", "w:endnotePr", "w:compat", "w:docVars",
                  "w:rsids"):
        found = settings.find(qn(later))
        if found is not None:
            found.addprevious(flag)
            return
    settings.append(flag)


def field_start(para: Paragraph, instruction: str) -> None:
    """Begin a field whose result (the paragraphs that follow) Word will replace; close it with
    field_end, possibly in a later paragraph (a TOC field spans its entries)."""
    for child in _field_runs(instruction):
        para._p.append(child)


def field_end(para: Paragraph) -> None:
    r = OxmlElement("w:r")
    r.append(OxmlElement("w:fldChar", {qn("w:fldCharType"): "end"}))
    para._p.append(r)


def _field_runs(instruction: str):
    begin = OxmlElement("w:r")
    begin.append(OxmlElement("w:fldChar", {qn("w:fldCharType"): "begin", qn("w:dirty"): "true"}))
    instr_run = OxmlElement("w:r")
    instr = OxmlElement("w:instrText")
    instr.text = f" {instruction} "
    instr.set(_XML_SPACE, "preserve")
    instr_run.append(instr)
    separate = OxmlElement("w:r")
    separate.append(OxmlElement("w:fldChar", {qn("w:fldCharType"): "separate"}))
    return begin, instr_run, separate


def bookmark(para: Paragraph, name: str, number: int) -> None:
    """A bookmark around the paragraph's content (the target of links and page references)."""
    para._p.insert(1 if para._p.pPr is not None else 0,
                   OxmlElement("w:bookmarkStart", {qn("w:id"): str(number), qn("w:name"): name}))
    para._p.append(OxmlElement("w:bookmarkEnd", {qn("w:id"): str(number)}))


def internal_link(para: Paragraph, anchor: str, text: str, **run_format) -> None:
    """Text that jumps to a bookmark when clicked (Word, LibreOffice, and the PDF they make)."""
    link = OxmlElement("w:hyperlink", {qn("w:anchor"): anchor, qn("w:history"): "1"})
    run = add_run(para, text, **run_format)
    link.append(run)  # moves the run into the link
    para._p.append(link)


def page_reference(para: Paragraph, anchor: str, placeholder: str = "") -> None:
    """PAGEREF: the page a bookmark is on, filled in when fields are updated."""
    for child in _field_runs(f"PAGEREF {anchor} \\h"):
        para._p.append(child)
    add_run(para, placeholder)
    field_end(para)
