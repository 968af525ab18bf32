"""The main window is no service locator: outside gui/window/ no module (nor GUI test) touches
its private attributes or methods, and only the composition root builds it. Checked on the
source with the ast module, so a new reach-in fails here with its file and line."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

pytestmark = pytest.mark.timeout(60)

ROOT = Path(__file__).resolve().parents[2]
WINDOW_DIR = ROOT / "gui" / "window"


def _private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def main_window_private_names() -> set[str]:
    """Private methods and attributes of MainWindow, and those gui/window gives the window."""
    names: set[str] = set()
    tree = ast.parse((WINDOW_DIR / "main_window.py").read_text(encoding="utf-8"))
    window_class = next(n for n in tree.body
                        if isinstance(n, ast.ClassDef) and n.name == "MainWindow")
    for node in ast.walk(window_class):
        if isinstance(node, ast.FunctionDef) and _private(node.name):
            names.add(node.name)
        elif isinstance(node, ast.Name) and _private(node.id) and isinstance(node.ctx, ast.Store):
            names.add(node.id)  # class attributes (defaults)
        elif (isinstance(node, ast.Attribute) and _private(node.attr)
              and isinstance(node.ctx, ast.Store)):
            names.add(node.attr)
    for path in WINDOW_DIR.glob("*.py"):  # e.g. main_menus.py keeps window._toolbar_*
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store)
                    and _private(node.attr) and isinstance(node.value, ast.Name)
                    and node.value.id == "window"):
                names.add(node.attr)
    return names


def modules_outside_the_window() -> list[Path]:
    files = [p for p in (ROOT / "gui").rglob("*.py") if WINDOW_DIR not in p.parents]
    files += sorted((ROOT / "tests" / "gui").glob("*.py"))
    return sorted(files)


def reach_ins(path: Path, private: set[str], root: Path = ROOT) -> list[str]:
    """`something._name` where _name is private to MainWindow and something is not the
    module's own object (self, cls)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if (isinstance(node, ast.Attribute) and node.attr in private
                and not (isinstance(node.value, ast.Name) and node.value.id in ("self", "cls"))):
            found.append(f"{path.relative_to(root)}:{node.lineno}: .{node.attr}")
    return found


def test_the_private_names_are_found():
    private = main_window_private_names()
    assert {"_tint_pdf", "_show_pages", "_on_import_finished", "_clicked_in_pdf",
            "_saved_state"} <= private


def test_no_module_outside_gui_window_touches_main_window_privates():
    private = main_window_private_names()
    found = [hit for path in modules_outside_the_window() for hit in reach_ins(path, private)]
    assert found == [], "reaches into MainWindow:\n" + "\n".join(found)


def test_only_the_composition_root_builds_the_main_window():
    builders = []
    for path in (ROOT / "gui").rglob("*.py"):
        if WINDOW_DIR in path.parents:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and any(a.name == "MainWindow"
                                                        for a in node.names):
                builders.append(str(path.relative_to(ROOT)))
    assert builders == ["gui/app.py"]


def test_the_check_catches_a_reach_in(tmp_path):
    sample = tmp_path / "panel.py"
    sample.write_text("def refresh(window):\n    window._tint_pdf()\n    self._tint_pdf()\n")
    assert reach_ins(sample, main_window_private_names(), tmp_path) == [
        "panel.py:2: ._tint_pdf"]
