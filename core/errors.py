"""Errors with a message fit to show a user: one line naming the file and the reason."""


class ClausemarkError(Exception):
    """Base for errors the command line prints as one line and the GUI shows in a dialog."""


class ParseError(ClausemarkError):
    def __init__(self, source: str, reason: str):
        self.source = source
        self.reason = reason
        super().__init__(f"{source}: {reason}")


class LibraryError(ClausemarkError):
    """A library file cannot be used, or a request to it cannot be carried out."""


class LibraryVersionError(LibraryError):
    """The library was written by a newer Clausemark; it is refused and left untouched."""


class DamagedLibraryError(LibraryError):
    """The library file is damaged; `backup` is the newest sound backup (None if there is none)."""

    def __init__(self, message: str, *, path=None, backup=None):
        super().__init__(message)
        self.path = path
        self.backup = backup


class LibraryInUseError(LibraryError):
    """Another Clausemark has the library open, and the request needs it alone (restore)."""


class NotFoundError(LibraryError):
    """No document, paragraph, theme or tag matches what was asked for."""


class ConflictError(LibraryError):
    """The change would clash with what is stored (a duplicate name, an existing tag, ...)."""


# C0 and C1 control characters (escape sequences start with ESC or CSI) and DEL; tab and
# newline are kept where the caller allows them.
_CONTROLS = {c: f"\\x{c:02x}" for c in [*range(0x20), *range(0x7F, 0xA0)]}
_CONTROLS.update({c: f"\\u{c:04x}" for c in (0x2028, 0x2029)})  # line and paragraph separators
_CONTROLS_KEEP_LINES = {c: v for c, v in _CONTROLS.items() if c not in (0x09, 0x0A)}


def shown(text: object, *, lines: bool = False) -> str:
    """`text` safe to print on a terminal: control characters (ESC, CSI, BEL, ...) as visible
    `\\xNN` escapes, never acted on; bytes that are not valid UTF-8 (lone surrogates from
    command-line arguments and file names) as `\\xNN` too. `lines` keeps newlines and tabs."""
    s = str(text).translate(_CONTROLS_KEEP_LINES if lines else _CONTROLS)
    if any("\ud800" <= ch <= "\udfff" for ch in s):
        s = s.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace") \
            if _only_escapes(s) else s.encode("utf-8", "backslashreplace").decode("utf-8")
    return s


def _only_escapes(s: str) -> bool:
    return all(not ("\ud800" <= ch <= "\udfff") or "\udc80" <= ch <= "\udcff" for ch in s)


def regular_file(name) -> None:
    """ParseError unless `name` is an ordinary file: a FIFO, a device or a socket would block
    or never end when read, a folder cannot be parsed."""
    import os
    import stat

    try:
        mode = os.stat(name).st_mode
    except FileNotFoundError:
        raise ParseError(str(name), "no such file") from None
    except OSError as exc:
        raise ParseError(str(name), f"cannot read ({exc.strerror or exc})") from None
    if stat.S_ISDIR(mode):
        raise ParseError(str(name), "is a folder, not a PDF file")
    if not stat.S_ISREG(mode):
        raise ParseError(str(name), "not a regular file (a pipe, device or socket)")
