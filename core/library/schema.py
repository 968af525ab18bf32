"""The library's SQLite schema and its migrations, all in one place.

Each step in `MIGRATIONS` takes the file from version N-1 to N (`PRAGMA user_version`) inside one
transaction, so a step is applied completely or not at all. Released steps are never edited; a
change to the schema is a new step at the end. `open_connection` applies the missing steps when a
library is opened, and refuses (without writing anything) a file written by a newer Clausemark.
"""
from __future__ import annotations

import json
import os
import shutil
import sqlite3
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import sqlite_utils

from clausemark.core.errors import LibraryError, LibraryVersionError
from clausemark.core.library import backups

# "CLMK" — marks the file as a Clausemark library, so a foreign SQLite file is not taken over.
APPLICATION_ID = 0x434C4D4B
BUSY_TIMEOUT_MS = 5000

# The default themes of a new library come from these steps (frozen as released);
# resources/default_themes.json says the same for reading without a library, and a test keeps
# the two equal. New defaults for existing libraries need a new step, as version 4 did.


def now() -> str:
    """UTC timestamp used everywhere in the library (ISO 8601, milliseconds)."""
    return datetime.now(UTC).isoformat(timespec="milliseconds")


# -- migration steps ---------------------------------------------------------------------------

# The four default themes as released in version 1 (name, colour, description); order =
# shortcut order. Frozen: a released step never changes what it writes.
_V1_DEFAULT_THEMES = [
    ("children", "#2E86DE", "Rights and protection of children, including unaccompanied minors."),
    ("detention", "#C0392B", "Immigration detention, alternatives to detention, conditions."),
    ("remittances", "#27AE60", "Remittance flows, their cost and financial inclusion."),
    ("consular rights", "#8E44AD", "Consular notification, access and assistance."),
]


def _v1_base(conn: sqlite3.Connection) -> None:
    """Documents with their PDFs, the paragraph tree with full-text search, footnotes, themes
    (with the four defaults) and whole-paragraph tags."""
    statements = [
        f"PRAGMA application_id = {APPLICATION_ID}",
        """CREATE TABLE documents (
            id INTEGER PRIMARY KEY,
            sha256 TEXT NOT NULL UNIQUE,
            symbol TEXT, title TEXT, body TEXT, session TEXT, agenda_item TEXT,
            adopted TEXT, year INTEGER, meeting TEXT, language TEXT,
            pages INTEGER NOT NULL DEFAULT 0,
            filename TEXT,
            size INTEGER NOT NULL DEFAULT 0,
            imported TEXT NOT NULL)""",
        "CREATE INDEX documents_symbol ON documents(symbol)",
        # PDF bytes apart, so that listing documents never reads them.
        """CREATE TABLE document_files (
            document_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
            pdf BLOB NOT NULL)""",
        """CREATE TABLE paragraphs (
            id INTEGER PRIMARY KEY,
            document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            pid TEXT NOT NULL,
            parent_id INTEGER REFERENCES paragraphs(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            kind TEXT NOT NULL,
            number TEXT,
            label TEXT NOT NULL,
            opening TEXT,
            text TEXT NOT NULL DEFAULT '',
            pages TEXT NOT NULL DEFAULT '[]',
            footnote_refs TEXT NOT NULL DEFAULT '[]',
            boxes TEXT NOT NULL DEFAULT '[]',
            UNIQUE (document_id, pid))""",
        "CREATE INDEX paragraphs_document ON paragraphs(document_id, position)",
        "CREATE INDEX paragraphs_parent ON paragraphs(parent_id)",
        """CREATE VIRTUAL TABLE paragraphs_fts USING fts5(
            text, content='paragraphs', content_rowid='id',
            tokenize='porter unicode61 remove_diacritics 2')""",
        """CREATE TRIGGER paragraphs_fts_insert AFTER INSERT ON paragraphs BEGIN
            INSERT INTO paragraphs_fts(rowid, text) VALUES (new.id, new.text); END""",
        """CREATE TRIGGER paragraphs_fts_delete AFTER DELETE ON paragraphs BEGIN
            INSERT INTO paragraphs_fts(paragraphs_fts, rowid, text)
            VALUES ('delete', old.id, old.text); END""",
        """CREATE TRIGGER paragraphs_fts_update AFTER UPDATE OF text ON paragraphs BEGIN
            INSERT INTO paragraphs_fts(paragraphs_fts, rowid, text)
            VALUES ('delete', old.id, old.text);
            INSERT INTO paragraphs_fts(rowid, text) VALUES (new.id, new.text); END""",
        """CREATE TABLE footnotes (
            id INTEGER PRIMARY KEY,
            document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            number TEXT NOT NULL,
            text TEXT NOT NULL,
            page INTEGER)""",
        "CREATE INDEX footnotes_document ON footnotes(document_id, position)",
        # AUTOINCREMENT on themes and tags: an id is never given twice, so undo can put a
        # removed row back under its old id without meeting a newer row there.
        """CREATE TABLE themes (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            name TEXT NOT NULL UNIQUE COLLATE NOCASE,
            colour TEXT NOT NULL,
            position INTEGER NOT NULL,
            parent_id INTEGER REFERENCES themes(id) ON DELETE RESTRICT,
            description TEXT NOT NULL DEFAULT '',
            retired INTEGER NOT NULL DEFAULT 0,
            created TEXT NOT NULL)""",
        # A tag keeps its theme alive: a theme with tags cannot be deleted (only retired).
        """CREATE TABLE tags (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            paragraph_id INTEGER NOT NULL REFERENCES paragraphs(id) ON DELETE CASCADE,
            theme_id INTEGER NOT NULL REFERENCES themes(id) ON DELETE RESTRICT,
            note TEXT NOT NULL DEFAULT '',
            author TEXT NOT NULL,
            created TEXT NOT NULL,
            modified TEXT NOT NULL)""",
        "CREATE UNIQUE INDEX tags_paragraph_theme ON tags(paragraph_id, theme_id)",
        "CREATE INDEX tags_theme ON tags(theme_id)",
    ]
    for sql in statements:
        conn.execute(sql)
    stamp = now()
    conn.executemany(
        "INSERT INTO themes (name, colour, position, description, created) VALUES (?, ?, ?, ?, ?)",
        [(name, colour, i, description, stamp)
         for i, (name, colour, description) in enumerate(_V1_DEFAULT_THEMES)])


