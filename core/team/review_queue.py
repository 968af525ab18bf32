"""Shared tags that landed on another version here, reviewed as tags are carried forward: the
same queue (clausemark.core.compare.carry_forward.ProposalQueue) with the same actions, on the
aligned paragraphs the merge found.

    review = SharedReview(library)        # every shared tag waiting for a decision
    review.accept_same(stack)             # one undoable step for every unchanged paragraph
    for p in review.queue():              # the rest, in document order
        review.accept(p, stack, note="...") or review.reject(p, stack)

Unlike carrying forward, a decision is an edit of the library: accepting puts the tag on with
its author and share kept (AcceptReviewCommand), rejecting records it as rejected
(RejectReviewCommand); both are undone with the undo stack, and written to the history."""
from __future__ import annotations

from clausemark.core.compare.carry_forward import (
    ACCEPTED,
    PENDING,
    REJECTED,
    Proposal,
    ProposalQueue,
    carried_span,
)
from clausemark.core.errors import ConflictError, NotFoundError
from clausemark.core.library.records import citation
from clausemark.core.library.undo import AcceptReviewCommand, RejectReviewCommand

MISSING = "missing"


class SharedReview(ProposalQueue):
    title = "Review shared tags"
    list_title = "Edited, moved or dropped paragraphs, one by one:"

    def __init__(self, library, *, share_id: int | None = None, document_id: int | None = None,
                 states: tuple[str, ...] = (PENDING,)):
        """The shared tags in `states` now (of one share, or of all; those that landed on one
        document here, or all)."""
        super().__init__(library)
        items = [i for state in states for i in library.team.reviews(state, share_id)
                 if document_id is None or i.document_id == document_id]
        self.authors = sorted({i.author for i in items})
        names = {d.id: d.display_name for d in library.documents()}
        themes = {t.id: t.name for t in library.themes.list()}
        trees: dict[int, dict] = {}
        keys = []
        for item in items:
            here, position = None, 0
            if item.document_id is not None:
                if item.document_id not in trees:
                    walk = list(library.resolution(item.document_id).walk())
                    trees[item.document_id] = {p.id: (i, p) for i, p in enumerate(walk)}
                position, here = trees[item.document_id].get(item.paragraph, (0, None))
            doc = names.get(item.document_id)
            if here is not None:
                new_label = citation(doc, here.label)
            elif doc is not None:
                new_label = f"{doc}: paragraph dropped"
            else:
                new_label = "document not in this library"
            new_text = here.text if here is not None else None
            source = citation(item.source_symbol or "?", item.source_label or "?")
            self.proposals.append(Proposal(
                0, item.theme_id, themes.get(item.theme_id, "?"), f"{source} ({item.author})",
                item.paragraph if here is not None else None, new_label, item.status, item.score,
                item.note, carried_span(item.span, item.quote, new_text or "", item.status),
                state=item.state, old_text=item.source_text, new_text=new_text,
                review_id=item.id))
            keys.append((here is None, item.document_id is None, item.document_id or 0, position,
                         item.theme_id, item.id))
        order = sorted(range(len(keys)), key=keys.__getitem__)
        self.proposals = [self.proposals[i] for i in order]
        for i, p in enumerate(self.proposals):
            p.key = i

    def proposal(self, review_id: int) -> Proposal:
        found = next((p for p in self.proposals if p.review_id == review_id), None)
        if found is None:
            raise NotFoundError(f"no shared tag {review_id} waiting for review")
        return found

    def accept(self, proposal: Proposal, stack=None, note: str | None = None) -> None:
        if proposal.status == MISSING:
            raise ConflictError(f"shared tag {proposal.review_id} ({proposal.old_label}) has no "
                                "paragraph here; reject it or import that document first")
        super().accept(proposal, stack, note)

    def refresh(self) -> None:
        states = self.library.team.review_states()
        for p in self.proposals:
            p.state = states.get(p.review_id, PENDING)

    def summary(self) -> str:
        counts = self.counts()
        sender = f" from {', '.join(self.authors)}" if self.authors else ""
        lines = [f"{len(self.proposals)} shared tags{sender} landed on another version here: "
                 f"{counts[PENDING]} to review, {counts[ACCEPTED]} accepted, {counts[REJECTED]} rejected."]
        missing = sum(p.status == MISSING and p.state == PENDING for p in self.proposals)
        if missing:
            lines.append(f"{missing} wait for a document not in this library (merge the share "
                         "again after importing it, or reject them).")
        return " ".join(lines)

    def _accept_command(self, p: Proposal) -> AcceptReviewCommand:
        return AcceptReviewCommand(p.review_id, p.note, p.span,
                                   text=f"accept shared {p.theme} on {p.new_label}")

    def _reject_command(self, p: Proposal) -> RejectReviewCommand:
        return RejectReviewCommand(p.review_id, text=f"reject shared {p.theme} on {p.new_label}")

    def _same_text(self, n: int) -> str:
        return f"accept {n} unchanged shared tags"
