"""Library commands: import, documents, search, tag, tags, themes.

Every command takes `--db PATH` (before or after the command name); otherwise $CLAUSEMARK_DB or
the user data folder. Only `import` and theme edits create a missing library; the others say
that it is missing (a mistyped --db should not look like an empty library)."""
from __future__ import annotations

import json
import sys
import textwrap

from clausemark.core.cli.options import add_common_options, document_ref
from clausemark.core.errors import ClausemarkError, NotFoundError, shown
from clausemark.core.library.importer import import_files
from clausemark.core.library.library import Library, open_existing
from clausemark.core.library.paths import library_path


def register(sub) -> None:
    p = sub.add_parser("import", help="import resolution PDFs (files or folders)",
                       description="Import PDFs into the library. Files already present (same "
                                   "content) are left as they are.")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--workers", type=int, default=None, metavar="N",
                   help="parser processes (default: one per core)")
    add_common_options(p)
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("documents", help="list the documents in the library")
    add_common_options(p, json_flag=True)
    p.set_defaults(func=cmd_documents)

    p = sub.add_parser("search", help="full-text search over paragraphs",
                       description='Words are all required; "quotes" make a phrase, word* a '
                                   "prefix; OR and NOT (capitals) are operators. Each plain "
                                   "word finds its word family in the library: 'detained' "
                                   "finds 'detention' and 'detainees'.")
    p.add_argument("query")
    p.add_argument("--theme", help="only paragraphs tagged with this theme (or a sub-theme)")
    p.add_argument("--symbol", help="only this document")
    p.add_argument("--kind", action="append",
                   help="preambular, operative, subparagraph, ... (repeatable)")
    p.add_argument("--year", type=int)
    p.add_argument("--limit", type=int, default=20, metavar="N")
    add_common_options(p, json_flag=True)
    p.set_defaults(func=cmd_search)

    p = sub.add_parser("tag", help="tag a paragraph with a theme (or remove the tag)")
    p.add_argument("symbol", metavar="SYMBOL")
    p.add_argument("paragraph", metavar="PARAGRAPH_ID", help="e.g. PP3, OP5, OP5(a)")
    p.add_argument("theme", metavar="THEME")
    p.add_argument("--note", help="note on the tag (changes the note of an existing tag)")
    p.add_argument("--remove", action="store_true", help="remove the tag instead")
    add_common_options(p)
    p.set_defaults(func=cmd_tag)

    p = sub.add_parser("tags", help="list tags")
    p.add_argument("--theme")
    p.add_argument("--symbol")
    add_common_options(p, json_flag=True)
    p.set_defaults(func=cmd_tags)

    p = sub.add_parser("themes", help="list themes; add, rename, recolour, move, retire them")
    add_common_options(p, json_flag=True)
    p.set_defaults(func=cmd_themes)
    actions = p.add_subparsers(dest="theme_action", metavar="ACTION")
    a = actions.add_parser("add", help="add a theme")
    a.add_argument("name")
    a.add_argument("--colour", "--color", dest="colour", help="#RRGGBB (default: a free colour)")
    a.add_argument("--parent", help="nest under this theme")
    a.add_argument("--description", default="")
    add_common_options(a)
    a = actions.add_parser("rename", help="rename a theme")
    a.add_argument("name")
    a.add_argument("new_name")
    add_common_options(a)
    a = actions.add_parser("recolour", aliases=["recolor"], help="change a theme's colour")
    a.add_argument("name")
    a.add_argument("colour", metavar="COLOUR")
    add_common_options(a)
    a = actions.add_parser("move", help="nest a theme under another, or reorder it")
    a.add_argument("name")
    a.add_argument("--parent", help="new parent theme ('' for top level)")
    a.add_argument("--position", type=int, help="place among its siblings, from 1")
    add_common_options(a)
    a = actions.add_parser("key", help="give a theme its key 1-9 ('none': no key)")
    a.add_argument("name")
    a.add_argument("key", help="1-9, or none")
    add_common_options(a)
    a = actions.add_parser("retire", help="retire a theme (its tags are kept)")
    a.add_argument("name")
    a.add_argument("--restore", action="store_true", help="bring a retired theme back")
    add_common_options(a)


def _open(args, create: bool = False) -> Library:
    path = getattr(args, "db", None)
    return Library(library_path(path), create=True) if create else open_existing(path)


def _print_json(data) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


# -- import ------------------------------------------------------------------------------------

def _bar(done: int, total: int, pages: int, name: str) -> str:
    width = 30
    filled = int(width * done / total) if total else width
    return (f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} files, {pages} pages "
            f"{name[:30]:<30}")


def cmd_import(args) -> int:
    if args.workers is not None and args.workers < 1:
        raise ClausemarkError("--workers must be at least 1")
    tty = sys.stderr.isatty()
    summary, pages = None, 0
    with _open(args, create=True) as lib:
        for event in import_files(lib, args.paths, workers=args.workers):
            if event.kind == "file":
                pages += event.pages
                if event.status == "failed":
                    if tty:
                        sys.stderr.write("\r\033[K")
                    print(f"clausemark: {shown(event.path)}: {shown(event.reason)}",
                          file=sys.stderr)
                if tty:
                    sys.stderr.write(_bar(event.done, event.total, pages, shown(event.path.name)))
                    sys.stderr.flush()
            elif event.kind == "done":
                summary = event.summary
        if tty:
            sys.stderr.write("\r\033[K")
    print(f"imported {len(summary.imported)} ({summary.pages} pages), "
          f"already present {len(summary.present)}, failed {len(summary.failed)} "
          f"in {summary.seconds:.1f} s")
    return 1 if summary.failed or summary.cancelled else 0


