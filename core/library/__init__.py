"""The library file: `Library` (the one door the GUI and the command line use), its SQLite
schema and migrations, backups, the one-editor lock, PDF import, undo commands, where files live,
and the first start. May import clausemark.core.parse; never reports, compare, suggest or cli."""
