"""A small tagged library for the report tests: three documents (two adopted, one draft), tags
with notes, a span tag, a paragraph with two themes and a sub-theme."""
from __future__ import annotations

import pytest

from clausemark.core.library.library import Library
from tests.core.library_helpers import fake_pdf, sample_resolution


def tagged_library(path) -> Library:
    lib = Library(path, author="M. Haddad")
    lib.add_resolution(sample_resolution(), fake_pdf("78/217"), filename="a_res_78_217.pdf")
    lib.add_resolution(sample_resolution("A/RES/79/300", "2024-12-17", "Migrants in 2024"),
                       fake_pdf("79/300"))
    lib.add_resolution(sample_resolution("A/C.3/80/L.52", None, "Draft on migrants"),
                       fake_pdf("draft"))
    lib.themes.add("child detention", parent="detention")
    lib.tags.add("A/RES/78/217", "OP2(b)", "detention", note="Key clause for the statement.")
    lib.tags.add("A/RES/78/217", "OP2(b)", "children")
    lib.tags.add("A/RES/78/217", "PP2", "child detention")
    lib.tags.add("A/RES/78/217", "OP2(a)", "consular rights", note="Compare with 77/1.\nAsk legal.")
    op1 = "Calls upon all States to lower the cost of remittances"
    lib.tags.add("A/RES/78/217", "OP1", "remittances", span=(op1.index("lower"), len(op1)))
    lib.tags.add("A/RES/79/300", "OP1", "remittances")
    lib.tags.add("A/RES/79/300", "PP1", "children")
    lib.tags.add("A/C.3/80/L.52", "OP2(b)", "detention", note="Draft: watch this one.")
    return lib


@pytest.fixture
def lib(tmp_path):
    """The tagged library, open; test modules import this fixture by name."""
    library = tagged_library(tmp_path / "r.clausemark")
    yield library
    library.close()
