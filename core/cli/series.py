"""`clausemark series SYMBOL [--json]`: the versions of a document in the library, oldest first
(drafts, the adopted resolution, previous and next sessions' resolutions on the subject)."""
from __future__ import annotations

import json
import sys

from clausemark.core.cli.options import add_common_options, document_ref
from clausemark.core.compare.versions import series
from clausemark.core.library.library import open_existing


def register(sub) -> None:
    p = sub.add_parser("series", help="the versions of a document in the library, oldest first",
                       description="Drafts, the adopted resolution and the previous and next "
                                   "sessions' resolutions on the same subject, linked by title, "
                                   "agenda item, shared text and explicit references.")
    p.add_argument("symbol", metavar="SYMBOL", help="symbol (or id) of a document in the library")
    add_common_options(p, json_flag=True)
    p.set_defaults(func=cmd_series)


def cmd_series(args) -> int:
    with open_existing(getattr(args, "db", None)) as lib:
        found = series(lib, document_ref(args.symbol))
    if args.json:
        sys.stdout.write(json.dumps(found.to_dict(), ensure_ascii=False, indent=2) + "\n")
        return 0
    for entry in found.entries:
        mark = "*" if entry.relation == "this" else " "
        print(f"{mark} {entry.document.display_name:<20} {entry.document_type:<17} "
              f"{entry.date or '-':<10}  {entry.relation}")
    return 0
