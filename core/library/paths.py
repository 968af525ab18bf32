"""Where the library and the settings live, and the analyst's name.

- Library file: `--db PATH` (handled by callers), else `$CLAUSEMARK_DB`, else in portable mode
  `<app folder>/data/library.clausemark`, else `<user data dir>/library.clausemark` (platformdirs).
- Settings: plain JSON at `$CLAUSEMARK_SETTINGS`, else (portable) `<app folder>/data/settings.json`,
  else `<user config dir>/settings.json`.
- Portable mode (the app on a USB stick, nothing left on the laptop): a file named
  `clausemark.portable` next to the app, or `clausemark --portable` (which sets
  `$CLAUSEMARK_PORTABLE`).
  Settings belong to the person, not to the library: a library handed to a colleague does not
  carry the sender's name.
"""
from __future__ import annotations

import getpass
import json
import os
import sys
from pathlib import Path

import platformdirs

from clausemark.core.errors import ClausemarkError

APP_NAME = "clausemark"
LIBRARY_FILENAME = "library.clausemark"
SETTINGS_FILENAME = "settings.json"
PORTABLE_MARKER = "clausemark.portable"
PORTABLE_ENV = "CLAUSEMARK_PORTABLE"


def app_dir() -> Path:
    """The folder the app runs from: the one-folder bundle (the folder holding Clausemark.app
    on macOS), or the folder of the `clausemark` script."""
    exe = Path(sys.executable if getattr(sys, "frozen", False) else sys.argv[0]).resolve()
    for parent in exe.parents:
        if parent.suffix == ".app":
            return parent.parent
    return exe.parent


def portable_dir() -> Path | None:
    """`<app folder>/data` in portable mode, else None."""
    folder = app_dir()
    if os.environ.get(PORTABLE_ENV, "") not in ("", "0") or (folder / PORTABLE_MARKER).is_file():
        return folder / "data"
    return None


def _located(env_var: str, filename: str, platform_folder) -> Path:
    """The one rule for where a file lives: the environment variable, else the portable
    folder, else the platform's folder for it."""
    env = os.environ.get(env_var)
    if env:
        return Path(env).expanduser()
    portable = portable_dir()
    if portable is not None:
        return portable / filename
    return platform_folder(APP_NAME, appauthor=False) / filename


def default_library_path() -> Path:
    """The library used when no `--db` is given."""
    return _located("CLAUSEMARK_DB", LIBRARY_FILENAME, platformdirs.user_data_path)


def library_path(explicit: str | os.PathLike | None = None) -> Path:
    """`explicit` (a `--db` value) if given, else the default library path."""
    return Path(explicit).expanduser() if explicit else default_library_path()


def settings_path() -> Path:
    return _located("CLAUSEMARK_SETTINGS", SETTINGS_FILENAME, platformdirs.user_config_path)


def load_settings(path: Path | None = None) -> dict:
    """The settings as a dict; {} when the file is missing. A damaged file is an error, not a
    silent reset, so that nothing the analyst set is thrown away unnoticed."""
    path = path or settings_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    except OSError as exc:
        raise ClausemarkError(f"{path}: cannot read settings ({exc.strerror or exc})") from None
    try:
        data = json.loads(text) if text.strip() else {}
    except json.JSONDecodeError as exc:
        raise ClausemarkError(f"{path}: settings are not valid JSON ({exc.msg}, line {exc.lineno})") \
            from None
    if not isinstance(data, dict):
        raise ClausemarkError(f"{path}: settings must be a JSON object")
    return data


def save_settings(settings: dict, path: Path | None = None) -> None:
    """Write atomically (temporary file + rename) so a crash never leaves half a file."""
    path = path or settings_path()
    if not path.parent.is_dir():  # readable by the user only, like the library
        path.parent.mkdir(parents=True, exist_ok=True)
        os.chmod(path.parent, 0o700)
    tmp = path.with_name(path.name + ".tmp")
    text = json.dumps(settings, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
    with os.fdopen(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "w",
                   encoding="utf-8") as fh:
        fh.write(text)
    os.chmod(tmp, 0o600)  # an older .tmp may have had wider permissions
    os.replace(tmp, path)


def os_user_name() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no USER/LOGNAME and no passwd entry (some containers)
        return "analyst"


def analyst_name(path: Path | None = None) -> str:
    """The name recorded on tags: the `analyst` setting, else the OS user name."""
    name = load_settings(path).get("analyst")
    if isinstance(name, str) and name.strip():
        return name.strip()
    return os_user_name()