def _v2_history(conn: sqlite3.Connection) -> None:
    """A history of changes: who changed what, when. Tags that already exist are entered as
    they were made, so the history is complete from the start."""
    conn.execute("""CREATE TABLE history (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        author TEXT NOT NULL,
        action TEXT NOT NULL,
        summary TEXT NOT NULL,
        details TEXT NOT NULL DEFAULT '{}')""")
    conn.execute("CREATE INDEX history_at ON history(at)")
    conn.execute("""
        INSERT INTO history (at, author, action, summary, details)
        SELECT t.created, t.author, 'tag',
               coalesce(d.symbol, d.filename, 'document ' || d.id) || ', ' || p.label
                   || ': tagged ' || th.name,
               json_object('tag', t.id, 'document', d.id, 'paragraph', p.pid, 'theme', th.id,
                           'migrated', 1)
        FROM tags t JOIN paragraphs p ON p.id = t.paragraph_id
        JOIN documents d ON d.id = p.document_id JOIN themes th ON th.id = t.theme_id
        ORDER BY t.created, t.id""")


def _v3_tag_spans(conn: sqlite3.Connection) -> None:
    """Tags may cover a character span inside the paragraph, with the quoted text. A paragraph
    can then carry the same theme on several spans, but still only once as a whole."""
    conn.execute("ALTER TABLE tags ADD COLUMN span_start INTEGER")
    conn.execute("ALTER TABLE tags ADD COLUMN span_end INTEGER")
    conn.execute("ALTER TABLE tags ADD COLUMN quote TEXT")
    conn.execute("DROP INDEX tags_paragraph_theme")
    conn.execute("""CREATE UNIQUE INDEX tags_paragraph_theme_span ON tags(
        paragraph_id, theme_id, ifnull(span_start, -1), ifnull(span_end, -1))""")


