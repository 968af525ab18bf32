"""Merge a share into a library without losing anything.

    plan = plan_merge(lib, read_share("amina.clausemark-share"))   # reads only
    plan.line()        # "412 tags from Amina: 380 new, 25 already here, 7 need review"
    result = apply_merge(lib, plan)                                 # one transaction
    stack.push(MergeCommand(plan))                                  # ... or as one undo step

Themes match by identity (also one matched by name in an earlier merge), then by name (Unicode
NFKC, case-folded, spaces collapsed), or are created with the sender's identity. Documents match
by content hash. A document whose content differs here (same symbol, or another version sharing
its text) is aligned paragraph by paragraph and its tags wait in the review (`lib.team.reviews`),
never dropped; so do the tags of a document not here at all (unless the share carries its PDF,
which is then imported). A tag on a paragraph and theme already tagged here stays one tag: the
incoming note is added below the local one with its author's name and the contribution recorded.
A tag whose identity the library has seen (merging the same file twice) changes nothing."""
from __future__ import annotations

from dataclasses import dataclass, field

from clausemark.core.compare.alignment import align
from clausemark.core.errors import ClausemarkError
from clausemark.core.library.team import join_notes
from clausemark.core.library.themes import name_key as theme_key
from clausemark.core.parse.model import Paragraph, Resolution
from clausemark.core.team.share_file import Share

DIRECT, IMPORT, ALIGN, MISSING = "direct", "import", "align", "missing"
MIN_OVERLAP = 0.3        # share of word triples for "another version of the same document"


@dataclass
class DocumentPlan:
    sha256: str
    symbol: str | None
    mode: str                      # direct / import / align / missing
    document_id: int | None = None  # here (direct, align)
    resolution: Resolution | None = None  # parsed from the share's PDF (import)
    pairs: dict[str, tuple[str | None, str, float]] = field(default_factory=dict)  # align


@dataclass
class MergePlan:
    share: Share
    themes: dict[str, int | None] = field(default_factory=dict)    # share uid -> theme id here
    theme_names: dict[str, str] = field(default_factory=dict)      # share uid -> name here
    new_themes: list[dict] = field(default_factory=list)           # to create, parents first
    aliases: list[tuple[str, int]] = field(default_factory=list)   # (share uid, theme id)
    documents: dict[str, DocumentPlan] = field(default_factory=dict)
    new: list[dict] = field(default_factory=list)        # tags to add
    combined: list[dict] = field(default_factory=list)   # notes joined into a tag here
    already: list[dict] = field(default_factory=list)    # nothing to do
    review: list[dict] = field(default_factory=list)     # to the review
    sources: list[tuple] = field(default_factory=list)   # (tag id, entry) contributions
    replaces: list[int] = field(default_factory=list)    # waiting reviews placed afresh

    @property
    def changes(self) -> bool:
        return bool(self.new or self.combined or self.review or self.sources or self.new_themes
                    or self.aliases or self.replaces
                    or any(d.mode == IMPORT for d in self.documents.values()))

    def counts(self) -> dict:
        waiting = sum(1 for r in self.review if r["status"] == MISSING)
        return {"tags": len(self.share.tags), "new": len(self.new),
                "already": len(self.already) + len(self.combined), "notes_joined":
                len(self.combined), "review": len(self.review), "waiting_for_document": waiting,
                "themes_new": len(self.new_themes),
                "documents_imported": sum(d.mode == IMPORT for d in self.documents.values()),
                "documents_differing": sum(d.mode == ALIGN for d in self.documents.values()),
                "authors": self.share.authors}

    def line(self) -> str:
        c = self.counts()
        text = (f"{c['tags']} tags from {self.share.sender}: {c['new']} new, {c['already']} "
                f"already here, {c['review']} need review")
        extra = []
        if c["notes_joined"]:
            extra.append(f"{c['notes_joined']} notes joined")
        if c["themes_new"]:
            extra.append(f"{c['themes_new']} new themes")
        if c["documents_imported"]:
            extra.append(f"{c['documents_imported']} documents imported")
        if c["waiting_for_document"]:
            extra.append(f"{c['waiting_for_document']} wait for a document not here")
        return text + (f" ({'; '.join(extra)})" if extra else "")

    def to_dict(self) -> dict:
        return {"share": self.share.name, "sender": self.share.sender, "uid": self.share.uid,
                **self.counts(), "summary": self.line(),
                "themes": [{"name": t["name"], "here": self.theme_names.get(t["uid"]),
                            "created": self.themes.get(t["uid"]) is None}
                           for t in self.share.themes],
                "documents": [{"symbol": d.symbol, "sha256": d.sha256, "mode": d.mode}
                              for d in self.documents.values()]}


