"""Package-level public names, loaded on first use (PEP 562).

Each core sub-package lists its public names in its `__init__.py`:

    __getattr__, __dir__, __all__ = public_names(__name__, {
        "Library": "library", "restore_backup": "backups:restore", ...})

so that `from clausemark.core.library import Library` works, while importing the package stays
cheap: the module behind a name is imported only when the name is first used (the command line
and the window start without python-docx, rapidfuzz or pymupdf until they need them). A public
name never equals a submodule's name (the submodule would shadow it once imported)."""
from __future__ import annotations

import importlib
import sys
from collections.abc import Callable


def public_names(package: str, names: dict[str, str]
                 ) -> tuple[Callable[[str], object], Callable[[], list[str]], list[str]]:
    """(__getattr__, __dir__, __all__) for `package`; `names` maps a public name to
    "module" (same name inside it) or "module:attribute"."""

    def __getattr__(name: str) -> object:
        where = names.get(name)
        if where is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        module, _, attribute = where.partition(":")
        value = getattr(importlib.import_module(f"{package}.{module}"), attribute or name)
        setattr(sys.modules[package], name, value)  # found directly next time
        return value

    def __dir__() -> list[str]:
        return sorted(set(vars(sys.modules[package])) | set(names))

    return __getattr__, __dir__, sorted(names)
