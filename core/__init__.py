"""Clausemark core: everything that is not a widget. Never imports Qt or clausemark.gui.

Sub-packages, lowest layer first (a package imports only from the layers below it; checked by
import-linter, see pyproject.toml):
    parse    PDF -> Resolution (paragraph tree, footnotes, metadata); pymupdf only
    library  the SQLite library file: the `Library` door, schema, backups, lock, import, undo
    reports / compare / suggest   read a library, write CSV/Word, align versions, propose themes
    cli      the `clausemark` command line over all of the above
`errors` and `output` (report files written atomically, progress and cancel) are shared by all.

Each sub-package's `__init__` lists its public names (`from clausemark.core.library import
Library, UndoStack`); the GUI imports only those, never a module inside a package (checked by
import-linter). The module behind a name is loaded when the name is first used.
"""

__version__ = "0.1.0"
