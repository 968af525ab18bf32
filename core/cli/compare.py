"""`clausemark compare OLD NEW [--json] [--format docx --out FILE]` and
`clausemark predecessors SYMBOL [--json]`.

OLD and NEW are each a PDF file or the symbol (or id) of a document in the library."""
from __future__ import annotations

import json
import sys
from pathlib import Path

from clausemark.core.cli.options import add_db_option, document_ref
from clausemark.core.compare.alignment import CHANGED, MOVED, NEW, SAME, Alignment, align
from clausemark.core.compare.carry_forward import dropped_tag_dict, dropped_tag_line, dropped_tags
from clausemark.core.compare.predecessor import predecessors
from clausemark.core.errors import ClausemarkError, NotFoundError, regular_file
from clausemark.core.library.library import Library, open_existing
from clausemark.core.library.paths import analyst_name, library_path
from clausemark.core.library.safe_paths import refuse_library_files
from clausemark.core.output import check_output_path
from clausemark.core.parse.parser import parse_pdf

_MARK = {SAME: "=", CHANGED: "~", MOVED: ">", NEW: "+"}


def register(sub) -> None:
    p = sub.add_parser("compare", help="align two versions of a resolution paragraph by "
                                       "paragraph",
                       description="Compare an older and a newer version (each a PDF file or "
                                   "a symbol in the library): for every paragraph of the newer "
                                   "one, where it comes from and whether it is the same, "
                                   "changed, moved or new; and what was dropped.")
    p.add_argument("old", metavar="OLD", help="older version: PDF file or library symbol")
    p.add_argument("new", metavar="NEW", help="newer version: PDF file or library symbol")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument("--format", choices=("text", "docx"), default="text",
                   help="docx writes a comparison brief with tracked-change marks (needs --out)")
    p.add_argument("--out", metavar="FILE", help="where to write the brief")
    add_db_option(p)
    p.set_defaults(func=cmd_compare)

    p = sub.add_parser("predecessors", help="propose the earlier documents a document updates",
                       description="Earlier documents in the library with the same title, "
                                   "most shared text first.")
    p.add_argument("symbol", metavar="SYMBOL")
    p.add_argument("--limit", type=int, default=5, metavar="N")
    p.add_argument("--json", action="store_true", help="print JSON")
    add_db_option(p)
    p.set_defaults(func=cmd_predecessors)


class _Sources:
    """Opens the library only when a symbol needs it (two PDFs need no library at all)."""

    def __init__(self, args):
        self.path = library_path(getattr(args, "db", None))
        self.library: Library | None = None

    def resolution(self, text: str):
        """The parsed resolution, and its library reference (None for a PDF file)."""
        if text.lower().endswith(".pdf") or Path(text).exists():
            if not Path(text).exists():
                raise NotFoundError(f"{text}: no such file")
            regular_file(text)  # a FIFO would hang the parser
            return parse_pdf(text), None
        if self.library is None:
            if not self.path.exists():
                raise NotFoundError(f"{text}: no such file, and no library at {self.path} to "
                                    "look the symbol up in")
            self.library = Library(self.path, create=False)
        ref = document_ref(text)
        return self.library.resolution(ref), ref

    def tags(self, ref) -> list:
        """A library document's tags (a PDF file has none)."""
        if ref is None:
            return []
        return self.library.tags.list(document=self.library.document(ref).id,
                                      include_subthemes=False)

    def close(self) -> None:
        if self.library is not None:
            self.library.close()


def cmd_compare(args) -> int:
    if args.format == "docx" and not args.out:
        raise ClausemarkError("--format docx needs --out FILE")
    if args.out and args.format != "docx":
        raise ClausemarkError("--out is for --format docx")
    if args.out:  # before any work: never over the library, its journal or a backup
        refuse_library_files(check_output_path(args.out), library_path(getattr(args, "db", None)))
    sources = _Sources(args)
    try:
        old, old_ref = sources.resolution(args.old)
        new, new_ref = sources.resolution(args.new)
        alignment = align(old, new)
        # Tags on paragraphs the newer version dropped: only an older document in the library
        # has tags.
        lost = dropped_tags(sources.library, old_ref, alignment) if old_ref is not None else []
        old_tags, new_tags = sources.tags(old_ref), sources.tags(new_ref)
        author = sources.library.author if sources.library is not None else analyst_name()
    finally:
        sources.close()
    if args.format == "docx":
        # python-docx only when a brief is wanted
        from clausemark.core.reports.compare_brief import write_compare_brief
        path = write_compare_brief(alignment, args.out, old_tags=old_tags, new_tags=new_tags,
                                   author=author)
        if not args.json:
            print(f"wrote {path} ({sum(p.edited for p in alignment.pairs)} edited paragraphs)")
    if args.json:
        data = alignment.to_dict() | {"dropped_tags": [dropped_tag_dict(t) for t in lost]}
        sys.stdout.write(json.dumps(data, ensure_ascii=False) + "\n")
    elif args.format == "text":
        print(summary(alignment))
        for tag in lost:
            print("  lost tag: " + dropped_tag_line(tag))
    return 0


def summary(alignment: Alignment) -> str:
    old, new = alignment.old_resolution, alignment.new_resolution
    c = alignment.counts()
    lines = [f"{old.symbol or '(old)'} -> {new.symbol or '(new)'}: {len(alignment.pairs)} "
             f"paragraphs: {c[SAME]} same, {c[CHANGED]} changed, {c[MOVED]} moved, "
             f"{c[NEW]} new; {c['dropped']} dropped",
             "  (= same  ~ changed  > moved  + new; score = word similarity)"]
    width = max((len(p.new.label) for p in alignment.pairs), default=4)
    for pair in alignment.pairs:
        source = f"<- {pair.old.label}" if pair.old else ""
        score = f"{pair.score:.2f}" if pair.old and pair.score < 1 else ""
        lines.append(f"  {_MARK[pair.status]} {pair.new.label:<{width}}  {source:<16} "
                     f"{score}".rstrip())
    if alignment.dropped:
        lines.append("  dropped: " + ", ".join(p.label for p in alignment.dropped))
    return "\n".join(lines)


def cmd_predecessors(args) -> int:
    if args.limit < 1:
        raise ClausemarkError("--limit must be at least 1")
    ref = document_ref(args.symbol)
    with open_existing(getattr(args, "db", None)) as lib:
        found = predecessors(lib, ref, limit=args.limit)
        name = lib.document(ref).display_name
    if args.json:
        sys.stdout.write(json.dumps([{"symbol": c.document.symbol, "id": c.document.id,
                                      "title": c.document.title,
                                      "adopted": c.document.adopted, "score": c.score,
                                      "title_similarity": c.title, "overlap": c.overlap}
                                     for c in found], ensure_ascii=False, indent=2) + "\n")
        return 0
    if not found:
        print(f"no earlier version of {name} in the library")
    for c in found:
        print(f"{c.document.display_name:<20} {c.document.adopted or '-':<10}  score {c.score:.2f}"
              f"  (title {c.title:.2f}, shared text {c.overlap:.0%})  {c.document.title or ''}")
    return 0
