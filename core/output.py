"""What every report writer shares: errors, progress and cancel, and writing the file so that a
failed or cancelled report never leaves a half-written file (nor clobbers an older one)."""
from __future__ import annotations

import dataclasses
import glob
import os
import re
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from clausemark.core.errors import ClausemarkError

FORMATS = ("csv", "docx", "xlsx")
ProgressCallback = Callable[[int, int], None]  # (done, total)
CancelCheck = Callable[[], bool]
# A temporary file with no live writer (by the pid in its name), or older than this, is stale.
STALE_AFTER = 24 * 3600.0
_PID = re.compile(r"\.(\d+)(?:\.[0-9a-f]{8})?\.part(?:-journal)?$")


class ReportError(ClausemarkError):
    """A report cannot be made as asked (bad selection, bad date, unwritable file, ...)."""


class EmptySelectionError(ReportError):
    """Nothing matches the selection: a clear message instead of an empty file."""


class ReportCancelled(ReportError):
    def __init__(self) -> None:
        super().__init__("report cancelled; no file was written")


class Ticker:
    """Counts work done, reports it now and then, and stops the work when cancelled."""

    def __init__(self, total: int, progress: ProgressCallback | None = None,
                 cancelled: CancelCheck | None = None, every: int = 200):
        self.total, self.done, self.every = total, 0, max(1, every)
        self._progress, self._cancelled = progress, cancelled
        self._report()

    def _report(self) -> None:
        if self._cancelled is not None and self._cancelled():
            raise ReportCancelled()
        if self._progress is not None:
            self._progress(self.done, self.total)

    def step(self, n: int = 1) -> None:
        before = self.done // self.every
        self.done = min(self.total, self.done + n)
        if self.done // self.every != before:
            self._report()

    def finish(self) -> None:
        self.done = self.total
        self._report()


def check_output_path(path: str | os.PathLike) -> Path:
    """The file a report will be written to; a clear error before any work is done."""
    if not str(path).strip():
        raise ReportError("no output file given (an empty name)")
    out = Path(path).expanduser()
    if len(os.fsencode(out.name)) > 255:
        raise ReportError(f"{out.name[:40]}...: file name too long (over 255 bytes)")
    if out.is_dir():
        raise ReportError(f"{out}: is a folder; give a file name such as {out / 'report.docx'}")
    if not out.parent.is_dir():
        raise ReportError(f"{out}: the folder {out.parent} does not exist")
    if not os.access(out.parent, os.W_OK):
        raise ReportError(f"{out}: cannot write in {out.parent} (permission denied)")
    return out


@contextmanager
def atomic_output(path: str | os.PathLike) -> Iterator[Path]:
    """Yields a temporary path beside `path`; on success it replaces `path` in one step."""
    out = check_output_path(path)
    remove_stale_parts(out.parent, f".{glob.escape(out.name)}.*.part")  # left by a killed run
    # Not mkstemp: the writer creates the file itself, so it gets the usual permissions.
    tmp = out.with_name(f".{out.name}.{os.getpid()}.{uuid.uuid4().hex[:8]}.part")
    try:
        yield tmp
        os.replace(tmp, out)
    except PermissionError as exc:  # e.g. the old report is open in Word on Windows
        raise ReportError(f"{out}: cannot write the file ({exc.strerror}); is it open in "
                          "another program?") from None
    except OSError as exc:
        raise ReportError(f"{out}: cannot write the file ({exc.strerror or exc})") from None
    finally:
        tmp.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if os.name == "nt":  # no cheap signal-0 probe; age alone decides there
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # e.g. EPERM: someone else's live process
        return True
    return True


def is_stale(part: Path, now: float | None = None) -> bool:
    """A temporary file whose writer is gone (by the pid in its name), or a very old one."""
    try:
        age = (now or time.time()) - part.stat().st_mtime
    except OSError:
        return False
    if age > STALE_AFTER:
        return True
    m = _PID.search(part.name)
    return bool(m) and not _alive(int(m.group(1)))


def remove_stale_parts(folder: str | os.PathLike, pattern: str = "*.part*") -> list[Path]:
    """Delete the stale `*.part` and `*.part-journal` files in `folder`; returns them."""
    removed = []
    folder = Path(folder)
    try:
        candidates = [p for p in folder.glob(pattern)
                      if p.name.endswith((".part", ".part-journal")) and p.is_file()]
    except OSError:
        return []
    for part in candidates:
        if is_stale(part):
            try:
                part.unlink()
                removed.append(part)
            except OSError:
                pass
    return removed


# Characters XML 1.0 (and so Word) cannot hold: C0 controls but tab/newline/CR, lone
# surrogates, U+FFFE and U+FFFF. python-docx raises ValueError on any of them.
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(value, _memo: dict | None = None):
    """`value` with every string in it (also inside dataclasses, lists, tuples and dicts) fit
    for a Word file: XML-invalid characters are left out (as the report writer always did),
    so text copied from a damaged PDF or a note with a stray control character cannot stop a
    report or a brief."""
    memo = {} if _memo is None else _memo
    if isinstance(value, str):
        return _XML_INVALID.sub("", value)
    if id(value) in memo:
        return memo[id(value)]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {f.name: xml_safe(getattr(value, f.name), memo)
                   for f in dataclasses.fields(value) if f.init}
        try:
            result = dataclasses.replace(value, **changes)
        except (TypeError, ValueError):
            result = value
    elif isinstance(value, list):
        result = [xml_safe(v, memo) for v in value]
    elif isinstance(value, tuple) and not hasattr(value, "_fields"):
        result = tuple(xml_safe(v, memo) for v in value)
    elif isinstance(value, dict):
        result = {k: xml_safe(v, memo) for k, v in value.items()}
    else:
        result = value
    memo[id(value)] = result
    return result
