"""core must never import Qt or the gui package (DESIGN.md, convention 1)."""
import ast
import subprocess
import sys
from pathlib import Path

CORE = Path(__file__).resolve().parents[2] / "core"
FORBIDDEN = ("PySide6", "shiboken6", "PyQt5", "PyQt6", "gui")


def _imported_modules(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.lineno, node.module
        elif (isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "import_module"
              and node.args and isinstance(node.args[0], ast.Constant)):
            yield node.lineno, str(node.args[0].value)


def test_core_sources_do_not_import_qt_or_gui():
    offenders = []
    files = sorted(CORE.rglob("*.py"))
    assert files, "core/ has no Python files"
    for path in files:
        for lineno, module in _imported_modules(path):
            if module.split(".")[0] in FORBIDDEN or module.startswith("clausemark.gui"):
                offenders.append(f"{path.relative_to(CORE.parent)}:{lineno} imports {module}")
    assert not offenders, "\n".join(offenders)


def test_importing_all_of_core_loads_no_qt():
    # Import every core module in a fresh interpreter and check sys.modules afterwards.
    names = ["clausemark.core." + ".".join(p.relative_to(CORE).with_suffix("").parts)
             for p in CORE.rglob("*.py")]
    names = [n.removesuffix(".__init__") for n in names]
    assert len(names) > 40
    code = (
        "import importlib, sys\n"
        f"for n in {names!r}: importlib.import_module(n)\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6')\n"
        "       or m.startswith('clausemark.gui')]\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=CORE.parent, check=True)
    assert out.stdout.strip() == "", f"core pulled in: {out.stdout.strip()}"
