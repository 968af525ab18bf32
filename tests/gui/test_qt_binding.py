"""Guard against a Qt binding that corrupts reference counts (PySide6 6.12.0: each dataChanged
emitted from Python drops a reference to True; after enough tagging the app aborts on exit)."""
import os
import subprocess
import sys

SCRIPT = """
from PySide6.QtCore import QStringListModel
from PySide6.QtWidgets import QApplication
app = QApplication([])
model = QStringListModel(["a", "b"])
index = model.index(0, 0)
for _ in range(3000):
    model.dataChanged.emit(index, index)
print("clean exit")
"""


def test_many_model_updates_then_a_clean_exit():
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True,
                         env=env, timeout=60)
    assert out.returncode == 0, out.stderr[-500:]
    assert "clean exit" in out.stdout
