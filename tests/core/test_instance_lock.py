"""A second app on the same library: it waits for the lock, and if the first keeps the library,
opens it read-only and says so; nothing it tries can change the file. Real processes."""
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from clausemark.core.errors import LibraryError
from clausemark.core.library.instance_lock import InstanceLock
from clausemark.core.library.library import Library
from tests.core.library_helpers import integrity_check, library_with_document

ROOT = Path(__file__).resolve().parents[2]

HOLDER = r"""
import sys, time
from clausemark.core.library.library import Library
lib = Library.open_for_app(sys.argv[1], wait=5)
lib.tags.add("A/RES/78/217", "OP1", "children", note="first window")
print("read-only" if lib.read_only else "open", flush=True)
hold = float(sys.argv[2])
time.sleep(hold)
lib.close()
print("closed", flush=True)
time.sleep(60)
"""


def hold(path, seconds: float) -> subprocess.Popen:
    child = subprocess.Popen([sys.executable, "-c", HOLDER, str(path), str(seconds)], cwd=ROOT,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = child.stdout.readline().strip()
    assert line == "open", line or child.stderr.read()
    return child


def stop(child: subprocess.Popen) -> None:
    child.send_signal(signal.SIGKILL)
    child.wait()


@pytest.fixture
def library(tmp_path):
    path = tmp_path / "shared.clausemark"
    library_with_document(path).close()
    return path


def test_second_instance_opens_read_only_says_so_and_changes_nothing(library):
    first = hold(library, 60)
    try:
        before = library.read_bytes()
        with Library.open_for_app(library, wait=0.3) as second:
            assert second.read_only
            assert "another Clausemark window" in second.read_only_reason
            assert [t.note for t in second.tags.list()] == ["first window"]  # reading works
            with pytest.raises(LibraryError, match="read-only.*nothing was changed"):
                second.tags.add("A/RES/78/217", "OP2", "detention")
            with pytest.raises(LibraryError, match="read-only"):
                second.themes.add("statelessness")
            with Library(library) as worker:  # e.g. the app's background import
                assert worker.read_only and "another Clausemark" in worker.read_only_reason
                with pytest.raises(LibraryError, match="read-only"):
                    worker.remove_document("A/RES/78/217")
        assert library.read_bytes() == before
        with Library(library) as after:  # the window closed: no longer held from here
            assert not after.read_only
    finally:
        stop(first)


def test_second_instance_waits_for_the_first_to_close(library):
    first = hold(library, 0.5)
    try:
        with Library.open_for_app(library, wait=20) as second:
            assert not second.read_only and second.read_only_reason is None
            second.tags.add("A/RES/78/217", "OP2", "detention")
        assert first.stdout.readline().strip() == "closed"  # it had finished before we wrote
    finally:
        stop(first)


def test_a_killed_first_instance_leaves_no_stale_lock(library):
    first = hold(library, 60)
    stop(first)  # SIGKILL: no chance to clean up
    with Library.open_for_app(library, wait=0) as lib:
        assert not lib.read_only
        assert integrity_check(lib) == "ok"
        assert [t.note for t in lib.tags.list()] == ["first window"]


def test_the_lock_is_released_on_close_and_on_a_failed_open(tmp_path, library):
    lib = Library.open_for_app(library)
    assert not InstanceLock(library).acquire(0)
    lib.close()
    other = InstanceLock(library)
    assert other.acquire(0)
    other.release()
    bad = tmp_path / "bad.clausemark"
    bad.write_text("not a library" * 100)
    with pytest.raises(LibraryError):
        Library.open_for_app(bad)
    assert InstanceLock(bad).acquire(0)
