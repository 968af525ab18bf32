"""`clausemark report`: theme reports as CSV (tags, or a count or co-occurrence matrix) or as a
Word brief, for a selection of themes, documents and adoption dates."""
from __future__ import annotations

import sys
from pathlib import Path

from clausemark.core.cli.options import add_common_options, document_ref
from clausemark.core.output import FORMATS, ReportError
from clausemark.core.reports.csv_report import MATRICES
from clausemark.core.reports.select import Selection, counted, included


def register(sub) -> None:
    p = sub.add_parser(
        "report", help="write a theme report (CSV or Word)",
        description="Write the tagged clauses of a selection as CSV (one row per tag, or a "
                    "matrix) or as a Word brief. Without --theme, --symbol or dates, everything "
                    "tagged is included.")
    p.add_argument("--format", choices=FORMATS,
                   help="csv or docx (default: from the --out file name)")
    p.add_argument("--theme", action="extend", nargs="+", default=[], metavar="T",
                   help="only these themes and their sub-themes (repeatable)")
    p.add_argument("--symbol", action="extend", nargs="+", default=[], metavar="S",
                   help="only these documents: symbol or document id (repeatable)")
    p.add_argument("--since", metavar="DATE",
                   help="adopted on or after DATE (YYYY-MM-DD, YYYY-MM or YYYY)")
    p.add_argument("--until", metavar="DATE", help="adopted on or before DATE")
    p.add_argument("--matrix", choices=MATRICES,
                   help="CSV only: theme-by-document counts, or theme co-occurrence")
    p.add_argument("--title", default="Theme report", help="Word only: the brief's title")
    p.add_argument("--out", required=True, metavar="FILE", help="the file to write")
    add_common_options(p)
    p.set_defaults(func=cmd_report)


def _format(args) -> str:
    if args.format:
        return args.format
    suffix = Path(args.out).suffix.lower().lstrip(".")
    if suffix in FORMATS:
        return suffix
    raise ReportError(f"{args.out}: say --format csv or --format docx (or name the file "
                      ".csv or .docx)")


def _progress_bar():
    """A one-line bar on a terminal; nothing when stderr is a file or a pipe."""
    if not sys.stderr.isatty():
        return None

    def show(done: int, total: int) -> None:
        width = 30
        filled = int(width * done / total) if total else width
        sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
        sys.stderr.flush()
    return show


def cmd_report(args) -> int:
    # Imported here: python-docx would add ~0.1 s to every other clausemark command.
    from clausemark.core.reports.make import make_report

    selection = Selection(themes=tuple(args.theme),
                          documents=tuple(document_ref(s) for s in args.symbol),
                          since=args.since, until=args.until)
    bar = _progress_bar()
    try:
        result = make_report(getattr(args, "db", None), selection, _format(args), args.out,
                             args.matrix, args.title, progress=bar)
    finally:
        if bar:
            sys.stderr.write("\r\033[K")
    data = result.data
    what = f"{args.matrix} matrix" if args.matrix else counted(len(data.rows), "tag")
    print(f"wrote {result.path} ({what}; {included(data)})")
    return 0