# -- documents, search, tags -------------------------------------------------------------------

def cmd_documents(args) -> int:
    with _open(args) as lib:
        docs = lib.documents()
    if args.json:
        _print_json([{"id": d.id, "symbol": d.symbol, "title": d.title, "adopted": d.adopted,
                      "pages": d.pages, "paragraphs": d.paragraph_count, "tags": d.tag_count,
                      "body": d.body, "filename": d.filename, "sha256": d.sha256,
                      "imported": d.imported, "document_type": d.document_type,
                      "committee": d.committee, "distributed": d.distributed,
                      "sponsors": list(d.sponsors) if d.sponsors is not None else None,
                      "original": d.original} for d in docs])
        return 0
    if not docs:
        print("no documents (import some with `clausemark import PATH`)")
        return 0
    width = max(len(d.display_name) for d in docs)
    print(f"{'SYMBOL':<{width}}  {'ADOPTED':<10}  PAGES  PARAS  TAGS  TITLE")
    for d in docs:
        print(f"{d.display_name:<{width}}  {d.adopted or '-':<10}  {d.pages:>5}  "
              f"{d.paragraph_count:>5}  {d.tag_count:>4}  {d.title or ''}")
    return 0


def cmd_search(args) -> int:
    if args.limit < 1:
        raise ClausemarkError("--limit must be at least 1")
    with _open(args) as lib:
        hits = lib.search.paragraphs(args.query, theme=args.theme,
                                     document=document_ref(args.symbol) if args.symbol else None,
                                     kind=args.kind, year=args.year, limit=args.limit)
    if args.json:
        _print_json([h.to_dict() for h in hits])
        return 0
    if not hits:
        print("no matches")
    for h in hits:
        print(h.citation)
        print(textwrap.fill(h.snippet, 96, initial_indent="    ", subsequent_indent="    "))
    return 0


def cmd_tag(args) -> int:
    with _open(args) as lib:
        doc = document_ref(args.symbol)
        existing = lib.tags.find(doc, args.paragraph, args.theme)
        if args.remove:
            if existing is None:
                raise NotFoundError(f"{args.symbol} {args.paragraph} is not tagged {args.theme}")
            lib.tags.remove(existing.id)
            print(f"removed {existing.theme} from {existing.citation}")
        elif existing is not None:
            if args.note is not None and args.note != existing.note:
                tag = lib.tags.set_note(existing.id, args.note)
                print(f"{tag.citation}: note on {tag.theme} changed")
            else:
                print(f"{existing.citation} is already tagged {existing.theme}")
        else:
            tag = lib.tags.add(doc, args.paragraph, args.theme, note=args.note or "")
            print(f"tagged {tag.citation} with {tag.theme}")
    return 0


def cmd_tags(args) -> int:
    with _open(args) as lib:
        tags = lib.tags.list(theme=args.theme,
                             document=document_ref(args.symbol) if args.symbol else None)
    if args.json:
        _print_json([{"symbol": t.symbol, "id": t.paragraph, "citation": t.citation,
                      "theme": t.theme, "note": t.note, "author": t.author,
                      "created": t.created, "modified": t.modified, "quote": t.quote}
                     for t in tags])
        return 0
    if not tags:
        print("no tags")
    for t in tags:
        note = f"  — {t.note}" if t.note else ""
        print(f"{t.citation}  [{t.theme}]  {t.author} {t.created[:10]}{note}")
    return 0


# -- themes ------------------------------------------------------------------------------------

def cmd_themes(args) -> int:
    action = getattr(args, "theme_action", None)
    with _open(args, create=action is not None) as lib:
        if action == "add":
            t = lib.themes.add(args.name, args.colour, parent=args.parent or None,
                               description=args.description)
            print(f"added theme {t.name} ({t.colour})")
        elif action == "rename":
            old = lib.themes.get(args.name).name
            t = lib.themes.rename(args.name, args.new_name)
            print(f"renamed theme {old} to {t.name}")
        elif action in ("recolour", "recolor"):
            t = lib.themes.recolour(args.name, args.colour)
            print(f"theme {t.name} is now {t.colour}")
        elif action == "move":
            position = args.position - 1 if args.position is not None else None
            if position is not None and position < 0:
                raise ClausemarkError("--position counts from 1")
            if args.parent is not None:
                t = lib.themes.nest(args.name, args.parent or None, position)
            elif position is not None:
                t = lib.themes.move(args.name, position)
            else:
                raise ClausemarkError("say where: --parent THEME and/or --position N")
            print(f"theme {t.name} moved")
        elif action == "key":
            wanted = None if args.key.lower() in ("none", "-", "0") else args.key
            if wanted is not None and not (wanted.isdigit() and 1 <= int(wanted) <= 9):
                raise ClausemarkError(f"a theme key is 1 to 9 or none, not {args.key!r}")
            t, holder = lib.themes.set_key(args.name, int(wanted) if wanted else None)
            print(f"theme {t.name}: key {t.shortcut or 'none'}"
                  + (f" (taken from {lib.themes.get(holder).name})" if holder else ""))
        elif action == "retire":
            t = lib.themes.retire(args.name, not args.restore)
            print(f"theme {t.name} {'restored' if args.restore else 'retired'}"
                  + (f"; its {t.tag_count} tags are kept" if not args.restore else ""))
        else:
            themes = lib.themes.list()
            if args.json:
                _print_json([t.to_dict() for t in themes])
                return 0
            for t in themes:
                key = str(t.shortcut) if t.shortcut else " "
                state = "  (retired)" if t.retired else ""
                print(f"{key}  {'  ' * t.depth}{t.name}  {t.colour}  {t.tag_count} tags{state}")
    return 0
