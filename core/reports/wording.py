"""How the reports write dates, titles, pages and lists in words (English, like the resolutions,
whatever the desktop's locale)."""
from __future__ import annotations

import datetime as dt
import re

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
SHORT_TITLE = 60  # characters


def long_date(iso: str | None) -> str:
    """"19 December 2023"."""
    if not iso:
        return "no date"
    try:
        day = dt.date.fromisoformat(iso[:10])
    except ValueError:
        return iso
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def short_date(iso: str | None) -> str:
    """"19 Dec 2023" (table cells)."""
    try:
        day = dt.date.fromisoformat((iso or "")[:10])
    except ValueError:
        return iso or "—"
    return f"{day.day} {MONTHS[day.month - 1][:3]} {day.year}"


def heading_text(name: str) -> str:
    return name[:1].upper() + name[1:]


def short_title(title: str | None, limit: int = SHORT_TITLE) -> str:
    """"Protection of migrants" from "78/217. Protection of migrants"; a long title is cut at a
    word with an ellipsis."""
    text = re.sub(r"^\s*\d+/\d+\.\s*", "", title or "").strip()
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…"


def pages_text(pages: list[int] | None) -> str:
    """"p. 5", "pp. 4–5"; "" when unknown."""
    if not pages:
        return ""
    first, last = min(pages), max(pages)
    return f"p. {first}" if first == last else f"pp. {first}–{last}"


def in_words(items: list[str], conjunction: str = "and") -> str:
    """"a", "a and b", "a, b and c"."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"


def draft_facts(doc) -> list[str]:
    """What a document's own page 1 says beyond the adoption date (drafts): its type, the
    committee, when it was distributed, its sponsors. Empty for what the library does not hold
    (older libraries, documents that say nothing of it)."""
    facts = []
    kind = getattr(doc, "document_type", None)
    if kind and kind != "resolution":
        facts.append(heading_text(kind))
    committee = getattr(doc, "committee", None)
    if committee:
        facts.append(committee)
    distributed = getattr(doc, "distributed", None)
    if distributed and not getattr(doc, "adopted", None):
        facts.append(f"distributed {long_date(distributed)}")
    sponsors = getattr(doc, "sponsors", None) or []
    if sponsors:
        shown = in_words(list(sponsors[:6])) + (f" and {len(sponsors) - 6} more"
                                                 if len(sponsors) > 6 else "")
        facts.append(f"sponsors: {shown}")
    return facts
