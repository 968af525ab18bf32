"""Offline guarantee: the main flows (import, tag, search, report, compare, suggest, backup) run
with sockets disabled, and no module of the app imports a network library."""
import ast
import socket
from pathlib import Path

import pytest

from clausemark.core.cli.main import main as cli_main
from clausemark.core.library.importer import import_all
from clausemark.core.library.library import Library
from clausemark.resources import sample_pdfs

ROOT = Path(__file__).resolve().parents[2]
NETWORK_MODULES = {"socket", "ssl", "urllib.request", "urllib3", "http.client", "requests",
                   "httpx", "aiohttp", "ftplib", "smtplib", "webbrowser", "xmlrpc.client",
                   "PySide6.QtNetwork", "PySide6.QtWebEngineCore", "PySide6.QtWebEngineWidgets"}


def test_the_guard_refuses_connections_and_records_hidden_ones(no_network):
    with pytest.raises(OSError, match="offline"):
        socket.create_connection(("example.org", 80), timeout=1)
    assert no_network == []  # refused before the attempt reached the socket layer
    raw = socket.socket.__mro__[1]()  # the C socket, past the monkeypatch
    try:
        with pytest.raises(OSError):
            raw.connect(("127.0.0.1", 9))
    finally:
        raw.close()
    assert [event for event, _ in no_network] == ["socket.connect"]  # seen by the audit hook
    no_network.clear()


def test_main_flows_with_sockets_disabled(no_network, tmp_path, capsys):
    path = tmp_path / "offline.clausemark"
    with Library(path) as lib:
        summary = import_all(lib, [str(p) for p in sample_pdfs()], workers=1)
        assert len(summary.imported) == 3
        doc = lib.documents()[0]
        tag = lib.tags.add(doc.id, "OP1", "children", note="offline")
        assert lib.search.paragraphs("children", theme="children")
        assert lib.tags.list(theme="children") == [tag]
        lib.make_backup()
    # the same through the command line, as an analyst types it
    db = ["--db", str(path)]
    assert cli_main(["search", "migration", *db]) == 0
    assert cli_main(["tag", doc.symbol, "OP2", "detention", *db]) == 0
    assert cli_main(["tags", "--json", *db]) == 0
    assert cli_main(["themes", *db]) == 0
    assert cli_main(["backup", *db]) == 0
    assert cli_main(["report", "--theme", "children", "--out", str(tmp_path / "r.csv"), *db]) == 0
    assert cli_main(["report", "--out", str(tmp_path / "brief.docx"), *db]) == 0
    assert cli_main(["compare", "A/RES/78/187", "A/RES/79/217", "--json", *db]) == 0
    assert cli_main(["predecessors", "A/RES/79/217", *db]) == 0
    assert cli_main(["suggest", "A/RES/79/217", "--json", *db]) == 0
    assert "offline" in (tmp_path / "r.csv").read_text(encoding="utf-8-sig")
    assert (tmp_path / "brief.docx").stat().st_size > 0
    assert "detention" in capsys.readouterr().out


def _imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
            names.update(f"{node.module}.{a.name}" for a in node.names)
    return names


def test_no_module_of_the_app_imports_a_network_library():
    offenders = {}
    for folder in ("core", "gui", "resources"):
        for path in (ROOT / folder).rglob("*.py"):
            used = {n for n in _imports(path)
                    if n in NETWORK_MODULES or n.split(".")[0] in NETWORK_MODULES}
            if used:
                offenders[str(path.relative_to(ROOT))] = sorted(used)
    assert not offenders, f"network libraries imported: {offenders}"
