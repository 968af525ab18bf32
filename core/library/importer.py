"""Import PDFs into a library: files or whole folders.

- Duplicates are found by SHA-256 before any parsing: a file already in the library (or twice in
  the same batch) is reported as "present" and nothing changes.
- Parsing is spread over the machine's cores with a process pool; only this process writes to
  the library (one writer), one transaction per document.
- `import_files` is a generator of `ImportEvent`s (progress), ending with one of kind "done"
  that carries the `ImportSummary`. Cancel by setting the `cancel` Event (or closing the
  generator): files not yet written are left out, those written stay.
- A file that fails (not a PDF, no text layer, unreadable, ...) is reported with its reason
  while the rest is imported.

The parser is imported lazily so that this module loads without it (and workers only pay for
pymupdf once).
"""
from __future__ import annotations

import hashlib
import multiprocessing
import os
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

from clausemark.core.errors import ClausemarkError

IMPORTED, PRESENT, FAILED = "imported", "present", "failed"
# Below this many files to parse, a pool costs more (worker start-up) than it saves.
POOL_THRESHOLD = 3


@dataclass
class ImportSummary:
    imported: list[Path] = field(default_factory=list)
    present: list[Path] = field(default_factory=list)
    failed: list[tuple[Path, str]] = field(default_factory=list)
    cancelled: bool = False
    pages: int = 0  # pages of the documents imported
    seconds: float = 0.0
    parse_seconds: float = 0.0  # summed over workers

    @property
    def ok(self) -> bool:
        return not self.failed and not self.cancelled


@dataclass
class ImportEvent:
    kind: str  # "start" (total known), "file" (one file settled), "done" (summary attached)
    done: int = 0
    total: int = 0
    path: Path | None = None
    status: str | None = None  # imported / present / failed, for "file"
    reason: str | None = None  # why it failed
    document_id: int | None = None
    symbol: str | None = None
    pages: int = 0
    summary: ImportSummary | None = None


def find_pdfs(paths: Iterable[str | os.PathLike]) -> tuple[list[Path], list[tuple[Path, str]]]:
    """Files to import from files and folders (searched recursively for *.pdf), in a stable
    order, and the paths that cannot be used with the reason."""
    files, problems, seen = [], [], set()
    for raw in paths:
        if not str(raw).strip():  # never "." (the current folder) by accident
            problems.append((Path(str(raw)), "empty file name"))
            continue
        path = Path(raw).expanduser()
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.suffix.lower() == ".pdf" and p.is_file())
            if not found:
                problems.append((path, "folder contains no PDF files"))
        elif path.is_file():
            found = [path]  # named explicitly: tried even without .pdf, fails with a reason
        elif path.exists():
            problems.append((path, "not a regular file (a pipe, device or socket)"))
            continue
        else:
            problems.append((path, "no such file or folder"))
            continue
        for p in found:
            key = p.resolve()
            if key not in seen:
                seen.add(key)
                files.append(p)
    return files, problems


def parse_file(path: str) -> tuple[str, str | None, object | None, str | None, float]:
    """Worker: (path, sha256, Resolution or None, failure reason or None, parse seconds)."""
    from clausemark.core.parse.parser import parse_pdf

    start = time.perf_counter()
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        return path, None, None, f"cannot read ({exc.strerror or exc})", 0.0
    sha = hashlib.sha256(data).hexdigest()
    try:
        resolution = parse_pdf(path, data)
    except ClausemarkError as exc:
        return path, sha, None, getattr(exc, "reason", None) or str(exc), 0.0
    except Exception as exc:  # a parser bug must not stop the other files
        return path, sha, None, f"could not be parsed ({type(exc).__name__}: {exc})", 0.0
    return path, sha, resolution, None, time.perf_counter() - start


PARSER_NICENESS = 10  # parsing is background work: the app's own threads come first for a core


def _worker_init() -> None:
    import clausemark.core.parse.parser  # noqa: F401  (load pymupdf once per worker, before the first job)
    # With as many parsers as cores, an equal-priority parser would delay the GUI thread's
    # next turn by a whole time slice; lowered, it only takes what the app leaves idle.
    if hasattr(os, "nice"):
        try:
            os.nice(PARSER_NICENESS)
        except OSError:
            pass
    # A worker outlives a killed app (its siblings keep the job pipe open): leave with the app.
    parent = multiprocessing.parent_process()
    if parent is not None:
        threading.Thread(target=_exit_with, args=(parent,), daemon=True).start()


def _exit_with(parent) -> None:
    parent.join()  # returns when the app's process ends, however it ends
    os._exit(0)


