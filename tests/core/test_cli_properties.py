"""Property: whatever the arguments and whatever the files they name, every command ends with
exit status 0, 1 or 2, at most two lines on stderr (parse and import: one per file named),
never a traceback (nor the catch-all
"internal error" line that stands in for one). Commands run in this process through the
command line's main function; generated files hold random bytes, a PDF header with junk, a real
sample resolution, or nothing."""
from __future__ import annotations

import contextlib
import io
import os
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clausemark.core.cli.main import main
from tests.core.library_helpers import library_with_document

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "resources" / "samples" / "A_RES_78_187.pdf"

COMMANDS = [["parse"], ["parse", "--json"], ["import"], ["documents"], ["documents", "--json"],
            ["search"], ["tag"], ["tag", "--remove"], ["tags"], ["tags", "--json"], ["themes"],
            ["themes", "add"], ["themes", "rename"], ["themes", "recolour"], ["themes", "move"],
            ["themes", "retire"], ["report"], ["compare"], ["predecessors"], ["suggest"],
            ["backup"], ["restore"], ["restore", "--list"], ["share"], ["merge"], ["reviews"],
            ["precedents"], ["references"], []]
OPTIONS = ["--json", "--theme", "--symbol", "--kind", "--year", "--limit", "--note", "--remove",
           "--format", "--out", "--title", "--since", "--until", "--matrix", "--parent",
           "--position", "--colour", "--workers", "--no-model", "--list", "--restore", "--db",
           "--description", "--help", "--version", "--dry-run", "--accept", "--reject",
           "--with-documents", "--text"]
WORDS = ["A/RES/78/217", "OP1", "PP2", "OP2(a)", "children", "detention", "Détention",
         "DÉTENTION", "remittances", "NOT", "OR", "migrants", "csv", "docx", "xlsx", "counts",
         "#C0392B", "2023", "2023-12-19", "1", "0", "-1", str(10**30), "", " ", "\x00",
         "\x1b[31m", "\ufffe", os.fsdecode(b"\xff\xfe"), "a" * 300, "é" * 200, "*", '"', "(",
         "-", "--"]
FILES = ["pdf", "junk", "empty", "sample", "folder", "library", "missing", "out.csv",
         "out.docx", "out.xlsx", "backup"]

text = st.text(min_size=0, max_size=40)
word = st.one_of(st.sampled_from(WORDS), st.sampled_from(OPTIONS), text,
                 st.sampled_from(FILES).map(lambda name: f"<{name}>"))


@pytest.fixture(scope="module")
def place(tmp_path_factory):
    root = tmp_path_factory.mktemp("props")
    db = root / "lib.clausemark"
    with library_with_document(db) as lib:
        lib.tags.add("A/RES/78/217", "OP1", "remittances", note="checked")
        lib.make_backup("manual")
    shutil.copy(SAMPLE, root / "sample.pdf")
    (root / "folder").mkdir()
    return root, db


def _resolve(argv: list[str], root: Path, contents: bytes) -> list[str]:
    names = {"pdf": root / "gen.pdf", "junk": root / "gen.bin", "empty": root / "empty.pdf",
             "sample": root / "sample.pdf", "folder": root / "folder",
             "library": root / "lib.clausemark", "missing": root / "missing" / "x.pdf",
             "backup": root / "backups"}
    (root / "gen.pdf").write_bytes(b"%PDF-1.7\n" + contents)
    (root / "gen.bin").write_bytes(contents)
    (root / "empty.pdf").write_bytes(b"")
    out = []
    for w in argv:
        if w.startswith("<") and w.endswith(">") and w[1:-1] in FILES:
            key = w[1:-1]
            out.append(str(names.get(key, root / "outputs" / key)))
        else:
            out.append(w)
    return out


def run(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(argv)
        except SystemExit as exc:  # argparse: usage errors (2), --help and --version (0)
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
    return code, out.getvalue(), err.getvalue()


@settings(max_examples=int(os.environ.get("CLAUSEMARK_PROPERTY_EXAMPLES", 120)),
          deadline=20_000, derandomize=bool(os.environ.get("CI")),
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(command=st.sampled_from(COMMANDS), words=st.lists(word, max_size=6),
       contents=st.binary(max_size=2000), with_db=st.booleans())
def test_every_command_answers_in_at_most_two_lines(place, command, words, contents, with_db):
    root, db = place
    (root / "outputs").mkdir(exist_ok=True)
    argv = _resolve([*command, *words], root, contents)
    if with_db:
        argv += ["--db", str(db)]
    code, _out, err = run(argv)
    assert code in (0, 1, 2), (argv, code, err)
    assert "Traceback" not in err, (argv, err)
    assert "internal error" not in err, (argv, err)
    # parse and import name each bad file on its own line (the documented contract)
    per_file = len(argv) - len(command) if command[:1] in (["parse"], ["import"]) else 0
    assert len(err.strip().splitlines()) <= max(2, per_file), (argv, err)


# Well-formed commands with generated values: they get past argparse into the commands.
T, N, F = "text", "number", "file"
TEMPLATES = [
    ["search", T, "--limit", N], ["search", T, "--theme", T, "--year", N],
    ["search", T, "--symbol", T, "--kind", T, "--json"], ["tag", T, T, T, "--note", T],
    ["tag", "A/RES/78/217", T, T, "--remove"], ["tags", "--theme", T, "--symbol", T],
    ["themes", "add", T, "--colour", T, "--parent", T], ["themes", "rename", T, T],
    ["themes", "recolour", T, T], ["themes", "move", T, "--position", N, "--parent", T],
    ["themes", "retire", T], ["report", "--out", F, "--theme", T, "--title", T],
    ["report", "--out", F, "--since", T, "--until", T, "--symbol", T],
    ["report", "--out", F, "--format", "csv", "--matrix", T],
    ["compare", F, F], ["compare", T, T, "--format", "docx", "--out", F],
    ["predecessors", T, "--limit", N], ["suggest", F], ["suggest", T, "--json"],
    ["restore", F], ["backup", "--out", F], ["import", F, "--workers", N], ["parse", F, "--json"],
    ["share", "--out", F, "--theme", T, "--since", T], ["merge", F, "--dry-run"], ["merge", F],
    ["reviews", "--accept", N], ["reviews", "--reject", N, "--json"],
    ["precedents", T, T, "--limit", N], ["precedents", "--text", T, "--json"],
    ["references", T, "--json"]]
values = {T: st.one_of(st.sampled_from(WORDS), text),
          N: st.one_of(st.integers(), st.sampled_from([0, -1, 2**63, 10**30])).map(str),
          F: st.sampled_from(FILES).map(lambda name: f"<{name}>")}


@st.composite
def well_formed(draw):
    template = draw(st.sampled_from(TEMPLATES))
    return [draw(values[w]) if w in values else w for w in template]


@settings(max_examples=int(os.environ.get("CLAUSEMARK_PROPERTY_EXAMPLES", 120)),
          deadline=20_000, derandomize=bool(os.environ.get("CI")),
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(argv=well_formed(), contents=st.binary(max_size=2000))
def test_well_formed_commands_with_any_values(place, argv, contents):
    root, db = place
    (root / "outputs").mkdir(exist_ok=True)
    argv = [*_resolve(argv, root, contents), "--db", str(db)]
    code, _out, err = run(argv)
    assert code in (0, 1, 2), (argv, code, err)
    assert "Traceback" not in err and "internal error" not in err, (argv, err)
    assert len(err.strip().splitlines()) <= 2, (argv, err)
