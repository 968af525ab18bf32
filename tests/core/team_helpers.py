"""Libraries of real resolutions for the team-work tests: parsed once, stored in as many
libraries as a test needs, and a full account of what a library holds."""
from __future__ import annotations

import functools
from pathlib import Path

from clausemark.core.library.library import Library
from clausemark.core.parse.parser import parse_pdf

OLD, NEW, OTHER = "mp_A_RES_78_187-EN.pdf", "mp_A_RES_80_190-EN.pdf", "mp_A_RES_78_188-EN.pdf"


@functools.cache
def parsed(path: Path):
    return parse_pdf(path), path.read_bytes()


def make_library(path, dev_dir: Path, author: str, files=(OLD, OTHER)) -> Library:
    lib = Library(path, author=author)
    for name in files:
        res, pdf = parsed(dev_dir / name)
        lib.add_resolution(res, pdf, filename=name)
    return lib


def paragraphs(lib: Library, symbol: str, n: int, start: int = 0) -> list[str]:
    """`n` paragraph ids of a document, from `start`, in document order."""
    ids = [p.id for p in lib.resolution(symbol).walk()]
    return ids[start:start + n]


def tag_all(lib: Library, symbol: str, pids, theme: str, note: str | None = None) -> None:
    with lib.transaction():
        for pid in pids:
            lib.tags.add(symbol, pid, theme, note=note if note is not None else f"{lib.author} "
                         f"on {pid}")


def tag_keys(lib: Library) -> set[tuple]:
    """What a tag is, across libraries: (document hash, paragraph, theme name, span)."""
    sha = {d.id: d.sha256 for d in lib.documents()}
    return {(sha[t.document_id], t.paragraph, t.theme.casefold(), t.span)
            for t in lib.tags.list()}


def authors(lib: Library) -> set[str]:
    """Everyone whose work the library holds: tag authors and merged contributors."""
    found = {t.author for t in lib.tags.list()}
    for t in lib.tags.list():
        found.update(a for a, _ in lib.team.origin(t.id).contributors)
    return found


def snapshot(lib: Library) -> tuple:
    """Everything a merge could change."""
    q = lib.conn.execute
    return tuple(tuple(q(sql).fetchall()) for sql in (
        "SELECT id, paragraph_id, theme_id, note, author, span_start, uid, share_id FROM tags "
        "ORDER BY id", "SELECT id, name, colour, parent_id, uid FROM themes ORDER BY id",
        "SELECT * FROM tag_sources ORDER BY id", "SELECT * FROM merge_reviews ORDER BY id",
        "SELECT * FROM theme_aliases ORDER BY uid", "SELECT id, uid FROM shares ORDER BY id",
        "SELECT id, sha256 FROM documents ORDER BY id", "SELECT count(*) FROM history"))


def big_share_pair(tmp_path: Path, tags: int = 10_000) -> tuple[Path, Path]:
    """A sender library with `tags` tags (four themes on tags/4 paragraphs of one document) and
    a receiver holding the same document without tags; the share is written to
    big.clausemark-share. Tags are written straight into the file (a test fixture, for speed)."""
    from clausemark.core.library import schema
    from clausemark.core.parse.model import Paragraph, Resolution
    from clausemark.core.team import build_share, write_share

    n = tags // 4
    res = Resolution(symbol="A/RES/99/9", title="Big", pages=1, paragraphs=[
        Paragraph(f"OP{i}", "operative", str(i), f"OP {i}", None, f"Paragraph {i} on migrants")
        for i in range(1, n + 1)])
    pdf = b"%PDF big share test"
    src, dest = tmp_path / "sender.clausemark", tmp_path / "receiver.clausemark"
    with Library(dest, author="receiver") as lib:
        lib.add_resolution(res, pdf)
    with Library(src, author="sender") as lib:
        lib.add_resolution(res, pdf)
        rows = [r[0] for r in lib.conn.execute("SELECT id FROM paragraphs ORDER BY id")]
        themes = [r[0] for r in lib.conn.execute("SELECT id FROM themes ORDER BY id")][:4]
        stamp = schema.now()
        with lib.transaction():
            lib.conn.executemany(
                "INSERT INTO tags (paragraph_id, theme_id, note, author, created, modified) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                [(row, th, f"note {row}/{th}", "sender", stamp, stamp)
                 for row in rows for th in themes])
        write_share(build_share(lib), tmp_path / "big.clausemark-share")
    return src, dest
