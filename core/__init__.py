"""Clausemark core: everything that is not a widget. Never imports Qt or clausemark.gui.

Sub-packages, lowest layer first (a package imports only from the layers below it; checked by
import-linter, see pyproject.toml):
    parse    PDF -> Resolution (paragraph tree, footnotes, metadata); pymupdf only
    library  the SQLite library file: the `Library` door, schema, backups, lock, import, undo
    reports / compare / suggest   read a library, write CSV/Word, align versions, propose themes
    cli      the `clausemark` command line over all of the above
`errors` and `output` (report files written atomically, progress and cancel) are shared by all.
"""

__version__ = "0.1.0"
