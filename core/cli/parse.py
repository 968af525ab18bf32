"""`clausemark parse FILE.pdf ... [--json]`: the parser on the command line."""
from __future__ import annotations

import json
import sys
import textwrap

from clausemark.core.cli.options import add_db_option
from clausemark.core.errors import ParseError, regular_file, shown
from clausemark.core.parse.model import Paragraph, Resolution
from clausemark.core.parse.parser import parse_pdf


def register(sub) -> None:
    p = sub.add_parser("parse", help="parse resolution PDFs and print their paragraph tree",
                       description="Parse UN resolution PDFs. With --json, one JSON object per "
                                   "file (JSON Lines when several files are given).")
    p.add_argument("files", nargs="+", metavar="FILE.pdf")
    p.add_argument("--json", action="store_true", help="print JSON instead of an outline")
    add_db_option(p, hidden=True)  # accepted, unused: `--db X parse` works
    p.set_defaults(func=run)


def run(args) -> int:
    failed = 0
    for i, name in enumerate(args.files):
        try:
            regular_file(name)
            res = parse_pdf(name)
        except ParseError as exc:
            print(f"clausemark: {shown(exc)}", file=sys.stderr)
            failed += 1
            continue
        if args.json:
            sys.stdout.write(json.dumps(res.to_dict(), ensure_ascii=False) + "\n")
        else:
            if i:
                print()
            print(outline(res))
        sys.stdout.flush()
    return 1 if failed else 0


def outline(res: Resolution) -> str:
    lines = [f"{res.symbol or '(no symbol)'} — {res.title or '(no title)'}"]
    facts = [res.document_type, res.body, res.committee, res.session,
             f"agenda item {res.agenda_item}" if res.agenda_item else None,
             f"adopted {res.adopted}" if res.adopted else None, res.meeting,
             f"distributed {res.distributed}" if res.distributed and not res.adopted else None,
             f"{res.pages} pages"]
    lines.append("  " + "; ".join(f for f in facts if f))
    if res.sponsors:
        lines.append("  sponsors: " + ", ".join(res.sponsors))
    for p in res.paragraphs:
        _outline(p, 1, lines)
    if res.footnotes:
        lines.append(f"  {len(res.footnotes)} footnotes")
    return "\n".join(lines)


def _outline(p: Paragraph, depth: int, lines: list[str]) -> None:
    indent = "  " * depth
    opening = f"[{p.opening}] " if p.opening else ""
    rest = p.text[len(p.opening):].strip() if p.opening and p.text.startswith(p.opening) else p.text
    first = textwrap.shorten(rest, 70, placeholder=" …") if rest else ""
    lines.append(f"{indent}{p.label:<14} {opening}{first}".rstrip())
    for c in p.children:
        _outline(c, depth + 1, lines)
