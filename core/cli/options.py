"""What every command family shares: the `--db` option (defined here once), `--json`, and how a
document is named on the command line."""
from __future__ import annotations

import argparse

DB_HELP = "library file (default: $CLAUSEMARK_DB or the user data folder)"


def add_db_option(parser: argparse.ArgumentParser, *, top_level: bool = False,
                  hidden: bool = False) -> None:
    """`--db PATH`, before or after the command name. On a command it defaults to SUPPRESS, so
    that `clausemark --db X documents` keeps the X given before the command."""
    parser.add_argument("--db", metavar="PATH", default=None if top_level else argparse.SUPPRESS,
                        help=argparse.SUPPRESS if hidden else DB_HELP)


def add_common_options(parser: argparse.ArgumentParser, json_flag: bool = False) -> None:
    """`--db`, and `--json` for commands that can print JSON."""
    add_db_option(parser)
    if json_flag:
        parser.add_argument("--json", action="store_true", help="print JSON")


def document_ref(text: str) -> int | str:
    """A document named on the command line: its id (plain ASCII digits, within SQLite's
    integers) or its symbol."""
    return int(text) if text.isascii() and text.isdigit() and len(text) < 19 else text
