"""Crash safety: a child process tags paragraphs in a loop (or imports a folder of real
resolutions), reporting each committed change on stdout, and is killed with SIGKILL at random
moments. Afterwards every change it reported is in the file, no change is half-written, and
PRAGMA integrity_check is ok."""
import hashlib
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from clausemark.core.library.library import Library
from clausemark.core.parse.model import Paragraph, Resolution
from tests.child_output import ChildOutput
from tests.core.library_helpers import integrity_check

ROOT = Path(__file__).resolve().parents[2]
KILLS = 30
SYMBOL = "A/RES/99/1"

CHILD = r"""
import sys
from clausemark.core.library.library import Library
lib = Library(sys.argv[1], author="crash")
todo = [r[0] for r in lib.conn.execute(
    "SELECT pid FROM paragraphs p WHERE NOT EXISTS "
    "(SELECT 1 FROM tags t WHERE t.paragraph_id = p.id) ORDER BY position")]
print("ready", flush=True)
for i, pid in enumerate(todo):
    # two tags and a note in one transaction: all three must survive together, or none
    with lib.transaction():
        first = lib.tags.add("@SYMBOL@", pid, "children", note="n" + pid)
        lib.tags.add("@SYMBOL@", pid, "detention")
        lib.tags.set_note(first.id, "checked " + pid)
    print("saved", pid, flush=True)
""".replace("@SYMBOL@", SYMBOL)


def big_resolution(n: int) -> Resolution:
    return Resolution(symbol=SYMBOL, title="Crash test", pages=1, paragraphs=[
        Paragraph(f"PP{i}", "preambular", None, f"PP {i}", None, f"Paragraph {i} on migrants")
        for i in range(1, n + 1)])


