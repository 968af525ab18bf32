"""File > Merge tags...: read a share file and work out what it would change off the GUI
thread, show the summary ("412 tags from Amina: 380 new, 25 already here, 7 need review"), and
only when the analyst says Merge write it, as one undo step."""
from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout

from clausemark.core.errors import ClausemarkError
from clausemark.core.team import MergeCommand, plan_merge, read_share
from clausemark.gui import ops
from clausemark.gui.window import undo_steps


def describe(plan) -> str:
    c = plan.counts()
    lines = [f"<b>{plan.line()}</b>"]
    if c["authors"] and c["authors"] != [plan.share.sender]:
        lines.append("Tags by " + ", ".join(c["authors"]))
    created = [t["name"] for t in plan.new_themes]
    if created:
        lines.append("New themes: " + ", ".join(created))
    renamed = [(t["name"], plan.theme_names[t["uid"]]) for t in plan.share.themes
               if plan.themes.get(t["uid"]) and plan.theme_names[t["uid"]] != t["name"]]
    if renamed:
        lines.append("Their themes under your names: " +
                     ", ".join(f"{a} → {b}" for a, b in renamed))
    if c["documents_differing"]:
        lines.append(f"{c['documents_differing']} documents differ here (another version): "
                     "their tags wait for your review")
    if c["waiting_for_document"]:
        lines.append(f"{c['waiting_for_document']} tags are on documents not in this library; "
                     "they are kept for review")
    return "<br>".join(lines)


class MergeDialog(QDialog):
    def __init__(self, library, undo_stack, share_path: str, parent=None):
        super().__init__(parent, objectName="mergeDialog")
        self.setWindowTitle("Merge tags")
        self.library, self.undo_stack, self.share_path = library, undo_stack, share_path
        self.plan = None
        self.merged = None   # the MergeCommand once merged
        self.summary = QLabel("Reading the share…", objectName="mergeSummary")
        self.summary.setWordWrap(True)
        self.summary.setMinimumWidth(420)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.merge_button = buttons.addButton("Merge", QDialogButtonBox.ButtonRole.AcceptRole)
        self.merge_button.setObjectName("mergeButton")
        self.merge_button.setEnabled(False)
        buttons.accepted.connect(self.merge)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(buttons)
        # Planned on a pool thread with a read-only connection of its own: nothing is written.
        ops.run_read(self, lambda lib: plan_merge(lib, read_share(share_path)), self._planned,
                     library_path=library.path, on_error=self._failed)

    def _planned(self, plan) -> None:
        self.plan = plan
        self.summary.setText(describe(plan))
        self.merge_button.setEnabled(plan.changes)
        if not plan.changes:
            self.summary.setText(describe(plan) + "<br>Nothing to merge: all of it is here.")

    def _failed(self, exc) -> None:
        text = str(exc) if isinstance(exc, ClausemarkError) else f"Cannot read the share ({exc})"
        self.summary.setText(text)

    def merge(self) -> None:
        if self.plan is None or not self.plan.changes:
            return
        command = MergeCommand(self.plan)
        if not undo_steps.push(self, self.undo_stack, command, title="Cannot merge"):
            return
        self.merged = command
        self.accept()
