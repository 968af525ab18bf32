"""GUI test helpers: a main window over a fresh library, with one real resolution imported."""
from __future__ import annotations

import pytest

from gui.app import build_main_window

SAMPLE = "gate_A_RES_73_3-EN.pdf"


@pytest.fixture
def library_file(tmp_path):
    return tmp_path / "gui.clausemark"


@pytest.fixture
def window(qtbot, library_file):
    win = build_main_window(library_file)
    qtbot.addWidget(win)
    win.resize(1600, 1000)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()


@pytest.fixture
def sample_pdf(dev_dir):
    return dev_dir / SAMPLE
