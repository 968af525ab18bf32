"""Carry tags forward from an older version of a resolution to the aligned paragraphs of a newer
one. Tags are only proposed: nothing is tagged until the analyst accepts, `same` pairs in one
step, edited or moved ones one by one (accept, reject, or change the note first).

    review = CarryForward(library, "A/RES/78/187", "A/RES/80/190")   # aligns both
    review.accept_same(stack)          # one undoable step for every identical paragraph
    for p in review.queue():           # the rest, in the newer document's order
        review.accept(p, stack, note="...") or review.reject(p)

Whether a proposal is done is read from the library each time (`refresh`), so an undo in the
window puts it back in the queue. Rejections are the analyst's decisions for this review.

`ProposalQueue` is the queue itself, whatever the tags come from: the older version's tags here
(`CarryForward`), or the tags of another analyst's share that landed on another version
(clausemark.core.team.review_queue). Both offer the same actions through the same code.
"""
from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass

from clausemark.core.compare.alignment import SAME, Alignment, align
from clausemark.core.errors import ConflictError
from clausemark.core.library.records import Tag
from clausemark.core.library.undo import Command, CommandGroup, TagCommand

PENDING, ACCEPTED, REJECTED, PRESENT = "pending", "accepted", "rejected", "present"


@dataclass
class Proposal:
    key: int
    theme_id: int
    theme: str
    old_label: str            # "OP 4" (carry forward) or "A/RES/78/187, OP 4 (Amina)"
    new_paragraph: str | None  # id in the newer document, e.g. "OP5(a)"; None: no paragraph
    new_label: str            # "OP 5 (a)"
    status: str               # of the aligned pair: same, changed, moved (dropped, missing)
    score: float
    note: str                 # starts as the old tag's note; the analyst may change it
    span: tuple[int, int] | None = None  # the old span, found again in the new text
    state: str = PENDING      # pending, accepted (by this review), rejected, present (before)
    old_text: str | None = None   # the two aligned paragraphs' text, for showing the word diff
    new_text: str | None = None
    old_tag: Tag | None = None    # carry forward: the older version's tag
    review_id: int | None = None  # a shared tag: its review (lib.team)

    @property
    def done(self) -> bool:
        return self.state != PENDING

    @property
    def can_accept(self) -> bool:
        return self.new_paragraph is not None and self.state in (PENDING, REJECTED)


def carried_span(span: tuple[int, int] | None, quote: str | None, new_text: str,
                 status: str) -> tuple[int, int] | None:
    """A tag on a quoted span stays on that quote when the new text still contains it;
    otherwise it becomes a tag on the whole paragraph."""
    if span is None or not quote:
        return None
    if status == SAME and new_text[span[0]:span[1]] == quote:
        return tuple(span)
    start = new_text.find(quote)
    return (start, start + len(quote)) if start >= 0 else None


class ProposalQueue:
    """Proposals and the actions on them. Subclasses fill `proposals`, read their states in
    `refresh`, and say what accepting (and rejecting, when it is an edit of the library) one
    does."""
    title = "Carry tags forward"
    list_title = "Edited or moved paragraphs, one by one:"

    def __init__(self, library):
        self.library = library
        self.proposals: list[Proposal] = []

    # -- for subclasses ------------------------------------------------------------------------

    def refresh(self) -> None:
        """Re-read which proposals are done (after an undo or redo)."""
        raise NotImplementedError

    def summary(self) -> str:
        raise NotImplementedError

    def _accept_command(self, p: Proposal) -> Command:
        raise NotImplementedError

    def _reject_command(self, p: Proposal) -> Command | None:
        """None: a rejection is this review's decision only, not a change to the library."""
        return None

    def _same_text(self, n: int) -> str:
        return f"accept {n} unchanged tags"

    @contextmanager
    def _accepting(self, proposals: list[Proposal]):
        yield

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

    def _run(self, command, stack) -> None:
        if stack is not None:
            stack.push(command)
        else:
            command.do(self.library)

    def accept_same(self, stack=None) -> int:
        """Accept every pending `same` proposal in one step (one undo). Returns how many."""
        todo = self.pending_same()
        if todo:
            group = CommandGroup(self._same_text(len(todo)),
                                 [self._accept_command(p) for p in todo])
            with self._accepting(todo):
                self._run(group, stack)
        self.refresh()
        return len(todo)

    def accept(self, proposal: Proposal, stack=None, note: str | None = None) -> None:
        if proposal.state != PENDING and proposal.state != REJECTED:
            raise ConflictError(f"{proposal.new_label}: {proposal.theme} is already "
                                f"{'carried forward' if proposal.old_tag else proposal.state}")
        if proposal.new_paragraph is None:
            raise ConflictError(f"{proposal.old_label}: {proposal.theme} has no paragraph here "
                                f"({proposal.status}); it can only be rejected")
        if note is not None:
            proposal.note = note
        with self._accepting([proposal]):
            self._run(self._accept_command(proposal), stack)
        self.refresh()

    def reject(self, proposal: Proposal, stack=None) -> None:
        if proposal.state != PENDING:
            return
        command = self._reject_command(proposal)
        if command is None:
            proposal.state = REJECTED
            return
        self._run(command, stack)
        self.refresh()

    def set_note(self, proposal: Proposal, note: str) -> None:
        """Change the note a pending proposal will carry (an accepted tag's note is edited
        like any other tag's)."""
        proposal.note = note