# -- planning (reads only) --------------------------------------------------------------------

def _plan_themes(lib, plan: MergePlan) -> None:
    here = lib.themes.list()
    by_uid = {uid: tid for tid, uid in lib.team.theme_uids().items()}
    aliases = lib.team.theme_aliases()
    by_name = {theme_key(t.name): t for t in here}
    names = {t.id: t.name for t in here}
    taken = set(by_name)
    for t in plan.share.themes:  # parents come first
        uid = t["uid"]
        theme_id = by_uid.get(uid) or aliases.get(uid)
        if theme_id is None and theme_key(t["name"]) in by_name:
            theme_id = by_name[theme_key(t["name"])].id
            plan.aliases.append((uid, theme_id))
        plan.themes[uid] = theme_id
        if theme_id is not None:
            plan.theme_names[uid] = names[theme_id]
            continue
        name = " ".join(t["name"].split())[:80]
        while theme_key(name) in taken:  # cannot happen with a unique key; kept safe
            name += " (shared)"
        taken.add(theme_key(name))
        plan.theme_names[uid] = name
        plan.new_themes.append({**t, "name": name})


def _resolution(doc: dict) -> Resolution:
    """The sender's version as a paragraph tree, from the share's text."""
    res = Resolution(symbol=doc.get("symbol"), title=doc.get("title"), adopted=doc.get("adopted"))
    nodes: dict[str, Paragraph] = {}
    for p in doc["paragraphs"]:
        node = Paragraph(p["id"], p.get("kind") or "operative", p.get("number"),
                         p.get("label") or p["id"], p.get("opening"), p["text"])
        nodes[p["id"]] = node
        parent = nodes.get(p.get("parent") or "")
        (parent.children if parent else res.paragraphs).append(node)
    return res


def _triples(texts) -> set:
    words = " ".join(texts).lower().split()
    return set(zip(words, words[1:], words[2:]))


def _find_version(doc: dict, triples_here: dict[int, set], infos) -> int | None:
    """The document here that is another version of the shared one: same symbol first, else
    the one sharing most of its text (at least MIN_OVERLAP)."""
    mine = _triples(p["text"] for p in doc["paragraphs"])
    if not mine:
        return None
    best, best_score = None, 0.0
    symbol = (doc.get("symbol") or "").casefold()
    for info in infos:
        overlap = len(mine & triples_here.get(info.id, set())) / len(mine)
        score = overlap + (1.0 if symbol and (info.symbol or "").casefold() == symbol else 0.0)
        if score > best_score:
            best, best_score = info.id, score
    return best if best_score >= MIN_OVERLAP else None


def _plan_documents(lib, plan: MergePlan) -> None:
    infos = lib.documents()
    by_sha = {d.sha256: d.id for d in infos}
    triples_here: dict[int, set] | None = None   # each library document's, computed once
    tagged: dict[str, set[str]] = {}
    for t in plan.share.tags:
        tagged.setdefault(t["document"], set()).add(t["paragraph"])
    for doc in plan.share.documents:
        sha = doc["sha256"]
        dp = DocumentPlan(sha, doc.get("symbol"), MISSING)
        plan.documents[sha] = dp
        if sha in by_sha:
            dp.document_id = by_sha[sha]
            resolution_here = lib.resolution(dp.document_id)
            here = {p.id: p.text for p in resolution_here.walk()}
            theirs = {p["id"]: p["text"] for p in doc["paragraphs"]}
            if all(pid in here and " ".join(here[pid].split()) == " ".join(theirs.get(pid, "")
                                                                           .split())
                   for pid in tagged.get(sha, ())):
                dp.mode = DIRECT
                continue
            target, known = dp.document_id, resolution_here  # parsed differently here: align
        elif sha in plan.share.pdfs:
            dp.mode = IMPORT
            dp.resolution = _parse(plan.share, sha, doc)
            continue
        else:
            if triples_here is None:
                triples_here = {doc_id: _triples(texts) for doc_id, texts
                                in lib.comparison.paragraph_texts().items()}
            target, known = _find_version(doc, triples_here, infos), None
            if target is None:
                continue
        dp.mode, dp.document_id = ALIGN, target
        alignment = align(_resolution(doc), known or lib.resolution(target))
        for pair in alignment.pairs:
            if pair.old is not None:
                dp.pairs[pair.old.id] = (pair.new.id, pair.status, pair.score)


