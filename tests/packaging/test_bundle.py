"""The installable app: build the one-folder bundle with PyInstaller (packaging/build.py), then use
it as a user would, offscreen, with nothing from this source tree or its virtualenv: the command
line, an import through the worker pool, bad input, the GUI smoke run (open a bundled sample, tag
it with key 1, exit 0), and portable mode. Prints the bundle size and start-up times."""
from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import time
from pathlib import Path

import pytest

import clausemark.core
from tests.child_output import ChildOutput

ROOT = Path(__file__).resolve().parents[2]
pytestmark = [pytest.mark.bundle, pytest.mark.timeout(900)]  # the first test builds the app


# The `bundle` fixture (tests/conftest.py) builds the app once per session; the bench shares it.


@pytest.fixture
def user_env(tmp_path) -> dict:
    """A user's environment: offscreen, own library and settings, no PYTHONPATH or venv."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("PYTHON", "VIRTUAL_ENV", "CLAUSEMARK_", "PYTEST"))}
    env.update(QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path / "home"),
               CLAUSEMARK_DB=str(tmp_path / "lib.clausemark"),
               CLAUSEMARK_SETTINGS=str(tmp_path / "settings.json"))
    return env


def app(bundle, *args, env, timeout=180, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run([str(bundle / "clausemark"), *map(str, args)], env=env, cwd=cwd,
                          capture_output=True, text=True, timeout=timeout)


def test_bundle_contents(bundle):
    version = clausemark.core.__version__  # the one source (pyproject reads it too)
    internal = bundle / "_internal"
    assert len(list((internal / "clausemark" / "resources" / "samples").glob("*.pdf"))) == 3
    assert (bundle / "clausemark.desktop").read_text().count("@APPDIR@") == 2
    assert os.access(bundle / "install-desktop-entry.sh", os.X_OK)
    names = {p.name for p in internal.rglob("*")}
    for unused in ("libQt6Qml.so.6", "libQt6Quick.so.6", "libQt6Network.so.6", "tkinter"):
        assert unused not in names, f"{unused} should be excluded"
    assert not list(internal.rglob("*.qm")), "Qt translations should be excluded"
    out = app(bundle, "--version", env=os.environ)
    assert out.stdout.strip() == f"clausemark {version}"


def test_start_up_time(bundle, user_env, tmp_path):
    times = []
    for _ in range(3):
        start = time.perf_counter()
        out = app(bundle, "--version", env=user_env)
        times.append(time.perf_counter() - start)
        assert out.returncode == 0
    print(f"\ncommand-line start-up (clausemark --version), median of 3: "
          f"{statistics.median(times):.2f} s")


def test_command_line_parse_import_and_bad_input(bundle, user_env, tmp_path):
    samples = sorted((bundle / "_internal" / "clausemark" / "resources" / "samples").glob("*.pdf"))
    out = app(bundle, "parse", samples[0], "--json", env=user_env)
    assert out.returncode == 0 and json.loads(out.stdout)["symbol"].startswith("A/RES/")
    # three files and two workers: the spawned pool must work inside the frozen app
    out = app(bundle, "import", *samples, "--workers", "2", env=user_env)
    assert out.returncode == 0 and out.stdout.startswith("imported 3"), out.stderr
    bad = tmp_path / "notes -- draft.pdf"
    bad.write_text("not a PDF at all")
    out = app(bundle, "parse", bad, env=user_env)
    assert out.returncode == 1 and out.stderr.count("\n") == 1 and str(bad) in out.stderr
    assert "Traceback" not in out.stderr


def test_gui_smoke_run_opens_a_sample_tags_it_and_exits_0(bundle, user_env, tmp_path):
    start = time.perf_counter()
    child = subprocess.Popen([str(bundle / "clausemark"), "--smoke-test"], env=user_env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    output = ChildOutput(child)  # readline() then communicate() would lose buffered lines
    first = output.first_line(timeout=180)
    shown = time.perf_counter() - start
    out, err = output.finish(timeout=180)
    total = time.perf_counter() - start
    assert first.strip() == "smoke: window shown", first + err
    assert child.returncode == 0, out + err
    assert "smoke: opened A/RES/" in out and "tagged" in out
    print(f"\nGUI smoke run: first start (new library, 3 samples imported) to window shown "
          f"{shown:.2f} s, whole run {total:.2f} s")
    # a second start on the now existing library: the everyday start-up time
    start = time.perf_counter()
    child = subprocess.Popen([str(bundle / "clausemark"), "--smoke-test"], env=user_env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    output = ChildOutput(child)
    output.first_line(timeout=180)
    print(f"GUI start-up on an existing library, to window shown: "
          f"{time.perf_counter() - start:.2f} s")
    out, err = output.finish(timeout=180)
    assert child.returncode == 0, err
    # the tags are in the library; the same bundle's command line exports them as CSV
    out = app(bundle, "tags", "--json", env=user_env)
    tags = json.loads(out.stdout)
    assert out.returncode == 0 and len(tags) == 2  # one per run, on different paragraphs
    assert len({t["citation"] for t in tags}) == 2
    out = app(bundle, "report", "--out", tmp_path / "tags.csv", env=user_env)
    assert out.returncode == 0, out.stderr
    csv_text = (tmp_path / "tags.csv").read_text(encoding="utf-8-sig")
    assert all(t["citation"] in csv_text for t in tags)


def test_word_report_comparison_and_suggestions_work_in_the_bundle(bundle, user_env, tmp_path):
    """python-docx templates, rapidfuzz and PyStemmer (compiled) must be bundled."""
    samples = sorted((bundle / "_internal" / "clausemark" / "resources" / "samples").glob("*.pdf"))
    assert app(bundle, "import", *samples, env=user_env).returncode == 0
    assert app(bundle, "tag", "A/RES/79/217", "PP1", "remittances", env=user_env).returncode == 0
    out = app(bundle, "report", "--out", tmp_path / "brief.docx", env=user_env)
    assert out.returncode == 0 and (tmp_path / "brief.docx").stat().st_size > 5000, out.stderr
    out = app(bundle, "compare", "A/RES/78/187", "A/RES/79/217", "--json", env=user_env)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)
    out = app(bundle, "suggest", "A/RES/78/187", "--json", env=user_env)  # PyStemmer's C core
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["suggestions"]


def test_portable_marker_keeps_the_library_next_to_the_app(bundle, user_env, tmp_path):
    stick = tmp_path / "stick"
    shutil.copytree(bundle, stick / "clausemark", symlinks=True)
    portable = stick / "clausemark"
    (portable / "clausemark.portable").write_text("")
    env = {k: v for k, v in user_env.items() if k not in ("CLAUSEMARK_DB", "CLAUSEMARK_SETTINGS")}
    out = app(portable, "--smoke-test", env=env)
    assert out.returncode == 0, out.stderr
    assert (portable / "data" / "library.clausemark").exists()
    assert not (Path(env["HOME"]) / ".local" / "share" / "clausemark").exists()
