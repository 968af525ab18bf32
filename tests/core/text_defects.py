"""Text defects of a parsed document, found by comparing its JSON with the PDF itself.

Used by tests/core/test_text_clean.py; run as a script to list the defects of the corpus:
    python -m tests.core.text_defects [FOLDER ...]
Each check reads the PDF on its own (one get_text("dict") pass per page), not the parser's rows:
- "hyphen": a space after a joining hyphen or en dash before a capital or digit
  ("Secretary- General", "2024– 2034");
- "spacing": a footnote with a space before closing punctuation or inside brackets
  ("Resolution 60/1 .", "Treaty Series , vol.", "( A/78/23 )");
- "glued": a word of the parsed text that the PDF never prints, not even across a line-end
  hyphen ("Climate Changethat" where a footnote reference was removed);
- "opening": in a document set with italic openings, an opening phrase that differs from the
  italic words the paragraph starts with ("Looking" for "Looking forward"), or one invented
  where the paragraph has none.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

import pymupdf

HYPHEN_SPACE = re.compile(r"[A-Za-z0-9][-\u2010\u2011\u2013] [A-Z0-9]")
NOTE_SPACING = re.compile(r"\w \.(?:\s|$)|\w ,|\w ;|\w \)|\( ")
WORD = re.compile(r"[A-Za-z]+")
LABEL = re.compile(r"^\s*(?:\d{1,3}\s*\.?|\([a-z]{1,4}\))\s*")
FLAGS = pymupdf.TEXT_PRESERVE_WHITESPACE | pymupdf.TEXT_PRESERVE_LIGATURES \
    | pymupdf.TEXT_MEDIABOX_CLIP
CHECKED_KINDS = {"preambular", "operative", "subparagraph", "annex_paragraph", "quoted"}


def _walk(nodes):
    for n in nodes:
        yield n
        yield from _walk(n["children"])


def _pdf_pages(pdf: Path) -> tuple[list[list[tuple]], set[str]]:
    """Per page: spans as (x0, y0, x1, y1, text, italic, size); and the words printed (a word
    may run over spans in other type: "Saf" + "er" + "Guard")."""
    out, words = [], set()
    with pymupdf.open(pdf) as doc:
        for page in doc:
            spans = []
            for block in page.get_text("dict", flags=FLAGS)["blocks"]:
                for line in block.get("lines", ()):
                    for s in line["spans"]:
                        italic = bool(s["flags"] & 2) or "Italic" in s["font"]
                        spans.append((*s["bbox"], s["text"], italic, s["size"]))
                    text = "".join(s["text"] for s in line["spans"])
                    words.update(w.lower() for w in WORD.findall(text))
            out.append(spans)
    return out, words


def _italic_lead(spans: list[tuple], box: list[float], body: float) -> str | None:
    """The italic words at the start of the row in `box`, after a number or letter label;
    footnote reference digits (small type) and spaces between italic words are passed over."""
    _, x0, y0, x1, y1 = box
    row = sorted((s for s in spans if x0 - 1 <= (s[0] + s[2]) / 2 <= x1 + 1
                  and y0 - 1 <= (s[1] + s[3]) / 2 <= y1 + 1), key=lambda s: s[0])
    text = "".join(s[4] for s in row)
    m = LABEL.match(text)
    start = m.end() if m else 0
    lead, pos = [], 0
    for s in row:
        t, italic, small = s[4], s[5], s[6] < 0.8 * body
        a, b = pos, pos + len(t)
        pos = b
        if b <= start:
            continue
        t = t[max(0, start - a):]
        if not t.strip() or (small and t.strip().isdigit()):
            if lead:
                lead.append(" ")
            continue
        if not italic:
            break
        lead.append(t)
    phrase = re.sub(r"\s+", " ", "".join(lead)).strip().rstrip(",;:").strip()
    return phrase or None


def defects(parsed: dict, pdf: Path) -> dict[str, str]:
    """Kind of defect -> the first example, for one parsed document (its JSON dict)."""
    found: dict[str, str] = {}
    paragraphs = list(_walk(parsed["paragraphs"]))
    notes = [f["text"] for f in parsed["footnotes"]]
    for text in [p["text"] for p in paragraphs] + notes:
        if m := HYPHEN_SPACE.search(text):
            found.setdefault("hyphen", text[max(0, m.start() - 30):m.end() + 20])
    for text in notes:
        if m := NOTE_SPACING.search(text):
            found.setdefault("spacing", text[max(0, m.start() - 30):m.end() + 20])
    pages, printed = _pdf_pages(pdf)
    for p in paragraphs:
        for w in WORD.findall(p["text"]):
            if w.lower() not in printed:
                found.setdefault("glued", f"{p['id']}: {w}")
                break
    sizes = sorted(s[6] for spans in pages for s in spans if s[4].strip())
    body = sizes[len(sizes) // 2] if sizes else 10.0
    checked = [p for p in paragraphs if p["kind"] in CHECKED_KINDS and p["boxes"]]
    leads = {p["id"]: _italic_lead(pages[p["boxes"][0][0] - 1], p["boxes"][0], body)
             for p in checked}
    if any(leads.values()):  # a document set with italic openings
        for p in checked:
            lead, opening = leads[p["id"]], p["opening"]
            if lead and (len(lead.split()) > 10 or not p["text"].startswith(lead)):
                continue  # an italic title or quotation, not an opening phrase
            if opening != lead:
                found.setdefault("opening", f"{p['id']}: {opening!r}, PDF italic {lead!r}")
    return found


def main(folders: list[str]) -> None:
    import json

    from clausemark.core.errors import ParseError
    from clausemark.core.parse.parser import parse_pdf

    total = bad = 0
    for folder in folders:
        for pdf in sorted(Path(folder).glob("*.pdf")):
            try:
                parsed = json.loads(json.dumps(parse_pdf(pdf).to_dict()))
            except ParseError:
                continue
            total += 1
            if found := defects(parsed, pdf):
                bad += 1
                print(f"{pdf.name}: {found}")
    print(f"clean: {total - bad}/{total} ({100 * (total - bad) / max(1, total):.1f}%)")


if __name__ == "__main__":
    main(sys.argv[1:])
