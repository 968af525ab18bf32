"""Place blocks in the paragraph tree: sections, preamble, operative part, subparagraphs,
tables and annexes. Rules follow the drafting conventions of UN resolutions, never one file."""
from __future__ import annotations

import re
from dataclasses import replace

from clausemark.core.parse.blocks import Block, repair_hyphens
from clausemark.core.parse.metadata import BODY_LINE
from clausemark.core.parse.model import (
    ANNEX,
    ANNEX_PARAGRAPH,
    HEADING,
    OPERATIVE,
    PREAMBULAR,
    SECTION,
    SUBPARAGRAPH,
    TABLE,
    Footnote,
    Paragraph,
    Resolution,
)
from clausemark.core.parse.openings import fallback_opening, is_operative_opening
from clausemark.core.parse.sections import plan_sections, section_mark
from clausemark.core.parse.text_clean import join_lines

ANNEX_HEADING = re.compile(r"^Annex(?:es)?(?:\s+([IVXLC]+|\d+|[A-Z]))?\s*\**(?:\s*[–—:-]\s*(.+))?$")
ROMAN = re.compile(r"^(?=[ivxlc]+$)m*(c[md]|d?c{0,3})(x[cl]|l?x{0,3})(i[xv]|v?i{0,3})$")
LETTER_START = re.compile(r"^\(([a-z])\)\s+")
ARTICLE = re.compile(r"^Article (\d{1,3})\b")
ROMANS = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii",
          "xiv", "xv", "xvi", "xvii", "xviii", "xix", "xx", "xxi", "xxii", "xxiii", "xxiv", "xxv"]


