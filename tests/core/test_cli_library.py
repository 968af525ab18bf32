"""The library commands as a user types them: output, JSON, exit status, one-line errors."""
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from clausemark.core.cli.main import main
from clausemark.core.library.library import Library
from tests.core.library_helpers import library_with_document

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "lib.clausemark"
    library_with_document(path, author="ana").close()
    return str(path)


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_db_before_or_after_the_command(capsys, db):
    for argv in (["--db", db, "documents", "--json"], ["documents", "--db", db, "--json"]):
        code, out, _ = run(capsys, *argv)
        assert code == 0
        assert [d["symbol"] for d in json.loads(out)] == ["A/RES/78/217"]


def test_environment_sets_the_default_library(capsys, db, monkeypatch):
    monkeypatch.setenv("CLAUSEMARK_DB", db)
    code, out, _ = run(capsys, "documents")
    assert code == 0 and "A/RES/78/217" in out and "Protection of migrants" in out


def test_documents_json_has_counts(capsys, db):
    run(capsys, "tag", "A/RES/78/217", "OP1", "remittances", "--db", db)
    _, out, _ = run(capsys, "documents", "--json", "--db", db)
    [doc] = json.loads(out)
    assert {k: doc[k] for k in ("symbol", "title", "adopted", "pages", "paragraphs", "tags")} == {
        "symbol": "A/RES/78/217", "title": "Protection of migrants", "adopted": "2023-12-19",
        "pages": 3, "paragraphs": 7, "tags": 1}


def test_search_json_and_text(capsys, db):
    code, out, _ = run(capsys, "search", '"detained"', "--json", "--db", db)
    assert code == 0
    [hit] = json.loads(out)
    assert {k: hit[k] for k in ("symbol", "id", "citation")} == {
        "symbol": "A/RES/78/217", "id": "OP2(a)", "citation": "A/RES/78/217, OP 2 (a)"}
    assert hit["text"] == "To ensure consular access for detained migrants"
    assert "[detained]" in hit["snippet"]
    _, out, _ = run(capsys, "search", "migrants", "--limit", "1", "--db", db)
    assert out.count("A/RES/78/217, ") == 1
    _, out, _ = run(capsys, "search", "migrants", "--theme", "detention", "--db", db)
    assert out.strip() == "no matches"
    run(capsys, "tag", "A/RES/78/217", "OP2(a)", "detention", "--db", db)
    _, out, _ = run(capsys, "search", "migrants", "--theme", "detention", "--symbol",
                    "A/RES/78/217", "--json", "--db", db)
    assert [h["id"] for h in json.loads(out)] == ["OP2(a)"]


def test_tag_note_remove_and_tags_listing(capsys, db):
    code, out, _ = run(capsys, "tag", "A/RES/78/217", "OP2(a)", "consular rights", "--note",
                       "VCCR art. 36", "--db", db)
    assert code == 0 and out.strip() == "tagged A/RES/78/217, OP 2 (a) with consular rights"
    code, out, _ = run(capsys, "tag", "A/RES/78/217", "OP2(a)", "consular rights", "--db", db)
    assert code == 0 and "already tagged" in out
    run(capsys, "tag", "A/RES/78/217", "OP2(a)", "consular rights", "--note", "changed",
        "--db", db)
    run(capsys, "tag", "A/RES/78/217", "PP2", "children", "--db", db)
    _, out, _ = run(capsys, "tags", "--json", "--db", db)
    tags = json.loads(out)
    assert [(t["symbol"], t["id"], t["citation"], t["theme"], t["note"]) for t in tags] == [
        ("A/RES/78/217", "PP2", "A/RES/78/217, PP 2", "children", ""),
        ("A/RES/78/217", "OP2(a)", "A/RES/78/217, OP 2 (a)", "consular rights", "changed")]
    assert all(t["author"] and t["created"] for t in tags)
    _, out, _ = run(capsys, "tags", "--theme", "children", "--db", db)
    assert out.startswith("A/RES/78/217, PP 2  [children]")
    code, out, _ = run(capsys, "tag", "A/RES/78/217", "PP2", "children", "--remove", "--db", db)
    assert code == 0 and out.strip() == "removed children from A/RES/78/217, PP 2"
    code, _, err = run(capsys, "tag", "A/RES/78/217", "PP2", "children", "--remove", "--db", db)
    assert code == 1 and err.count("\n") == 1 and "not tagged" in err


