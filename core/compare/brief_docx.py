"""The comparison brief in Word: every edited paragraph with insertions underlined and deletions
struck through, as delegates know them from track changes; then new, moved and dropped ones."""
from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.shared import Pt, RGBColor

from clausemark.core.compare.alignment import MOVED, NEW, AlignedPair, Alignment
from clausemark.core.compare.word_changes import track_changes
from clausemark.core.output import atomic_output, xml_safe

INSERTED = RGBColor(0x1F, 0x4E, 0xA8)   # blue, underlined
DELETED = RGBColor(0xB0, 0x1C, 0x1C)    # red, struck through


def _name(resolution) -> str:
    return resolution.symbol or "(no symbol)"


def _was(pair: AlignedPair) -> str:
    if pair.old is None or pair.old.label == pair.new.label:
        return ""
    return f" (was {pair.old.label})"


def _diff_paragraph(doc, pair: AlignedPair) -> None:
    para = doc.add_paragraph()
    for segment in track_changes(pair.diff):
        text = segment.text
        if segment.op != "equal":  # the space before a marked word stays unmarked
            core = text.lstrip()
            if len(core) < len(text):
                para.add_run(text[:len(text) - len(core)])
            text = core
        run = para.add_run(text)
        if segment.op == "insert":
            run.font.underline = True
            run.font.color.rgb = INSERTED
        elif segment.op == "delete":
            run.font.strike = True
            run.font.color.rgb = DELETED


def write_brief(alignment: Alignment, path: str | Path, dropped_tags=()) -> Path:
    """`dropped_tags`: the older document's tags on dropped paragraphs (carry_forward.py),
    listed as what carrying forward loses."""
    alignment = xml_safe(alignment)  # U+FFFE and control characters from a PDF: not in Word
    old, new = alignment.old_resolution, alignment.new_resolution
    counts = alignment.counts()
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(11)
    doc.add_heading(f"{_name(new)} compared with {_name(old)}", level=1)
    if new.title:
        doc.add_paragraph(new.title).runs[0].italic = True
    doc.add_paragraph(
        f"{len(alignment.pairs)} paragraphs in {_name(new)}: {counts['same']} unchanged, "
        f"{counts['changed']} edited, {counts['moved']} moved, {counts['new']} new; "
        f"{counts['dropped']} paragraphs of {_name(old)} dropped.")
    legend = doc.add_paragraph("Insertions are ")
    run = legend.add_run("underlined")
    run.font.underline, run.font.color.rgb = True, INSERTED
    legend.add_run(", deletions ")
    run = legend.add_run("struck through")
    run.font.strike, run.font.color.rgb = True, DELETED
    legend.add_run(".")

    edited = [p for p in alignment.pairs if p.edited]
    doc.add_heading(f"Edited paragraphs ({len(edited)})", level=2)
    for pair in edited:
        moved = ", moved" if pair.status == MOVED else ""
        doc.add_heading(f"{pair.new.label}{_was(pair)}{moved}", level=3)
        _diff_paragraph(doc, pair)

    added = [p for p in alignment.pairs if p.status == NEW]
    doc.add_heading(f"New paragraphs ({len(added)})", level=2)
    for pair in added:
        doc.add_heading(pair.new.label, level=3)
        run = doc.add_paragraph().add_run(pair.new.text)
        run.font.underline, run.font.color.rgb = True, INSERTED

    moved = [p for p in alignment.pairs if p.status == MOVED and not p.edited]
    if moved:
        doc.add_heading(f"Moved without edits ({len(moved)})", level=2)
        for pair in moved:
            doc.add_paragraph(f"{pair.new.label}{_was(pair)}", style="List Bullet")

    if dropped_tags:
        doc.add_heading(f"Tags on dropped paragraphs ({len(dropped_tags)})", level=2)
        for tag in dropped_tags:
            note = f" (note: {tag.note})" if tag.note else ""
            doc.add_paragraph(f"{tag.theme}: {tag.label} dropped{note}", style="List Bullet")
    doc.add_heading(f"Dropped paragraphs ({len(alignment.dropped)})", level=2)
    for paragraph in alignment.dropped:
        doc.add_heading(paragraph.label, level=3)
        run = doc.add_paragraph().add_run(paragraph.text)
        run.font.strike, run.font.color.rgb = True, DELETED
    # Written beside and swapped in: a failure never leaves half a file (as for reports).
    with atomic_output(path) as tmp:
        doc.save(str(tmp))
    return Path(path).expanduser()
