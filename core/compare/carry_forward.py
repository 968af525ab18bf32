"""Carry tags forward from an older version of a resolution to the aligned paragraphs of a newer
one. Tags are only proposed: nothing is tagged until the analyst accepts, `same` pairs in one
step, edited or moved ones one by one (accept, reject, or change the note first).

    review = CarryForward(library, "A/RES/78/187", "A/RES/80/190")   # aligns both
    review.accept_same(stack)          # one undoable step for every identical paragraph
    for p in review.queue():           # the rest, in the newer document's order
        review.accept(p, stack, note="...") or review.reject(p)

Whether a proposal is done is read from the library each time (`refresh`), so an undo in the
window puts it back in the queue. Rejections are the analyst's decisions for this review.
"""
from __future__ import annotations

from dataclasses import dataclass

from clausemark.core.compare.alignment import SAME, Alignment, align
from clausemark.core.errors import ConflictError
from clausemark.core.library.records import Tag
from clausemark.core.library.undo import CommandGroup, TagCommand

PENDING, ACCEPTED, REJECTED, PRESENT = "pending", "accepted", "rejected", "present"


@dataclass
class Proposal:
    key: int
    old_tag: Tag
    new_paragraph: str        # id in the newer document, e.g. "OP5(a)"
    new_label: str            # "OP 5 (a)"
    status: str               # of the aligned pair: same, changed or moved
    score: float
    note: str                 # starts as the old tag's note; the analyst may change it
    span: tuple[int, int] | None = None  # the old span, found again in the new text
    state: str = PENDING      # pending, accepted (by this review), rejected, present (before)

    @property
    def theme(self) -> str:
        return self.old_tag.theme

    @property
    def old_label(self) -> str:
        return self.old_tag.label

    @property
    def done(self) -> bool:
        return self.state != PENDING


