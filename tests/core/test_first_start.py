"""A new library starts with the bundled sample resolutions; an existing one is left alone."""
from clausemark.core.library.first_start import is_new_library, seed_new_library
from clausemark.core.library.library import Library
from clausemark.resources import sample_pdfs


def test_samples_are_bundled_real_resolutions():
    assert len(sample_pdfs()) >= 3


def test_new_library_is_seeded_once(tmp_path):
    path = tmp_path / "first.clausemark"
    assert is_new_library(path)
    with Library(path) as lib:
        assert seed_new_library(lib) == len(sample_pdfs())
        symbols = {d.symbol for d in lib.documents()}
        assert {"A/RES/78/187", "A/RES/79/124", "A/RES/79/217"} <= symbols
        assert seed_new_library(lib) == 0  # not twice
    assert not is_new_library(path)
