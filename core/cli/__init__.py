"""The `clausemark` command line: `main` dispatches to one module per command family. The top
layer of core: may import every other core package, never Qt."""

from clausemark.core.public_names import public_names

# Public name -> the module that defines it ("module:attribute" when the public name differs).
__getattr__, __dir__, __all__ = public_names(__name__, {
    "command_line": "main:main", "build_parser": "main",
})
