"""The share file (`*.clausemark-share`): one analyst's tags, to be merged into another library.

A zip archive:
    manifest.json      format name and version, the Clausemark that wrote it, the share's
                       identity, sender, time, filters, counts and the SHA-256 of every member
    share.json         themes (identity, name, colour, parent, description, cues), documents
                       (symbol, content hash, title and the paragraph tree as text, so that a
                       receiver holding another version can align it), tags (identity,
                       paragraph, theme, note, span, author, times, contributions merged in)
    documents/<sha256>.pdf   the PDFs, with --with-documents

A truncated or altered file fails its checks, and a file of a newer format is refused, each with
one line and before anything is merged."""
from __future__ import annotations

import hashlib
import io
import json
import os
import uuid
import zipfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from clausemark.core import __version__
from clausemark.core.errors import ClausemarkError, NotFoundError
from clausemark.core.library import schema
from clausemark.core.output import ReportError, atomic_output

FORMAT = "clausemark-share"
FORMAT_VERSION = 1
SUFFIX = ".clausemark-share"


class ShareError(ClausemarkError):
    """A share file cannot be read (damaged, truncated, newer, not a share) or written."""


@dataclass
class Share:
    uid: str
    sender: str
    created: str
    themes: list[dict] = field(default_factory=list)
    documents: list[dict] = field(default_factory=list)
    tags: list[dict] = field(default_factory=list)
    pdfs: dict[str, bytes] = field(default_factory=dict)   # sha256 -> PDF bytes
    filters: dict = field(default_factory=dict)
    path: Path | None = None
    clausemark: str = __version__

    @property
    def name(self) -> str:
        return self.path.name if self.path else f"share {self.uid[:8]}"

    @property
    def authors(self) -> list[str]:
        return sorted({t["author"] for t in self.tags})


# -- building ------------------------------------------------------------------------------------

def _flatten(paragraphs, parent: str | None = None) -> list[dict]:
    out = []
    for p in paragraphs:
        out.append({"id": p.id, "parent": parent, "kind": p.kind, "number": p.number,
                    "label": p.label, "opening": p.opening, "text": p.text or ""})
        out.extend(_flatten(p.children, p.id))
    return out


def build_share(lib, *, themes=(), symbols=(), since: str | None = None,
                with_documents: bool = False) -> Share:
    """The tags of `lib` chosen by theme (with sub-themes), document symbol and time (tags made
    or changed since `since`, an ISO date); no choice = every tag."""
    if since:
        try:
            date.fromisoformat(since[:10])
        except ValueError:
            raise ShareError(f"--since {since!r}: not a date (use YYYY-MM-DD)") from None
    theme_ids: set[int] | None = None
    if themes:
        theme_ids = set()
        for t in themes:
            theme_ids.update(lib.themes.subtree_ids(t))
    doc_ids = {lib.document_id(s) for s in symbols} if symbols else None
    tags = [t for t in lib.tags.list()
            if (theme_ids is None or t.theme_id in theme_ids)
            and (doc_ids is None or t.document_id in doc_ids)
            and (not since or t.modified >= since)]
    if not tags:
        raise NotFoundError("no tags match what was chosen; nothing to share")
    uids = lib.team.tag_uids(t.id for t in tags)
    sources = lib.team.tag_sources(t.id for t in tags)
    all_themes = {t.id: t for t in lib.themes.list()}
    theme_uids = lib.team.theme_uids()
    used: set[int] = set()
    for t in tags:
        theme_id: int | None = t.theme_id
        while theme_id is not None and theme_id not in used:  # with the parents
            used.add(theme_id)
            theme_id = all_themes[theme_id].parent_id
    share_themes = [{"uid": theme_uids[th.id], "name": th.name, "colour": th.colour,
                     "parent": theme_uids[th.parent_id] if th.parent_id else None,
                     "description": th.description, "cues": list(th.cues),
                     "retired": th.retired}
                    for th in all_themes.values() if th.id in used]  # parents first
    documents, pdfs, sha = [], {}, {}
    for doc_id in sorted({t.document_id for t in tags}):
        info = lib.document(doc_id)
        sha[doc_id] = info.sha256
        documents.append({"sha256": info.sha256, "symbol": info.symbol, "title": info.title,
                          "adopted": info.adopted, "filename": info.filename,
                          "paragraphs": _flatten(lib.resolution(doc_id).paragraphs)})
        if with_documents:
            pdfs[info.sha256] = lib.pdf_bytes(doc_id)
    share_tags = [{"uid": uids[t.id], "document": sha[t.document_id], "symbol": t.symbol,
                   "paragraph": t.paragraph, "label": t.label, "theme": theme_uids[t.theme_id],
                   "note": t.note, "author": t.author, "created": t.created,
                   "modified": t.modified, "span_start": t.span_start, "span_end": t.span_end,
                   "quote": t.quote, "sources": sources.get(t.id, [])} for t in tags]
    filters = {"themes": list(themes), "symbols": list(symbols), "since": since,
               "with_documents": with_documents}
    return Share(uid=uuid.uuid4().hex, sender=lib.author, created=schema.now(),
                 themes=share_themes, documents=documents, tags=share_tags, pdfs=pdfs,
                 filters=filters)


