"""Default library path and the analyst-name setting (plain JSON)."""
import json

import pytest

from clausemark.core.errors import ClausemarkError
from clausemark.core.library import paths


def test_library_path_order(tmp_path, monkeypatch):
    monkeypatch.setenv("CLAUSEMARK_DB", str(tmp_path / "env.clausemark"))
    assert paths.default_library_path() == tmp_path / "env.clausemark"
    assert paths.library_path(tmp_path / "x.clausemark") == tmp_path / "x.clausemark"
    assert paths.library_path(None) == tmp_path / "env.clausemark"
    monkeypatch.delenv("CLAUSEMARK_DB")
    default = paths.default_library_path()
    assert default.name == "library.clausemark" and "clausemark" in str(default.parent).lower()


def test_analyst_name_setting_round_trip(tmp_path, monkeypatch):
    settings = tmp_path / "cfg" / "settings.json"
    monkeypatch.setenv("CLAUSEMARK_SETTINGS", str(settings))
    monkeypatch.setenv("LOGNAME", "someone")
    assert paths.analyst_name() == "someone"
    paths.save_settings({"analyst": "  Ana Lima ", "theme_panel_width": 240})
    assert paths.analyst_name() == "Ana Lima"
    assert json.loads(settings.read_text(encoding="utf-8"))["analyst"] == "  Ana Lima "
    paths.save_settings({"analyst": ""})
    assert paths.analyst_name() == "someone"


@pytest.mark.parametrize("text", ["{not json", "[1, 2]"])
def test_damaged_settings_are_an_error_not_a_reset(tmp_path, text):
    settings = tmp_path / "s.json"
    settings.write_text(text)
    with pytest.raises(ClausemarkError, match="settings"):
        paths.load_settings(settings)
    assert settings.read_text() == text