class TreeBuilder:
    """Places blocks in the tree of `res`; `build` is called once."""

    def __init__(self, res: Resolution, size: float):
        self.res, self.size = res, size
        self.ids: set[str] = set()
        self.italic_doc = False  # set by build: the document prints its openings in italics
        self.section: Paragraph | None = None
        self.sections: list[Paragraph] = []  # the open section and the ones it stands in
        self.paths: dict[str, str] = {}  # section id -> "A.II" as labels name it
        self.annex: Paragraph | None = None
        self.tables = 0
        self.notes: list[Footnote] = []  # notes set inside the text (under a box)
        self._reset()

    def _reset(self) -> None:
        """State of one numbering: the document, or one section of it."""
        self.pp = 0
        self.operative_started = False
        self.last_top: Paragraph | None = None   # last PP/OP (or annex paragraph)
        self.last_sub: Paragraph | None = None   # last lettered subparagraph
        self.last_deep: Paragraph | None = None  # last (i), (ii) under it
        self.last_number = 0                     # of the last numbered paragraph
        self.inner_list = 0  # last item of a numbered list inside a paragraph ("1. Opening")
        # An amendment's numbered instruction ending "... reading:": the paragraphs it quotes
        # follow, each its own paragraph whatever its opening (amendments.py makes them its
        # children), never glued to the instruction.
        self.quoting = False
        self.annex_pending = False  # saw "Annex"; next headings are its title
        self.annex_unnumbered = 0
        self.annex_headings = 0
        self.before_heading: tuple = (None, None, None)
        self.article: Paragraph | None = None  # the open "Article N" of an annexed text
        self.last_heading: Paragraph | None = None

    # -- where nodes go -------------------------------------------------------------------------
    @property
    def _container(self) -> list[Paragraph]:
        return self.section.children if self.section is not None else self.res.paragraphs

    @property
    def _prefix(self) -> tuple[str, str]:
        """(id prefix, label prefix) naming the section: ("II.", "section II, ")."""
        if self.section is None:
            return "", ""
        return f"{self.section.id}.", f"section {self.paths[self.section.id]}, "

    def build(self, blocks: list[Block]) -> None:
        # A document set with italic openings shows no opening where a paragraph has none in
        # italics: the phrase list then only helps to tell preambular from operative.
        self.italic_doc = any(b.opening_italic for b in blocks if b.kind == "text")
        sections = plan_sections(blocks)
        for i, block in enumerate(blocks):
            if i in sections:
                self._open_section(block, sections[i])
            elif block.kind == "meeting":
                self.res.meeting = self.res.meeting or block.first.text.rstrip(".")
            elif block.kind == "heading":
                self._heading(block)
            elif block.kind == "table":
                self._table(block)
            elif block.kind == "note":
                self.notes.append(Footnote(block.number, block.text, block.first.page))
            elif block.kind == "text" and BODY_LINE.match(block.text):
                continue  # "The General Assembly," again at the head of a section
            elif block.kind == "text":
                self._text(block)
        texts = repair_hyphens([p.text for p in self.res.walk()])
        for p, t in zip(self.res.walk(), texts):
            p.text = t

    # -- sections, headings and annexes -------------------------------------------------------
    def _open_section(self, block: Block, depth: int) -> None:
        numeral, title = section_mark(block)
        del self.sections[depth - 1:]
        parent = self.sections[-1] if self.sections else None
        path = f"{self.paths[parent.id]}.{numeral}" if parent else numeral
        node = Paragraph(id=self._unique(path), kind=SECTION, number=numeral,
                         label=f"Section {path}", text=title, pages=block.pages,
                         footnote_refs=list(block.footnote_refs), boxes=block.boxes)
        (parent.children if parent else self.res.paragraphs).append(node)
        self.paths[node.id] = path
        self.sections.append(node)
        self.section, self.annex = node, None
        self._reset()

    def _heading(self, block: Block) -> None:
        text = block.text
        if self.annex is not None and not self.annex.children:
            _extend(self.annex, block)  # the annex's own lines: its heading
        m = ANNEX_HEADING.match(block.rows[0].text)
        if m:
            self._open_annex(m[1], text)
            _extend(self.annex, block)
            self.annex_pending = True
            first = re.sub(r"\s+", " ", block.rows[0].text)
            rest = text[text.find(m[2]):] if m[2] else \
                text[len(first):] if text.startswith(first) else \
                " ".join(r.text for r in block.rows[1:])  # the block's text has no refs
            rest = re.sub(r"\s+", " ", rest).strip()
            if not rest:
                return
            text = rest
        has_body = self.last_top is not None
        if self.annex is not None and (self.annex_pending or not self.annex.children):
            self.annex.opening = f"{self.annex.opening} {text}".strip() if \
                self.annex.opening else text
            self.annex.text = self.annex.opening
            self.annex_pending = False
            return
        adopts_text = (self.last_top is not None and self.last_top.kind == OPERATIVE
                       and self.last_top.number is None
                       and self.last_top.text.endswith(":"))  # "Adopts the following ...:"
        if self.annex is None and has_body and (
                adopts_text or max(r.size for r in block.rows) >= 1.1 * self.size):
            self._open_annex(None, "Annex")
            self.annex.opening = self.annex.text = text
            _extend(self.annex, block)
            return
        if not has_body and self.section is None:
            return  # a heading above the text belongs to the header block
        if self.annex is not None and (m := ARTICLE.match(text)):
            self._article(block, m[1])
            return
        self.article = None  # a chapter or part heading closes the article before it
        parent = self.annex or self.section
        self.annex_headings += 1
        pid = f"{parent.id}.H{self.annex_headings}" if parent else f"H{self.annex_headings}"
        label = f"{parent.label}, heading {self.annex_headings}" if parent \
            else f"Heading {self.annex_headings}"
        node = self._node(pid, HEADING, None, label, block, text=text, opening=None)
        (parent.children if parent else self.res.paragraphs).append(node)
        self.last_heading = node
        if self.annex is not None:  # a heading ends a paragraph; its list items are its own
            self.before_heading = (self.last_top, self.last_sub, self.last_deep)
            self.last_top, self.last_sub, self.last_deep = node, None, None

    def _open_annex(self, numeral: str | None, heading: str) -> None:
        pid, label = (f"ANNEX_{numeral}", f"Annex {numeral}") if numeral else ("ANNEX", "Annex")
        if not numeral and pid in self.ids:  # a second annex without a numeral (the annex of
            k = sum(p.kind == ANNEX and not p.number for p in self.res.paragraphs) + 1
            pid, label = f"ANNEX{k}", f"Annex ({k})"  # an annexed convention, say)
        node = Paragraph(id=self._unique(pid), kind=ANNEX, number=numeral, label=label, text="")
        self.res.paragraphs.append(node)
        self.section, self.sections = None, []
        self._reset()
        self.annex = node

    def _table(self, block: Block) -> None:
        """A table belongs to the paragraph that announces it ("... as follows:"), else to
        the annex or section it stands in; it never ends a numbering."""
        self.tables += 1
        owner = self.last_sub or self.last_top
        if owner is None or not owner.text.rstrip().endswith(":"):
            owner = self.annex or self.section
        pid = f"{owner.id}.T{self.tables}" if owner else f"T{self.tables}"
        label = f"{owner.label}, table {self.tables}" if owner else f"Table {self.tables}"
        node = self._node(pid, TABLE, None, label, block, opening=None)
        node.rows = [[c[2] for c in r.cells] for r in block.rows]
        (owner.children if owner else self.res.paragraphs).append(node)

    # -- paragraphs -------------------------------------------------------------------------
    def _text(self, block: Block) -> None:
        if not re.search(r"\w", block.text) and block.number is None and block.letter is None:
            return  # a divider such as "* * *"
        if self.annex is not None and (m := ARTICLE.match(block.text)) and block.number is None:
            self._article(block, m[1])
            return
        if _is_italic_heading(block):
            self._heading(block)
            return
        if block.number is None and block.bare_number is not None and \
                int(block.bare_number) == self.last_number + 1 and self.last_number:
            block.number = block.bare_number
            block.text = block.text[len(block.bare_number):].lstrip()
        if block.number is not None and self._inside_list(block):
            self.inner_list = int(block.number)
            self._continue(self.last_sub or self.last_top, block, f"{block.number}. ")
            return
        if (block.number or block.letter) and (m := LETTER_START.match(block.text)):
            # "12. (a) Each State Party ...": paragraph 12 opens straight with its item (a)
            # (and "(a) (i) The conversion ...": item (a) with its (i)).
            item = replace(block, number=None, letter=m[1], text=block.text[m.end():],
                           opening_italic=None, footnote_refs=list(block.footnote_refs))
            self._text(replace(block, text="", footnote_refs=[]))
            self._subparagraph(item, self._opening(item))
            return
        opening = self._opening(block)
        if block.letter is not None:
            self._subparagraph(block, opening)
        elif self.annex is not None and block.number is None and block.text[:1].islower() \
                and self.last_top is not None:
            # "with the intent that ..." after the (i), (ii) of an item goes on with the item
            self._continue(self.last_sub or self.last_top, block)
        elif self.annex is not None:
            self._annex_paragraph(block, opening)
        elif block.number is not None:
            self.operative_started = True
            self.last_number, self.inner_list = int(block.number), 0
            self.quoting = self.res.document_type == "amendment" and \
                block.text.rstrip().endswith(":")
            pre, lab = self._prefix
            self._top(f"{pre}OP{block.number}", OPERATIVE, block.number,
                      f"{lab}OP {block.number}", block, opening)
        elif self.quoting and not block.text[:1].islower():
            pre, lab = self._prefix  # a quoted paragraph (amendments.py places it)
            self._top(f"{pre}OP", OPERATIVE, None, f"{lab}OP".strip(", "), block, opening)
        elif not self.operative_started and self.last_top is not None and opening is None \
                and (self.last_top.text.endswith(":") or block.text[:1].islower()):
            self._continue(self.last_top, block)  # a quotation the paragraph announces
        elif not self.operative_started and (is_operative_opening(opening) is not True
                                             or _ends_preambular(block.text)):
            self.pp += 1
            pre, lab = self._prefix
            self._top(f"{pre}PP{self.pp}", PREAMBULAR, None, f"{lab}PP {self.pp}", block,
                      opening)
        elif is_operative_opening(opening) or self.last_top is None:
            # An unnumbered operative paragraph: the sole one of a short resolution.
            self.operative_started = True
            pre, lab = self._prefix
            self._top(f"{pre}OP", OPERATIVE, None, f"{lab}OP".strip(", "), block, opening)
        else:
            self._continue(self.last_top, block)

    def _inside_list(self, block: Block) -> bool:
        """"1." after OP 11 "... the following provisional agenda:" is an item of a list
        inside OP 11, as are "2.", "3." after it, until the numbering of the text resumes."""
        n = int(block.number)
        holder = self.last_sub or self.last_top
        if holder is None or n == self.last_number + 1:
            return False
        if self.inner_list and n == self.inner_list + 1:
            return True
        return n == 1 and self.last_number > 0 and holder.text.rstrip().endswith(":")

    def _opening(self, block: Block) -> str | None:
        italic = block.opening_italic
        if italic and len(italic.split()) <= 10 and block.text.startswith(italic):
            return italic
        return fallback_opening(block.text)

    def _top(self, pid, kind, number, label, block, opening) -> None:
        node = self._node(pid, kind, number, label, block, opening=opening)
        self._container.append(node)
        self.last_top, self.last_sub, self.last_deep = node, None, None

    def _article(self, block: Block, number: str) -> None:
        """"Article 5 Protection of sovereignty" in an annexed convention: a heading that holds
        the article's paragraphs, which number from 1 again."""
        annex = self.annex
        node = self._node(f"{annex.id}.ART{number}", HEADING, number,
                          f"{annex.label}, article {number}", block, opening=None)
        annex.children.append(node)
        self.article, self.last_number, self.inner_list = node, 0, 0
        self.annex_unnumbered = 0
        self.last_top, self.last_sub, self.last_deep = node, None, None

    def _annex_paragraph(self, block: Block, opening) -> None:
        if block.number == "1" and self.last_number and self.last_heading is not None \
                and self.last_heading is not self.article:
            # Numbering from 1 again under a heading ("Part II"): the heading holds them.
            self.article = self.last_heading
            if len(self.article.text.split()) <= 4:
                self.article.label = f"{self.annex.label}, {self.article.text}"
        annex = self.article or self.annex
        if block.number is not None:
            self.last_number, self.inner_list = int(block.number), 0
            pid, label = f"{annex.id}.{block.number}", f"{annex.label}, para. {block.number}"
        else:
            self.annex_unnumbered += 1
            n = self.annex_unnumbered
            pid, label = f"{annex.id}.P{n}", f"{annex.label}, unnumbered para. {n}"
        node = self._node(pid, ANNEX_PARAGRAPH, block.number, label, block, opening=opening)
        annex.children.append(node)
        self.annex_pending = False
        self.last_top, self.last_sub, self.last_deep = node, None, None

    def _subparagraph(self, block: Block, opening) -> None:
        letter = block.letter
        if self.last_top is not None and self.last_top.kind == HEADING and \
                not self.last_top.children and self.before_heading[1] is not None and \
                letter == _next_letter(self.before_heading[1].number or ""):
            # "(l)" after "(k)" across a subheading: the list of the paragraph goes on.
            self.last_top, self.last_sub, self.last_deep = self.before_heading
        parent = self.last_top
        if parent is None:
            self.pp += 1
            pre, lab = self._prefix
            self._top(f"{pre}PP{self.pp}", PREAMBULAR, None, f"{lab}PP {self.pp}", block,
                      opening)
            return
        if self._is_roman(letter) and self.last_sub is not None:
            parent = self.last_sub
        node = self._node(f"{parent.id}({letter})", SUBPARAGRAPH, letter,
                          f"{parent.label} ({letter})", block, opening=opening)
        parent.children.append(node)
        if parent is self.last_top:
            self.last_sub, self.last_deep = node, None
        else:
            self.last_deep = node

    def _is_roman(self, letter: str) -> bool:
        """(i) after (h) is a letter; (i) after (b) opens a nested list; (c) after (b)(v) is
        the next letter again."""
        if not ROMAN.match(letter) or self.last_sub is None:
            return False
        if self.last_deep is not None and letter == _next_roman(self.last_deep.number or ""):
            return True
        if letter == _next_letter(self.last_sub.number or ""):
            return False
        return self.last_deep is not None or letter == "i"

    def _continue(self, node: Paragraph, block: Block, label: str = "") -> None:
        """Unnumbered text inside the operative part belongs to the paragraph before it."""
        # As lines join: "Secretary-" + "General" across a block break is "Secretary-General".
        node.text = join_lines([node.text, f"{label}{block.text}"]).strip()
        node.boxes.extend(block.boxes)
        node.pages = sorted(set(node.pages) | set(block.pages))
        node.footnote_refs.extend(block.footnote_refs)

    def _node(self, pid, kind, number, label, block, *, opening, text=None) -> Paragraph:
        if self.italic_doc and opening is not None and opening != block.opening_italic:
            opening = None  # from the phrase list, not printed in italics: not shown
        return Paragraph(id=self._unique(pid), kind=kind, number=number, label=label,
                         opening=opening, text=block.text if text is None else text,
                         pages=block.pages, footnote_refs=list(block.footnote_refs),
                         boxes=block.boxes)

    def _unique(self, pid: str) -> str:
        candidate, n = pid, 1
        while candidate in self.ids:
            n += 1
            candidate = f"{pid}-{n}"
        self.ids.add(candidate)
        return candidate


