"""References to other UN documents in a paragraph or footnote, normalised to official symbols.

    find_references("Recalling its resolutions 73/195 of 19 December 2018 and 76/266", body="GA")
    -> [Reference("A/RES/73/195", ...), Reference("A/RES/76/266", ...)]

Forms read:
- "resolution 76/172", "decision 79/555", lists ("resolutions 53/7 of 16 October 1998, 54/215
  and 56/181"): the body named just before ("Human Rights Council resolution 35/17",
  "the Council in its resolution ...") or else the body of the citing document ("its
  resolution" in an HRC text is an HRC resolution);
- Security Council numbering "resolution 2417 (2018)" -> S/RES/2417 (2018) (any body); in a
  Security Council text "its resolution 2216" too, with the year of another mention;
- older General Assembly numbering "resolution 1514 (XV)", "217 A (III)" -> A/RES/1514(XV);
  special sessions "S-23/3", "ES-10/21" -> A/RES/S-23/3;
- plain symbols: A/78/481/Add.2, A/HRC/55/L.12, S/2023/123, E/CN.6/2020/3, A/RES/78/217.
Resolutions and decisions of other organisations ("resolution 5/14 of 2 March 2022 of the United
Nations Environment Assembly", "decision 15/11 of the Conference of the Parties") are left out.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

GA, SC, HRC, ECOSOC, CHR = "GA", "SC", "HRC", "ECOSOC", "CHR"

# prefix of resolutions and decisions per body
_PREFIX = {GA: ("A/RES/", "A/DEC/"), HRC: ("A/HRC/RES/", "A/HRC/DEC/"),
           ECOSOC: ("E/RES/", "E/DEC/"), CHR: ("E/CN.4/RES/", "E/CN.4/DEC/")}

_BODY_NAMES = [
    (re.compile(r"General\s+Assembly$"), GA),
    (re.compile(r"Security\s+Council$"), SC),
    (re.compile(r"Human\s+Rights\s+Council$"), HRC),
    (re.compile(r"Economic\s+and\s+Social\s+Council$"), ECOSOC),
    (re.compile(r"Commission\s+on\s+Human\s+Rights$"), CHR),
]
# "<Body> resolution", "<Body> in its resolution", "the Council, in its resolutions"
_BEFORE = re.compile(r"((?:[A-Z][a-z]+\s+)*?(?:[A-Z][a-z]+|and|on|\s)+?)\s*,?\s+(?:in\s+its\s+)?$")
_OTHER_BODY_AFTER = re.compile(
    r"\s*,?\s*(?:of|adopted\s+by|by)\s+the\s+(?!General\s+Assembly|Security\s+Council|Human\s+Rights"
    r"\s+Council|Economic\s+and\s+Social\s+Council|Commission\s+on\s+Human\s+Rights|Council|"
    r"Assembly|Commission\b)(?:[A-Z]|\d|Conference|twenty|thirty|forty|fifty|sixty|seventy|"
    r"eighty|ninety|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)")

_NUMBER = (r"(?:(?P<sc>\d{1,4})\s*\((?P<year>(?:19|20)\d\d)\)"
           r"|(?P<old>\d{1,4})\s*(?:(?P<part>[A-Z])\s*)?\((?P<roman>[IVXL]+)\)"
           r"|(?P<special>E?S-\d{1,2})/(?P<sn>\d{1,3})"
           r"|(?P<session>\d{1,4})/(?P<num>\d{1,4})(?![\d/])(?:\s?[A-Z](?![\w/]))?"
           r"|(?P<bare>\d{1,4})(?![\d/(]|\s*\())")
_ITEM = re.compile(_NUMBER)
_DATE = r"(?:\s+of\s+\d{1,2}\s+[A-Z][a-z]+\s+\d{4})?"
_SEP = r"(?:\s*,\s*(?:and\s+)?|\s+and\s+|\s+as\s+well\s+as\s+)"
_CITE = re.compile(
    r"\b(?P<kind>[Rr]esolutions?|[Dd]ecisions?)\s+(?P<list>" + _NUMBER + _DATE
    + r"(?:" + _SEP + _NUMBER.replace("?P<", "?P<x") + _DATE + r")*)")
_LIST_ITEM = re.compile(_NUMBER + _DATE)

_SYMBOL = re.compile(
    r"(?<![\w/])(?:A|S|E|ST|TD|UNEP|FCCC|CRC|CEDAW|CCPR|CERD|CAT|CRPD|CMW|DP)"
    r"(?:/(?:[A-Z0-9][A-Za-z0-9]*(?:[.\-][A-Za-z0-9]+)*))+(?:\s\((?:19|20)\d\d\))?")


@dataclass(frozen=True)
class Reference:
    symbol: str   # the official symbol: A/RES/76/172, S/RES/2417 (2018), A/78/481/Add.2
    start: int    # where the reference's number or symbol stands in the text
    end: int
    text: str     # the words as written


def body_of(symbol: str | None) -> str:
    """The body that adopted a document, from its symbol (GA unless known otherwise)."""
    s = (symbol or "").upper()
    if s.startswith("A/HRC/"):
        return HRC
    if s.startswith("S/"):
        return SC
    if s.startswith("E/CN.4/"):
        return CHR
    if s.startswith("E/"):
        return ECOSOC
    return GA


def symbol_key(symbol: str) -> str:
    """The form two symbols are compared in: upper case, no spaces."""
    return re.sub(r"\s+", "", symbol or "").upper()


def _named_body(before: str, own: str) -> str | None:
    """A body named right before "resolution(s)", allowing "X in its" and a comma; "other" for
    another organisation's ("World Health Assembly", "decision 15/4" of a cited CBD document)."""
    if re.search(r"\b[A-Z][A-Za-z]*/[\w./()-]+\s*,\s*$", before[-60:]):
        return "other"  # "document CBD/COP/15/17, decision 15/4": a decision inside that document
    tail = re.sub(r"\s*,?\s*(?:in\s+its|in\s+their|its)?\s*$", "", before[-80:])
    for pattern, body in _BODY_NAMES:
        if pattern.search(tail):
            return body
    if re.search(r"(?:^|\b(?:the|and|or|of|with|by|in|relevant|previous)\s+|[,;(]\s*)Assembly$", tail):
        return GA  # "Assembly resolution 76/300": the General Assembly, named short
    if re.search(r"(?:^|\b(?:the|and|or|of|with|by|in|relevant|previous)\s+|[,;(]\s*)Council$", tail):
        return own if own in (HRC, SC, ECOSOC) else HRC  # "the Council": the citing one, if a council
    if re.search(r"\b(?:Assembly|Council|Commission|Conference|Organization|Board|Parties)$", tail):
        return "other"  # another organ or organisation
    return None


