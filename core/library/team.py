"""`lib.team`: the library's side of team work (clausemark.core.team builds and merges the share
files; this manager is the only one writing what a merge changes).

Stable identities (`uid`) of themes and tags, the shares merged into the library, where each tag
came from (its author, and the share it arrived in), the other analysts' contributions merged
into a tag that was already here (`tag_sources`, notes kept), theme identities of other libraries
matched by name (`theme_aliases`) and shared tags waiting for the analyst's review
(`merge_reviews`: a document that differs here, or is not here at all).

Every write happens inside the caller's transaction (a merge is one transaction); `undo_merge`
takes a merge back exactly."""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING

from clausemark.core.errors import NotFoundError
from clausemark.core.library import schema
from clausemark.core.library.changes import DocumentsChanged, TagsChanged, ThemesChanged
from clausemark.core.library.team_reviews import (  # noqa: F401  (public here too)
    ACCEPTED,
    PENDING,
    REJECTED,
    Decision,
    ReviewDecisions,
    join_notes,
)

if TYPE_CHECKING:
    from clausemark.core.library.library import Library
    from clausemark.core.library.store import Store



@dataclass(frozen=True)
class TagOrigin:
    """Where a tag came from: its author, and the share it arrived in (None: made here)."""
    tag_id: int
    uid: str
    author: str
    share: str | None      # file name of the share
    sender: str | None     # who made the share
    merged: str | None     # when it was merged here
    contributors: tuple[tuple[str, str], ...] = ()  # (author, note) merged into this tag

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class ReviewItem:
    """A shared tag waiting for the analyst: on `paragraph` of `document_id` (the aligned
    paragraph of this library's version; None when the clause was dropped or the document is
    not here), from `source_symbol` / `source_label` of the sender's version."""
    id: int
    share_id: int
    uid: str
    document_id: int | None
    paragraph: str | None
    theme_id: int
    note: str
    author: str
    source_symbol: str | None
    source_label: str | None
    source_text: str | None
    status: str            # same / changed / moved / dropped / missing (document not here)
    score: float
    state: str
    span: tuple[int, int] | None = None
    quote: str | None = None   # the spanned text in the sender's version

    def to_dict(self) -> dict:
        return asdict(self)


_REVIEW_COLUMNS = ("id, share_id, uid, document_id, paragraph, theme_id, note, author, "
                   "source_symbol, source_label, source_text, status, score, state, span_start, "
                   "span_end, quote")


