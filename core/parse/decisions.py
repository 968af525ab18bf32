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
