"""One call that makes a report from a library file: open it, select, write CSV, Word or Excel.

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
from clausemark.core.reports.select import ReportData, Selection, preview, select


@dataclass(frozen=True)
class ReportResult:
    path: Path
    data: ReportData
    format: str
    matrix: str | None  # the CSV's matrix, or the matrices a brief adds, "counts, cooccurrence"


def matrices_of(matrix) -> tuple[str, ...]:
    """("counts",) from "counts", ["counts"] or ("counts", "cooccurrence"); () from None."""
    names = (matrix,) if isinstance(matrix, str) else tuple(matrix or ())
    for name in names:
        if name not in MATRICES:
            raise ReportError(f"unknown matrix {name!r} (counts or cooccurrence)")
    return tuple(dict.fromkeys(names))


def make_report(library: str | os.PathLike | None, selection: Selection, fmt: str, out,
                matrix=None, title: str = "Theme report", *,
                progress: ProgressCallback | None = None,
                cancelled: CancelCheck | None = None) -> ReportResult:
    """Write the report. `matrix`: for CSV the one matrix the file holds instead of the tags;
    for Word the matrices added as tables; an Excel workbook always holds both."""
    if fmt not in FORMATS:
        raise ReportError(f"unknown report format {fmt!r} (csv, docx or xlsx)")
    matrices = matrices_of(matrix)
    if fmt == "csv" and len(matrices) > 1:
        raise ReportError("a CSV holds one table: give one --matrix (or use --format xlsx, "
                          "which holds both)")
    out = refuse_library_files(check_output_path(out), library_path(library))
    # Imported here: the Word and Excel writers are the slow imports of the command line.
    with open_existing(library) as lib:
        data = select(lib, selection)
        if fmt == "docx":
            from clausemark.core.reports.docx_report import write_docx
            write_docx(data, out, title=title, library=lib, matrices=matrices,
                       progress=progress, cancelled=cancelled)
    if fmt == "csv":
        write_csv(data, out, matrices[0] if matrices else None, progress=progress,
                  cancelled=cancelled)
    elif fmt == "xlsx":
        from clausemark.core.reports.xlsx_report import write_xlsx
        write_xlsx(data, out, title=title, progress=progress, cancelled=cancelled)
    return ReportResult(out, data, fmt, ", ".join(matrices) or None)


def preview_report(library: str | os.PathLike | None, selection: Selection) -> ReportData:
    """The rows a selection would give, without writing anything (the GUI's live count)."""
    with open_existing(library) as lib:
        return preview(lib, selection)
