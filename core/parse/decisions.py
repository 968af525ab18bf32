"""The tree of a decision: what the General Assembly decides is its operative part.

A decision has no numbered operative paragraphs, so the paragraph tree first reads it as a
preamble. Two drafting forms are recognised:
- one sentence, "The General Assembly, recalling ..., decides ...": the decision itself, one
  unnumbered operative paragraph ("OP");
- a preamble (or just "The General Assembly:") ending in a colon, then lettered items
  "(a) Approves ...; (b) Invites ...": each item is an operative paragraph, "OP (a)".
"""
from __future__ import annotations

import re

from clausemark.core.parse.amendments import rename_paragraph
from clausemark.core.parse.model import OPERATIVE, PREAMBULAR, SUBPARAGRAPH, Resolution

FORMULA = re.compile(r"^The [A-Z][A-Za-z ]+:$")  # "The General Assembly:" standing alone


def structure_decision(res: Resolution) -> None:
    body = []
    for p in res.paragraphs:  # the decision's own paragraphs come before headings and annexes
        if p.kind not in (PREAMBULAR, OPERATIVE):
            break
        body.append(p)
    if not body or any(p.kind == OPERATIVE for p in body):
        return
    last = body[-1]
    items = [c for c in last.children if c.kind == SUBPARAGRAPH]
    if last.text.rstrip().endswith(":") and items:
        for item in items:
            rename_paragraph(item, f"OP({item.number})", f"OP ({item.number})")
            item.kind = OPERATIVE
        last.children = [c for c in last.children if c.kind != OPERATIVE]
        at = res.paragraphs.index(last)
        keep = [] if FORMULA.match(last.text) and not last.children else [last]
        res.paragraphs[at:at + 1] = keep + items
    elif len(body) == 1 and not last.children and last.text.startswith("The "):
        rename_paragraph(last, "OP", "OP")
        last.kind = OPERATIVE


# A decision is refused when most of its text lies outside what it decides: a programme of
# work or a timetable set out below "approves the programme of work as set out below" is a
# list or a table of agenda items and dates, not paragraphs of a decision (issue 13, item 12).
MAX_BEYOND_DECISION = 0.5


def beyond_decision_share(res: Resolution) -> float:
    """The share of the decision's text (in characters) that is not its decision paragraphs:
    tables, headings, lists and everything after the first heading. A decision whose operative
    part was not recognised counts as all beyond."""
    decided = total = 0
    run = True  # still in the leading preamble and operative paragraphs
    for p in res.paragraphs:
        run = run and p.kind in (PREAMBULAR, OPERATIVE)
        for d in p.walk():
            total += len(d.text)
            if run and d.kind in (PREAMBULAR, OPERATIVE) and \
                    (d is p or d.kind == OPERATIVE):
                decided += len(d.text)
    if not total or not any(p.kind == OPERATIVE for p in res.paragraphs if p.kind in
                            (PREAMBULAR, OPERATIVE)):
        return 1.0
    return 1 - decided / total
