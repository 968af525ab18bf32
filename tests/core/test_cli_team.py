"""`clausemark share` / `merge` / `reviews` as a user runs them: filters, JSON, dry run, and bad
shares (truncated, from a newer Clausemark, not a share) refused with one line and nothing
written; a SIGKILL during a merge leaves the library as before or as after, never between."""
import hashlib
import json
import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from clausemark.core.cli.main import main
from clausemark.core.library.library import Library
from clausemark.core.library.paths import save_settings
from tests.core.library_helpers import integrity_check
from tests.core.team_helpers import OTHER, big_share_pair, make_library, paragraphs, tag_all

pytestmark = [pytest.mark.corpus, pytest.mark.timeout(120)]
ROOT = Path(__file__).resolve().parents[2]
S_OLD, S_OTHER = "A/RES/78/187", "A/RES/78/188"


def run(capsys, *argv):
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture
def libs(tmp_path, dev_dir):
    a = make_library(tmp_path / "a.clausemark", dev_dir, "Amina")
    tag_all(a, S_OLD, paragraphs(a, S_OLD, 5), "detention")
    tag_all(a, S_OTHER, paragraphs(a, S_OTHER, 3), "children")
    a.close()
    b = make_library(tmp_path / "b.clausemark", dev_dir, "Ben")
    b.close()
    return tmp_path / "a.clausemark", tmp_path / "b.clausemark"


def digest(path: Path) -> str:
    with Library(path) as lib:  # checkpoints the WAL, so the main file holds everything
        lib.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_share_filters_and_merge_json(libs, tmp_path, capsys):
    a, b = libs
    save_settings({"analyst": "Amina"})  # the sender named in the share
    out = tmp_path / "only-children"
    code, text, err = run(capsys, "share", "--db", str(a), "--out", str(out), "--theme",
                          "children")
    assert code == 0 and not err and "3 tags on 1 documents" in text
    code, text, _ = run(capsys, "share", "--db", str(a), "--out", str(tmp_path / "s"),
                        "--symbol", S_OLD, "--since", "2000-01-01")
    assert code == 0 and "5 tags on 1 documents" in text
    code, text, err = run(capsys, "merge", "--db", str(b), str(out) + ".clausemark-share",
                          "--dry-run", "--json")
    data = json.loads(text)
    assert code == 0 and data["new"] == 3 and data["written"] is False and data["dry_run"]
    code, text, err = run(capsys, "merge", "--db", str(b), str(out) + ".clausemark-share",
                          "--json")
    assert json.loads(text)["written"] and json.loads(text)["new"] == 3
    code, text, _ = run(capsys, "merge", "--db", str(b), str(out) + ".clausemark-share")
    assert code == 0 and text.startswith("nothing to merge: 3 tags from Amina: 0 new, 3 already")


@pytest.mark.parametrize("args", [["--theme", "no such theme"], ["--since", "yesterday"],
                                  ["--symbol", "A/RES/1/1"]])
def test_bad_share_choices_are_one_line(libs, tmp_path, capsys, args):
    a, _ = libs
    code, text, err = run(capsys, "share", "--db", str(a), "--out", str(tmp_path / "x"), *args)
    assert code == 1 and err.count("\n") == 1 and "Traceback" not in err
    assert not list(tmp_path.glob("x*"))


def _newer(src: Path, dest: Path) -> Path:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dest, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item)
            if item.filename == "manifest.json":
                manifest = json.loads(data)
                manifest["format_version"] += 1
                data = json.dumps(manifest).encode()
            zout.writestr(item, data)
    return dest


