"""Bundled resources (sample resolutions, themes, icons), found the same way in a source tree,
an installed package and a frozen (PyInstaller) app. No Qt here: core uses it too."""
from __future__ import annotations

import json
import sys
from importlib import resources as _res
from pathlib import Path


def resource_dir() -> Path:
    frozen = getattr(sys, "_MEIPASS", None)  # PyInstaller unpacks data next to the app
    if frozen:
        return Path(frozen) / "clausemark" / "resources"
    return Path(str(_res.files(__name__)))


def default_themes() -> list[dict]:
    """The default themes in shortcut order: {"name", "colour", "description", "cues"} each
    (cue syntax: core/suggest/cues.py; a cue starting with "-" names words that do not count).
    A new library gets the same themes from its schema steps (core/library/schema.py)."""
    with open(resource_dir() / "default_themes.json", encoding="utf-8") as f:
        return json.load(f)


def sample_pdfs() -> list[Path]:
    """Real resolutions shipped so that a first start has something to open (from the corpus:
    A/RES/78/187 Rights of the child, A/RES/79/124 diplomatic and consular missions,
    A/RES/79/217 International migration and development)."""
    return sorted((resource_dir() / "samples").glob("*.pdf"))