def _ends_preambular(text: str) -> bool:
    """Preambular paragraphs end with a comma; "Reiterates its appreciation ...," inside the
    preamble is one of them, whatever its verb."""
    return bool(re.search(r",[\s'’”\")]*$", text))


def _next_letter(prev: str) -> str | None:
    """(a) -> (b), (z) -> (aa), (aa) -> (bb)."""
    if not prev or not prev.isalpha():
        return None
    if prev[-1] == "z":
        return "aa" if len(prev) == 1 else None
    return chr(ord(prev[0]) + 1) * len(prev)


def _extend(node: Paragraph, block: Block) -> None:
    """A heading line joins the annex it heads: its boxes, pages and footnote references."""
    if block.boxes and block.boxes[0] not in node.boxes:
        node.footnote_refs.extend(block.footnote_refs)
    node.boxes.extend(b for b in block.boxes if b not in node.boxes)
    node.pages = sorted(set(node.pages) | set(block.pages))


def _is_italic_heading(block: Block) -> bool:
    """A short all-italic line without closing punctuation is a section heading."""
    text = block.text
    return (block.number is None and block.letter is None and block.opening_italic == text
            and len(text.split()) <= 12 and not text.endswith((",", ";", ".", ":")))


def _next_roman(prev: str) -> str | None:
    return ROMANS[ROMANS.index(prev) + 1] if prev in ROMANS[:-1] else None
