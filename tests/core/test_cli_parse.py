"""`clausemark parse` on the command line: JSON contract, JSON Lines, readable outline."""
import json
import subprocess
import sys


def run_cli(*args):
    return subprocess.run([sys.executable, "-m", "clausemark.core.cli.main", *map(str, args)],
                          capture_output=True, text=True, timeout=120)


def test_json_follows_the_design_contract(dev_dir):
    out = run_cli("parse", dev_dir / "mp_A_RES_78_187-EN.pdf", "--json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert set(data) == {"symbol", "title", "body", "session", "agenda_item", "adopted",
                         "meeting", "language", "pages", "paragraphs", "footnotes",
                         "document_type", "committee", "distributed", "sponsors", "original"}
    assert data["document_type"] == "resolution" and data["committee"] == "Third Committee"
    op = next(p for p in data["paragraphs"] if p["id"] == "OP1")
    assert set(op) == {"id", "kind", "number", "label", "opening", "text", "pages",
                       "footnote_refs", "boxes", "children"}
    assert op["label"] == "OP 1" and op["kind"] == "operative" and op["number"] == "1"
    for box in op["boxes"]:
        assert len(box) == 5 and box[0] in op["pages"] and box[1] < box[3] and box[2] < box[4]


def test_several_files_give_json_lines(dev_dir):
    names = ["mp_A_RES_78_186-EN.pdf", "aiun_S_RES_2768_2025-EN.pdf", "gate_A_RES_73_8-EN.pdf"]
    out = run_cli("parse", *[dev_dir / n for n in names], "--json")
    assert out.returncode == 0, out.stderr
    symbols = [json.loads(line)["symbol"] for line in out.stdout.splitlines()]
    assert symbols == ["A/RES/78/186", "S/RES/2768 (2025)", "A/RES/73/8"]


def test_outline_shows_labels_openings_and_first_words(dev_dir):
    out = run_cli("parse", dev_dir / "aiun_S_RES_2768_2025-EN.pdf")
    assert out.returncode == 0
    assert "S/RES/2768 (2025)" in out.stdout
    assert any(line.strip().startswith("OP 6") and "[Decides]" in line
               and "remain actively seized" in line for line in out.stdout.splitlines())
