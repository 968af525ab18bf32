"""The `clausemark` command line: `main` dispatches to one module per command family. The top
layer of core: may import every other core package, never Qt."""
