"""Clean text as the PDF prints it: joined lines, line-end hyphens, removed footnote references,
footnote text split into spans. Pure string functions, shared by blocks.py and parser.py.
"""
from __future__ import annotations

import re

SOFT = "\u00ad"  # marks a line-end hyphen whose fate is decided once the whole text is known
DASHES = "-\u2010\u2011\u2013"  # hyphen, Unicode hyphens, en dash
# "pre- and post-natal": a hyphen before these words is a suspended compound, kept with its space.
SUSPENDED = {"and", "or", "to", "nor"}
_SPACE_BEFORE_PUNCT = re.compile(r"\s+([,.;:)\]])")
_SPACE_AFTER_OPEN = re.compile(r"([(\[])\s+")
_WHITESPACE = re.compile(r"\s+")
_BROKEN_WORD = re.compile(rf"([A-Za-z]*){SOFT}([A-Za-z]*)")
# "Non- Proliferation", "3– 14 June": a space the PDF itself prints after a joining hyphen or
# dash (a soft line break of the source document), before a capital or a digit.
_DASH_SPACE = re.compile(r"(?<=[A-Za-z0-9])([-\u2010\u2011\u2013]) +(?=[A-Z0-9])")


def close_dash_space(text: str) -> str:
    if "- " not in text and "\u2013 " not in text and "\u2010 " not in text \
            and "\u2011 " not in text:
        return text
    return _DASH_SPACE.sub(r"\1", text)


def join_lines(lines: list[str]) -> str:
    """Join the lines of one paragraph. A line ending in a hyphen or dash right after a letter
    or digit is joined without a space when the next line starts with a capital or a digit
    ("Secretary-" + "General", "2024–" + "2034"); before a lower-case word the hyphen is
    marked SOFT for `repair_hyphens` to decide ("recog-" + "nize")."""
    text = ""
    for line in lines:
        if not line:
            continue
        if not text:
            text = line
            continue
        last, before, first = text[-1], text[-2:-1], line[:1]
        if last in DASHES and before.isalnum():
            word = line.split(" ", 1)[0].rstrip(",;:.")
            if first.isupper() or first.isdigit() or (last != "-" and first.isalpha()):
                text += line  # a compound or a range continues on the next line
                continue
            if last == "-" and first.islower() and before.isalpha() and word not in SUSPENDED:
                text = text[:-1] + SOFT + line
                continue
        text += " " + line
    return text


def repair_hyphens(texts: list[str]) -> list[str]:
    """A line-end hyphen is kept ("non-discrimination") unless the document spells the joined
    word without it elsewhere ("recog-nize" becomes "recognize")."""
    if SOFT not in "".join(texts):
        return texts  # the common paragraph has no line-end hyphen: nothing to count
    # Only the few broken words are looked up, all in one scan of the text: counting every
    # word of the document cost more than the rest of this module together.
    broken = {(a + b).lower() for t in texts if SOFT in t
              for a, b in _BROKEN_WORD.findall(t) if a and b}
    joined = " ".join(texts).replace(SOFT, "-").lower()
    alternatives = "|".join(re.escape(w) for w in sorted(broken, key=len, reverse=True))
    spelled = set(re.findall(rf"(?<![a-z])(?:{alternatives})(?![a-z])", joined)) if broken \
        else set()

    def fix(m: re.Match) -> str:
        a, b = m[1], m[2]
        return a + b if a and b and (a + b).lower() in spelled else a + "-" + b

    return [_BROKEN_WORD.sub(fix, t) if SOFT in t else t for t in texts]


REF_GAP = "\u200b"  # where a reference without spaces was taken out; settled by line_text


def reference_gap(ref_text: str) -> str:
    """What stays in the text where a footnote reference is taken out: its own spaces, so that
    "Change" + "11 " + "that" reads "Change that", never "Changethat"; a reference printed
    without spaces leaves a mark that becomes a space only between two words ("Agreement" +
    "4" + "and"), and nothing before punctuation ("Convention" + "1" + ",")."""
    return " " if ref_text[:1].isspace() or ref_text[-1:].isspace() else REF_GAP


def tidy(text: str) -> str:
    """Whitespace normalised; no space before closing punctuation or after an opening bracket
    (left where spans or a removed reference met: "Resolution 60/1 .", "( A/78/23 )")."""
    text = _WHITESPACE.sub(" ", text).strip()
    if " " not in text:
        return text
    text = _SPACE_BEFORE_PUNCT.sub(r"\1", text)
    return _SPACE_AFTER_OPEN.sub(r"\1", text)


def span_text(texts: list[str]) -> str:
    """The text of consecutive spans as printed (spaces are in the spans themselves)."""
    return close_dash_space(tidy("".join(texts)))


_WORD_GAP = re.compile(rf"(?<=\w){REF_GAP}(?=\w)")


def line_text(texts: list[str]) -> str:
    """One line of body text from its spans: whitespace normalised, dash spaces closed."""
    text = "".join(texts)
    if REF_GAP in text:
        text = _WORD_GAP.sub(" ", text).replace(REF_GAP, "")
    return close_dash_space(" ".join(text.split()))
