"""Checks every command's arguments get before it runs, so that bad input is one line on stderr
naming the argument and the reason, never a traceback and never a wider scope than asked.

- An empty or blank value is an error, except where the empty text means something
  (`themes move --parent ''` is the top level, `tag --note ''` clears a note).
- Text that is not valid UTF-8 (undecodable bytes reach Python as lone surrogates) is refused
  where it is stored or searched; file names may hold such bytes and are passed on as they are.
- No NUL characters; file names of at most 255 bytes per folder level.
- Numbers within sensible bounds; `--title` at most 255 characters, no control characters.
"""
from __future__ import annotations

import os
import sqlite3

from clausemark.core.errors import ClausemarkError

# Arguments that are file names (anything a file system accepts, checked for length only).
PATH_ARGS = {"db", "out", "paths", "files", "backup", "old", "new", "target"}
# ... of which these may also be a symbol in the library (text, so valid UTF-8, when no file)
PATH_OR_SYMBOL = {"old", "new", "target"}
# Arguments whose empty value has a meaning.
# (and `--text`: the precedents command explains a blank phrase itself)
EMPTY_ALLOWED = {"parent", "note", "description", "text"}
# (least, greatest) for number options.
BOUNDS = {"limit": (1, 100_000), "year": (1, 9999), "workers": (1, 256), "position": (1, 100_000)}
MAX_NAME_BYTES = 255
MAX_TITLE = 255
# Argument attributes set by argparse itself, not by the user.
_INTERNAL = {"func", "command", "theme_action", "json", "remove", "restore", "list", "format",
             "matrix"}


def _flag(name: str, argv: list[str]) -> str:
    """How the user wrote the argument: `--name` when given as an option, else its name."""
    option = "--" + name.replace("_", "-")
    if any(a == option or a.startswith(option + "=") for a in argv):
        return option
    return name.upper() if name in ("symbol", "paragraph", "theme", "query") else name


def _values(value) -> list:
    if isinstance(value, (list, tuple)):
        return list(value)
    return [value]


def _undecodable(text: str) -> bool:
    """Bytes that were not UTF-8 reach Python as lone surrogates."""
    return any("\ud800" <= ch <= "\udfff" for ch in text)


def _check_text(name: str, text: str, flag: str) -> None:
    if "\x00" in text:
        raise ClausemarkError(f"{flag}: contains a NUL character")
    if name in PATH_OR_SYMBOL and _undecodable(text) and not os.path.lexists(text):
        raise ClausemarkError(f"{flag}: no such file, and not valid UTF-8 text for a symbol")
    if name in PATH_ARGS:
        if not text.strip():
            raise ClausemarkError(f"{flag}: empty file name")
        for part in text.replace("\\", "/").split("/"):
            if len(os.fsencode(part)) > MAX_NAME_BYTES:
                raise ClausemarkError(f"{flag}: file name too long ({len(os.fsencode(part))} "
                                      f"bytes; at most {MAX_NAME_BYTES}): {part[:40]}...")
        return
    if _undecodable(text):
        raise ClausemarkError(f"{flag}: not valid UTF-8 text")
    if not text.strip() and name not in EMPTY_ALLOWED:
        raise ClausemarkError(f"{flag}: empty value (give a value, or leave the option out)")
    if name == "title":
        if len(text) > MAX_TITLE:
            raise ClausemarkError(f"--title: too long ({len(text)} characters; at most "
                                  f"{MAX_TITLE})")
        if any(ord(ch) < 0x20 or 0x7F <= ord(ch) < 0xA0 for ch in text):
            raise ClausemarkError("--title: contains control characters (line breaks, escapes)")


def check_arguments(args, argv: list[str]) -> None:
    """ClausemarkError for the first argument that cannot be used as given (`argv`: the words
    typed, to name an argument as the user wrote it)."""
    argv = [str(a) for a in argv]
    for name, value in vars(args).items():
        if name in _INTERNAL or value is None:
            continue
        for item in _values(value):
            if isinstance(item, bool):
                continue
            if isinstance(item, int):
                low, high = BOUNDS.get(name, (None, None))
                if low is not None and not low <= item <= high:
                    raise ClausemarkError(f"{_flag(name, argv)}: {item} is out of range "
                                          f"({low} to {high})")
            elif isinstance(item, str):
                _check_text(name, item, _flag(name, argv))


def storage_message(exc: sqlite3.Error) -> str:
    """A one-line reason for an SQLite error that is not damage to the file."""
    text = str(exc).lower()
    if "full" in text:
        return "the disk is full; nothing was changed (free some space and try again)"
    if "readonly" in text or "read-only" in text:
        return "the library cannot be written here (read-only); nothing was changed"
    if "locked" in text or "busy" in text:
        return "the library is busy (another program is writing to it); try again"
    if "unable to open" in text:
        return "cannot open the library file (is its folder readable and writable?)"
    if "i/o" in text:
        return f"the disk could not be read or written ({exc}); nothing was changed"
    return f"the library could not be used ({exc})"
