"""Finding the earlier version a document updates: same title, most shared text, earlier."""
from __future__ import annotations

import pytest

from clausemark.core.compare.predecessor import best_predecessor, came_before, predecessors
from clausemark.core.errors import NotFoundError
from clausemark.core.library.importer import import_all
from clausemark.core.library.library import Library
from clausemark.core.library.records import DocumentInfo
from tests.core.library_helpers import fake_pdf, sample_resolution


def _info(symbol, adopted=None):
    return DocumentInfo(1, symbol, "t", None, None, None, adopted, None, None, None, 1, "x",
                        None, 1, "now")


@pytest.mark.parametrize("candidate,target,expected", [
    (("A/RES/78/187", "2023-12-19"), ("A/RES/80/190", "2025-12-15"), True),
    (("A/RES/80/190", "2025-12-15"), ("A/RES/78/187", "2023-12-19"), False),
    (("A/HRC/59/L.17", None), ("A/HRC/RES/59/25", "2025-07-08"), True),   # draft first
    (("A/HRC/RES/59/25", "2025-07-08"), ("A/HRC/59/L.17", None), False),
    (("A/C.3/80/L.52", None), ("A/RES/80/1", None), True),                 # same body, GA
    (("A/RES/80/1", None), ("A/RES/79/1", None), False),
])
def test_came_before(candidate, target, expected):
    assert came_before(_info(*candidate), _info(*target)) is expected


def test_same_title_most_recent_earlier_version_first(tmp_path):
    with Library(tmp_path / "p.clausemark") as lib:
        lib.add_resolution(sample_resolution("A/RES/76/100", "2021-12-16"), fake_pdf("76"))
        lib.add_resolution(sample_resolution("A/RES/78/217", "2023-12-19"), fake_pdf("78"))
        lib.add_resolution(sample_resolution("A/RES/80/217", "2025-12-15",
                                             extra=" by 2030"), fake_pdf("80"))
        other = sample_resolution("A/RES/79/5", "2024-10-01", title="Oceans and the law of "
                                                                    "the sea")
        for p in other.walk():
            p.text = "Decides to consider the law of the sea at its next session " + p.id
        lib.add_resolution(other, fake_pdf("79"))
        found = predecessors(lib, "A/RES/80/217")
        # Both earlier versions share all the text; the more recent comes first.
        assert [c.document.symbol for c in found] == ["A/RES/78/217", "A/RES/76/100"]
        assert found[0].title == 1.0 and found[0].overlap > 0.9
        assert best_predecessor(lib, "A/RES/80/217").symbol == "A/RES/78/217"
        with pytest.raises(NotFoundError, match="no earlier version of A/RES/76/100"):
            best_predecessor(lib, "A/RES/76/100")


@pytest.mark.corpus
def test_real_predecessors(tmp_path, dev_dir):
    names = ["mp_A_RES_78_187-EN.pdf", "mp_A_RES_80_190-EN.pdf", "aiun_A_HRC_59_L.17-EN.pdf",
             "aiun_A_HRC_RES_59_25-EN.pdf", "mp_A_RES_78_188-EN.pdf", "mp_A_RES_79_158-EN.pdf"]
    with Library(tmp_path / "r.clausemark") as lib:
        import_all(lib, [dev_dir / n for n in names], workers=1)
        assert best_predecessor(lib, "A/RES/80/190").symbol == "A/RES/78/187"
        assert best_predecessor(lib, "A/HRC/RES/59/25").symbol == "A/HRC/59/L.17"
        # The draft does not come from its own adopted text, nor the 2023 text from the 2025.
        assert predecessors(lib, "A/HRC/59/L.17") == []
        assert all(c.document.symbol != "A/RES/80/190"
                   for c in predecessors(lib, "A/RES/78/187"))
