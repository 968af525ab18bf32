"""The analyst's decisions on shared tags waiting for review (`merge_reviews`), part of `lib.team`:
accept (the tag goes on its aligned paragraph, its author and share kept, or its note joins the
tag already there), reject (kept recorded as rejected), and take a decision back (undo).

Each decision is one transaction written to the history like any other edit, and returns a
`Decision` holding what `reopen_review` needs to undo it exactly (the same tag id on redo:
`accept_review(..., reuse_id=decision.tag_id)`). Which paragraph and span a shared tag lands on
is worked out by the review queue (clausemark.core.team.review_queue), as for carrying tags
forward; this module only writes it."""
from __future__ import annotations

import re
from dataclasses import dataclass

from clausemark.core.errors import ConflictError, LibraryError, NotFoundError
from clausemark.core.library import schema
from clausemark.core.library.changes import NoteChanged, TagsChanged
from clausemark.core.library.records import citation

PENDING, ACCEPTED, REJECTED = "pending", "accepted", "rejected"


@dataclass(frozen=True)
class Decision:
    """What a decision on shared tag `review_id` did: `state` (accepted / rejected) from
    `before` (pending, or rejected when a rejected tag is accepted after all). Accepted: the tag
    `tag_id` it is on, `created` (a new tag) or joined to a tag that was here (its note before:
    `note_before`)."""
    review_id: int
    uid: str
    state: str
    before: str
    decided_before: str | None = None
    tag_id: int | None = None
    created: bool = False
    note_before: str | None = None


