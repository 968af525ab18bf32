"""The dialog shown when the library file is damaged: what happened, and a way back to the last
good backup. The damaged file is never deleted (core/library/backups.py keeps it beside the library)."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

from clausemark.core.errors import ClausemarkError, DamagedLibraryError
from clausemark.core.library import list_backups, require_alone, restore_backup


class RecoveryDialog(QMessageBox):
    """Asks whether to restore `error.backup`. `exec()` then `restored` tells what happened."""

    def __init__(self, error: DamagedLibraryError, parent: QWidget | None = None):
        super().__init__(parent)
        self.error = error
        self.restored: Path | None = None
        self.setObjectName("recoveryDialog")
        self.setIcon(QMessageBox.Icon.Critical)
        self.setWindowTitle("Clausemark: the library is damaged")
        library = Path(error.path) if error.path else None
        self.setText(f"<b>The library {library.name if library else ''} cannot be used: its file "
                     "is damaged.</b>")
        self.setInformativeText(self._advice())
        self.setDetailedText(str(error))
        if error.backup is not None:
            self.restore_button = self.addButton("Restore backup",
                                                 QMessageBox.ButtonRole.AcceptRole)
            self.setDefaultButton(self.restore_button)
        else:
            self.restore_button = None
        self.quit_button = self.addButton("Quit", QMessageBox.ButtonRole.RejectRole)
        self.buttonClicked.connect(self._on_clicked)

    def _advice(self) -> str:
        backup = self.error.backup
        if backup is None:
            return ("There is no backup of it to go back to. The file has been left as it is; "
                    "a copy of it may still be rescued by a specialist.")
        match = next((b for b in list_backups(self.error.path) if b.path == Path(backup)),
                     None)
        when = match.created.astimezone().strftime("%d %B %Y, %H:%M") if match else Path(backup).name
        return (f"The last good backup was made on {when}. Restoring it brings the library back "
                "as it was then; changes made since are lost. The damaged file is kept beside "
                "the library, not deleted.")

    def _on_clicked(self, button) -> None:
        if button is not self.restore_button:
            return
        try:
            lock = require_alone(self.error.path, "restore a backup")
            try:
                self.restored, kept = restore_backup(self.error.path, self.error.backup)
            finally:
                lock.release()
        except ClausemarkError as exc:
            QMessageBox.critical(self, "Clausemark: restore failed", str(exc))
            return
        QMessageBox.information(self, "Clausemark: backup restored",
                                f"The library was restored from {self.restored.name}.\n"
                                f"The damaged file is kept as {kept}.")


def offer_recovery(error: DamagedLibraryError, parent: QWidget | None = None) -> bool:
    """Show the dialog; True when a backup was restored (the library can be opened again)."""
    dialog = RecoveryDialog(error, parent)
    dialog.exec()
    return dialog.restored is not None
