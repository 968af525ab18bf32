"""Portable mode: a marker file next to the app or `--portable` puts the library and the settings
in `<app folder>/data` (a USB stick), unless --db or $CLAUSEMARK_DB say otherwise."""
import os
import subprocess
import sys
from pathlib import Path

import pytest

from clausemark.core.library import paths

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def app(tmp_path, monkeypatch):
    folder = tmp_path / "stick" / "clausemark"
    folder.mkdir(parents=True)
    monkeypatch.setattr(paths, "app_dir", lambda: folder)
    for name in ("CLAUSEMARK_DB", "CLAUSEMARK_SETTINGS", paths.PORTABLE_ENV):
        monkeypatch.delenv(name, raising=False)
    return folder


def test_without_marker_the_user_folders_are_used(app):
    assert paths.portable_dir() is None
    assert app not in paths.default_library_path().parents


def test_marker_file_puts_library_and_settings_next_to_the_app(app):
    (app / paths.PORTABLE_MARKER).write_text("")
    assert paths.default_library_path() == app / "data" / "library.clausemark"
    assert paths.settings_path() == app / "data" / "settings.json"
    paths.save_settings({"analyst": "Ana on a stick"})
    assert (app / "data" / "settings.json").exists()
    assert paths.analyst_name() == "Ana on a stick"


def test_environment_flag_and_explicit_paths(app, monkeypatch, tmp_path):
    monkeypatch.setenv(paths.PORTABLE_ENV, "1")
    assert paths.default_library_path() == app / "data" / "library.clausemark"
    monkeypatch.setenv(paths.PORTABLE_ENV, "0")
    assert paths.portable_dir() is None
    monkeypatch.setenv(paths.PORTABLE_ENV, "1")
    monkeypatch.setenv("CLAUSEMARK_DB", str(tmp_path / "elsewhere.clausemark"))
    assert paths.default_library_path() == tmp_path / "elsewhere.clausemark"
    assert paths.library_path(tmp_path / "x.clausemark") == tmp_path / "x.clausemark"


def test_app_folder_of_a_frozen_app_and_of_a_mac_bundle(monkeypatch, tmp_path):
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(tmp_path / "clausemark" / "clausemark"))
    assert paths.app_dir() == tmp_path / "clausemark"
    monkeypatch.setattr(sys, "executable",
                        str(tmp_path / "usb" / "Clausemark.app" / "Contents" / "MacOS" / "clausemark"))
    assert paths.app_dir() == tmp_path / "usb"


def test_portable_flag_on_the_command_line(tmp_path):
    """The launcher takes --portable anywhere; the library lands in <app folder>/data (for a
    script run with -c, the app folder is the working folder)."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("CLAUSEMARK_DB", "CLAUSEMARK_SETTINGS", paths.PORTABLE_ENV)}
    env["PYTHONPATH"] = str(ROOT)
    out = subprocess.run([sys.executable, "-c", "import sys; from clausemark.gui.launcher import main; "
                          "sys.exit(main())", "--portable", "themes", "add", "statelessness"],
                         cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert (tmp_path / "data" / "library.clausemark").exists()