class CarryForward(ProposalQueue):
    """The older version's tags proposed on the newer one (rejections are this review's own)."""

    def __init__(self, library, old_ref, new_ref, alignment: Alignment | None = None):
        super().__init__(library)
        self.old_doc = library.document(old_ref)
        self.new_doc = library.document(new_ref)
        self.alignment = alignment or align(library.resolution(self.old_doc.id),
                                            library.resolution(self.new_doc.id))
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
            new_text = pair.new.text or ""
            self.proposals.append(Proposal(
                len(self.proposals), tag.theme_id, tag.theme, tag.label, pair.new.id,
                pair.new.label, pair.status, pair.score, tag.note,
                carried_span(tag.span, tag.quote, new_text, pair.status),
                old_text=pair.old.text, new_text=new_text, old_tag=tag))
        order = {p.new.id: i for i, p in enumerate(self.alignment.pairs)}
        self.proposals.sort(key=lambda p: (order[p.new_paragraph], p.theme_id))
        for i, p in enumerate(self.proposals):
            p.key = i

    def _tagged_now(self) -> set[tuple]:
        return {(t.paragraph, t.theme_id, t.span)
                for t in self.library.tags.list(document=self.new_doc.id, include_subthemes=False)}

    def refresh(self) -> None:
        """Re-read which proposals are on the newer document now (after an undo or redo)."""
        now = self._tagged_now()
        for p in self.proposals:
            key = (p.new_paragraph, p.theme_id, p.span)
            if key in now:
                p.state = PRESENT if key in self._before and p.key not in self._accepted \
                    else ACCEPTED
            else:
                self._accepted.discard(p.key)
                p.state = REJECTED if p.key in self._rejected else PENDING

    def summary(self) -> str:
        counts = self.counts()
        lines = [f"{len(self.proposals)} tags of {self.old_doc.display_name} fall on paragraphs "
                 f"that are still there: {counts[PENDING]} to review, {counts[ACCEPTED]} "
                 f"accepted, {counts[REJECTED]} rejected, {counts[PRESENT]} already tagged."]
        if self.orphaned:
            lines.append(f"{_tags(len(self.orphaned))} on dropped paragraphs (not carried).")
        if self.retired:
            lines.append(f"{_tags(len(self.retired))} with retired themes (not carried).")
        return " ".join(lines)

    def _accept_command(self, p: Proposal) -> TagCommand:
        return TagCommand(self.new_doc.id, p.new_paragraph, p.theme_id, note=p.note, span=p.span)

    def _same_text(self, n: int) -> str:
        return f"carry forward {n} tags from {self.old_doc.display_name}"

    @contextmanager
    def _accepting(self, proposals: list[Proposal]):
        keys = {p.key for p in proposals}
        self._rejected.difference_update(keys)
        self._accepted.update(keys)
        try:
            yield
        except BaseException:
            self._accepted.difference_update(keys)
            raise

    def reject(self, proposal: Proposal, stack=None) -> None:
        if proposal.state == PENDING:
            self._rejected.add(proposal.key)
        super().reject(proposal, stack)


def _tags(n: int) -> str:
    return f"{n} tag" if n == 1 else f"{n} tags"


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