class CarryForward:
    def __init__(self, library, old_ref, new_ref, alignment: Alignment | None = None):
        self.library = library
        self.old_doc = library.document(old_ref)
        self.new_doc = library.document(new_ref)
        self.alignment = alignment or align(library.resolution(self.old_doc.id),
                                            library.resolution(self.new_doc.id))
        self.proposals: list[Proposal] = []
        self.orphaned: list[Tag] = []   # tags on paragraphs that were dropped
        self.retired: list[Tag] = []    # tags whose theme is retired (cannot be put on)
        self._rejected: set[int] = set()
        self._accepted: set[int] = set()
        self._before: set[tuple] = set()  # (paragraph, theme, span) tagged before this review
        self._build()
        self._before = self._tagged_now()
        self.refresh()

    def _build(self) -> None:
        pairs = {p.old.id: p for p in self.alignment.pairs if p.old is not None}
        retired = {t.id for t in self.library.themes.list() if t.retired}
        for tag in self.library.tags.list(document=self.old_doc.id, include_subthemes=False):
            pair = pairs.get(tag.paragraph)
            if pair is None:
                self.orphaned.append(tag)
                continue
            if tag.theme_id in retired:
                self.retired.append(tag)
                continue
            self.proposals.append(Proposal(
                len(self.proposals), tag, pair.new.id, pair.new.label, pair.status, pair.score,
                tag.note, self._span(tag, pair.new.text or "", pair.status)))
        order = {p.new.id: i for i, p in enumerate(self.alignment.pairs)}
        self.proposals.sort(key=lambda p: (order[p.new_paragraph], p.old_tag.theme_id))
        for i, p in enumerate(self.proposals):
            p.key = i

    @staticmethod
    def _span(tag: Tag, new_text: str, status: str) -> tuple[int, int] | None:
        """A tag on a quoted span stays on that quote when the new text still contains it;
        otherwise it becomes a tag on the whole paragraph."""
        if tag.span is None or not tag.quote:
            return None
        if status == SAME:
            return tag.span
        start = new_text.find(tag.quote)
        return (start, start + len(tag.quote)) if start >= 0 else None

    def _tagged_now(self) -> set[tuple]:
        return {(t.paragraph, t.theme_id, t.span)
                for t in self.library.tags.list(document=self.new_doc.id, include_subthemes=False)}

    def refresh(self) -> None:
        """Re-read which proposals are on the newer document now (after an undo or redo)."""
        now = self._tagged_now()
        for p in self.proposals:
            key = (p.new_paragraph, p.old_tag.theme_id, p.span)
            if key in now:
                p.state = PRESENT if key in self._before and p.key not in self._accepted \
                    else ACCEPTED
            else:
                self._accepted.discard(p.key)
                p.state = REJECTED if p.key in self._rejected else PENDING

    # -- the queue -----------------------------------------------------------------------------

    def pending_same(self) -> list[Proposal]:
        return [p for p in self.proposals if p.status == SAME and p.state == PENDING]

    def queue(self) -> list[Proposal]:
        """Proposals on edited or moved paragraphs still waiting for the analyst."""
        return [p for p in self.proposals if p.status != SAME and p.state == PENDING]

    def counts(self) -> dict[str, int]:
        counts = {PENDING: 0, ACCEPTED: 0, REJECTED: 0, PRESENT: 0}
        for p in self.proposals:
            counts[p.state] += 1
        return counts

    def _command(self, p: Proposal) -> TagCommand:
        return TagCommand(self.new_doc.id, p.new_paragraph, p.old_tag.theme_id, note=p.note,
                          span=p.span)

    def _run(self, command, stack) -> None:
        if stack is not None:
            stack.push(command)
        else:
            command.do(self.library)

    def accept_same(self, stack=None) -> int:
        """Tag every pending `same` proposal in one step (one undo). Returns how many."""
        todo = self.pending_same()
        if todo:
            group = CommandGroup(f"carry forward {len(todo)} tags from "
                                 f"{self.old_doc.display_name}",
                                 [self._command(p) for p in todo])
            self._accepted.update(p.key for p in todo)
            try:
                self._run(group, stack)
            except BaseException:
                self._accepted.difference_update(p.key for p in todo)
                raise
        self.refresh()
        return len(todo)

    def accept(self, proposal: Proposal, stack=None, note: str | None = None) -> None:
        if proposal.state != PENDING and proposal.state != REJECTED:
            raise ConflictError(f"{proposal.new_label}: {proposal.theme} is already carried "
                                "forward")
        if note is not None:
            proposal.note = note
        self._rejected.discard(proposal.key)
        self._accepted.add(proposal.key)
        try:
            self._run(self._command(proposal), stack)
        except BaseException:
            self._accepted.discard(proposal.key)
            raise
        self.refresh()

    def reject(self, proposal: Proposal) -> None:
        if proposal.state == PENDING:
            self._rejected.add(proposal.key)
            proposal.state = REJECTED

    def set_note(self, proposal: Proposal, note: str) -> None:
        """Change the note a pending proposal will carry (an accepted tag's note is edited
        like any other tag's)."""
        proposal.note = note


# -- what was lost ---------------------------------------------------------------------------------

def dropped_tags(library, old_ref, alignment: Alignment) -> list[Tag]:
    """The older document's tags on paragraphs the newer version dropped (what carrying forward
    cannot keep), in the older document's order."""
    dropped = [p.id for p in alignment.dropped]
    order = {pid: i for i, pid in enumerate(dropped)}
    tags = [t for t in library.tags.list(document=library.document(old_ref).id,
                                         include_subthemes=False) if t.paragraph in order]
    return sorted(tags, key=lambda t: (order[t.paragraph], t.theme))


def dropped_tag_line(tag: Tag) -> str:
    """"consular rights: PP 18 dropped (note: ...)"."""
    note = f" (note: {tag.note})" if tag.note else ""
    return f"{tag.theme}: {tag.label} dropped{note}"


def dropped_tag_dict(tag: Tag) -> dict:
    return {"paragraph": tag.paragraph, "label": tag.label, "theme": tag.theme,
            "note": tag.note}
