"""Console entry point: with a subcommand, run the command line (no Qt loaded); without one,
start the desktop app. `--portable` (anywhere) keeps the library and settings next to the app."""
from __future__ import annotations

import os
import sys

from clausemark.core.library import PORTABLE_ENV


def _wants_gui(argv: list[str]) -> bool:
    # Only `--db PATH` (or nothing) means "open the app"; anything else is a command.
    rest = [a for a in argv if a != "--smoke-test"]
    while rest and rest[0].startswith("--db"):
        rest = rest[2:] if rest[0] == "--db" else rest[1:]
    return not rest


def main(argv: list[str] | None = None) -> int:
    import multiprocessing
    multiprocessing.freeze_support()  # the import pool spawns workers, also in a frozen app
    argv = sys.argv[1:] if argv is None else argv
    if "--portable" in argv:  # an environment variable, so import workers see it too
        argv = [a for a in argv if a != "--portable"]
        os.environ[PORTABLE_ENV] = "1"
    if _wants_gui(argv):
        try:
            from clausemark.gui.app import run
        except ModuleNotFoundError as exc:
            if exc.name not in ("clausemark.gui.app",):
                raise
            from clausemark.core.cli import command_line as cli_main
            return cli_main(["--help"])
        return run(argv)
    from clausemark.core.cli import command_line as cli_main
    return cli_main(argv)


if __name__ == "__main__":
    sys.exit(main())
