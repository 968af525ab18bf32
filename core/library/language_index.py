"""The agreed-language index and the citation web, as stored in the library (schema step
`_language_index`): what `core/language` computes from a document's text, written when the document
is imported (in the same transaction) or, for documents imported before the index existed, on
first use (`build_missing`, with progress). Used by `lib.precedents` and `lib.references`."""
from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from clausemark.core.language.references import body_of, complete_years, find_references, symbol_key
from clausemark.core.language.wording import signature, tokens

if TYPE_CHECKING:
    from clausemark.core.library.store import Store

INDEX_VERSION = 1
SKIPPED_KINDS = ("table", "section")  # cells and part titles are not clause language

Progress = Callable[[int, int], None]  # (documents done, documents to do)


def index_document(store: Store, document_id: int) -> None:
    """Index one document (inside the caller's transaction): its paragraphs' shingles and the
    references in its paragraphs and footnotes. Indexing twice changes nothing."""
    conn = store.conn
    if conn.execute("SELECT 1 FROM language_indexed WHERE document_id = ?",
                    (document_id,)).fetchone():
        return
    symbol = conn.execute("SELECT symbol FROM documents WHERE id = ?", (document_id,)).fetchone()[0]
    body = body_of(symbol)
    own = symbol_key(symbol or "")
    paragraphs = conn.execute("SELECT id, pid, kind, text FROM paragraphs WHERE document_id = ?",
                              (document_id,)).fetchall()
    shingles = []
    found = []  # ((paragraph, footnote), Reference)
    for row_id, pid, kind, text in paragraphs:
        if kind not in SKIPPED_KINDS:
            hashes = signature(text)
            if hashes:
                shingles.append((row_id, tokens(hashes)))
        found += [((pid, None), r) for r in find_references(text, body)]
    for number, text in conn.execute("SELECT number, text FROM footnotes WHERE document_id = ? "
                                     "ORDER BY position", (document_id,)):
        found += [((None, number), r) for r in find_references(text, body)]
    # "its resolution 2216" in a Council text takes the year of a mention anywhere in the document
    completed = complete_years([r for _, r in found])
    refs = [(document_id, *where, r.symbol, symbol_key(r.symbol), r.start, r.end, r.text)
            for (where, _), r in zip(found, completed)]
    refs = [r for r in refs if r[4] != own]  # a document naming itself is no citation
    conn.executemany("INSERT OR REPLACE INTO language_signatures (paragraph_id, hashes) "
                     "VALUES (?, ?)", shingles)
    conn.executemany('INSERT INTO document_references (document_id, paragraph, footnote, target, '
                     'target_key, start, "end", raw) VALUES (?, ?, ?, ?, ?, ?, ?, ?)', refs)
    conn.execute("INSERT INTO language_indexed (document_id, version) VALUES (?, ?)",
                 (document_id, INDEX_VERSION))


def missing(store: Store) -> list[int]:
    """Documents not indexed yet (imported before the index existed)."""
    return [r[0] for r in store.execute(
        "SELECT id FROM documents WHERE id NOT IN (SELECT document_id FROM language_indexed) "
        "ORDER BY id")]


def build_missing(store: Store, progress: Progress | None = None, batch: int = 20) -> int:
    """Index every document not indexed yet, a few per transaction (so readers and the app
    are not held for long); returns how many were indexed. Read-only libraries are left as
    they are (lookups then see only what is indexed)."""
    todo = missing(store)
    if not todo or store.read_only:
        return 0
    for start in range(0, len(todo), batch):
        with store.transaction():
            for doc_id in todo[start:start + batch]:
                index_document(store, doc_id)
        if progress is not None:
            progress(min(start + batch, len(todo)), len(todo))
    return len(todo)
