"""`clausemark suggest FILE_OR_SYMBOL [--json]`: theme suggestions for a resolution.

A PDF file is parsed on the spot (and if the library holds the same file, its tags and rejected
suggestions are respected); a symbol or document id names a document in the library. Themes,
their cue phrases and the model trained on the analyst's tags come from the library; without a
library, the default themes are used."""
from __future__ import annotations

import json
import sys
from pathlib import Path

from clausemark.core.cli.options import add_db_option, document_ref
from clausemark.core.errors import NotFoundError
from clausemark.core.library.importer import file_sha256
from clausemark.core.library.library import Library
from clausemark.core.library.paths import library_path
from clausemark.core.library.themes import default_themes
from clausemark.core.parse.parser import parse_pdf
from clausemark.core.suggest.suggestions import Suggestion, suggest, suggest_for_document, train_model


def register(sub) -> None:
    p = sub.add_parser("suggest", help="suggest themes for the clauses of a resolution",
                       description="Propose themes for a resolution's clauses from the themes' "
                                   "cue phrases and, once you have tagged enough, from your own "
                                   "tags. Proposals only: nothing is tagged.")
    p.add_argument("target", metavar="FILE_OR_SYMBOL",
                   help="a resolution PDF, or the symbol (or id) of a document in the library")
    p.add_argument("--no-model", action="store_true",
                   help="cue phrases only, without the model trained on your tags")
    add_db_option(p)
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=cmd_suggest)


def _suggestions(args) -> tuple[str | None, list[str], dict[str, list[Suggestion]]]:
    """(symbol, paragraph ids in document order, suggestions per paragraph id)."""
    path = library_path(getattr(args, "db", None))
    target = Path(args.target)
    use_model = not args.no_model
    if target.is_file():
        resolution = parse_pdf(target)
        order = [p.id for top in resolution.paragraphs for p in top.walk()]
        if not path.exists():
            return resolution.symbol, order, suggest(resolution, default_themes())
        with Library(path, create=False) as lib:
            doc_id = lib.document_id_for_sha(file_sha256(target))
            if doc_id is not None:  # the library's copy: respect its tags and rejections
                return resolution.symbol, order, suggest_for_document(lib, doc_id,
                                                                      use_model=use_model)
            themes = lib.themes.list(include_retired=False)
            model = train_model(lib, themes=themes) if use_model else None
            return resolution.symbol, order, suggest(resolution, themes, model=model)
    if not path.exists():
        raise NotFoundError(f"{args.target}: no such file, and no library at {path} to look "
                            "the symbol up in")
    with Library(path, create=False) as lib:
        ref = document_ref(args.target)
        doc = lib.document(ref)
        resolution = lib.resolution(doc.id)
        order = [p.id for top in resolution.paragraphs for p in top.walk()]
        return doc.symbol, order, suggest_for_document(lib, doc.id, use_model=use_model)


def cmd_suggest(args) -> int:
    symbol, order, found = _suggestions(args)
    ids = [pid for pid in order if pid in found]
    if args.json:
        data = {"symbol": symbol,
                "suggestions": {pid: [s.theme for s in found[pid]] for pid in ids},
                "reasons": {pid: {s.theme: s.reason for s in found[pid]} for pid in ids}}
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        return 0
    if not ids:
        print(f"{symbol or args.target}: no suggestions")
        return 0
    width = max(len(pid) for pid in ids)
    for pid in ids:
        for s in found[pid]:
            print(f"{pid:<{width}}  {s.theme}  — {s.reason}")
    return 0