@pytest.mark.parametrize("argv, message", [
    (["tag", "A/RES/1/1", "OP1", "children"], "no document A/RES/1/1"),
    (["tag", "A/RES/78/217", "OP42", "children"], "has no paragraph OP42"),
    (["tag", "A/RES/78/217", "OP1", "weather"], "no theme 'weather'"),
    (["themes", "add", "detention"], "already exists"),
    (["themes", "recolour", "children", "blue"], "not a colour"),
    (["themes", "rename", "nothing", "x"], "no theme"),
    (["search", "x", "--theme", "weather"], "no theme"),
    (["search", "x", "--limit", "0"], "--limit"),
])
def test_bad_input_is_one_line_and_non_zero(capsys, db, argv, message):
    code, out, err = run(capsys, *argv, "--db", db)
    assert code == 1
    assert err.startswith("clausemark: ") and err.count("\n") == 1 and message in err
    assert "Traceback" not in err


def test_missing_library_is_an_error_for_reading_commands(capsys, tmp_path):
    path = tmp_path / "typo.clausemark"
    code, _, err = run(capsys, "documents", "--db", str(path))
    assert code == 1 and "no such library" in err and not path.exists()


def test_themes_list_and_edits(capsys, db):
    run(capsys, "themes", "add", "statelessness", "--colour", "#123456", "--parent", "children",
        "--description", "nationality", "--db", db)
    run(capsys, "themes", "rename", "detention", "custody", "--db", db)
    run(capsys, "themes", "recolour", "custody", "#ABCDEF", "--db", db)
    run(capsys, "tag", "A/RES/78/217", "OP2(b)", "custody", "--db", db)
    code, out, _ = run(capsys, "themes", "retire", "custody", "--db", db)
    assert code == 0 and "its 1 tags are kept" in out
    run(capsys, "themes", "move", "consular rights", "--position", "1", "--db", db)
    _, out, _ = run(capsys, "themes", "--json", "--db", db)
    themes = {t["name"]: t for t in json.loads(out)}
    assert list(themes) == ["consular rights", "children", "statelessness", "custody",
                            "remittances"]
    assert themes["statelessness"]["depth"] == 1 and themes["statelessness"]["colour"] == "#123456"
    assert themes["custody"]["retired"] and themes["custody"]["colour"] == "#ABCDEF"
    assert themes["custody"]["tag_count"] == 1
    # Each theme keeps its key through the add, rename, retire and move; the new one took 5.
    assert {n: t["key"] for n, t in themes.items()} == {
        "consular rights": 4, "children": 1, "statelessness": 5, "custody": 2, "remittances": 3}
    code, out, _ = run(capsys, "themes", "key", "statelessness", "2", "--db", db)
    assert code == 0 and "taken from custody" in out
    code, _, err = run(capsys, "themes", "key", "statelessness", "12", "--db", db)
    assert code != 0 and "1 to 9" in err
    _, out, _ = run(capsys, "themes", "--json", "--db", db)
    assert {t["name"]: t["key"] for t in json.loads(out)}["custody"] is None
    _, out, _ = run(capsys, "themes", "--db", db)
    assert "custody" in out and "(retired)" in out
    run(capsys, "themes", "retire", "custody", "--restore", "--db", db)
    with Library(db) as lib:
        assert not lib.themes.get("custody").retired
        assert [t.theme for t in lib.tags.list()] == ["custody"]


def test_import_summary_and_exit_status(capsys, dev_dir, tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    for name in ("mp_A_RES_78_186-EN.pdf", "gate_A_RES_73_8-EN.pdf"):
        shutil.copy(dev_dir / name, src / name)
    db = str(tmp_path / "new.clausemark")
    code, out, err = run(capsys, "import", str(src), "--db", db)
    assert code == 0 and out.startswith("imported 2 (")
    assert "already present 0, failed 0" in out
    (src / "broken.pdf").write_bytes(b"%PDF-1.4 truncated")
    code, out, err = run(capsys, "import", str(src), "--db", db)
    assert code == 1
    assert "imported 0 (0 pages), already present 2, failed 1" in out
    assert err.count("\n") == 1 and "broken.pdf" in err


def test_installed_entry_point_prints_no_traceback(tmp_path):
    """The real command in a fresh process: bad input gives one line and exit 1."""
    out = subprocess.run([sys.executable, "-m", "clausemark.core.cli.main", "tag", "X", "Y", "Z", "--db",
                          str(tmp_path / "none.clausemark")], cwd=ROOT, capture_output=True,
                         text=True)
    assert out.returncode == 1
    assert out.stderr.count("\n") == 1 and "Traceback" not in out.stderr


def test_import_draws_a_progress_bar_on_a_terminal(capsys, dev_dir, tmp_path, monkeypatch):
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    code, out, err = run(capsys, "import", str(dev_dir / "mp_A_RES_78_186-EN.pdf"),
                         str(dev_dir / "gate_A_RES_73_8-EN.pdf"), "--db",
                         str(tmp_path / "bar.clausemark"))
    assert code == 0 and out.startswith("imported 2")
    assert "\r[" in err and "2/2 files" in err and "#" * 30 in err