def test_truncated_newer_and_foreign_shares_are_refused_and_nothing_is_written(libs, tmp_path,
                                                                               capsys):
    a, b = libs
    code, _, _ = run(capsys, "share", "--db", str(a), "--out", str(tmp_path / "s"),
                     "--with-documents")
    good = tmp_path / "s.clausemark-share"
    data = good.read_bytes()
    bad = {"truncated": data[: len(data) // 2], "cut": data[:-30], "empty": b"",
           "foreign": b"%PDF-1.7 not a share"}
    before = digest(b)
    for name, content in bad.items():
        path = tmp_path / f"{name}.clausemark-share"
        path.write_bytes(content)
        code, text, err = run(capsys, "merge", "--db", str(b), str(path))
        assert code == 1 and err.count("\n") == 1 and "Traceback" not in err, (name, err)
        assert "Nothing was merged" in err or "not a Clausemark share" in err, err
    newer = _newer(good, tmp_path / "newer.clausemark-share")
    code, _, err = run(capsys, "merge", "--db", str(b), str(newer))
    assert code == 1 and "newer Clausemark" in err and err.count("\n") == 1
    assert digest(b) == before
    # a member altered inside an intact zip fails its checksum
    altered = tmp_path / "altered.clausemark-share"
    with zipfile.ZipFile(good) as zin, zipfile.ZipFile(altered, "w") as zout:
        for item in zin.infolist():
            body = zin.read(item)
            zout.writestr(item, body.replace(b"Amina", b"Mallory") if item.filename ==
                          "share.json" else body)
    code, _, err = run(capsys, "merge", "--db", str(b), str(altered))
    assert code == 1 and "checksum" in err
    assert digest(b) == before


def test_reviews_command_lists_accepts_and_rejects(tmp_path, dev_dir, capsys):
    a = make_library(tmp_path / "a.clausemark", dev_dir, "Amina", files=(OTHER,))
    tag_all(a, S_OTHER, paragraphs(a, S_OTHER, 2), "children")
    a.close()
    c = make_library(tmp_path / "c.clausemark", dev_dir, "Chen", files=())
    c.close()
    run(capsys, "share", "--db", str(tmp_path / "a.clausemark"), "--out", str(tmp_path / "s"))
    code, text, _ = run(capsys, "merge", "--db", str(tmp_path / "c.clausemark"),
                        str(tmp_path / "s.clausemark-share"))
    assert "2 need review" in text and "2 wait for a document not here" in text
    code, text, _ = run(capsys, "reviews", "--db", str(tmp_path / "c.clausemark"), "--json")
    items = json.loads(text)
    assert [i["status"] for i in items] == ["missing", "missing"]
    code, text, err = run(capsys, "reviews", "--db", str(tmp_path / "c.clausemark"), "--accept",
                          str(items[0]["id"]))
    assert code == 1 and "import that document first" in err and err.count("\n") == 1
    code, text, _ = run(capsys, "reviews", "--db", str(tmp_path / "c.clausemark"), "--reject",
                        str(items[0]["id"]), "--json")
    assert len(json.loads(text)) == 1


CHILD = r"""
import sys
from clausemark.core.library.library import Library
from clausemark.core.team import merge_share, read_share
share = read_share(sys.argv[2])
lib = Library(sys.argv[1], author="receiver")
print("merging", flush=True)
merge_share(lib, share)
print("merged", flush=True)
"""


def test_sigkill_during_a_merge_leaves_before_or_after(tmp_path):
    """A share of 6,000 tags merged in a child killed at moments spread over the merge."""
    src, dest = big_share_pair(tmp_path, tags=6000)
    share = tmp_path / "big.clausemark-share"
    with Library(dest) as lib:
        before = lib.conn.execute("SELECT count(*) FROM tags").fetchone()[0]
        lib.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    pristine = dest.read_bytes()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    seen = {"before": 0, "after": 0}
    for i in range(6):
        dest.write_bytes(pristine)
        for extra in (dest.with_name(dest.name + "-wal"), dest.with_name(dest.name + "-shm")):
            extra.unlink(missing_ok=True)
        child = subprocess.Popen([sys.executable, "-c", CHILD, str(dest), str(share)],
                                 stdout=subprocess.PIPE, env=env)
        assert child.stdout.readline().strip() == b"merging"
        time.sleep(0.05 * i)
        child.send_signal(signal.SIGKILL)
        child.wait(30)
        with Library(dest) as lib:
            count = lib.conn.execute("SELECT count(*) FROM tags").fetchone()[0]
            shares = lib.conn.execute("SELECT count(*) FROM shares").fetchone()[0]
            assert integrity_check(lib) == "ok"
        assert (count, shares) in ((before, 0), (before + 6000, 1)), (i, count, shares)
        seen["before" if shares == 0 else "after"] += 1
    assert seen["before"] >= 1, seen  # at least one kill landed before the commit
    del src


def test_review_decisions_from_the_command_line_are_in_the_history(tmp_path, dev_dir, capsys):
    from tests.core.team_helpers import NEW, OLD
    a = make_library(tmp_path / "a.clausemark", dev_dir, "Amina", files=(OLD,))
    tag_all(a, S_OLD, paragraphs(a, S_OLD, 8), "children", note="Amina's")
    a.close()
    make_library(tmp_path / "c.clausemark", dev_dir, "Chen", files=(NEW,)).close()
    db = str(tmp_path / "c.clausemark")
    run(capsys, "share", "--db", str(tmp_path / "a.clausemark"), "--out", str(tmp_path / "s"))
    run(capsys, "merge", "--db", db, str(tmp_path / "s.clausemark-share"))
    _, text, _ = run(capsys, "reviews", "--db", db, "--json")
    items = json.loads(text)
    same = [i for i in items if i["status"] == "same"]
    changed = next(i for i in items if i["status"] == "changed")
    code, text, _ = run(capsys, "reviews", "--db", db, "--accept-unchanged", "--accept",
                        str(changed["id"]))
    assert code == 0 and f"accepted {len(same)} shared tags on unchanged paragraphs" in text
    other = next(i for i in items if i["status"] != "same" and i["id"] != changed["id"])
    code, _, _ = run(capsys, "reviews", "--db", db, "--reject", str(other["id"]))
    with Library(db) as lib:
        history = lib.history(limit=len(same) + 2)
        assert [h.action for h in history] == ["review_reject"] + ["review_accept"] * \
            (len(same) + 1)
        accepted = history[1]
        assert accepted.details["paragraph"] == changed["paragraph"] and \
            accepted.details["author"] == "Amina" and accepted.details["note"] == "Amina's"
        assert "A/RES/80/190" in accepted.summary and "from Amina accepted" in accepted.summary
        assert len(lib.tags.list()) == len(same) + 1
        assert {t.author for t in lib.tags.list()} == {"Amina"}
    code, _, err = run(capsys, "reviews", "--db", db, "--accept", str(changed["id"]))
    assert code == 1 and "no shared tag" in err and err.count("\n") == 1
