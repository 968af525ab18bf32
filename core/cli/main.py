"""The `clausemark` command line. Each command family lives in its own module of this package
that exposes `register(subparsers)`; this file only wires them and turns errors into one line."""
from __future__ import annotations

import argparse
import importlib
import sqlite3
import sys

from clausemark.core import __version__
from clausemark.core.cli.options import add_db_option
from clausemark.core.errors import ClausemarkError
from clausemark.core.library.backups import damaged, is_damage
from clausemark.core.library.paths import library_path

# Modules that add subcommands; each has register(subparsers) and sets args.func.
COMMAND_MODULES = [f"clausemark.core.cli.{name}" for name in
                   ("parse", "library", "report", "compare", "series", "suggest", "backup",
                    "team")]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="clausemark",
        description="Read UN resolutions paragraph by paragraph and tag clauses by theme. "
                    "Without a command, starts the desktop app.")
    parser.add_argument("--version", action="version", version=f"clausemark {__version__}")
    add_db_option(parser, top_level=True)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 0
    try:
        return int(args.func(args) or 0)
    except ClausemarkError as exc:
        print(f"clausemark: {exc}", file=sys.stderr)
        return 1
    except sqlite3.DatabaseError as exc:
        if not is_damage(exc):
            raise
        # Damage met in the middle of a command (the full check on open runs only hourly).
        print(f"clausemark: {damaged(library_path(getattr(args, 'db', None)), str(exc))}",
              file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("clausemark: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
