"""Facts a document states about itself on page 1, above all a draft's: its type, committee,
sponsors, date of distribution and original language.

"Brazil, Kuwait, Qatar and Spain: draft resolution" gives the sponsors and the type; "Third
Committee" the committee; the date under "Distr.: Limited" the distribution date. What the page
does not say stays None.
"""
from __future__ import annotations

import re

from clausemark.core.parse.metadata import DATE_ONLY, iso_date
from clausemark.core.parse.pdf_lines import Row
from clausemark.core.parse.text_clean import join_lines

ORDINALS = "First|Second|Third|Fourth|Fifth|Sixth"
COMMITTEE_LINE = re.compile(rf"^(?:({ORDINALS}) Committee|Special Political and Decolonization "
                            rf"Committee(?: \(Fourth Committee\))?)\s*\**$")
REPORT_OF = re.compile(rf"\bon the reports? of the (?:Special Political and Decolonization "
                       rf"Committee \()?({ORDINALS}) Committee\b")
# "Egypt: draft resolution", "Russian Federation:* amendment to draft resolution A/80/L.18"
SPONSORED = re.compile(r"^(?P<who>.+?):[*,\s]*(?P<what>(?:revised )?draft (?:resolution|decision)"
                       r"|amendments?)\b", re.I)
# "Draft resolution submitted by the Chair of the Committee ..."
SUBMITTED = re.compile(r"^(?P<what>(?:Revised )?Draft (?:resolution|decision)s?|Amendments?)"
                       r"(?: submitted by\b.*)?$", re.I)
OTHER = re.compile(r"^(?P<what>Note|Report|Letter) (?:by|of|dated)\b")
ORIGINAL = re.compile(r"\bOriginal:\s*([A-Z][A-Za-z]+(?:(?:,| and) [A-Z][A-Za-z]+)*)", re.I)
# Member States whose names hold " and " (a sponsor list is split at its last " and ").
AND_NAMES = ("Antigua and Barbuda", "Bosnia and Herzegovina", "Saint Kitts and Nevis",
             "Saint Vincent and the Grenadines", "Sao Tome and Principe", "Trinidad and Tobago",
             "United Kingdom of Great Britain and Northern Ireland", "Group of 77 and China")


def document_facts(header: list[Row], above_text: list[Row], size: float,
                   symbol: str | None, adopted_line: bool) -> dict:
    """`header`: page 1 above the text with furniture, in reading order; `above_text`: the same
    without furniture; `adopted_line`: the page says "Resolution adopted by ..."."""
    texts = [r.text for r in header]
    facts = {"document_type": None, "committee": None, "distributed": _distributed(texts),
             "sponsors": None, "original": None}
    for text in texts:
        if facts["committee"] is None and (m := COMMITTEE_LINE.match(text)):
            # The Special Political and Decolonization Committee is the Fourth Committee.
            facts["committee"] = f"{m[1] or 'Fourth'} Committee"
        if facts["original"] is None and (m := ORIGINAL.search(text)):
            facts["original"] = m[1].title().replace(" And ", " and ")
    if facts["committee"] is None and (m := REPORT_OF.search(" ".join(texts))):
        facts["committee"] = f"{m[1]} Committee"
    for group in _groups(above_text, size):
        text = join_lines([r.text for r in group])
        if m := SPONSORED.match(text):
            facts["document_type"] = _kind(m["what"])
            facts["sponsors"] = split_sponsors(m["who"])
            break
        if m := SUBMITTED.match(text):
            facts["document_type"] = _kind(m["what"])
            break
        if m := OTHER.match(text):
            facts["document_type"] = m["what"].lower()
            break
    if facts["document_type"] is None and symbol:
        if "/RES/" in symbol or adopted_line:
            facts["document_type"] = "resolution"
        elif "/DEC/" in symbol:
            facts["document_type"] = "decision"
    return facts


def _kind(what: str) -> str:
    low = what.lower()
    if low.startswith("amendment"):
        return "amendment"
    return "draft decision" if "decision" in low else "draft resolution"


def _distributed(texts: list[str]) -> str | None:
    """The date printed under "Distr.: General/Limited" (the next row or two)."""
    for i, text in enumerate(texts):
        if "Distr." in text:
            for after in texts[i + 1:i + 3]:
                if DATE_ONLY.match(after):
                    return iso_date(after)
            return None
    return None


def _groups(rows: list[Row], size: float) -> list[list[Row]]:
    """Runs of rows set as one block: same size, line pitch apart."""
    groups: list[list[Row]] = []
    for row in rows:
        last = groups[-1][-1] if groups else None
        if last is not None and row.page == last.page and 0 < row.y0 - last.y0 <= 1.6 * size \
                and abs(row.size - last.size) < 1.0:
            groups[-1].append(row)
        else:
            groups.append([row])
    return groups


def split_sponsors(text: str) -> list[str] | None:
    """"Azerbaijan,* Bangladesh, Samoa* and Viet Nam" -> ["Azerbaijan", "Bangladesh", "Samoa",
    "Viet Nam"]. Footnote stars go; "X, on behalf of Y" stays one sponsor."""
    text = re.sub(r"\s*\*+", "", text).strip().rstrip(",")
    parts: list[str] = []
    for piece in (p.strip() for p in text.split(",")):
        if not piece:
            continue
        if parts and piece.startswith("on behalf of"):
            parts[-1] = f"{parts[-1]}, {piece}"
        else:
            parts.append(piece)
    if parts and "on behalf of" not in parts[-1]:
        parts[-1:] = _split_and(parts[-1])
    return parts or None


def _split_and(text: str) -> list[str]:
    """Split at the last " and " that is not inside a country's name."""
    masked = text
    for name in AND_NAMES:
        masked = masked.replace(name, name.replace(" and ", " \0\0\0 "))  # same length
    i = masked.rfind(" and ")
    if i < 0:
        return [text]
    return [p for p in (text[:i].strip(), text[i + 5:].strip()) if p]