@pytest.mark.slow
def test_reported_tags_survive_sigkill(tmp_path):
    path = tmp_path / "crash.clausemark"
    with Library(path) as lib:
        lib.add_resolution(big_resolution(20_000), b"%PDF crash test")
    # The first reopen backs the library up; done here, so that the kills land in the tagging
    # (a child killed during that backup would only make the next child back up again).
    Library(path).close()
    seed = int(os.environ.get("CLAUSEMARK_CRASH_SEED", time.time_ns() % 100_000))
    print(f"CLAUSEMARK_CRASH_SEED={seed}")  # shown with a failure: rerun with the same seed
    rng = random.Random(seed)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    reported: set[str] = set()
    killed_while_writing = 0
    for _ in range(KILLS):
        child = subprocess.Popen([sys.executable, "-c", CHILD, str(path)], cwd=ROOT, env=env,
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        output = ChildOutput(child)  # every line, also those behind the first one
        # Mostly while it writes (timed from its "ready", so a busy machine's slow start does
        # not eat the delay), sometimes while it opens the library.
        if rng.random() < 0.2:
            time.sleep(rng.uniform(0.02, 0.25))
        else:
            output.first_line(timeout=120)
            time.sleep(rng.uniform(0.05, 0.35))
        child.send_signal(signal.SIGKILL)
        out, err = output.finish(timeout=60)
        assert child.returncode == -signal.SIGKILL, f"child ended on its own: {err[-500:]}"
        saved = [line.split()[1] for line in out.splitlines() if line.startswith("saved ")]
        reported.update(saved)
        killed_while_writing += bool(saved)

        with Library(path) as lib:  # check after every kill, as the next analyst would
            assert integrity_check(lib) == "ok", f"seed {seed}"
            rows = lib.conn.execute(
                "SELECT p.pid, group_concat(th.name || ':' || t.note, '|') FROM tags t "
                "JOIN paragraphs p ON p.id = t.paragraph_id JOIN themes th ON th.id = t.theme_id "
                "GROUP BY p.pid").fetchall()
        stored = dict(rows)
        missing = reported - set(stored)
        assert not missing, f"seed {seed}: reported but lost: {sorted(missing)[:5]}"
        for pid, tags in stored.items():  # never half a transaction
            assert sorted(tags.split("|")) == [f"children:checked {pid}", "detention:"], \
                f"seed {seed}: partial write on {pid}: {tags}"
        # at most one change committed but not yet reported (killed between commit and print)
        assert len(stored) - len(reported) <= 1
        reported = set(stored)  # the unreported-but-committed one is now a stored tag
    assert killed_while_writing >= KILLS // 2, "the kills should mostly land while writing"
    assert len(reported) > KILLS


IMPORT_CHILD = r"""
import sys
from clausemark.core.library.importer import import_files
from clausemark.core.library.library import Library
lib = Library(sys.argv[1], author="crash")
print("ready", flush=True)
for event in import_files(lib, [sys.argv[2]], workers=int(sys.argv[3])):
    if event.kind == "file" and event.status == "imported":
        print("saved", event.path.name, flush=True)
print("finished", flush=True)
"""
IMPORT_KILLS = int(os.environ.get("CLAUSEMARK_IMPORT_KILLS", 12))


def _check_library(path, expected: dict, reported: set, seed: int) -> set:
    """Sound file, every reported document whole, none half-written; returns the stored names."""
    with Library(path) as lib:
        assert integrity_check(lib) == "ok", f"seed {seed}"
        conn = lib.conn
        conn.execute("INSERT INTO paragraphs_fts(paragraphs_fts) VALUES ('integrity-check')")
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == [], f"seed {seed}"
        stored = {}
        for doc_id, name, sha in conn.execute("SELECT id, filename, sha256 FROM documents"):
            paragraphs = conn.execute("SELECT count(*) FROM paragraphs WHERE document_id = ?",
                                      (doc_id,)).fetchone()[0]
            footnotes = conn.execute("SELECT count(*) FROM footnotes WHERE document_id = ?",
                                     (doc_id,)).fetchone()[0]
            pdf = lib.pdf_bytes(doc_id)
            stored[name] = (paragraphs, footnotes, hashlib.sha256(pdf).hexdigest() == sha)
        added = conn.execute("SELECT count(*) FROM history WHERE action = 'document_add'")
        assert added.fetchone()[0] == len(stored), f"seed {seed}: history out of step"
        tags = [(t.paragraph, t.theme, t.note) for t in lib.tags.list()]
    assert tags == [("PP1", "children", "before the crashes")], f"seed {seed}: tag lost"
    for name, got in stored.items():
        assert got == expected[name], f"seed {seed}: {name} is incomplete: {got} != {expected[name]}"
    missing = reported - set(stored)
    assert not missing, f"seed {seed}: reported imported but not in the library: {missing}"
    return set(stored)


@pytest.mark.slow
def test_import_killed_at_random_moments_leaves_whole_documents(tmp_path, dev_dir):
    from clausemark.core.parse.parser import parse_pdf

    folder = tmp_path / "incoming"
    folder.mkdir()
    expected = {}
    for pdf in sorted(dev_dir.glob("*.pdf")):
        try:
            res = parse_pdf(pdf)
        except Exception:
            continue
        (folder / pdf.name).write_bytes(pdf.read_bytes())
        expected[pdf.name] = (sum(1 for _ in res.walk()), len(res.footnotes), True)
    keep = min(expected)  # one document with a tag that every kill must leave alone

    def fresh_library(path):
        path.unlink(missing_ok=True)
        for suffix in ("-wal", "-shm"):
            path.with_name(path.name + suffix).unlink(missing_ok=True)
        with Library(path, author="crash") as lib:
            import_all_one(lib, folder / keep)
            lib.tags.add(lib.documents()[0].id, "PP1", "children", note="before the crashes")

    path = tmp_path / "import-crash.clausemark"
    fresh_library(path)
    seed = int(os.environ.get("CLAUSEMARK_CRASH_SEED", time.time_ns() % 100_000))
    print(f"CLAUSEMARK_CRASH_SEED={seed}")  # shown with a failure: rerun with the same seed
    rng = random.Random(seed)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    reported: set[str] = {keep}
    killed_mid_import = 0
    for _ in range(IMPORT_KILLS):
        workers = rng.choice((1, 1, 2))  # the in-process parser, and sometimes the pool
        child = subprocess.Popen([sys.executable, "-c", IMPORT_CHILD, str(path), str(folder),
                                  str(workers)], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE, text=True, start_new_session=True)
        output = ChildOutput(child)
        first = output.first_line(timeout=120)
        if first.strip() != "ready":
            child.kill()
            pytest.fail(f"seed {seed}: the child did not start: {first}{output.finish()[1]}")
        # Within the import's span: since the parser got faster (issue 13), a later kill often
        # found the import finished and tested nothing.
        time.sleep(rng.uniform(0.05, 1.2))
        child.send_signal(signal.SIGKILL)  # the app dies, not its pool workers
        try:  # they hold its stdout open: the pipe ends only when they have left too
            out, err = output.finish(timeout=30)
        except TimeoutError:
            os.killpg(child.pid, signal.SIGKILL)
            output.finish(timeout=30)
            pytest.fail(f"seed {seed}: parser workers outlived the killed app")
        saved = {line.split(" ", 1)[1] for line in out.splitlines() if line.startswith("saved ")}
        reported |= saved
        finished = "finished" in out
        killed_mid_import += not finished
        stored = _check_library(path, expected, reported, seed)
        if finished or stored == set(expected):  # all in: start over so kills keep landing
            fresh_library(path)
            reported = {keep}
    print(f"\nimport killed {killed_mid_import} times mid-import of {len(expected)} files "
          f"(seed {seed}); every reported document whole, no partial one")
    assert killed_mid_import >= IMPORT_KILLS // 2


def import_all_one(lib, path):
    from clausemark.core.library.importer import import_all
    summary = import_all(lib, [str(path)], workers=1)
    assert len(summary.imported) == 1
