"""One call that makes a report from a library file: open it, select, write CSV or Word.

The command line and the GUI's background worker both use it; it opens its own Library, so it
can run on any thread."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from clausemark.core.library.library import open_existing
from clausemark.core.library.paths import library_path
from clausemark.core.library.safe_paths import refuse_library_files
from clausemark.core.output import FORMATS, CancelCheck, ProgressCallback, ReportError, check_output_path
from clausemark.core.reports.csv_report import MATRICES, write_csv
from clausemark.core.reports.docx_report import write_docx
from clausemark.core.reports.select import ReportData, Selection, preview, select


@dataclass(frozen=True)
class ReportResult:
    path: Path
    data: ReportData
    format: str
    matrix: str | None


def make_report(library: str | os.PathLike | None, selection: Selection, fmt: str, out,
                matrix: str | None = None, title: str = "Theme report", *,
                progress: ProgressCallback | None = None,
                cancelled: CancelCheck | None = None) -> ReportResult:
    if fmt not in FORMATS:
        raise ReportError(f"unknown report format {fmt!r} (csv or docx)")
    if matrix is not None and matrix not in MATRICES:
        raise ReportError(f"unknown matrix {matrix!r} (counts or cooccurrence)")
    if matrix and fmt != "csv":
        raise ReportError("--matrix makes a CSV; use it with --format csv")
    out = refuse_library_files(check_output_path(out), library_path(library))
    with open_existing(library) as lib:
        data = select(lib, selection)
    if fmt == "csv":
        write_csv(data, out, matrix, progress=progress, cancelled=cancelled)
    else:
        write_docx(data, out, title=title, progress=progress, cancelled=cancelled)
    return ReportResult(out, data, fmt, matrix)


def preview_report(library: str | os.PathLike | None, selection: Selection) -> ReportData:
    """The rows a selection would give, without writing anything (the GUI's live count)."""
    with open_existing(library) as lib:
        return preview(lib, selection)
