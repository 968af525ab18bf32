"""Entry script of the frozen app (PyInstaller needs a file): the same launcher as the
`clausemark` console script."""
import sys

from clausemark.gui.launcher import main

if __name__ == "__main__":
    sys.exit(main())
