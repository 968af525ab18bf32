"""`clausemark report`: theme reports as CSV (tags, or a count or co-occurrence matrix), as a
Word brief or as an Excel workbook, for a selection of themes, documents and adoption dates."""
from __future__ import annotations

import sys
from pathlib import Path

from clausemark.core.cli.options import add_common_options, document_ref
from clausemark.core.output import FORMATS, ReportError
from clausemark.core.reports.csv_report import MATRICES
from clausemark.core.reports.select import Selection, counted, included


def register(sub) -> None:
    p = sub.add_parser(
        "report", help="write a theme report (CSV, Word or Excel)",
        description="Write the tagged clauses of a selection as CSV (one row per tag, or a "
                    "matrix), as a Word brief, or as an Excel workbook (tags and both matrices). "
                    "Without --theme, --symbol or dates, everything tagged is included.")
    p.add_argument("--format", choices=FORMATS,
                   help="csv, docx or xlsx (default: from the --out file name)")
    p.add_argument("--theme", action="extend", nargs="+", default=[], metavar="T",
                   help="only these themes and their sub-themes (repeatable)")
    p.add_argument("--symbol", action="extend", nargs="+", default=[], metavar="S",
                   help="only these documents: symbol or document id (repeatable)")
    p.add_argument("--since", metavar="DATE",
                   help="adopted on or after DATE (YYYY-MM-DD, YYYY-MM or YYYY)")
    p.add_argument("--until", metavar="DATE", help="adopted on or before DATE")
    p.add_argument("--matrix", choices=MATRICES, action="append",
                   help="CSV: the file holds this matrix (theme-by-document counts, or theme "
                        "co-occurrence) instead of the tags; Word: adds it as a table "
                        "(repeatable); Excel always has both")
    p.add_argument("--title", default="Theme report", help="Word only: the brief's title")
    p.add_argument("--first-agreed", action="store_true",
                   help="CSV and Word: say for each clause where its wording was first agreed "
                        "(the oldest paragraph in the library with the same wording)")
    p.add_argument("--search", metavar="QUERY",
                   help="report the paragraphs this search finds (as `clausemark search`, "
                        "word families included), tagged or not, one row each; --theme, "
                        "--symbol and dates narrow them")
    p.add_argument("--out", required=True, metavar="FILE", help="the file to write")
    add_common_options(p)
    p.set_defaults(func=cmd_report)


def _format(args) -> str:
    if args.format:
        return args.format
    suffix = Path(args.out).suffix.lower().lstrip(".")
    if suffix in FORMATS:
        return suffix
    raise ReportError(f"{args.out}: say --format csv, docx or xlsx (or name the file "
                      ".csv, .docx or .xlsx)")


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
                          since=args.since, until=args.until, first_agreed=args.first_agreed,
                          search=args.search)
    bar = _progress_bar()
    try:
        result = make_report(getattr(args, "db", None), selection, _format(args), args.out,
                             args.matrix, args.title, progress=bar)
    finally:
        if bar:
            sys.stderr.write("\r\033[K")
    data = result.data
    if result.matrix and result.format == "csv":
        what = f"{result.matrix} matrix"
    else:
        what = counted(len(data.rows), "paragraph" if data.search is not None else "tag")
        if result.matrix:
            what += f", {result.matrix} " + ("matrices" if "," in result.matrix else "matrix")
    print(f"wrote {result.path} ({what}; {included(data)})")
    return 0
