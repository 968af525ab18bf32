"""Schema v5 (team work): every theme and tag has a stable identity; the default themes have the
same one in every library, also in a library migrated from an older version."""
import pytest

from clausemark.core.library import schema
from clausemark.core.library.library import Library
from tests.core.library_helpers import library_with_document

pytestmark = pytest.mark.timeout(60)


def test_identities_are_given_and_defaults_agree_across_libraries(tmp_path):
    a = library_with_document(tmp_path / "a.clausemark", author="a")
    b = Library(tmp_path / "b.clausemark", author="b")
    old = tmp_path / "old.clausemark"
    schema.open_connection(old, target=schema.LATEST_VERSION - 1).close()
    c = Library(old)
    try:
        defaults = [{t.name: uid for t in lib.themes.list()
                     for tid, uid in lib.team.theme_uids().items() if tid == t.id}
                    for lib in (a, b, c)]
        assert defaults[0] == defaults[1] == defaults[2] and len(defaults[0]) == 4
        mine = a.themes.add("statelessness")
        theirs = b.themes.add("statelessness")
        uids = [lib.team.theme_uids()[t.id] for lib, t in ((a, mine), (b, theirs))]
        assert all(len(u) == 32 for u in uids) and uids[0] != uids[1]
        tag = a.tags.add("A/RES/78/217", "OP1", "statelessness")
        other = a.tags.add("A/RES/78/217", "OP2", "statelessness")
        tag_uids = a.team.tag_uids([tag.id, other.id])
        assert len(set(tag_uids.values())) == 2
        origin = a.team.origin(tag.id)
        assert origin.author == "a" and origin.share is None and origin.contributors == ()
    finally:
        for lib in (a, b, c):
            lib.close()