def write_share(share: Share, out: str | os.PathLike) -> Path:
    """Write the share atomically (a half-written file never carries the final name)."""
    out = Path(out)
    body = json.dumps({"themes": share.themes, "documents": share.documents,
                       "tags": share.tags}, ensure_ascii=False).encode()
    members = {"share.json": body}
    members.update({f"documents/{sha}.pdf": pdf for sha, pdf in share.pdfs.items()})
    manifest = {"format": FORMAT, "format_version": FORMAT_VERSION,
                "clausemark": share.clausemark, "uid": share.uid, "sender": share.sender,
                "created": share.created, "filters": share.filters,
                "counts": {"tags": len(share.tags), "themes": len(share.themes),
                           "documents": len(share.documents), "pdfs": len(share.pdfs)},
                "files": {name: hashlib.sha256(data).hexdigest()
                          for name, data in members.items()}}
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        with atomic_output(out) as tmp:
            with zipfile.ZipFile(tmp, "w") as zf:
                zf.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=1),
                            zipfile.ZIP_DEFLATED)
                for name, data in members.items():
                    zf.writestr(name, data, zipfile.ZIP_STORED if name.endswith(".pdf")
                                else zipfile.ZIP_DEFLATED)
            with open(tmp, "rb+") as fh:
                os.fsync(fh.fileno())
    except OSError as exc:
        raise ShareError(f"{out}: cannot write the share ({exc.strerror or exc})") from None
    except ReportError as exc:
        raise ShareError(str(exc)) from None
    share.path = out
    return out


# -- reading -------------------------------------------------------------------------------------

def _damaged(path: Path, why: str) -> ShareError:
    return ShareError(f"{path}: not a complete Clausemark share ({why}); ask for it again. "
                      "Nothing was merged.")


def read_share(path: str | os.PathLike) -> Share:
    """The share in `path`, checked whole before anything is merged."""
    path = Path(path)
    if not path.is_file():
        raise ShareError(f"{path}: no such share file")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ShareError(f"{path}: cannot read ({exc.strerror or exc})") from None
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            manifest = json.loads(zf.read("manifest.json"))
            if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
                raise ShareError(f"{path}: not a Clausemark share file")
            version = manifest.get("format_version")
            if not isinstance(version, int) or version < 1:
                raise _damaged(path, "no format version")
            if version > FORMAT_VERSION:
                raise ShareError(
                    f"{path}: made by a newer Clausemark ({manifest.get('clausemark', '?')}, "
                    f"share format {version}; this one reads up to {FORMAT_VERSION}); update "
                    "Clausemark to merge it. Nothing was merged.")
            members = {}
            for name, digest in manifest["files"].items():
                member = zf.read(name)
                if hashlib.sha256(member).hexdigest() != digest:
                    raise _damaged(path, f"{name} does not match its checksum")
                members[name] = member
            body = json.loads(members["share.json"])
            share = Share(uid=str(manifest["uid"]), sender=str(manifest["sender"]),
                          created=str(manifest["created"]), themes=list(body["themes"]),
                          documents=list(body["documents"]), tags=list(body["tags"]),
                          filters=dict(manifest.get("filters") or {}), path=path,
                          clausemark=str(manifest.get("clausemark", "")),
                          pdfs={n[len("documents/"):-len(".pdf")]: d for n, d in members.items()
                                if n.startswith("documents/") and n.endswith(".pdf")})
            _check(share)
    except ShareError:
        raise
    except zipfile.BadZipFile:
        if data[:2] == b"PK":
            raise _damaged(path, "the file is cut short or damaged") from None
        raise ShareError(f"{path}: not a Clausemark share file") from None
    except (KeyError, ValueError, TypeError, AttributeError, zipfile.LargeZipFile, EOFError,
            OSError) as exc:
        raise _damaged(path, f"{type(exc).__name__}: {str(exc)[:80]}") from None
    return share


def _check(share: Share) -> None:
    """Every field the merge relies on is there and of the right kind (raises ValueError)."""
    theme_uids = {str(t["uid"]) for t in share.themes}
    for t in share.themes:
        if not isinstance(t["name"], str) or not t["name"].strip():
            raise ValueError("a theme without a name")
        if t.get("parent") is not None and t["parent"] not in theme_uids:
            raise ValueError("a theme's parent is missing")
    docs = {str(d["sha256"]) for d in share.documents}
    for d in share.documents:
        for p in d["paragraphs"]:
            if not isinstance(p["id"], str) or not isinstance(p["text"], str):
                raise ValueError("a paragraph without id or text")
    for t in share.tags:
        if t["theme"] not in theme_uids or t["document"] not in docs:
            raise ValueError("a tag on a theme or document the share lacks")
        for key in ("uid", "paragraph", "author"):
            if not isinstance(t[key], str) or not t[key]:
                raise ValueError(f"a tag without {key}")
        if not isinstance(t.get("note") or "", str):
            raise ValueError("a note that is not text")
