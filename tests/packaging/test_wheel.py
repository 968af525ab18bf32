"""The real wheel, built from a copy of this tree: everything installs under the one name
`clausemark` (no bare core/gui/resources that another distribution could overwrite), its version
is clausemark.core.__version__, it has both entry points, and its command line runs without a
display (Qt is not even imported)."""
from __future__ import annotations

import configparser
import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.core.library_helpers import library_with_document

ROOT = Path(__file__).resolve().parents[2]
NOT_SOURCE = shutil.ignore_patterns(".git", ".venv*", "build", "dist", "*.egg-info", "__pycache__",
                                    ".*_cache", "*.clausemark*")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("wheel")
    source = work / "source"  # a copy: the build writes build/ and *.egg-info beside the code
    shutil.copytree(ROOT, source, ignore=NOT_SOURCE)
    out = subprocess.run([sys.executable, "-m", "build", "--wheel", "--outdir", str(work / "dist"),
                          str(source)], capture_output=True, text=True, timeout=500)
    assert out.returncode == 0, out.stdout[-3000:] + out.stderr[-3000:]
    [built] = (work / "dist").glob("clausemark-*.whl")
    return built


def _version_in_source() -> str:
    text = (ROOT / "core" / "__init__.py").read_text(encoding="utf-8")
    return re.search(r'^__version__ = "([^"]+)"', text, re.MULTILINE).group(1)


def _entry_points(whl: zipfile.ZipFile) -> configparser.ConfigParser:
    [name] = [n for n in whl.namelist() if n.endswith(".dist-info/entry_points.txt")]
    points = configparser.ConfigParser()
    points.read_string(whl.read(name).decode("utf-8"))
    return points


@pytest.mark.timeout(600)
def test_everything_installs_under_the_one_name_clausemark(wheel):
    with zipfile.ZipFile(wheel) as whl:
        names = whl.namelist()
    top = {n.split("/")[0] for n in names if ".dist-info/" not in n}
    assert top == {"clausemark"}
    for part in ("core", "gui", "resources"):
        assert f"clausemark/{part}/__init__.py" in names
    assert "clausemark/resources/default_themes.json" in names
    assert any(n.startswith("clausemark/resources/samples/") and n.endswith(".pdf") for n in names)
    assert not any(n.startswith("tests/") or "/tests/" in n for n in names)


@pytest.mark.timeout(600)
def test_version_comes_from_core_and_both_entry_points_exist(wheel):
    version = _version_in_source()
    assert wheel.name.startswith(f"clausemark-{version}-")
    with zipfile.ZipFile(wheel) as whl:
        [meta] = [n for n in whl.namelist() if n.endswith(".dist-info/METADATA")]
        assert f"\nVersion: {version}\n" in whl.read(meta).decode("utf-8")
        points = _entry_points(whl)
    assert points["console_scripts"]["clausemark"] == "clausemark.gui.launcher:main"
    assert points["gui_scripts"]["clausemark-app"] == "clausemark.gui.launcher:main"


@pytest.mark.timeout(600)
def test_the_command_line_from_the_wheel_needs_no_display(wheel, tmp_path):
    site = tmp_path / "site"
    with zipfile.ZipFile(wheel) as whl:
        whl.extractall(site)  # what pip does with a pure-Python wheel
    library = tmp_path / "lib.clausemark"
    library_with_document(library).close()
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "CLAUSEMARK_DB")}
    env["PYTHONPATH"] = str(site)  # the wheel's code before this checkout's editable install
    # The console script: import the entry point and call it, as pip's launcher does.
    script = ("import sys\nfrom clausemark.gui.launcher import main\ncode = main()\n"
              "import clausemark.core\n"
              "print(clausemark.core.__file__, 'PySide6' in sys.modules, file=sys.stderr)\n"
              "sys.exit(code)")
    out = subprocess.run([sys.executable, "-c", script, "documents", "--db", str(library),
                          "--json"], capture_output=True, text=True, env=env, cwd=tmp_path,
                         timeout=120)
    assert out.returncode == 0, out.stderr
    assert [d["symbol"] for d in json.loads(out.stdout)] == ["A/RES/78/217"]
    core_file, qt_loaded = out.stderr.strip().splitlines()[-1].rsplit(" ", 1)
    assert Path(core_file).is_relative_to(site)  # the wheel's code ran, not this checkout
    assert qt_loaded == "False"