class TeamRecords(ReviewDecisions):
    def __init__(self, store: Store, library: Library):
        self._store = store
        self._library = library

    # -- reading -------------------------------------------------------------------------------

    def theme_uids(self) -> dict[int, str]:
        return dict(self._store.execute("SELECT id, uid FROM themes"))

    def theme_aliases(self) -> dict[str, int]:
        return dict(self._store.execute("SELECT uid, theme_id FROM theme_aliases"))

    def tag_uids(self, tag_ids) -> dict[int, str]:
        ids = list(tag_ids)
        found: dict[int, str] = {}
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            found.update(self._store.execute(
                f"SELECT id, uid FROM tags WHERE id IN ({','.join('?' * len(chunk))})", chunk))
        return found

    def tag_sources(self, tag_ids) -> dict[int, list[dict]]:
        """{tag id: [{uid, author, note}]}: contributions merged into each tag."""
        ids = set(tag_ids)
        found: dict[int, list[dict]] = {}
        for tag_id, uid, author, note in self._store.execute(
                "SELECT tag_id, uid, author, note FROM tag_sources ORDER BY id"):
            if tag_id in ids:
                found.setdefault(tag_id, []).append({"uid": uid, "author": author, "note": note})
        return found

    def known_uids(self) -> dict[str, tuple[str, int]]:
        """Every tag identity the library has seen: uid -> ("tag" | "source" | "review", id)
        (for a source, the id of the tag it was merged into)."""
        known: dict[str, tuple[str, int]] = {}
        for uid, i in self._store.execute("SELECT uid, id FROM merge_reviews"):
            known[uid] = ("review", i)
        for uid, i in self._store.execute("SELECT uid, tag_id FROM tag_sources"):
            known[uid] = ("source", i)
        for uid, i in self._store.execute("SELECT uid, id FROM tags"):
            known[uid] = ("tag", i)
        return known

    def waiting_uids(self) -> set[str]:
        """Shared tags still waiting for a document that was not in the library."""
        return {r[0] for r in self._store.execute(
            "SELECT uid FROM merge_reviews WHERE state = ? AND document_id IS NULL", (PENDING,))}

    def take_reviews(self, review_ids: list[int]) -> list[tuple]:
        """Remove waiting reviews about to be placed afresh; returns their rows (for undo)."""
        rows = []
        for review_id in review_ids:
            rows.append(self._store.one("SELECT * FROM merge_reviews WHERE id = ?", (review_id,)))
            self._store.execute("DELETE FROM merge_reviews WHERE id = ?", (review_id,))
        return rows

    def share_merged(self, uid: str) -> int | None:
        row = self._store.one("SELECT id FROM shares WHERE uid = ?", (uid,))
        return row[0] if row else None

    def paragraph_rows(self, document_id: int) -> dict[str, int]:
        return dict(self._store.execute("SELECT pid, id FROM paragraphs WHERE document_id = ?",
                                        (document_id,)))

    def tags_on(self, document_id: int) -> dict[tuple, tuple[int, str]]:
        """{(paragraph row id, theme id, span_start, span_end): (tag id, note)} of a document."""
        return {(p, th, s, e): (i, n) for i, p, th, s, e, n in self._store.execute(
            "SELECT t.id, t.paragraph_id, t.theme_id, t.span_start, t.span_end, t.note "
            "FROM tags t JOIN paragraphs p ON p.id = t.paragraph_id WHERE p.document_id = ?",
            (document_id,))}

    def origin(self, tag_id: int) -> TagOrigin:
        row = self._store.one(
            "SELECT t.id, t.uid, t.author, s.filename, s.sender, s.merged FROM tags t "
            "LEFT JOIN shares s ON s.id = t.share_id WHERE t.id = ?", (tag_id,))
        if row is None:
            raise NotFoundError(f"no tag {tag_id}")
        contributors = tuple(self._store.execute(
            "SELECT author, note FROM tag_sources WHERE tag_id = ? ORDER BY id", (tag_id,)))
        return TagOrigin(*row, contributors=contributors)

    def shares(self) -> list[dict]:
        rows = self._store.execute("SELECT id, uid, sender, created, filename, merged, merged_by, "
                                   "summary FROM shares ORDER BY id").fetchall()
        keys = ("id", "uid", "sender", "created", "filename", "merged", "merged_by", "summary")
        return [dict(zip(keys, r[:-1]), summary=json.loads(r[-1])) for r in rows]

    def reviews(self, state: str | None = PENDING, share_id: int | None = None,
                review_id: int | None = None) -> list[ReviewItem]:
        clauses, params = [], []
        if review_id is not None:
            clauses.append("id = ?")
            params.append(review_id)
        if state is not None:
            clauses.append("state = ?")
            params.append(state)
        if share_id is not None:
            clauses.append("share_id = ?")
            params.append(share_id)
        where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
        rows = self._store.execute(f"SELECT {_REVIEW_COLUMNS} FROM merge_reviews {where} "
                                   "ORDER BY id", params).fetchall()
        return [ReviewItem(*r[:14], span=None if r[14] is None else (r[14], r[15]), quote=r[16])
                for r in rows]

    def review_states(self) -> dict[int, str]:
        """{review id: pending / accepted / rejected} of every shared tag reviewed here."""
        return dict(self._store.execute("SELECT id, state FROM merge_reviews"))

    # -- writing (inside the merge's transaction) ---------------------------------------------

    def add_share(self, uid: str, sender: str, created: str, filename: str | None) -> int:
        return self._store.execute(
            "INSERT INTO shares (uid, sender, created, filename, merged, merged_by) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (uid, sender, created, filename, schema.now(), self._store.author)).lastrowid

    def finish_share(self, share_id: int, summary: dict, line: str) -> None:
        self._store.execute("UPDATE shares SET summary = ? WHERE id = ?",
                            (json.dumps(summary, ensure_ascii=False), share_id))
        self._store.record("merge", line, share=share_id, **summary)
        self._store.announce(ThemesChanged(0, "merge"))
        self._store.announce(TagsChanged(0, "merge"))

    def add_theme(self, *, uid: str, name: str, colour: str, parent_id: int | None,
                  description: str, cues: list[str], retired: bool) -> int:
        position = self._store.one("SELECT coalesce(max(position) + 1, 0) FROM themes "
                                   "WHERE parent_id IS ?", (parent_id,))[0]
        # A theme new to this library takes the lowest free key 1-9 (or none), as one added
        # here would; the keys of the themes already here never move.
        held = {r[0] for r in self._store.execute(
            "SELECT shortcut FROM themes WHERE shortcut IS NOT NULL")}
        key = next((k for k in range(1, 10) if k not in held), None)
        return self._store.execute(
            "INSERT INTO themes (name, colour, position, parent_id, description, retired, "
            "created, cues, uid, shortcut) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (name, colour, position, parent_id, description, int(retired), schema.now(),
             json.dumps(cues, ensure_ascii=False), uid, key)).lastrowid

    def add_alias(self, uid: str, theme_id: int, share_id: int) -> None:
        self._store.execute("INSERT OR IGNORE INTO theme_aliases (uid, theme_id, share_id) "
                            "VALUES (?, ?, ?)", (uid, theme_id, share_id))

    def insert_tags(self, rows: list[tuple]) -> None:
        """rows: (paragraph row id, theme id, note, author, created, modified, span_start,
        span_end, quote, uid, share id)."""
        self._store.conn.executemany(
            "INSERT INTO tags (paragraph_id, theme_id, note, author, created, modified, "
            "span_start, span_end, quote, uid, share_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows)

    def set_notes(self, notes: list[tuple[int, str]]) -> None:
        stamp = schema.now()
        self._store.conn.executemany("UPDATE tags SET note = ?, modified = ? WHERE id = ?",
                                     [(note, stamp, tag_id) for tag_id, note in notes])

    def add_sources(self, rows: list[tuple]) -> None:
        """rows: (tag id, uid, author, note, created, share id)."""
        self._store.conn.executemany(
            "INSERT OR IGNORE INTO tag_sources (tag_id, uid, author, note, created, share_id) "
            "VALUES (?, ?, ?, ?, ?, ?)", rows)

    def add_reviews(self, rows: list[dict]) -> None:
        columns = ("share_id", "uid", "document_id", "paragraph", "theme_id", "note", "author",
                   "created", "modified", "span_start", "span_end", "quote", "source_symbol",
                   "source_sha256", "source_paragraph", "source_label", "source_text", "status",
                   "score")
        self._store.conn.executemany(
            f"INSERT INTO merge_reviews ({', '.join(columns)}) "
            f"VALUES ({', '.join('?' * len(columns))})",
            [tuple(r.get(c) for c in columns) for r in rows])

    def undo_merge(self, share_id: int, *, notes: list[tuple[int, str]], themes: list[int],
                   documents: list[int], reviews: list[tuple] = ()) -> None:
        """Take a merge back: its tags, contributions, reviews, aliases, the themes and
        documents it created and the share record; `notes` are the notes it changed, as they
        were before."""
        with self._store.transaction():
            self._store.execute("DELETE FROM merge_reviews WHERE share_id = ?", (share_id,))
            self._store.execute("DELETE FROM tag_sources WHERE share_id = ?", (share_id,))
            self._store.execute("DELETE FROM tags WHERE share_id = ?", (share_id,))
            self._store.execute("DELETE FROM theme_aliases WHERE share_id = ?", (share_id,))
            self._store.conn.executemany("UPDATE tags SET note = ? WHERE id = ?",
                                         [(note, tag_id) for tag_id, note in notes])
            for doc_id in documents:
                self._store.execute("DELETE FROM documents WHERE id = ?", (doc_id,))
                self._store.announce(DocumentsChanged(doc_id, "remove"))
            for theme_id in reversed(themes):
                self._store.execute("DELETE FROM themes WHERE id = ?", (theme_id,))
            for review in reviews:  # waiting reviews the merge placed afresh
                self._store.execute(f"INSERT INTO merge_reviews VALUES "
                                    f"({', '.join('?' * len(review))})", review)
            row = self._store.one("SELECT filename, sender FROM shares WHERE id = ?", (share_id,))
            self._store.execute("DELETE FROM shares WHERE id = ?", (share_id,))
            name = row[0] if row else f"share {share_id}"
            self._store.record("merge_undo", f"merge of {name} undone", share=share_id)
            self._store.announce(ThemesChanged(0, "merge_undo"))
            self._store.announce(TagsChanged(0, "merge_undo"))

    # -- the review of shared tags ------------------------------------------------------------

    def _review(self, review_id: int) -> ReviewItem:
        found = self.reviews(state=None, review_id=review_id)
        if not found:
            raise NotFoundError(f"no shared tag {review_id} to review")
        return found[0]
