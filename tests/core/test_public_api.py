"""Each core package's public names (its __init__): all resolve, none is shadowed by a submodule,
and importing a package stays cheap (the modules behind the names load on first use)."""
import importlib
import pkgutil
import subprocess
import sys

import pytest

PACKAGES = ["library", "parse", "compare", "suggest", "reports", "cli"]


@pytest.mark.parametrize("name", PACKAGES)
def test_every_public_name_resolves(name):
    package = importlib.import_module(f"clausemark.core.{name}")
    assert package.__all__
    for public in package.__all__:
        assert getattr(package, public) is not None, public
        assert public in dir(package)
    with pytest.raises(AttributeError):
        package.no_such_name  # noqa: B018


@pytest.mark.parametrize("name", PACKAGES)
def test_no_public_name_is_also_a_submodule(name):
    package = importlib.import_module(f"clausemark.core.{name}")
    submodules = {m.name for m in pkgutil.iter_modules(package.__path__)}
    assert not submodules & set(package.__all__)


@pytest.mark.timeout(60)
def test_importing_the_packages_loads_no_heavy_library():
    code = ("import sys, clausemark.core.library, clausemark.core.parse, clausemark.core.compare, "
            "clausemark.core.suggest, clausemark.core.reports, clausemark.core.cli\n"
            "print(sorted(m for m in ('docx', 'pymupdf', 'rapidfuzz', 'sqlite_utils') "
            "if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
