"""The tree of an amendment: its instructions, each with the text it quotes.

An amendment ("Russian Federation: amendment to draft resolution A/80/L.18") is a list of
instructions ("1. In the fourteenth preambular paragraph, replace ...", "After operative
paragraph 4, insert two new operative paragraphs reading:"). The paragraph tree first reads the
quoted paragraphs as paragraphs of the amendment itself ("Stresses ..." as an operative
paragraph, "Recalling ..." as a preambular one) and an unnumbered instruction as a preamble.
Here every instruction becomes an operative paragraph of the amendment, and the paragraphs an
instruction quotes (after its closing colon) become its children of kind "quoted"
("A/80/L.28, OP 5, quoted para. 1").
"""
from __future__ import annotations

import re

from clausemark.core.parse.model import OPERATIVE, Paragraph, Resolution

QUOTED = "quoted"
# The verbs and phrases an amendment's instructions start with.
INSTRUCTION = re.compile(
    r"^(?:In|After|Before|At the end of|Delete|Replace|Insert|Add|Amend|Renumber|Move|Reword|"
    r"Redraft|Change|Modify|Substitute)\b")


def structure_amendment(res: Resolution) -> None:
    top: list[Paragraph] = []
    taking: Paragraph | None = None  # the instruction whose quotation is running
    unnumbered = sum(1 for p in res.paragraphs if p.number is None and _is_instruction(p))
    seen = 0
    for p in res.paragraphs:
        if _is_instruction(p) or taking is None:
            if p.number is None and _is_instruction(p):
                seen += 1
                suffix = "" if unnumbered == 1 else f"-{seen}"
                rename_paragraph(p, f"OP{suffix}", "OP" if unnumbered == 1 else f"OP ({seen})")
                p.kind = OPERATIVE
            top.append(p)
            taking = p if p.text.rstrip().endswith(":") else None
            continue
        n = sum(1 for c in taking.children if c.kind == QUOTED) + 1
        rename_paragraph(p, f"{taking.id}.Q{n}", f"{taking.label}, quoted para. {n}")
        p.kind = QUOTED
        p.number = None
        taking.children.append(p)
    res.paragraphs = top


def _is_instruction(p: Paragraph) -> bool:
    return p.number is not None or bool(INSTRUCTION.match(p.text))


def rename_paragraph(p: Paragraph, new_id: str, new_label: str) -> None:
    """Give `p` a new id and label; its descendants' ids and labels follow."""
    old_id, old_label = p.id, p.label
    for d in p.walk():
        if d.id.startswith(old_id):
            d.id = new_id + d.id[len(old_id):]
        if d.label.startswith(old_label):
            d.label = new_label + d.label[len(old_label):]