def _parse(share: Share, sha: str, doc: dict) -> Resolution:
    from clausemark.core.parse.parser import parse_pdf

    name = doc.get("filename") or f"{doc.get('symbol') or sha[:12]}.pdf"
    try:
        return parse_pdf(name, data=share.pdfs[sha])
    except ClausemarkError as exc:
        raise ClausemarkError(f"{share.name}: the PDF of {doc.get('symbol') or name} in the "
                              f"share cannot be read ({exc}); nothing was merged") from None


def plan_merge(lib, share: Share) -> MergePlan:
    """What merging `share` would change; reads the library, writes nothing."""
    plan = MergePlan(share)
    _plan_themes(lib, plan)
    _plan_documents(lib, plan)
    known = lib.team.known_uids()
    notes: dict[int, str] = {}   # tag id -> note as it will be
    tags_here: dict[int, dict] = {}
    rows_here: dict[int, dict[str, int]] = {}
    planned: dict[tuple, dict] = {}
    waiting = lib.team.waiting_uids()  # reviews still waiting for their document
    for entry in share.tags:
        theme_id = plan.themes[entry["theme"]]
        if entry["uid"] in known:
            kind, ref = known[entry["uid"]]
            if kind == "review" and entry["uid"] in waiting and \
                    plan.documents[entry["document"]].mode != MISSING:
                plan.replaces.append(ref)   # its document is here now: placed afresh
            elif kind == "review":
                plan.already.append(entry)
                continue
            else:
                if ref not in notes:
                    notes[ref] = lib.tags.get(ref).note
                _join(plan, notes, ref, entry)
                continue
        dp = plan.documents[entry["document"]]
        span = (entry.get("span_start"), entry.get("span_end"))
        if dp.mode == DIRECT:
            if dp.document_id not in rows_here:
                rows_here[dp.document_id] = lib.team.paragraph_rows(dp.document_id)
                tags_here[dp.document_id] = lib.team.tags_on(dp.document_id)
            row = rows_here[dp.document_id][entry["paragraph"]]
            key = (row, theme_id if theme_id is not None else entry["theme"], *span)
            existing = tags_here[dp.document_id].get(key)
            if existing is not None:
                notes.setdefault(existing[0], existing[1])
                _join(plan, notes, existing[0], entry, source=True)
                continue
        elif dp.mode == IMPORT:
            key = (entry["document"], entry["paragraph"], entry["theme"], *span)
        else:
            plan.review.append(_review_row(plan, dp, entry))
            continue
        if key in planned:  # two shared tags landing on one: one tag, both notes
            planned[key]["_joined"].append(entry)
            continue
        planned[key] = {**entry, "_row": key[0] if dp.mode == DIRECT else None, "_joined": []}
        plan.new.append(planned[key])
    return plan


def _join(plan: MergePlan, notes: dict[int, str], tag_id: int, entry: dict,
          source: bool = False) -> None:
    joined = join_notes(notes[tag_id], entry.get("note") or "", entry["author"])
    if source:
        plan.sources.append((tag_id, entry))
    if joined != notes[tag_id]:
        notes[tag_id] = joined
        plan.combined.append({**entry, "_tag": tag_id, "_note": joined})
    else:
        plan.already.append(entry)


def _review_row(plan: MergePlan, dp: DocumentPlan, entry: dict) -> dict:
    doc = next(d for d in plan.share.documents if d["sha256"] == dp.sha256)
    source = next((p for p in doc["paragraphs"] if p["id"] == entry["paragraph"]), {})
    target, status, score = (None, MISSING, 0.0)
    if dp.mode == ALIGN:
        target, status, score = dp.pairs.get(entry["paragraph"], (None, "dropped", 0.0))
    return {"uid": entry["uid"], "document_id": dp.document_id, "paragraph": target,
            "theme_uid": entry["theme"], "note": entry.get("note") or "",
            "author": entry["author"], "created": entry.get("created"),
            "modified": entry.get("modified"), "span_start": entry.get("span_start"),
            "span_end": entry.get("span_end"), "quote": entry.get("quote"),
            "source_symbol": entry.get("symbol"), "source_sha256": dp.sha256,
            "source_paragraph": entry["paragraph"], "source_label": entry.get("label"),
            "source_text": source.get("text"), "status": status, "score": float(score)}
