"""The hand-built gold alignments of real pairs (tests/core/gold_align/*.json), shared by the
alignment tests and the alignment bench.

Each file names the two PDFs (in the corpus folder `folder`, default "dev") and lists, for every
paragraph of the newer version, the paragraph it comes from (`old`, null = new), its `status`,
`typography` (differs in typography alone), `moved` for moves that are not ambiguous, and
`also_acceptable` sources for merges and heavy rewrites. `score` says how many links an
alignment gets right (the target is 98%).
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from clausemark.core.compare.alignment import MOVED, Alignment, _in_order
from clausemark.core.parse.model import Resolution
from clausemark.core.parse.parser import parse_pdf
from tests.conftest import CORPUS, need_corpus

GOLD = Path(__file__).parent / "gold_align"
TARGET = 0.98


def gold_files() -> list[Path]:
    return sorted(GOLD.glob("*.json"))


@dataclass
class GoldPair:
    gold: dict
    old: Resolution
    new: Resolution

    @property
    def name(self) -> str:
        return f"{self.gold['old_symbol']} -> {self.gold['new_symbol']}"


def load(gold_file: Path) -> GoldPair:
    gold = json.loads(gold_file.read_text(encoding="utf-8"))
    folder = need_corpus(CORPUS / gold.get("folder", "dev"))
    return GoldPair(gold, parse_pdf(folder / gold["old"]), parse_pdf(folder / gold["new"]))


def wrong_links(gold: dict, result: Alignment) -> list[str]:
    """The links `result` gets wrong: a source the gold does not accept, or, for the gold's own
    source, another status (a move the gold marks not ambiguous must be `moved`; a `moved` where
    several minimal move sets exist is judged by `extra_moves`) or another typography flag."""
    got = {p.new.id: p for p in result.pairs}
    wrong = []
    for link in gold["links"]:
        pair = got.get(link["new"])
        if pair is None:
            wrong.append(f"{link['new']}: missing")
            continue
        source = pair.old.id if pair.old else None
        allowed = [link["old"], *link.get("also_acceptable", [])]
        if source not in allowed:
            wrong.append(f"{link['new']}: gold {allowed}, got {source}")
        elif source == link["old"]:
            status_ok = (pair.status == MOVED if link.get("moved") else
                         pair.status in (link["status"], MOVED))
            typography_ok = source is None or pair.typography == link.get("typography", False)
            if not (status_ok and typography_ok):
                wrong.append(f"{link['new']}: gold {link['status']}"
                             f"{' moved' if link.get('moved') else ''} typography="
                             f"{link.get('typography', False)}, got {pair.status} "
                             f"typography={pair.typography}")
    return wrong


def extra_moves(result: Alignment) -> int:
    """How many more pairs are `moved` than the fewest moves that keep the rest in order
    (pairs that changed parent are moves whatever the order, so they are left out)."""
    old_order = {p.id: i for i, p in enumerate(result.old_resolution.walk())}
    parent_of = {c.id: p.id for p in result.old_resolution.walk() for c in p.children}
    new_parent = {c.id: p.id for p in result.new_resolution.walk() for c in p.children}
    source = {p.new.id: p.old.id for p in result.pairs if p.old}
    linked = [p for p in result.pairs if p.old and _same_parent(p, parent_of, new_parent, source)]
    fewest = len(linked) - len(_in_order([old_order[p.old.id] for p in linked]))
    return sum(p.status == MOVED for p in linked) - fewest


def _same_parent(pair, parent_of, new_parent, source) -> bool:
    old_parent, parent = parent_of.get(pair.old.id), new_parent.get(pair.new.id)
    return (source.get(parent) if parent else None) == old_parent
