"""The `clausemark` command line. Each command family lives in its own module of this package
that exposes `register(subparsers)`; this file only wires them and turns errors into one line."""
from __future__ import annotations

import argparse
import importlib
import sqlite3
import sys

from clausemark.core import __version__
from clausemark.core.cli.arguments import check_arguments, storage_message
from clausemark.core.cli.options import add_db_option
from clausemark.core.errors import ClausemarkError, shown
from clausemark.core.library.backups import damaged, is_damage
from clausemark.core.library.paths import library_path
from clausemark.core.library.schema import missing_log

# Modules that add subcommands; each has register(subparsers) and sets args.func.
COMMAND_MODULES = [f"clausemark.core.cli.{name}" for name in
                   ("parse", "library", "report", "compare", "series", "suggest", "backup",
                     "team", "language")]


class _Parser(argparse.ArgumentParser):
    """Usage mistakes in two lines (the reason, and where to read more), not the whole usage,
    which wraps over many lines; subcommand parsers are of this class too."""

    def error(self, message: str):
        self.exit(2, f"{shown(self.prog)}: error: {shown(message)}\n"
                     f"(see `{shown(self.prog)} --help`)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="clausemark",
        description="Read UN resolutions paragraph by paragraph and tag clauses by theme. "
                    "Without a command, starts the desktop app.")
    parser.add_argument("--version", action="version", version=f"clausemark {__version__}")
    add_db_option(parser, top_level=True)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def _say(message: object) -> None:
    """One line on stderr, safe for the terminal (no raw escapes, no encoding errors)."""
    text = shown(" ".join(str(message).splitlines()))
    sys.stderr.write(f"clausemark: {text}\n")
    sys.stderr.flush()


def _tolerant_streams() -> None:
    """Text that cannot be encoded (a file name that is not valid UTF-8) is escaped, never an
    error halfway through the output."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(errors="backslashreplace")
        except (AttributeError, ValueError):
            pass  # a replaced stream (tests capture output)


class _SafeOutput:
    """stdout for a command: control characters in stored text (a note or theme name holding an
    escape sequence) are written as visible `\\u00XX` escapes, never acted on by the terminal;
    the same escape is valid inside JSON strings, so --json output stays valid JSON."""

    def __init__(self, stream):
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(text.translate(_STDOUT_CONTROLS))
        return len(text)

    def __getattr__(self, name):
        return getattr(self._stream, name)


_STDOUT_CONTROLS = {c: f"\\u{c:04x}" for c in [*range(0x20), *range(0x7F, 0xA0), 0x2028, 0x2029]
                    if c not in (0x09, 0x0A)}


def main(argv: list[str] | None = None) -> int:
    _tolerant_streams()
    stdout = sys.stdout
    sys.stdout = _SafeOutput(stdout)
    try:
        return _main(argv)
    finally:
        sys.stdout = stdout


def _main(argv: list[str] | None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 0
    try:
        check_arguments(args, sys.argv[1:] if argv is None else argv)
        return int(args.func(args) or 0)
    except ClausemarkError as exc:
        _say(exc)
        return 1
    except sqlite3.DatabaseError as exc:
        if is_damage(exc):
            # Damage met in the middle of a command (the full check on open runs only hourly).
            _say(damaged(library_path(getattr(args, "db", None)), str(exc)))
        else:
            path = library_path(getattr(args, "db", None))
            _say(missing_log(path) or f"{path}: {storage_message(exc)}")
        return 1
    except KeyboardInterrupt:
        _say("interrupted")
        return 130
    except BrokenPipeError:
        return 0
    except OSError as exc:  # a file the command was given cannot be used
        name = exc.filename if exc.filename is not None else ""
        _say(f"{name}: {exc.strerror or exc}" if name else (exc.strerror or str(exc)))
        return 1
    except MemoryError:
        _say("not enough memory for this request")
        return 1
    except Exception as exc:  # a bug: still one line (and the saved data is untouched)
        _say(f"internal error ({type(exc).__name__}: {exc}); "
             "please report this")
        return 1


if __name__ == "__main__":
    sys.exit(main())