# Descriptions and cue phrases of the default themes as released in version 4 (frozen).
_V4_THEME_DETAILS: dict[str, tuple[str, list[str]]] = {
    "children": (
        "Rights and protection of persons under 18: children, minors, juveniles, adolescents, "
        "girls and boys as children; birth registration, child labour, child marriage, juvenile "
        "justice, unaccompanied and migrant children.",
        ["child", "children", "childhood", '"minors"', "unaccompanied minor", "juvenile justice",
         "juvenile offender", "juvenile delinquency", "juvenile detention",
         "juveniles deprived of liberty", "adolescent", "girl", "boy", "infant", "newborn",
         "orphan", "birth registration", "under 18 years of age", "under the age of 18",
         "under 18", "Beijing Rules", "Havana Rules", "Riyadh Guidelines"]),
    "detention": (
        "Deprivation of liberty by authorities: arrest, detention (criminal, pretrial, "
        "immigration), custody, imprisonment, prisons and prisoners, overincarceration, "
        "conditions of detention and alternatives to it.",
        ["detention", "detain", "detainee", "custody", "custodial", "imprison", "imprisonment",
         "prison", "prisoner", "incarceration", "incarcerate", "overincarceration", "jail",
         "penitentiary", "arrest", "deprivation of liberty", "deprived of liberty",
         "deprive of liberty", "places of detention", "Nelson Mandela Rules", "Bangkok Rules",
         "Tokyo Rules", "Havana Rules", "-arrest warrant"]),
    "remittances": (
        "Money migrants send home: remittance flows, their cost, channels and use, and the "
        "financial inclusion of senders and recipients.",
        ["remittance", "remittances", "remit", "money transfer", "money transfers",
         "remittance service providers"]),
    "consular rights": (
        "Consular relations: consular notification, access, assistance and protection of "
        "nationals abroad (including detained nationals), consular capacities, and the "
        "protection and inviolability of consular missions, posts, premises and officers.",
        ["consular", "consulate", "consul", "consular notification", "consular access",
         "consular assistance", "consular protection", "Vienna Convention on Consular Relations"]),
}


def _v4_suggestions(conn: sqlite3.Connection) -> None:
    """Themes carry cue phrases (a JSON list) for suggestions; the default themes get careful
    descriptions and cues unless the analyst changed them. Rejected suggestions are remembered
    per paragraph and theme, so a rejected theme is not proposed again for that clause."""
    conn.execute("ALTER TABLE themes ADD COLUMN cues TEXT NOT NULL DEFAULT '[]'")
    v1_descriptions = {name: description for name, _, description in _V1_DEFAULT_THEMES}
    for name, (description, cues) in _V4_THEME_DETAILS.items():
        conn.execute("UPDATE themes SET cues = ? WHERE name = ? COLLATE NOCASE AND cues = '[]'",
                     (json.dumps(cues, ensure_ascii=False), name))
        conn.execute("UPDATE themes SET description = ? WHERE name = ? COLLATE NOCASE "
                     "AND description IN ('', ?)", (description, name, v1_descriptions[name]))
    conn.execute("""CREATE TABLE suggestion_rejections (
        id INTEGER PRIMARY KEY,
        paragraph_id INTEGER NOT NULL REFERENCES paragraphs(id) ON DELETE CASCADE,
        theme_id INTEGER NOT NULL REFERENCES themes(id) ON DELETE CASCADE,
        author TEXT NOT NULL,
        created TEXT NOT NULL,
        UNIQUE (paragraph_id, theme_id))""")
    conn.execute("CREATE INDEX suggestion_rejections_theme ON suggestion_rejections(theme_id)")


def _v5_table_rows(conn: sqlite3.Connection) -> None:
    """A table node keeps its rows of cells (a JSON list of lists); NULL for other kinds."""
    conn.execute("ALTER TABLE paragraphs ADD COLUMN cells TEXT")



