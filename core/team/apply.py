"""Carry out a merge plan in one transaction (all of it or none of it), and take it back: the
merge as one undo step (`MergeCommand`)."""
from __future__ import annotations

from dataclasses import dataclass, field

from clausemark.core.library.team import join_notes
from clausemark.core.library.undo import Command
from clausemark.core.team.merge import DIRECT, IMPORT, MergePlan, plan_merge
from clausemark.core.team.share_file import Share


@dataclass
class MergeResult:
    share_id: int | None          # None: nothing was written (nothing to do)
    counts: dict
    line: str
    notes_before: list[tuple[int, str]] = field(default_factory=list)
    themes_created: list[int] = field(default_factory=list)
    documents_imported: list[int] = field(default_factory=list)
    reviews_replaced: list[tuple] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {**self.counts, "summary": self.line, "share_id": self.share_id,
                "written": self.share_id is not None}


def apply_merge(lib, plan: MergePlan) -> MergeResult:
    """Write what `plan` found missing. Nothing is written when there is nothing to do (the
    same share merged twice)."""
    share = plan.share
    counts, line = plan.counts(), plan.line()
    if not plan.changes:
        return MergeResult(None, counts, line)
    team = lib.team
    with lib.transaction():
        uid, n = share.uid, 1
        while team.share_merged(uid) is not None:  # merged before; now with more to place
            n += 1
            uid = f"{share.uid}/{n}"
        share_id = team.add_share(uid, share.sender, share.created, share.name)
        result = MergeResult(share_id, counts, line)
        result.reviews_replaced = team.take_reviews(plan.replaces)
        # themes, parents first
        theme_ids = dict(plan.themes)
        for t in plan.new_themes:
            parent = theme_ids.get(t["parent"]) if t.get("parent") else None
            theme_ids[t["uid"]] = team.add_theme(
                uid=t["uid"], name=t["name"], colour=t.get("colour") or "#7F8C8D",
                parent_id=parent, description=t.get("description") or "",
                cues=list(t.get("cues") or []), retired=bool(t.get("retired")))
            result.themes_created.append(theme_ids[t["uid"]])
        for uid, theme_id in plan.aliases:
            team.add_alias(uid, theme_id, share_id)
        # documents the share brought
        doc_ids = {sha: d.document_id for sha, d in plan.documents.items()}
        for sha, d in plan.documents.items():
            if d.mode == IMPORT:
                doc = next(x for x in share.documents if x["sha256"] == sha)
                doc_ids[sha], _ = lib.add_resolution(d.resolution, share.pdfs[sha],
                                                     filename=doc.get("filename"))
                result.documents_imported.append(doc_ids[sha])
        rows: dict[int, dict[str, int]] = {}
        tag_rows = []
        for e in plan.new:
            d = plan.documents[e["document"]]
            doc_id = doc_ids[e["document"]]
            if d.mode == DIRECT:
                row = e["_row"]
            else:
                if doc_id not in rows:
                    rows[doc_id] = team.paragraph_rows(doc_id)
                row = rows[doc_id][e["paragraph"]]
            note = e.get("note") or ""
            for other in e["_joined"]:
                note = join_notes(note, other.get("note") or "", other["author"])
            tag_rows.append((row, theme_ids[e["theme"]], note, e["author"],
                             e.get("created") or share.created,
                             e.get("modified") or share.created, e.get("span_start"),
                             e.get("span_end"), e.get("quote"), e["uid"], share_id))
        team.insert_tags(tag_rows)
        # notes joined into tags that were here
        before = {}
        for c in plan.combined:
            before.setdefault(c["_tag"], lib.tags.get(c["_tag"]).note)
        result.notes_before = list(before.items())
        final = {c["_tag"]: c["_note"] for c in plan.combined}
        team.set_notes(list(final.items()))
        # contributions: who else's work each tag holds, so the next merge knows it
        known = team.known_uids()
        sources = []
        for tag_id, e in plan.sources:
            sources.append((tag_id, e["uid"], e["author"], e.get("note") or "", e.get("created"),
                            share_id))
        for e in plan.new:
            tag_id = known[e["uid"]][1]
            for other in e["_joined"]:
                sources.append((tag_id, other["uid"], other["author"], other.get("note") or "",
                                other.get("created"), share_id))
        carriers = [(known[e["uid"]][1], e) for e in plan.new]
        carriers += [(c["_tag"], c) for c in plan.combined] + plan.sources
        for tag_id, e in carriers:
            for s in e.get("sources") or []:
                if s.get("uid") and s["uid"] not in known:
                    sources.append((tag_id, s["uid"], s.get("author") or "?", s.get("note") or "",
                                    None, share_id))
        team.add_sources(sources)
        # tags of documents that differ here, or are not here: to the review
        team.add_reviews([{**r, "share_id": share_id, "theme_id": theme_ids[r["theme_uid"]]}
                          for r in plan.review])
        team.finish_share(share_id, counts, f"merged {share.name}: {line}")
    return result


def merge_share(lib, share: Share) -> MergeResult:
    return apply_merge(lib, plan_merge(lib, share))


class MergeCommand(Command):
    """A merge as one undo step: undo takes back every tag, note, theme, document and review
    it wrote; redo merges the share again."""

    def __init__(self, plan: MergePlan):
        self.plan = plan
        self.result: MergeResult | None = None
        self.text = f"merge {plan.share.name}"

    def do(self, lib) -> None:
        if self.result is not None:  # redo: the library may have changed meanwhile
            self.plan = plan_merge(lib, self.plan.share)
        self.result = apply_merge(lib, self.plan)

    def undo(self, lib) -> None:
        r = self.result
        if r is None or r.share_id is None:
            return
        lib.team.undo_merge(r.share_id, notes=r.notes_before, themes=r.themes_created,
                            documents=r.documents_imported, reviews=r.reviews_replaced)
