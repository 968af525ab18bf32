"""Metadata of a resolution from its first-page header block and its closing lines."""
from __future__ import annotations

import re
from datetime import date

from clausemark.core.parse.pdf_lines import Row

SYMBOL = re.compile(
    r"(?:^|\s)(?P<sym>[A-Z]{1,2}(?:/[A-Z0-9][A-Za-z0-9.\-]*)+(?:/Rev\.\d+)?(?: \((?:\d{4}|[IVXLC]+)\))?)"
    r"\s*\**$")
ORGAN = r"(?:General Assembly|Security Council|Human Rights Council|Economic and Social Council" \
        r"|Trusteeship Council|[A-Z][a-z]+(?: [A-Z][a-z]+)* (?:Council|Assembly|Conference|Commission))"
BODY_LINE = re.compile(rf"^The ({ORGAN})\s*,?$")
SESSION = re.compile(r"^((?:[A-Z][a-z]+-)?[A-Za-z]+ (?:special |emergency special )?session)\b",
                     re.I)
AGENDA = re.compile(r"^(?:Agenda items? (.+?)|Items? (\d+(?: \([a-z]\))?) of the (?:provisional )?agenda)"
                    r"\s*\**$")
ADOPTED = re.compile(
    rf"(?:Resolution adopted|Adopted) by the ({ORGAN})"
    r"(?: at its (\d+(?:st|nd|rd|th) (?:plenary )?meeting))?,? on (\d{1,2} [A-Z][a-z]+ \d{4})")
MEETING = re.compile(r"^(\d+(?:st|nd|rd|th) (?:\(resumed\) )?(?:plenary )?meeting)\.?$")
DATE_ONLY = re.compile(r"^\d{1,2} [A-Z][a-z]+ \d{4}$")
VOTE_NOTE = re.compile(r"^\[(Adopted|Adoptée|Adoptada)\b.*\]$")
# "Resolution 2768 (2025)" heads a Security Council text; a title line that goes on with
# "resolution 2719 (2023)" (small r) is part of the title.
TITLE_EXCLUDE = re.compile(r"^((?i:Resolution adopted|Adopted by|Draft resolution)|Resolution \d+"
                           r"|(?i:on )?\d{1,2} [A-Z][a-z]+ \d{4}$)")
TITLE_PREFIX = re.compile(r"^\d+/[\d…]+\.?\s+|^\d+/\.\.\.\.?\s+")
PART_MARK = re.compile(r"^(?:I|A)\.?$")
MONTHS = {m: i for i, m in enumerate(
    ["January", "February", "March", "April", "May", "June", "July", "August", "September",
     "October", "November", "December"], 1)}


def iso_date(text: str) -> str | None:
    parts = text.split()
    if len(parts) != 3 or parts[1] not in MONTHS:
        return None
    try:
        return date(int(parts[2]), MONTHS[parts[1]], int(parts[0])).isoformat()
    except ValueError:
        return None


def find_body_start(rows: list[Row], size: float) -> int:
    """Index of the first row of the resolution's text on page 1 ("The General Assembly," or,
    for a draft amendment without one, the first row after the title)."""
    for i, row in enumerate(rows):
        if BODY_LINE.match(row.text):
            # A part "A"/"I" and its heading just above the first "The General Assembly," of
            # a resolution in parts belong to the text.
            for j in range(i - 1, max(i - 5, 0), -1):
                if rows[j].bold and PART_MARK.match(rows[j].text):
                    return j
            return i
    last_big = -1
    for i, row in enumerate(rows):
        if row.bold and row.size >= 1.1 * size:
            last_big = i
    return last_big + 1


def header_metadata(header: list[Row], above_text: list[Row], size: float) -> dict:
    """symbol, title, body, session, agenda item and adoption date from the header rows
    (`header`: all of page 1 above the text, furniture included; `above_text`: without it)."""
    meta = {"symbol": None, "title": None, "body": None, "session": None,
            "agenda_item": None, "adopted": None, "meeting": None}
    texts = [r.text for r in header]
    for row in header:
        m = SYMBOL.search(row.text)
        if m and "/" in m["sym"] and meta["symbol"] is None:
            meta["symbol"] = m["sym"]
        if meta["session"] is None and (m := SESSION.match(row.text)) and len(row.text) < 60:
            meta["session"] = m[1]
        if meta["agenda_item"] is None and (m := AGENDA.match(row.text)):
            meta["agenda_item"] = m[1] or m[2]
    joined = " ".join(texts)
    if m := ADOPTED.search(joined):
        meta["body"], meta["meeting"], meta["adopted"] = m[1], m[2], iso_date(m[3])
    for text in texts:
        if meta["body"] is None and (m := BODY_LINE.match(text)):
            meta["body"] = m[1]
    if meta["body"] is None:
        organs = [(r.size, m[0]) for r in header
                  if (m := re.match(ORGAN, r.text)) and r.size >= 1.1 * size]
        if organs:
            meta["body"] = max(organs)[1]
    meta["title"] = _title(above_text, size)
    return meta


def _title(header: list[Row], size: float) -> str | None:
    """The bold title rows just above the text, without the "78/217." number prefix."""
    parts: list[str] = []
    title_size = 0.0
    for row in reversed(header):
        text = row.text
        if BODY_LINE.match(text):
            continue
        same_size = not parts or abs(row.size - title_size) < 0.6
        if row.bold and 1.1 * size <= row.size <= 1.45 * size and same_size \
                and not TITLE_EXCLUDE.match(text):
            parts.insert(0, text)
            title_size = row.size
        elif parts or not text.startswith("["):
            break
    if not parts:
        return None
    title = re.sub(r"\s+", " ", " ".join(parts)).strip()
    return TITLE_PREFIX.sub("", title) or None


_SCRIPTS = {"ru": re.compile("[\u0400-\u04ff]"), "ar": re.compile("[\u0600-\u06ff]"),
            "zh": re.compile("[\u4e00-\u9fff]")}
_WORD = re.compile(r"[a-zà-ÿ]+")
_MARKS = {"en": {"the", "of", "and", "to", "its"}, "fr": {"le", "la", "les", "des", "et"},
          "es": {"el", "los", "las", "del", "y"}}
LANGUAGE_SAMPLE = 3000  # characters: a few paragraphs tell the language as well as the whole


def detect_language(text: str) -> str | None:
    """A cheap guess from script and function words; enough to tell the six UN languages."""
    sample = text[:LANGUAGE_SAMPLE]
    if not sample.strip():
        return None
    if not sample.isascii():  # Cyrillic, Arabic or Chinese script
        counts = {lang: len(rx.findall(sample)) for lang, rx in _SCRIPTS.items()}
        script, n = max(counts.items(), key=lambda kv: kv[1])
        if n > 0.2 * len(sample):
            return script
    words = _WORD.findall(sample.lower())
    scores = {lang: sum(w in vocab for w in words) for lang, vocab in _MARKS.items()}
    lang, score = max(scores.items(), key=lambda kv: kv[1])
    return lang if score >= 3 else None