def _v6_team(conn: sqlite3.Connection) -> None:
    """Team work (combining analysts' libraries): themes and tags get a stable identity (`uid`,
    given by a trigger to every new row), the four default themes the same identity in every
    library (so a default renamed on one laptop still matches on another); shares merged into
    the library, where each tag came from (`tags.share_id`), the contributions of other analysts
    merged into an existing tag (`tag_sources`), other libraries' theme identities matched by
    name (`theme_aliases`) and shared tags waiting for the analyst's review (`merge_reviews`)."""
    import uuid

    for table in ("themes", "tags"):
        conn.execute(f"ALTER TABLE {table} ADD COLUMN uid TEXT")
        conn.execute(f"UPDATE {table} SET uid = lower(hex(randomblob(16)))")
        conn.execute(f"CREATE UNIQUE INDEX {table}_uid ON {table}(uid)")
        conn.execute(f"""CREATE TRIGGER {table}_uid AFTER INSERT ON {table}
            WHEN new.uid IS NULL BEGIN
            UPDATE {table} SET uid = lower(hex(randomblob(16))) WHERE id = new.id; END""")
    for name, _, _ in _V1_DEFAULT_THEMES:  # the default names, as released
        uid = uuid.uuid5(uuid.NAMESPACE_URL, f"clausemark:default-theme:{name}").hex
        conn.execute("UPDATE themes SET uid = ? WHERE name = ? COLLATE NOCASE", (uid, name))
    conn.execute("ALTER TABLE tags ADD COLUMN share_id INTEGER")
    conn.execute("""CREATE TABLE shares (
        id INTEGER PRIMARY KEY,
        uid TEXT NOT NULL UNIQUE,
        sender TEXT NOT NULL,
        created TEXT NOT NULL,
        filename TEXT,
        merged TEXT NOT NULL,
        merged_by TEXT NOT NULL,
        summary TEXT NOT NULL DEFAULT '{}')""")
    conn.execute("""CREATE TABLE tag_sources (
        id INTEGER PRIMARY KEY,
        tag_id INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
        uid TEXT NOT NULL UNIQUE,
        author TEXT NOT NULL,
        note TEXT NOT NULL DEFAULT '',
        created TEXT,
        share_id INTEGER)""")
    conn.execute("CREATE INDEX tag_sources_tag ON tag_sources(tag_id)")
    conn.execute("""CREATE TABLE theme_aliases (
        uid TEXT PRIMARY KEY,
        theme_id INTEGER NOT NULL REFERENCES themes(id) ON DELETE CASCADE,
        share_id INTEGER)""")
    conn.execute("""CREATE TABLE merge_reviews (
        id INTEGER PRIMARY KEY,
        share_id INTEGER NOT NULL,
        uid TEXT NOT NULL UNIQUE,
        document_id INTEGER REFERENCES documents(id) ON DELETE SET NULL,
        paragraph TEXT,
        theme_id INTEGER NOT NULL REFERENCES themes(id) ON DELETE RESTRICT,
        note TEXT NOT NULL DEFAULT '',
        author TEXT NOT NULL,
        created TEXT, modified TEXT,
        span_start INTEGER, span_end INTEGER, quote TEXT,
        source_symbol TEXT, source_sha256 TEXT, source_paragraph TEXT, source_label TEXT,
        source_text TEXT,
        status TEXT NOT NULL,
        score REAL NOT NULL DEFAULT 0,
        state TEXT NOT NULL DEFAULT 'pending',
        decided TEXT)""")
    conn.execute("CREATE INDEX merge_reviews_state ON merge_reviews(state, document_id)")


def _reading_views(conn: sqlite3.Connection) -> None:
    """Views for reading a library without Clausemark (`sqlite-utils query lib.clausemark
    "select * from tag_citations"`, Datasette, a spreadsheet's SQL import):

    tag_citations  one row per tag, in document order: symbol, paragraph id, label, citation
                   ("A/RES/78/217, OP 5 (a)", the label alone without a symbol), paragraph kind,
                   theme, note, author, when tagged and changed, the quoted words of a span tag
    theme_counts   one row per theme (top-level ones first, then sub-themes by parent, each in
                   position order): name, parent, colour, retired, and how many tags, tagged
                   paragraphs and tagged documents it has (its own only, not its sub-themes')"""
    db = sqlite_utils.Database(conn, recursive_triggers=False, execute_plugins=False)
    db.create_view("tag_citations", """
        SELECT t.id AS tag_id, d.id AS document_id, d.symbol, d.title, d.adopted,
               p.pid AS paragraph, p.label,
               CASE WHEN d.symbol IS NULL OR d.symbol = '' THEN p.label
                    ELSE d.symbol || ', ' || p.label END AS citation,
               p.kind, th.name AS theme, t.note, t.author, t.created AS tagged,
               t.modified, t.quote
        FROM tags t JOIN paragraphs p ON p.id = t.paragraph_id
        JOIN documents d ON d.id = p.document_id JOIN themes th ON th.id = t.theme_id
        ORDER BY d.id, p.position, th.position, t.span_start, t.id""")
    db.create_view("theme_counts", """
        SELECT th.id AS theme_id, th.name AS theme, parent.name AS parent, th.colour,
               th.retired, count(t.id) AS tags, count(DISTINCT t.paragraph_id) AS paragraphs,
               count(DISTINCT p.document_id) AS documents
        FROM themes th LEFT JOIN themes parent ON parent.id = th.parent_id
        LEFT JOIN tags t ON t.theme_id = th.id LEFT JOIN paragraphs p ON p.id = t.paragraph_id
        GROUP BY th.id ORDER BY th.parent_id IS NOT NULL, th.parent_id, th.position""")