def make_pool(workers: int | None = None) -> ProcessPoolExecutor:
    # spawn, not fork: the GUI process has threads, and fork with threads can deadlock.
    return ProcessPoolExecutor(max_workers=workers or os.cpu_count() or 1,
                               mp_context=multiprocessing.get_context("spawn"),
                               initializer=_worker_init)


def file_sha256(path: str | os.PathLike) -> str:
    """SHA-256 of a file, read in chunks: the key by which the library knows a PDF."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def import_files(library, paths: Iterable[str | os.PathLike], *, workers: int | None = None,
                 cancel: threading.Event | None = None,
                 pool: ProcessPoolExecutor | None = None) -> Iterator[ImportEvent]:
    """Import files/folders into `library`, yielding progress events (see module docstring).
    `workers` = 1 parses in this process; `pool` lets a caller reuse warm workers."""
    started = time.perf_counter()
    cancel = cancel or threading.Event()
    summary = ImportSummary()
    files, problems = find_pdfs(paths)
    total = len(files) + len(problems)
    done = 0
    yield ImportEvent("start", total=total)

    def settle(path, status, reason=None, document_id=None, symbol=None, pages=0):
        nonlocal done
        done += 1
        if status == IMPORTED:
            summary.imported.append(path)
            summary.pages += pages
        elif status == PRESENT:
            summary.present.append(path)
        else:
            summary.failed.append((path, reason))
        return ImportEvent("file", done, total, path, status, reason, document_id, symbol, pages)

    for path, reason in problems:
        yield settle(path, FAILED, reason)

    # Duplicates first, without parsing: in the library already, or twice in this batch.
    to_parse: list[Path] = []
    batch: set[str] = set()
    for path in files:
        if cancel.is_set():
            break
        try:
            sha = file_sha256(path)
        except OSError as exc:
            yield settle(path, FAILED, f"cannot read ({exc.strerror or exc})")
            continue
        existing = library.document_id_for_sha(sha)
        if existing is not None or sha in batch:
            yield settle(path, PRESENT, document_id=existing)
        else:
            batch.add(sha)
            to_parse.append(path)

    def write(result) -> ImportEvent:
        path_str, sha, resolution, reason, parse_seconds = result
        path = Path(path_str)
        summary.parse_seconds += parse_seconds
        if reason is not None:
            return settle(path, FAILED, reason)
        try:
            data = path.read_bytes()
            if hashlib.sha256(data).hexdigest() != sha:
                return settle(path, FAILED, "file changed while it was being imported")
            doc_id, created = library.add_resolution(resolution, data, filename=path.name)
        except OSError as exc:
            return settle(path, FAILED, f"cannot read ({exc.strerror or exc})")
        except ClausemarkError as exc:
            return settle(path, FAILED, str(exc))
        return settle(path, IMPORTED if created else PRESENT, document_id=doc_id,
                      symbol=resolution.symbol, pages=resolution.pages if created else 0)

    own_pool = None
    try:
        if (len(to_parse) < POOL_THRESHOLD and pool is None) or workers == 1:
            for path in to_parse:
                if cancel.is_set():
                    break
                yield write(parse_file(str(path)))
        else:
            if pool is None:
                pool = own_pool = make_pool(workers)
            window = 4 * (pool._max_workers or 1)  # bounded: results wait in memory
            queue = deque(to_parse)
            running: set[Future] = set()
            while (queue or running) and not cancel.is_set():
                while queue and len(running) < window:
                    path = str(queue.popleft())
                    try:
                        future = pool.submit(parse_file, path)
                    except BrokenProcessPool as exc:  # workers gone: the rest cannot be parsed
                        for rest in [path, *queue]:
                            yield settle(Path(rest), FAILED, f"parser stopped ({exc})")
                        queue.clear()
                        break
                    future.clausemark_path = path
                    running.add(future)
                finished, running = wait(running, timeout=0.2, return_when=FIRST_COMPLETED)
                for future in finished:
                    if cancel.is_set():
                        break
                    try:
                        result = future.result()
                    except Exception as exc:  # a worker died (e.g. out of memory)
                        result = (_path_of(future), None, None, f"parser crashed ({exc})", 0.0)
                    yield write(result)
            for future in running:
                future.cancel()
    finally:
        if own_pool is not None:
            own_pool.shutdown(wait=True, cancel_futures=True)
    summary.cancelled = cancel.is_set() and done < total
    summary.seconds = time.perf_counter() - started
    yield ImportEvent("done", done, total, summary=summary)


def _path_of(future: Future) -> str:
    return getattr(future, "clausemark_path", "?")


def import_all(library, paths, **kwargs) -> ImportSummary:
    """Run an import to the end and return its summary (for scripts and tests)."""
    summary = None
    for event in import_files(library, paths, **kwargs):
        if event.kind == "done":
            summary = event.summary
    return summary
