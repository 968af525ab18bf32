"""`clausemark precedents` (agreed language: where a paragraph's or a phrase's wording recurs)
and `clausemark references` (the citation web of a document)."""
from __future__ import annotations

import json
import sys

from clausemark.core.cli.options import add_common_options, document_ref
from clausemark.core.errors import ClausemarkError
from clausemark.core.library.library import open_existing


def register(sub) -> None:
    p = sub.add_parser("precedents", help="where a paragraph's wording was agreed before",
                       description="Every paragraph in the library with the same or nearly the "
                                   "same wording as a paragraph (SYMBOL PARAGRAPH_ID) or a phrase "
                                   "(--text), oldest first; the oldest is where the language was "
                                   "first agreed.")
    p.add_argument("symbol", nargs="?", metavar="SYMBOL")
    p.add_argument("paragraph", nargs="?", metavar="PARAGRAPH_ID", help="e.g. PP3, OP5, OP5(a)")
    p.add_argument("--text", metavar="PHRASE", help="look up a phrase instead of a paragraph")
    p.add_argument("--limit", type=int, default=50, metavar="N",
                   help="at most N paragraphs: the oldest and the closest (default 50)")
    add_common_options(p, json_flag=True)
    p.set_defaults(func=cmd_precedents)

    p = sub.add_parser("references", help="documents a document cites and is cited by",
                       description="The UN documents a document refers to (resolutions, "
                                   "decisions, reports by symbol), in which paragraphs, and "
                                   "whether the library holds them; and the documents in the "
                                   "library that refer to it.")
    p.add_argument("symbol", metavar="SYMBOL")
    add_common_options(p, json_flag=True)
    p.set_defaults(func=cmd_references)


def _index(lib) -> None:
    """Documents imported before the index existed are indexed now, with progress on stderr."""
    if lib.precedents.missing():
        def progress(done: int, total: int) -> None:
            print(f"\rindexing agreed language and references: {done}/{total} documents",
                  end="" if done < total else "\n", file=sys.stderr, flush=True)
        lib.precedents.ensure_index(progress)


def cmd_precedents(args) -> int:
    if args.limit < 1:
        raise ClausemarkError("--limit must be at least 1")
    if args.text is not None:
        if args.symbol or args.paragraph:
            raise ClausemarkError("give SYMBOL PARAGRAPH_ID or --text PHRASE, not both")
        if not args.text.strip():
            raise ClausemarkError("--text needs some words to look up")
    elif not (args.symbol and args.paragraph):
        raise ClausemarkError("give SYMBOL PARAGRAPH_ID (e.g. A/RES/78/217 OP5) or --text PHRASE")
    with open_existing(getattr(args, "db", None)) as lib:
        _index(lib)
        if args.text is not None:
            result = lib.precedents.of_text(args.text, limit=args.limit)
        else:
            result = lib.precedents.of_paragraph(document_ref(args.symbol), args.paragraph,
                                                    limit=args.limit)
    if args.json:
        data = result.to_dict()
        for p in data["precedents"]:
            p.pop("diff", None)  # the JSON of the issue; the app shows the diff
        print(json.dumps(data, ensure_ascii=False))
        return 0
    what = (f"{result.symbol}, {result.paragraph}" if result.paragraph else f'"{result.query}"')
    if not result.precedents:
        print(f"No paragraph in the library has the wording of {what}.")
        return 0
    shown = len(result.precedents)
    print(f"{result.total} paragraphs with the wording of {what}"
          + (f" (showing {shown}: the oldest and the closest)" if shown < result.total else ""))
    for p in result.precedents:
        mark = "first agreed" if p.first else ("this paragraph" if p.is_query else "")
        print(f"  {p.date or 'undated':10}  {p.score:4.2f}  {p.citation}  {mark}".rstrip())
    return 0


def cmd_references(args) -> int:
    with open_existing(getattr(args, "db", None)) as lib:
        _index(lib)
        refs = lib.references.of_document(document_ref(args.symbol))
    if args.json:
        print(json.dumps(refs.to_dict(), ensure_ascii=False))
        return 0
    print(f"{refs.symbol} cites {len(refs.cites)} documents"
          f" ({sum(c.in_library for c in refs.cites)} in the library):")
    for c in refs.cites:
        print(f"  {c.symbol:28} {'' if c.in_library else '(not in the library) '}"
              f"in {', '.join(c.where)}")
    print(f"Cited by {len(refs.cited_by)} documents in the library:")
    for c in refs.cited_by:
        print(f"  {c.symbol:28} in {', '.join(c.where)}")
    return 0