def _language_index(conn: sqlite3.Connection) -> None:
    """The agreed-language index and the citation web (core/language): each paragraph's sampled
    word-shingle hashes as terms (`language_signatures`, one row per paragraph, written in order)
    under an FTS5 index that finds paragraphs by hash (`language_fts`, detail=none: FTS5's
    segments keep inserts sequential where a B-tree keyed by hash would rewrite pages all over
    the file); the references to other UN documents found in paragraphs and footnotes
    (`document_references`, by citing document and by cited symbol); which documents are indexed
    (`language_indexed`). Existing documents are indexed on first use, with progress
    (`lib.precedents.ensure_index`), not here, so that opening a large library is not held for
    minutes without a word."""
    conn.execute("""CREATE TABLE language_signatures (
        paragraph_id INTEGER PRIMARY KEY REFERENCES paragraphs(id) ON DELETE CASCADE,
        hashes TEXT NOT NULL)""")
    conn.execute("""CREATE VIRTUAL TABLE language_fts USING fts5(
        hashes, content='language_signatures', content_rowid='paragraph_id', detail=none,
        columnsize=0, tokenize='ascii')""")
    conn.execute("""CREATE TRIGGER language_signatures_insert AFTER INSERT ON language_signatures
        BEGIN INSERT INTO language_fts(rowid, hashes) VALUES (new.paragraph_id, new.hashes); END""")
    conn.execute("""CREATE TRIGGER language_signatures_delete AFTER DELETE ON language_signatures
        BEGIN INSERT INTO language_fts(language_fts, rowid, hashes)
        VALUES ('delete', old.paragraph_id, old.hashes); END""")
    conn.execute("""CREATE TABLE document_references (
        id INTEGER PRIMARY KEY,
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        paragraph TEXT,
        footnote TEXT,
        target TEXT NOT NULL,
        target_key TEXT NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        raw TEXT NOT NULL)""")
    conn.execute("CREATE INDEX document_references_document ON document_references(document_id)")
    conn.execute("CREATE INDEX document_references_target ON document_references(target_key)")
    conn.execute("""CREATE TABLE language_indexed (
        document_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
        version INTEGER NOT NULL)""")


def _document_facts(conn: sqlite3.Connection) -> None:
    """What a document says of itself (drafts above all): its type, committee, distribution
    date, sponsors (a JSON list) and original language. Documents already stored keep null
    facts, except the type of those that name themselves resolutions."""
    for column in ("document_type", "committee", "distributed", "sponsors", "original"):
        conn.execute(f"ALTER TABLE documents ADD COLUMN {column} TEXT")
    conn.execute("UPDATE documents SET document_type = 'resolution' "
                 "WHERE symbol LIKE '%/RES/%' AND adopted IS NOT NULL")


def _theme_keys(conn: sqlite3.Connection) -> None:
    """Each theme keeps its own key 1-9 (NULL: none), so that adding, nesting, reordering or
    retiring a theme no longer renumbers the others. Themes get the keys they had until now:
    the first nine themes in use, in taxonomy order (depth-first by position, then name)."""
    conn.execute("ALTER TABLE themes ADD COLUMN shortcut INTEGER "
                 "CHECK (shortcut IS NULL OR shortcut BETWEEN 1 AND 9)")
    conn.execute("CREATE UNIQUE INDEX themes_shortcut ON themes(shortcut) "
                 "WHERE shortcut IS NOT NULL")
    rows = conn.execute("SELECT id, name, position, parent_id, retired FROM themes").fetchall()
    children: dict[int | None, list[tuple]] = {}
    for row in rows:
        children.setdefault(row[3], []).append(row)
    keys: list[tuple[int, int]] = []

    def walk(parent: int | None, hidden: bool) -> None:
        for row in sorted(children.get(parent, []), key=lambda r: (r[2], r[1].lower())):
            off = bool(row[4]) or hidden
            if not off and len(keys) < 9:
                keys.append((len(keys) + 1, row[0]))
            walk(row[0], off)

    walk(None, False)
    conn.executemany("UPDATE themes SET shortcut = ? WHERE id = ?", keys)


