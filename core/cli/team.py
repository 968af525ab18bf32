"""`clausemark share --out FILE [--theme T ...] [--symbol S ...] [--since DATE] [--with-documents]`,
`clausemark merge FILE [--dry-run] [--json]` and `clausemark reviews [--accept ID ...]
[--reject ID ...] [--accept-unchanged] [--json]` (the shared tags waiting for a decision,
decided through the same review queue and commands as in the app, so each decision is in the
library's history like any other edit)."""
from __future__ import annotations

import json
import sys

from clausemark.core.cli.options import add_common_options, add_db_option
from clausemark.core.library.library import open_existing
from clausemark.core.library.paths import library_path
from clausemark.core.library.safe_paths import refuse_library_files
from clausemark.core.team.apply import apply_merge
from clausemark.core.team.merge import plan_merge
from clausemark.core.team.review_queue import SharedReview
from clausemark.core.team.share_file import SUFFIX, build_share, read_share, write_share


def register(sub) -> None:
    p = sub.add_parser("share", help="write tags to a share file for another analyst",
                       description="Write the chosen tags (notes, spans, authors, times), the "
                                   "themes they use and the documents' symbols and content "
                                   "hashes to one file that `clausemark merge` reads.")
    p.add_argument("--out", required=True, metavar=f"FILE{SUFFIX}")
    p.add_argument("--theme", action="append", default=[], metavar="T",
                   help="only tags of this theme (with its sub-themes); repeatable")
    p.add_argument("--symbol", action="append", default=[], metavar="S",
                   help="only tags on this document; repeatable")
    p.add_argument("--since", metavar="DATE", help="only tags made or changed since DATE")
    p.add_argument("--with-documents", action="store_true",
                   help="include the PDFs, so the receiver can import what they lack")
    add_db_option(p)
    p.set_defaults(func=cmd_share)

    p = sub.add_parser("merge", help="add another analyst's shared tags to the library",
                       description="Add what the library lacks from a share file: themes, tags, "
                                   "notes. Nothing is lost: tags on documents that differ here "
                                   "wait in `clausemark reviews`.")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--dry-run", action="store_true", help="report what would change; write "
                                                          "nothing")
    add_common_options(p, json_flag=True)
    p.set_defaults(func=cmd_merge)

    p = sub.add_parser("reviews", help="shared tags waiting for a decision",
                       description="Tags from merged shares on documents whose version differs "
                                   "here: list them, accept or reject them.")
    p.add_argument("--accept", type=int, action="append", default=[], metavar="ID")
    p.add_argument("--reject", type=int, action="append", default=[], metavar="ID")
    p.add_argument("--accept-unchanged", action="store_true",
                   help="accept every shared tag whose paragraph is unchanged here")
    add_common_options(p, json_flag=True)
    p.set_defaults(func=cmd_reviews)


def cmd_share(args) -> int:
    out = args.out if args.out.endswith(SUFFIX) else args.out + SUFFIX
    refuse_library_files(out, library_path(getattr(args, "db", None)))  # never over the library
    with open_existing(getattr(args, "db", None)) as lib:
        share = build_share(lib, themes=args.theme, symbols=args.symbol, since=args.since,
                            with_documents=args.with_documents)
    path = write_share(share, out)
    print(f"{path}: {len(share.tags)} tags on {len(share.documents)} documents, "
          f"{len(share.themes)} themes" + (f", {len(share.pdfs)} PDFs" if share.pdfs else ""))
    return 0


def cmd_merge(args) -> int:
    share = read_share(args.file)  # checked whole before the library is opened
    with open_existing(getattr(args, "db", None)) as lib:
        plan = plan_merge(lib, share)
        if args.dry_run:
            data = {**plan.to_dict(), "dry_run": True, "written": False}
        else:
            result = apply_merge(lib, plan)
            data = {**plan.to_dict(), **result.to_dict(), "dry_run": False}
    if args.json:
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    else:
        prefix = "would merge" if args.dry_run else ("merged" if data["written"] else
                                                     "nothing to merge")
        print(f"{prefix}: {data['summary']}")
    return 0


def cmd_reviews(args) -> int:
    with open_existing(getattr(args, "db", None)) as lib:
        review = SharedReview(lib, states=("pending", "rejected"))  # a rejected one may be
        with lib.transaction():                                     # accepted after all
            if args.accept_unchanged:
                n = review.accept_same()
                if not args.json:
                    print(f"accepted {n} shared tags on unchanged paragraphs")
            for review_id in args.accept:
                review.accept(review.proposal(review_id))
            for review_id in args.reject:
                review.reject(review.proposal(review_id))
        items = lib.team.reviews()
        themes = {t.id: t.name for t in lib.themes.list()}
        docs = {d.id: d.display_name for d in lib.documents()}
    if args.json:
        sys.stdout.write(json.dumps([{**i.to_dict(), "theme": themes.get(i.theme_id),
                                      "document": docs.get(i.document_id)} for i in items],
                                    ensure_ascii=False, indent=2) + "\n")
        return 0
    for i in items:
        where = f"{docs.get(i.document_id, 'not here')}, {i.paragraph or '-'}"
        print(f"{i.id}\t{i.source_symbol}, {i.source_label} -> {where}\t{themes.get(i.theme_id)}"
              f"\t{i.status}\t{i.author}")
    if not items:
        print("no shared tags waiting for review")
    return 0
