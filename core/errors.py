"""Errors with a message fit to show a user: one line naming the file and the reason."""


class ClausemarkError(Exception):
    """Base for errors the command line prints as one line and the GUI shows in a dialog."""


class ParseError(ClausemarkError):
    def __init__(self, source: str, reason: str):
        self.source = source
        self.reason = reason
        super().__init__(f"{source}: {reason}")
