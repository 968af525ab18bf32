"""The library file: `Library` (the one door the GUI and the command line use), its SQLite
schema and migrations, backups, the one-editor lock, PDF import, undo commands, where files live,
and the first start. May import clausemark.core.language, .parse and clausemark.resources (the
default themes, the samples); never reports, compare, suggest or cli."""

from clausemark.core.public_names import public_names

# Public name -> the module that defines it ("module:attribute" when the public name differs).
__getattr__, __dir__, __all__ = public_names(__name__, {
    "Library": "library", "open_existing": "library", "natural_key": "library",
    "DocumentRef": "library",
    "Change": "changes", "DocumentsChanged": "changes", "ThemesChanged": "changes",
    "TagsChanged": "changes", "NoteChanged": "changes", "SuggestionsChanged": "changes",
    "DocumentInfo": "records", "Theme": "records", "Tag": "records", "SearchHit": "records",
    "HistoryEntry": "records", "citation": "records", "theme_subtree": "records",
    "ThemeManager": "themes", "MAX_THEME_NAME": "themes:MAX_NAME", "normalise_colour": "themes",
    "default_themes": "themes",
    "TagManager": "tags",
    "SearchManager": "search", "fts_query": "search",
    "SuggestionManager": "suggestions", "TrainingClause": "suggestions",
    "ComparisonReads": "compare_reads",
    "UndoStack": "undo", "Command": "undo", "CommandGroup": "undo", "TagCommand": "undo",
    "UntagCommand": "undo", "SetNoteCommand": "undo", "AddThemeCommand": "undo",
    "ThemeEditCommand": "undo", "RenameThemeCommand": "undo", "RecolourThemeCommand": "undo",
    "RetireThemeCommand": "undo", "MoveThemeCommand": "undo", "SetThemeKeyCommand": "undo",
    "library_path": "paths", "settings_path": "paths", "load_settings": "paths",
    "save_settings": "paths", "analyst_name": "paths",
    "PORTABLE_ENV": "paths",
    "import_files": "importer", "import_all": "importer", "find_pdfs": "importer",
    "file_sha256": "importer", "ImportSummary": "importer", "ImportEvent": "importer",
    "IMPORTED": "importer", "PRESENT": "importer", "FAILED": "importer",
    "is_new_library": "first_start", "seed_new_library": "first_start",
    "InstanceLock": "instance_lock", "require_alone": "instance_lock",
    "Backup": "backups", "list_backups": "backups", "last_good_backup": "backups",
    "restore_backup": "backups:restore", "is_damage": "backups", "damaged": "backups",
    "LATEST_VERSION": "schema",
    "refuse_library_files": "safe_paths", "UnsafeOutputError": "safe_paths",
    "PrecedentManager": "precedents", "Precedent": "precedents",
    "PrecedentResult": "precedents", "ReferenceManager": "references",
    "DocumentReferences": "references", "Citation": "references", "Link": "references",
    "TeamRecords": "team", "TagOrigin": "team", "ReviewItem": "team", "join_notes": "team",
    "RemoveDocumentCommand": "document_commands",
    "Decision": "team_reviews", "AcceptReviewCommand": "undo", "RejectReviewCommand": "undo",
})
