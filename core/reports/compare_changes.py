"""The paragraphs of the comparison brief: each as a citation line, the themes and notes of its
tags, and its text with insertions underlined and deletions struck through (as delegates know
them from track changes), the opening phrase in italics as in the resolutions.

Tagged paragraphs that changed or were dropped come first (what the analyst must look at); the
other changes follow by kind: edited, moved, new, dropped."""
from __future__ import annotations

from dataclasses import dataclass, field

from docx.shared import RGBColor

from clausemark.core.compare.alignment import CHANGED, MOVED, NEW, SAME, normalise
from clausemark.core.compare.carry_forward import dropped_tag_line
from clausemark.core.compare.word_changes import track_changes, word_diff
from clausemark.core.reports.docx_parts import add_run

INSERTED = RGBColor(0x1F, 0x4E, 0xA8)   # blue, underlined
DELETED = RGBColor(0xB0, 0x1C, 0x1C)    # red, struck through
STATUS_WORDS = {CHANGED: "edited", MOVED: "moved", NEW: "new"}


@dataclass
class Entry:
    """One paragraph of the brief: an aligned pair, or a dropped paragraph (`pair` None)."""
    pair: object | None = None
    dropped: object | None = None      # the older version's paragraph
    tags: list = field(default_factory=list)  # Tag records of either version

    @property
    def status(self) -> str:
        return self.pair.status if self.pair is not None else "dropped"


def _opening_end(paragraph) -> int:
    text = normalise(paragraph.text)
    opening = normalise(paragraph.opening)
    return len(opening) if opening and text.startswith(opening) else 0


def diff_runs(old, new):
    """(text, op, italic) pieces of the word diff old -> new: op "equal", "delete", "insert".
    The opening phrase of each version (its first characters) is italic in its own pieces."""
    segments = word_diff(normalise(old.text), normalise(new.text))
    old_end, new_end = _opening_end(old), _opening_end(new)
    at_old = at_new = 0
    for raw, shown in zip(segments, track_changes(segments)):
        glue = shown.text[:len(shown.text) - len(raw.text)]  # a space track_changes adds
        if glue:
            yield glue, "equal", False
        if raw.op == "delete":
            start, end, at_old = at_old, at_old + len(raw.text), at_old + len(raw.text)
        else:
            start, end = at_new, at_new + len(raw.text)
            at_new = end
            if raw.op == "equal":
                at_old += len(raw.old_text or raw.text)
        edge = (old_end if raw.op == "delete" else new_end) - start
        text = raw.text
        if 0 < edge < len(text):  # the opening ends inside this piece
            yield text[:edge], raw.op, True
            yield text[edge:], raw.op, False
        else:
            yield text, raw.op, edge >= len(text)


def _marked(para, text: str, op: str, italic: bool) -> None:
    if op == "equal":
        add_run(para, text, italic=italic)
        return
    core = text.lstrip()  # the space before a marked word stays unmarked
    if len(core) < len(text):
        add_run(para, text[:len(text) - len(core)])
    if op == "insert":
        add_run(para, core, italic=italic, underline=True, colour=INSERTED)
    else:
        add_run(para, core, italic=italic, strike=True, colour=DELETED)


def whole_text(para, paragraph, op: str) -> None:
    """A paragraph all new (underlined) or all dropped (struck through), or unchanged."""
    text, end = normalise(paragraph.text), _opening_end(paragraph)
    if end:
        _marked(para, text[:end], op, True)
    if text[end:]:
        _marked(para, text[end:], op, False)


class ChangeWriter:
    def __init__(self, brief):
        self.brief = brief

    def citation(self, entry: Entry) -> str:
        pair = entry.pair
        if pair is None:
            return f"{entry.dropped.label} of {self.brief.old_name} · dropped"
        was = f" (was {pair.old.label})" if pair.old and pair.old.label != pair.new.label else ""
        words = STATUS_WORDS[pair.status]
        if pair.status == MOVED:
            words += ", edited" if pair.edited else ", wording unchanged"
        return f"{pair.new.label}{was} · {words}"

    def paragraph(self, entry: Entry) -> None:
        b = self.brief
        b.out.paragraph(b.styles["citation"], self.citation(entry))
        for line in _tag_lines(entry):
            b.out.paragraph(b.styles["note"], line)
        para = b.out.paragraph(b.styles["text"])
        pair = entry.pair
        if pair is None:
            whole_text(para, entry.dropped, "delete")
        elif pair.status == NEW:
            whole_text(para, pair.new, "insert")
        elif pair.edited:
            for text, op, italic in diff_runs(pair.old, pair.new):
                _marked(para, text, op, italic)
        else:
            whole_text(para, pair.new, "equal")

    def section(self, title: str, entries: list[Entry], total: int, what: str) -> None:
        """A Heading 2 with the count of the summary; tagged ones were shown first."""
        b = self.brief
        b.out.paragraph(b.styles["h2"], f"{title} ({total})")
        shown = total - len(entries)
        line = what + (f" {shown} tagged {'one is' if shown == 1 else 'ones are'} shown under "
                       "Tagged paragraphs." if shown else "")
        b.out.paragraph(b.styles["meta_next"] if entries else b.styles["meta"], line)
        for entry in entries:
            self.paragraph(entry)


def _tag_lines(entry: Entry) -> list[str]:
    """"consular rights: PP 18 dropped (note: ...)"; on a kept paragraph "consular rights —
    note: ..." (a theme tagged on both versions once)."""
    if entry.pair is None:
        return [dropped_tag_line(t) for t in entry.tags]
    lines = []
    for tag in entry.tags:
        line = tag.theme + (f" — note: {tag.note}" if tag.note else "")
        if line not in lines:
            lines.append(line)
    return lines


def entries(alignment, old_tags=(), new_tags=()) -> tuple[list[Entry], list[Entry]]:
    """(tagged entries that changed or were dropped, every other changed or dropped entry),
    each in the newer version's order with the dropped ones last."""
    by_old, by_new = {}, {}
    for tag in old_tags:
        by_old.setdefault(tag.paragraph, []).append(tag)
    for tag in new_tags:
        by_new.setdefault(tag.paragraph, []).append(tag)
    tagged, rest = [], []
    for pair in alignment.pairs:
        if pair.status == SAME:
            continue
        tags = (by_old.get(pair.old.id, []) if pair.old else []) + by_new.get(pair.new.id, [])
        (tagged if tags else rest).append(Entry(pair=pair, tags=tags))
    for paragraph in alignment.dropped:
        tags = by_old.get(paragraph.id, [])
        (tagged if tags else rest).append(Entry(dropped=paragraph, tags=tags))
    return tagged, rest