class ReviewDecisions:
    """Mixed into TeamRecords (which provides _store, _library, _review, set_notes,
    add_sources)."""

    def _where(self, item) -> str:
        if item.document_id is None:
            return f"{item.source_symbol}, {item.source_label} (not here)"
        symbol = self._library.document(item.document_id).display_name
        label = item.paragraph or "-"
        if item.paragraph:
            row = self._store.one("SELECT label FROM paragraphs WHERE document_id = ? AND pid = ?",
                                  (item.document_id, item.paragraph))
            label = row[0] if row else item.paragraph
        return citation(symbol, label)

    def _theme_name(self, theme_id: int) -> str:
        row = self._store.one("SELECT name FROM themes WHERE id = ?", (theme_id,))
        return row[0] if row else f"theme {theme_id}"

    def accept_review(self, review_id: int, note: str | None = None, *,
                      span: tuple[int, int] | None = None,
                      reuse_id: int | None = None) -> Decision:
        """Put a shared tag on its aligned paragraph here (on `span` of its text, None: the
        whole paragraph) with its author and share kept, carrying `note` (default: its own);
        when the paragraph already has the theme there, the note joins that tag. A pending or a
        rejected shared tag can be accepted. `reuse_id`: the tag id to give it (redo)."""
        with self._store.transaction():
            item = self._review(review_id)
            if item.state not in (PENDING, REJECTED):
                raise ConflictError(f"shared tag {review_id} was already {item.state}")
            if item.document_id is None or item.paragraph is None:
                raise ConflictError(f"shared tag {review_id} has no paragraph here "
                                    f"({item.source_symbol}, {item.source_label}); reject it or "
                                    "import that document first")
            text = note if note is not None else item.note
            row_id, _ = self._library.paragraph_row(item.document_id, item.paragraph)
            start = end = quote = None
            if span is not None:
                body = self._store.one("SELECT text FROM paragraphs WHERE id = ?", (row_id,))[0]
                start, end = int(span[0]), int(span[1])
                if not 0 <= start < end <= len(body):
                    raise LibraryError(f"span {start}-{end} is outside the paragraph "
                                       f"(0-{len(body)})")
                quote = body[start:end]
            decided_before = self._store.one("SELECT decided FROM merge_reviews WHERE id = ?",
                                             (review_id,))[0]
            existing = self._store.one(
                "SELECT id, note FROM tags WHERE paragraph_id = ? AND theme_id = ? AND "
                "span_start IS ? AND span_end IS ?", (row_id, item.theme_id, start, end))
            stamp = schema.now()
            if existing:
                tag_id, created, note_before = existing[0], False, existing[1]
                joined = join_notes(existing[1], text, item.author)
                if joined != existing[1]:
                    self.set_notes([(tag_id, joined)])
                self.add_sources([(tag_id, item.uid, item.author, text, stamp, item.share_id)])
            else:
                created, note_before = True, None
                if reuse_id is not None and self._store.one("SELECT 1 FROM tags WHERE id = ?",
                                                            (reuse_id,)):
                    reuse_id = None  # taken meanwhile: a new id
                tag_id = self._store.execute(
                    "INSERT INTO tags (id, paragraph_id, theme_id, note, author, created, "
                    "modified, span_start, span_end, quote, uid, share_id) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (reuse_id, row_id, item.theme_id, text, item.author, stamp, stamp, start, end,
                     quote, item.uid, item.share_id)).lastrowid
            self._store.execute("UPDATE merge_reviews SET state = ?, decided = ? WHERE id = ?",
                                (ACCEPTED, stamp, review_id))
            theme = self._theme_name(item.theme_id)
            self._store.record(
                "review_accept", f"{self._where(item)}: shared tag {theme} from {item.author} "
                f"accepted" + ("" if created else " (note joined)"),
                review=review_id, tag=tag_id, document=item.document_id,
                paragraph=item.paragraph, theme=item.theme_id, note=text, author=item.author,
                span=None if start is None else [start, end], joined=not created,
                share=item.share_id)
            self._store.announce(TagsChanged(item.document_id, "tag", tag_id))
        return Decision(review_id, item.uid, ACCEPTED, item.state, decided_before, tag_id,
                        created, note_before)

    def review_id(self, uid: str) -> int:
        """The review of the shared tag with identity `uid` (its id may change when the merge
        that brought it is undone and redone)."""
        row = self._store.one("SELECT id FROM merge_reviews WHERE uid = ?", (uid,))
        if row is None:
            raise NotFoundError(f"the shared tag {uid[:8]} is no longer waiting for review "
                                "(its merge was undone)")
        return row[0]

    def reject_review(self, review_id: int) -> Decision:
        """The analyst decided against a shared tag: it stays recorded, marked rejected."""
        with self._store.transaction():
            item = self._review(review_id)
            if item.state != PENDING:
                raise ConflictError(f"shared tag {review_id} was already {item.state}")
            decided_before = self._store.one("SELECT decided FROM merge_reviews WHERE id = ?",
                                             (review_id,))[0]
            self._store.execute("UPDATE merge_reviews SET state = ?, decided = ? WHERE id = ?",
                                (REJECTED, schema.now(), review_id))
            self._store.record(
                "review_reject", f"{self._where(item)}: shared tag "
                f"{self._theme_name(item.theme_id)} from {item.author} rejected",
                review=review_id, document=item.document_id, paragraph=item.paragraph,
                theme=item.theme_id, author=item.author, share=item.share_id)
        return Decision(review_id, item.uid, REJECTED, PENDING, decided_before)

    def reopen_review(self, decision: Decision) -> None:
        """Take a decision back (undo): the tag it made is removed, or the note and contribution
        it joined to a tag taken out again; the shared tag is back as it was before."""
        with self._store.transaction():
            item = self._review(self.review_id(decision.uid))
            if item.state != decision.state:
                raise ConflictError(f"shared tag {item.id} is {item.state} now, not "
                                    f"{decision.state}; nothing was changed")
            if decision.state == ACCEPTED:
                if decision.created:
                    self._store.execute("DELETE FROM tags WHERE id = ? AND uid = ?",
                                        (decision.tag_id, item.uid))
                    self._store.announce(TagsChanged(item.document_id, "untag", decision.tag_id))
                else:
                    self._store.execute("DELETE FROM tag_sources WHERE tag_id = ? AND uid = ?",
                                        (decision.tag_id, item.uid))
                    if decision.note_before is not None:
                        self._store.execute("UPDATE tags SET note = ? WHERE id = ?",
                                            (decision.note_before, decision.tag_id))
                    self._store.announce(NoteChanged(item.document_id, tag_id=decision.tag_id))
            self._store.execute("UPDATE merge_reviews SET state = ?, decided = ? WHERE id = ?",
                                (decision.before, decision.decided_before, item.id))
            self._store.record(
                "review_reopen", f"{self._where(item)}: {decision.state[:-2]}ing shared tag "
                f"{self._theme_name(item.theme_id)} from {item.author} undone",
                review=item.id, tag=decision.tag_id, state=decision.before,
                share=item.share_id)


_SIGNED = re.compile(r"^— ([^:\n]{1,80}): (.*)$", re.DOTALL)


def join_notes(mine: str, theirs: str, author: str) -> str:
    """Both notes kept: each paragraph of theirs that mine lacks is added below mine, signed
    with its author's name (a paragraph already signed by someone keeps that name)."""
    mine, theirs = mine or "", (theirs or "").strip()
    if not theirs or theirs in mine:
        return mine
    if not mine.strip():
        return theirs
    added = []
    for block in (b.strip() for b in theirs.split("\n\n")):
        signed = _SIGNED.match(block)
        text = signed.group(2).strip() if signed else block
        if not text or text in mine or any(text in a for a in added):
            continue
        added.append(block if signed else f"— {author}: {block}")
    return "\n\n".join([mine, *added]) if added else mine
