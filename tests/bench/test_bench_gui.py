"""Desktop app figures (recorded, not asserted): opening a ~20-page resolution (tree filled and
first page painted), a theme key to the tag saved and shown, one page render, and cold start to
the window shown, from the source tree and from the built bundle (packaging/build.py).
Targets: open < 150 ms, tag < 30 ms, cold start < 1.5 s.

    packaging/dev.sh bench -k gui   (quick mode, in the test run: 3 documents, 1 start of each)
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from clausemark.core.library.importer import import_all
from clausemark.core.library.library import Library
from clausemark.core.parse import page_render
from tests.bench.figures import ms, record
from tests.gui.conftest import shown_window

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def library_of_20_page_docs(bench, bench_dir, tmp_path_factory):
    import pymupdf

    wanted = bench.pick(8, 3)
    picks = []
    for pdf in sorted(bench_dir.glob("*.pdf")):
        with pymupdf.open(pdf) as doc:
            if 17 <= doc.page_count <= 23:
                picks.append(pdf)
        if len(picks) == wanted:
            break
    path = tmp_path_factory.mktemp("gui-bench") / "bench.clausemark"
    with Library(path) as lib:
        import_all(lib, picks)
        assert len(lib.documents()) == len(picks)
    return path


def test_bench_open_tag_and_render(bench, qtbot, library_of_20_page_docs):
    window = shown_window(qtbot, library_of_20_page_docs, 1920, 1200)
    docs = window.library.documents()
    # Warm the rendering process (it starts with the window, as in real use).
    window.select_document(docs[-1].id)
    qtbot.waitUntil(lambda: 1 in window.pdf_view.rendered_pages(), timeout=20000)

    opens, pages = [], []
    for doc in docs[:-1]:
        start = time.perf_counter()
        window.select_document(doc.id)
        qtbot.waitUntil(lambda: 1 in window.pdf_view.rendered_pages(), timeout=20000)
        opens.append(time.perf_counter() - start)
        pages.append(doc.pages)
        assert window.paragraph_model.rowCount() > 0
        # Untimed: let the background work of this document (suggestions, model) finish, so
        # each open is measured from an idle app, as when an analyst picks the next document.
        qtbot.waitUntil(lambda: window.suggestions.ready and window.suggestions.model_ready,
                        timeout=30000)
        qtbot.wait(200)

    tree = window.paragraph_tree
    ids = [p.id for p in window.paragraph_model.resolution().walk()][:bench.pick(30, 5)]
    tags = []
    for pid in ids:
        window.paragraphs.select_paragraph(pid)
        tree.setFocus()
        start = time.perf_counter()
        qtbot.keyClick(tree, Qt.Key.Key_1)  # saved and repainted before keyClick returns
        tags.append(time.perf_counter() - start)
        assert window.session.tag_chips().get(pid)

    data = window.library.pdf_bytes(docs[0].id)
    scale = round(window.pdf_view.zoom() * window.pdf_view.devicePixelRatioF(), 2)
    renders = []
    for page in range(min(docs[0].pages, bench.pick(10, 2))):
        start = time.perf_counter()
        page_render.render_page("bench", data, page, scale)
        renders.append(time.perf_counter() - start)
    window.close()
    record(f"app: open a {min(pages)}-{max(pages)} page resolution from an idle app (tree filled, "
           f"first page painted), {len(opens)} documents", ms(opens), target="< 150 ms")
    record(f"app: theme key to tag saved and shown, {len(tags)} keys", ms(tags), target="< 30 ms")
    record(f"app: one page rendered at fit width (scale {scale}), {len(renders)} pages",
           ms(renders))


STARTUP = """
import sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv[:1])
from clausemark.gui.app import build_main_window
window = build_main_window(sys.argv[1])
window.show()
def shown():
    print("shown", flush=True)
    window.close()
    app.quit()
QTimer.singleShot(0, shown)
app.exec()
"""


def _everyday_library(source: Path, folder: Path) -> Path:
    # A copy: the library of the test above may still be held by its window, and a second
    # instance would wait for the lock (then open read-only), which is not a cold start.
    folder.mkdir(parents=True, exist_ok=True)
    library = folder / "cold.clausemark"
    shutil.copy(source, library)
    with Library(library):  # the first open makes its backup; measure the everyday start
        pass
    return library


def _first_line_times(command: list[str], expected: str, runs: int, env: dict, warm_up: bool):
    """Seconds from starting `command` to its first stdout line, which must be `expected`; the
    process then runs to its end (exit status 0). An untimed first run warms the file cache."""
    times = []
    for k in range(runs + warm_up):
        start = time.perf_counter()
        proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                text=True, env=env, cwd=ROOT)
        line = proc.stdout.readline()
        took = time.perf_counter() - start
        out, err = proc.communicate(timeout=120)
        assert line.strip() == expected, line + out + err
        assert proc.returncode == 0, out + err
        if k or not warm_up:
            times.append(took)
    return times


def test_bench_cold_start(bench, library_of_20_page_docs, tmp_path):
    """From source: a new Python process builds the main window (build_main_window), shows it
    and runs the event loop once; the figure the README has quoted since the first release."""
    library = _everyday_library(library_of_20_page_docs, tmp_path)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen",
               CLAUSEMARK_SETTINGS=str(tmp_path / "settings.json"))
    runs = bench.pick(5, 1)
    times = _first_line_times([sys.executable, "-c", STARTUP, str(library)], "shown", runs, env,
                              warm_up=bench.full)
    record(f"app: cold start from source to the window shown (new Python process, "
           f"build_main_window), {runs} runs", ms(times), target="< 1.5 s")


@pytest.mark.bundle
@pytest.mark.timeout(900)  # may build the bundle first (about a minute, more on a busy machine)
def test_bench_cold_start_bundle(bench, app_bundle, library_of_20_page_docs, tmp_path):
    """The real entry point, `clausemark --db LIB --smoke-test`, to its "smoke: window shown"
    line (after the window is shown and the last document restored), started from the built
    bundle and, as the same-run baseline, from the source tree (the virtualenv's Python)."""
    bundle, origin = app_bundle
    runs = bench.pick(5, 1)
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("PYTHON", "VIRTUAL_ENV", "CLAUSEMARK_", "PYTEST"))}
    env.update(QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path / "home"))
    results = {}
    for name, command in (("source", [sys.executable, "-m", "clausemark.gui.launcher"]),
                          ("bundle", [str(bundle / "clausemark")])):
        library = _everyday_library(library_of_20_page_docs, tmp_path / name)
        env_run = dict(env, CLAUSEMARK_SETTINGS=str(tmp_path / name / "settings.json"))
        results[name] = _first_line_times([*command, "--db", str(library), "--smoke-test"],
                                          "smoke: window shown", runs, env_run, warm_up=bench.full)
    record(f"app: cold start of the bundle (`clausemark --smoke-test`, existing library) to the "
           f"window shown, {runs} runs ({origin})", ms(results["bundle"]), target="< 1.5 s",
           baseline=f"from source {ms(results['source'])}")