def _search_words(conn: sqlite3.Connection) -> None:
    """The search index keeps the words as written (no Porter stemming): Porter joins false
    friends (nation/national, general/generation, university/universal, community/communication)
    that nothing at query time can separate again. Inflections and word families are found at
    query time from the index's own vocabulary (library/word_families.py)."""
    for trigger in ("insert", "delete", "update"):
        conn.execute(f"DROP TRIGGER IF EXISTS paragraphs_fts_{trigger}")
    conn.execute("DROP TABLE IF EXISTS paragraphs_fts")
    conn.execute("""CREATE VIRTUAL TABLE paragraphs_fts USING fts5(
        text, content='paragraphs', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2')""")
    conn.execute("""CREATE TRIGGER paragraphs_fts_insert AFTER INSERT ON paragraphs BEGIN
        INSERT INTO paragraphs_fts(rowid, text) VALUES (new.id, new.text); END""")
    conn.execute("""CREATE TRIGGER paragraphs_fts_delete AFTER DELETE ON paragraphs BEGIN
        INSERT INTO paragraphs_fts(paragraphs_fts, rowid, text)
        VALUES ('delete', old.id, old.text); END""")
    conn.execute("""CREATE TRIGGER paragraphs_fts_update AFTER UPDATE OF text ON paragraphs BEGIN
        INSERT INTO paragraphs_fts(paragraphs_fts, rowid, text)
        VALUES ('delete', old.id, old.text);
        INSERT INTO paragraphs_fts(rowid, text) VALUES (new.id, new.text); END""")
    conn.execute("INSERT INTO paragraphs_fts(paragraphs_fts) VALUES ('rebuild')")


# Append new steps at the end (others may add theirs too); never renumber released ones.
MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [_v1_base, _v2_history, _v3_tag_spans,
                                                         _v4_suggestions, _v5_table_rows,
                                                         _v6_team, _reading_views,
                                                         _language_index, _document_facts,
                                                         _theme_keys, _search_words]
LATEST_VERSION = len(MIGRATIONS)


# -- opening -----------------------------------------------------------------------------------

def user_version(conn: sqlite3.Connection) -> int:
    return conn.execute("PRAGMA user_version").fetchone()[0]


