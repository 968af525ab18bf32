"""The Reports dialog: choose a format (Word brief, with or without the matrices; Excel workbook;
or CSV, and the CSV's shape), themes,
documents and adoption dates and an output file; see how many clauses will be included; export
off the GUI thread with a progress dialog, and optionally open the file when done.

Layout is built in `_build_*`; behaviour lives in the slots. Counting and writing run in the
background (gui/ops.py); the core report functions open their own read-only connection, so the
dialog can sit beside the main window's."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QDate, QTimer, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
)

from clausemark.core.errors import ClausemarkError
from clausemark.core.library import open_existing, refuse_library_files
from clausemark.core.output import FORMATS as FILE_FORMATS
from clausemark.core.output import EmptySelectionError, ReportCancelled
from clausemark.core.reports import Selection, make_report, preview_report, preview_text
from clausemark.gui import ops, screen_fit
from clausemark.gui.dialogs import report_folder
from clausemark.gui.panels.check_list import CheckList

FORMATS = [("Word brief (.docx)", "docx"), ("Excel workbook (.xlsx)", "xlsx"),
           ("CSV for analysis (.csv)", "csv")]
FILE_FILTERS = {"docx": "Word documents (*.docx)", "xlsx": "Excel workbooks (*.xlsx)",
                "csv": "CSV files (*.csv)"}
SHAPES = [("One row per tag", None), ("Counts: themes × documents", "counts"),
          ("Co-occurrence: themes × themes", "cooccurrence")]
PREVIEW_DELAY_MS = 150  # wait for a burst of clicks to end before counting again
PROGRESS = ops.Progress("Writing the report…", title="Theme report", name="reportProgress",
                        after_ms=400)  # small reports finish before a progress dialog flashes up


@dataclass(frozen=True)
class SearchResults:
    """A search whose results the dialog reports (the search panel's export)."""
    query: str
    paragraphs: tuple  # (document id, paragraph id) of every paragraph found
    filters: str = ""  # the search's filters in words ("detention, OP")


class ReportsDialog(QDialog):
    def __init__(self, library_path, parent=None, *, search: SearchResults | None = None):
        super().__init__(parent)
        self.setObjectName("reportsDialog")
        self.search = search
        self.title = "Search report" if search else "Theme report"
        self.setWindowTitle(self.title)
        self.library_path = Path(library_path)
        self.preview_text = ""
        self.last_report: Path | None = None
        self._preview: ops.Op | None = None  # the latest count asked for
        self._export: ops.Op | None = None
        self._confirmed_path: str | None = None  # chosen in the file dialog (it asked already)
        with open_existing(self.library_path) as lib:
            themes, documents = lib.themes.list(), lib.documents()
        self._build_choices()
        self._build_lists(themes, documents)
        self._build_dates(documents)
        self._build_output()
        self._build_layout()
        self._preview_timer = QTimer(self, singleShot=True, interval=PREVIEW_DELAY_MS)
        self._preview_timer.timeout.connect(self._start_preview)
        for signal in (self.themes.changed, self.documents.changed,
                       self.since_check.toggled, self.until_check.toggled,
                       self.since_date.dateChanged, self.until_date.dateChanged):
            signal.connect(self._schedule_preview)
        self._on_format_changed()
        if search is not None:  # no lists to show: a smaller dialog, rows named for what they are
            self.shape_choice.setItemText(0, "One row per paragraph")
        screen_fit.fit_window(self, *((760, 300) if search is not None else (860, 640)))
        self._start_preview()

    # -- layout --------------------------------------------------------------------------------

    def _build_choices(self) -> None:
        self.format_choice = QComboBox(objectName="formatChoice")
        for text, fmt in FORMATS:
            self.format_choice.addItem(text, fmt)
        self.shape_choice = QComboBox(objectName="matrixChoice")
        for text, matrix in SHAPES:
            self.shape_choice.addItem(text, matrix)
        self.brief_matrices = QCheckBox("Add the counts and co-occurrence matrices as tables",
                                        objectName="briefMatrices")
        self.format_choice.currentIndexChanged.connect(self._on_format_changed)

    def _build_lists(self, themes, documents) -> None:
        self.themes = CheckList("themes")
        for t in themes:
            retired = "  (retired)" if t.retired else ""
            self.themes.add(f"{'    ' * t.depth}{t.name}  ({t.tag_count}){retired}", t.id,
                            tooltip=t.description or t.name)
        self.documents = CheckList("documents", filter_placeholder="Filter documents")
        for d in documents:
            adopted = d.adopted or "draft"
            text = f"{d.display_name}  ({adopted}, {d.tag_count} tags)  {d.title or ''}"
            self.documents.add(text, d.id, tooltip=d.title or d.display_name)

    def _build_dates(self, documents) -> None:
        dates = sorted(d.adopted for d in documents if d.adopted)
        first = QDate.fromString(dates[0], "yyyy-MM-dd") if dates else QDate.currentDate()
        last = QDate.fromString(dates[-1], "yyyy-MM-dd") if dates else QDate.currentDate()
        self.since_check = QCheckBox("Adopted from", objectName="sinceCheck")
        self.until_check = QCheckBox("to", objectName="untilCheck")
        self.since_date = QDateEdit(first, objectName="sinceDate", calendarPopup=True)
        self.until_date = QDateEdit(last, objectName="untilDate", calendarPopup=True)
        for check, edit in ((self.since_check, self.since_date),
                            (self.until_check, self.until_date)):
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setEnabled(False)
            check.toggled.connect(edit.setEnabled)

    def _build_output(self) -> None:
        name = f"{self.title} {dt.date.today().isoformat()}.docx"
        self.output_path = QLineEdit(str(report_folder.default_folder() / name),
                                     objectName="outputPath")
        self.choose_button = QPushButton("Choose…", objectName="chooseOutputButton")
        self.choose_button.setAutoDefault(False)
        self.choose_button.clicked.connect(self.choose_output)
        self.preview_label = QLabel(objectName="previewLabel")
        self.preview_label.setStyleSheet("font-weight: bold")
        self.open_when_done = QCheckBox("Open the file when done", objectName="openWhenDone")
        self.first_agreed_box = QCheckBox("Say where each clause's wording was first agreed "
                                          "(CSV and Word)", objectName="firstAgreedBox")
        self.status_label = QLabel(objectName="statusLabel", wordWrap=True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.export_button = self.buttons.addButton(
            "Export", QDialogButtonBox.ButtonRole.AcceptRole)
        self.export_button.setObjectName("exportButton")
        self.export_button.setDefault(True)
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setAutoDefault(False)
        self.buttons.accepted.connect(self.export)
        self.buttons.rejected.connect(self.reject)

    def _build_layout(self) -> None:
        form = QFormLayout()
        form.addRow("Format:", self.format_choice)
        form.addRow("CSV shape:", self.shape_choice)
        form.addRow("Word brief:", self.brief_matrices)
        form.addRow("Clauses:", self.first_agreed_box)
        lists = QHBoxLayout()
        for title, widget, stretch in (("Themes", self.themes, 2),
                                       ("Documents", self.documents, 3)):
            group = QGroupBox(title)
            QVBoxLayout(group).addWidget(widget)
            lists.addWidget(group, stretch)
        dates = QHBoxLayout()
        for widget in (self.since_check, self.since_date, self.until_check, self.until_date):
            dates.addWidget(widget)
        dates.addStretch(1)
        output = QHBoxLayout()
        output.addWidget(QLabel("Save to:"))
        output.addWidget(self.output_path, 1)
        output.addWidget(self.choose_button)
        box = QVBoxLayout(self)
        if self.search is not None:  # exactly the paragraphs found: no themes, documents, dates
            found = len(self.search.paragraphs)
            where = f" (filters: {self.search.filters})" if self.search.filters else ""
            self.search_label = QLabel(
                f"The {found} paragraph{'' if found == 1 else 's'} found by the search "
                f"“{self.search.query}”{where}, tagged or not, one row each.",
                objectName="searchReportLabel", wordWrap=True)
            box.addWidget(self.search_label)
        box.addLayout(form)
        box.addLayout(lists, 1)
        box.addLayout(dates)
        if self.search is not None:
            for widget in (*self.findChildren(QGroupBox), self.since_check, self.since_date,
                           self.until_check, self.until_date):
                widget.hide()
            box.addStretch(1)
        box.addLayout(output)
        box.addWidget(self.preview_label)
        box.addWidget(self.open_when_done)
        box.addWidget(self.status_label)
        box.addWidget(self.buttons)

    # -- choices -------------------------------------------------------------------------------

    def report_format(self) -> str:
        return self.format_choice.currentData()

    def matrix(self):
        """The CSV's matrix, or the matrices a Word brief adds (an Excel workbook has both)."""
        fmt = self.report_format()
        if fmt == "csv":
            return self.shape_choice.currentData()
        if fmt == "docx" and self.brief_matrices.isChecked():
            return ("counts", "cooccurrence")
        return None

    def selection(self) -> Selection:
        """What the dialog's choices mean; every box checked means "all" (also future ones)."""
        if self.search is not None:
            return Selection(search=self.search.query, paragraphs=self.search.paragraphs,
                             search_filters=self.search.filters,
                             first_agreed=self.first_agreed_box.isChecked())
        themes = () if self.themes.all_checked() else tuple(self.themes.checked_data())
        documents = () if self.documents.all_checked() else tuple(self.documents.checked_data())
        since = self.since_date.date().toString("yyyy-MM-dd") if self.since_check.isChecked() \
            else None
        until = self.until_date.date().toString("yyyy-MM-dd") if self.until_check.isChecked() \
            else None
        return Selection(themes=themes, documents=documents, since=since, until=until,
                         include_subthemes=False, first_agreed=self.first_agreed_box.isChecked())

    def _nothing_chosen(self) -> str | None:
        if self.search is not None:
            return None if self.search.paragraphs else "The search found no paragraph"
        if not self.themes.checked_data():
            return "Choose at least one theme"
        if not self.documents.checked_data():
            return "Choose at least one document"
        return None

    def _on_format_changed(self) -> None:
        fmt = self.report_format()
        self.shape_choice.setEnabled(fmt == "csv")
        self.brief_matrices.setEnabled(fmt == "docx")
        text = self.output_path.text().strip()
        if text:
            self.output_path.setText(str(Path(text).with_suffix(f".{fmt}")))

    def choose_output(self) -> None:
        fmt = self.report_format()
        name, _ = QFileDialog.getSaveFileName(
            self, "Save the report as", self.output_path.text(),
            FILE_FILTERS[fmt],
            options=QFileDialog.Option.DontUseNativeDialog)  # as the import dialog: same everywhere
        if name:
            if not name.lower().endswith(f".{fmt}"):
                name += f".{fmt}"
            self.output_path.setText(name)
            self._confirmed_path = name

    # -- preview -------------------------------------------------------------------------------

    def _schedule_preview(self, *_args) -> None:
        self._preview_timer.start()

    def _start_preview(self) -> None:
        self._preview = None
        problem = self._nothing_chosen()
        if problem:
            self._show_preview(problem)
            return
        path, selection = self.library_path, self.selection()

        def shown(text: str) -> None:
            if op is self._preview:  # otherwise an older count, come late
                self._preview = None
                self._show_preview(text)

        op = ops.run_read(self, lambda: preview_report(path, selection),
                          lambda data: shown(preview_text(data)),
                          on_error=lambda exc: shown(str(exc)))
        self._preview = op

    def _show_preview(self, text: str) -> None:
        self.preview_text = text
        self.preview_label.setText(text)
        self.export_button.setEnabled(self._export is None and not self._nothing_chosen())

    def is_previewing(self) -> bool:
        return self._preview is not None or self._preview_timer.isActive()

    # -- export --------------------------------------------------------------------------------

    def export(self) -> None:
        problem = self._nothing_chosen()
        out = self.output_path.text().strip()
        if problem or not out:
            QMessageBox.warning(self, "Theme report", problem or "Choose where to save the report")
            return
        try:  # never over the library, its journal files or a backup
            refuse_library_files(out, self.library_path)
            out = self._matching_format(out)
            refuse_library_files(out, self.library_path)
        except ClausemarkError as exc:
            QMessageBox.warning(self, "The report could not be written", str(exc))
            return
        if Path(out).exists() and out != self._confirmed_path:
            answer = QMessageBox.question(self, "Theme report",
                                          f"{out} exists already. Replace it?")
            if answer != QMessageBox.StandardButton.Yes:
                return
        path, selection = self.library_path, self.selection()
        fmt, matrix, title = self.report_format(), self.matrix(), self.title
        self.export_button.setEnabled(False)
        self.status_label.setText("Writing the report…")
        self._export = ops.run_read(
            self, lambda progress, cancelled: make_report(path, selection, fmt, out, matrix,
                                                          title, progress=progress,
                                                          cancelled=cancelled),
            self._on_done, progress=PROGRESS, on_error=self._on_failed)

    def _matching_format(self, out: str) -> str:
        """The file name and the format agree: a name ending in .csv, .docx or .xlsx sets the
        format (never Word content in a .csv); any other name gets the chosen format's suffix."""
        suffix = Path(out).suffix.lower().lstrip(".")
        if suffix in FILE_FORMATS:
            if suffix != self.report_format():
                self.format_choice.setCurrentIndex(self.format_choice.findData(suffix))
            return out
        out = f"{out}.{self.report_format()}"
        self.output_path.setText(out)
        return out

    def _on_done(self, result) -> None:
        self._on_finished()
        self.last_report = result.path
        self.status_label.setText(f"Saved {result.path}")
        if self.open_when_done.isChecked() and not self.open_file(result.path):
            self.status_label.setText(report_folder.no_viewer_text(Path(result.path)))

    def open_file(self, path: Path) -> bool:
        """Open the report in its program; False when none could be started."""
        return bool(QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))))

    def _on_failed(self, exc: Exception) -> None:
        self._on_finished()
        if isinstance(exc, ReportCancelled):
            self.status_label.setText("Cancelled; no file was written.")
            return
        self.status_label.setText("No report was written.")
        if isinstance(exc, EmptySelectionError):
            QMessageBox.information(self, "Nothing to report", str(exc))
        elif isinstance(exc, ClausemarkError):
            QMessageBox.warning(self, "The report could not be written", str(exc))
        else:
            QMessageBox.critical(self, "The report could not be written",
                                 f"{type(exc).__name__}: {exc}")

    def _on_finished(self) -> None:
        self._export = None
        self.export_button.setEnabled(not self._nothing_chosen())

    def is_exporting(self) -> bool:
        return self._export is not None

    def reject(self) -> None:
        if self._export is not None:  # closing while writing: stop the writer first
            self._export.cancel()
        super().reject()
