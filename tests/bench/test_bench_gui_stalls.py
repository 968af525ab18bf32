"""GUI-thread stalls (recorded, not asserted): the longest gap between ticks of a 5 ms timer on the
GUI thread while the compare window opens and aligns A/RES/78/187 -> A/RES/80/190 on a worker.
Target: no gap over 100 ms.

    packaging/dev.sh bench -k stalls   (quick mode, in the test run: 1 opening)
"""
from __future__ import annotations

import time

from PySide6.QtCore import QTimer

from clausemark.gui.compare.compare_view import open_compare_window
from tests.bench.figures import record
from tests.gui.conftest import import_and_wait, shown_window

PAIR = ["mp_A_RES_78_187-EN.pdf", "mp_A_RES_80_190-EN.pdf"]


def _longest_gap_while(qtbot, act) -> float:
    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start()
    qtbot.wait(50)
    act()
    qtbot.wait(50)
    timer.stop()
    assert len(ticks) >= 3, "the heartbeat timer never ran"
    return max(b - a for a, b in zip(ticks, ticks[1:]))


def test_bench_compare_window_opening(bench, qtbot, dev_dir, tmp_path):
    window = shown_window(qtbot, tmp_path / "stalls.clausemark", 1920, 1200)
    import_and_wait(qtbot, window, [dev_dir / f for f in PAIR])
    old = window.library.document("A/RES/78/187")
    new = window.library.document("A/RES/80/190")
    gaps = []
    for _ in range(bench.pick(5, 1)):
        opened: list = []

        def open_and_align(opened=opened):
            compare = open_compare_window(window.library.path, new.id, old.id, window,
                                          library=window.library, undo_stack=window.undo_stack)
            opened.append(compare)
            qtbot.waitUntil(lambda: compare.alignment is not None, timeout=20000)

        gaps.append(_longest_gap_while(qtbot, open_and_align))
        assert opened[0].alignment.pairs  # the comparison really happened
        opened[0].close()
    record(f"app: longest GUI-thread gap while the compare window opens and aligns "
           f"(127 -> 117 paragraphs), {len(gaps)} openings",
           f"worst {max(gaps) * 1000:.0f} ms, best {min(gaps) * 1000:.0f} ms", target="< 100 ms")
    window.close()