def _symbol(match: re.Match, decision: bool, body: str) -> str | None:
    g = match.groupdict()
    if g["sc"]:
        return f"S/RES/{int(g['sc'])} ({g['year']})"
    if g["old"]:
        return f"A/RES/{int(g['old'])}({g['roman']})"
    if g["special"]:
        return f"A/{'DEC' if decision else 'RES'}/{g['special']}/{int(g['sn'])}"
    if g["bare"]:  # "its resolution 2216" in a Security Council text: the year comes later
        return f"S/RES/{int(g['bare'])}" if body == SC else None
    if body == SC:  # the Council's own numbering has no session part
        return None
    session, number = g["session"], g["num"]
    if len(session) == 4 and body in (GA, HRC):  # 2004/59: Economic and Social Council style
        body = ECOSOC
    return _PREFIX[body][1 if decision else 0] + f"{int(session)}/{int(number)}"


def find_references(text: str, body: str = GA) -> list[Reference]:
    """Every reference to another UN document in `text`, in order, normalised (see module
    docstring). `body` is the citing document's body ("its resolution")."""
    found: list[Reference] = []
    if not text or ("/" not in text and "esolution" not in text and "ecision" not in text):
        return found  # nothing to find: most paragraphs
    taken: list[tuple[int, int]] = []
    for cite in _CITE.finditer(text or ""):
        named = _named_body(text[:cite.start()], body)
        if named == "other":
            continue
        decision = cite.group("kind").lower().startswith("decision")
        list_start = cite.start("list")
        items = list(_LIST_ITEM.finditer(text, list_start, cite.end("list")))
        for i, item in enumerate(items):
            number = _ITEM.match(text, item.start())
            after_end = items[i + 1].start() if i + 1 < len(items) else cite.end()
            if i + 1 == len(items) and _OTHER_BODY_AFTER.match(text, after_end):
                continue  # "resolution 5/14 of the United Nations Environment Assembly"
            symbol = _symbol(number, decision, named or body)
            if symbol:
                found.append(Reference(symbol, number.start(), number.end(), number.group()))
        taken.append((cite.start(), cite.end()))
    for m in _SYMBOL.finditer(text or ""):
        raw = m.group().rstrip(".-")
        if raw.count("/") < 1 or not re.search(r"\d", raw):
            continue
        if any(a <= m.start() < b for a, b in taken):
            continue
        symbol = re.sub(r"\s+\(", " (", raw)
        found.append(Reference(symbol, m.start(), m.start() + len(raw), raw))
    found.sort(key=lambda r: r.start)
    return complete_years(found)


def complete_years(found: list[Reference]) -> list[Reference]:
    """"S/RES/2216" (a Security Council text citing "its resolution 2216") takes its year from
    another mention in the same text or list ("2216 (2015)"). Same order as `found`."""
    years = {r.symbol.split(" (")[0]: r.symbol for r in found if r.symbol.startswith("S/RES/")
             and "(" in r.symbol}
    return [Reference(years[r.symbol], r.start, r.end, r.text)
            if r.symbol in years else r for r in found]