def migrate(conn: sqlite3.Connection, target: int = LATEST_VERSION) -> int:
    """Apply the steps from the file's version up to `target`; returns the version reached.
    Each step runs in its own IMMEDIATE transaction and re-reads the version inside it, so two
    processes opening an old library at once do not apply a step twice."""
    if not 0 <= target <= LATEST_VERSION:
        raise ValueError(f"no schema version {target}")
    while True:
        conn.execute("BEGIN IMMEDIATE")
        try:
            version = user_version(conn)
            if version >= target:
                conn.execute("COMMIT")
                return version
            MIGRATIONS[version](conn)
            conn.execute(f"PRAGMA user_version = {version + 1}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise


def _check_ours(conn: sqlite3.Connection, path: Path) -> int:
    """The file's schema version; raises before anything is written if the file is not ours."""
    try:
        version = user_version(conn)
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        tables = conn.execute(
            "SELECT count(*) FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        # Garbage where a library with backups used to be is damage, not a foreign file.
        if backups.is_damage(exc) and ("malformed" in str(exc) or backups.list_backups(path)):
            raise backups.damaged(path, str(exc)) from None
        if not backups.is_damage(exc):
            raise _Unreadable(f"{path}: cannot read the library ({exc})") from None
        raise LibraryError(f"{path}: not a Clausemark library ({exc})") from None
    if version > LATEST_VERSION:
        raise LibraryVersionError(
            f"{path}: written by a newer Clausemark (library version {version}, this program "
            f"reads up to {LATEST_VERSION}); update Clausemark to open it. The file was not changed.")
    if (version == 0 and tables) or (version > 0 and app_id != APPLICATION_ID):
        raise LibraryError(f"{path}: not a Clausemark library (another program's SQLite file)")
    return version


def writable(path: Path) -> bool:
    """Whether SQLite can write the library: the file and its folder (for -wal and -shm)."""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK | os.X_OK)


def missing_log(path: Path) -> str | None:
    """The message when the write-ahead log was deleted while another program has the library
    open (its -shm file says there is a log): the recent changes live only in that program."""
    wal, shm = (path.with_name(path.name + suffix) for suffix in ("-wal", "-shm"))
    try:
        with open(shm, "rb") as fh:  # the WAL index: how many frames the log should hold
            frames = int.from_bytes(fh.read(20)[16:20], sys.byteorder)
        # (SQLite makes a new, empty log in place of the deleted one)
        gone = frames > 0 and (not wal.exists() or wal.stat().st_size < 32)
    except OSError:
        gone = False
    if gone:
        return (f"{path}: the library's {wal.name} file is missing while another program has "
                "it open; close that program (its changes are saved then) and try again. "
                "Nothing was changed.")
    return None


def _check_wal_present(path: Path) -> None:
    message = missing_log(path)
    if message:
        raise LibraryError(message)


def read_only_reason(path: Path) -> str:
    """Why a library opened by `open_connection` came back read-only."""
    if not writable(path):
        return "read-only: the library's file or folder cannot be written"
    try:
        full = shutil.disk_usage(path.parent).free < 256 * 1024
    except OSError:
        full = False
    if full:
        return "read-only: the disk is full (free some space to make changes)"
    return "read-only: the library cannot be written at the moment"


def _open_read_only(path: Path, target: int) -> sqlite3.Connection:
    """A library on a read-only medium or in a folder without write permission: opened for
    reading (no migration, no journal files written). `immutable` when SQLite cannot create
    the -shm file beside it; nobody else can write there either."""
    uri = path.resolve().as_uri()
    problem: Exception | None = None
    for options in ("mode=ro", "mode=ro&immutable=1"):
        conn = None
        try:
            conn = sqlite3.connect(f"{uri}?{options}", uri=True, isolation_level=None,
                                   timeout=BUSY_TIMEOUT_MS / 1000)
            version = _check_ours(conn, path)
            conn.execute("PRAGMA query_only = ON")
        except (sqlite3.Error, _Unreadable) as exc:
            if conn is not None:
                conn.close()
            problem = exc
            continue
        except BaseException:
            if conn is not None:
                conn.close()
            raise
        if version < target:
            conn.close()
            raise LibraryError(f"{path}: this library must be updated (version {version}), but "
                               "it cannot be written here; copy it somewhere writable first")
        return conn
    raise LibraryError(f"{path}: cannot read the library ({problem})")


class _Unreadable(LibraryError):
    """SQLite could not read the file at all (permissions, locks), which says nothing about
    whether it is a library."""


def open_connection(path: str | Path, *, create: bool = True,
                    target: int = LATEST_VERSION) -> sqlite3.Connection:
    """Open (or create) a library file and bring its schema up to `target` (after a backup of
    the file as it was, see core/library/backups.py). A damaged file raises DamagedLibraryError.

    The connection is in autocommit mode (`isolation_level=None`); callers open transactions
    explicitly. WAL journal, foreign keys on, busy timeout, synchronous=FULL (tags are the
    analyst's work; a commit must survive a power cut, not only a crash)."""
    path = Path(path)
    if not create and not path.exists():
        raise LibraryError(f"{path}: no such library")
    if path.exists() and path.is_dir():
        raise LibraryError(f"{path}: is a folder, not a library file")
    if path.exists() and not writable(path):
        return _open_read_only(path, target)
    try:
        if not path.exists():  # a new library: readable by the user only
            backups.private_folder(path.parent)
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        conn = sqlite3.connect(str(path), isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
    except FileExistsError:
        conn = sqlite3.connect(str(path), isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
    except (OSError, sqlite3.Error) as exc:
        raise LibraryError(f"{path}: cannot open library ({getattr(exc, 'strerror', None) or exc})") \
            from None
    try:
        version = _check_ours(conn, path)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys = ON")
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if mode.lower() != "wal":
            raise LibraryError(f"{path}: cannot switch the library to WAL mode (got {mode})")
        conn.execute("PRAGMA synchronous = FULL")
        if 0 < version < target:  # the file as it was, in case a step goes wrong
            backups.make_backup(conn, path, f"before-v{target}")
        migrate(conn, target)
    except _Unreadable:
        conn.close()
        _check_wal_present(path)
        # SQLite could not create the -wal/-shm files (a full disk): reading must still work.
        return _open_read_only(path, target)
    except sqlite3.DatabaseError as exc:
        conn.close()
        if backups.is_damage(exc):
            raise backups.damaged(path, str(exc)) from None
        if "full" in str(exc).lower() or "i/o" in str(exc).lower():
            _check_wal_present(path)
            return _open_read_only(path, target)
        raise LibraryError(f"{path}: cannot open library ({exc})") from None
    except BaseException:
        conn.close()
        raise
    return conn
