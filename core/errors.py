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
