"""`clausemark backup [--out FILE]` and `clausemark restore [BACKUP] [--list]`.

Backups live in `backups/` next to the library (core/library/backups.py); the app also makes them by
itself on open and before schema changes."""
from __future__ import annotations

from clausemark.core.cli.options import add_db_option
from clausemark.core.library import backups
from clausemark.core.library.instance_lock import require_alone
from clausemark.core.library.library import open_existing
from clausemark.core.library.paths import library_path


def register(sub) -> None:
    p = sub.add_parser("backup", help="back up the library now",
                       description="Copy the library (consistently, even while the app is open) "
                                   f"into its backups folder, where the newest {backups.KEEP} "
                                   "are kept, or to --out.")
    p.add_argument("--out", metavar="FILE", help="write the copy here instead (kept as it is)")
    add_db_option(p)
    p.set_defaults(func=cmd_backup)

    p = sub.add_parser("restore", help="put a backup back in place of the library",
                       description="Replace the library with a backup (default: the newest "
                                   "sound one). The current file is kept: as a backup when it "
                                   "is sound, beside the library as *.damaged-TIME when not.")
    p.add_argument("backup", nargs="?", metavar="BACKUP", help="backup file (see --list)")
    p.add_argument("--list", action="store_true", help="list the backups instead")
    add_db_option(p)
    p.set_defaults(func=cmd_restore)


def cmd_backup(args) -> int:
    with open_existing(getattr(args, "db", None)) as lib:
        dest = lib.make_backup("manual", out=args.out)
    print(f"backed up to {dest}")
    return 0


def cmd_restore(args) -> int:
    path = library_path(getattr(args, "db", None))
    if args.list:
        found = backups.list_backups(path)
        if not found:
            print(f"no backups in {backups.backup_folder(path)}")
        for b in found:
            state = "ok" if backups.file_is_sound(b.path) else "DAMAGED"
            print(f"{b.label}  {b.path.stat().st_size / 1e6:.1f} MB  {state}")
        return 0
    lock = require_alone(path, "restore a backup")
    try:
        used, kept = backups.restore(path, args.backup)
    finally:
        lock.release()
    print(f"restored {path} from {used}")
    if kept:
        print(f"the previous file is kept as {kept}")
    return 0
