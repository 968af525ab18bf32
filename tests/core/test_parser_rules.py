"""Unit rules of the parser that do not need the corpus."""
from clausemark.core.parse.blocks import SOFT, repair_hyphens
from clausemark.core.parse.metadata import detect_language, iso_date
from clausemark.core.parse.openings import fallback_opening, is_operative_opening
from clausemark.core.parse.tree import _next_letter, _next_roman


def test_line_end_hyphen_kept_for_compounds_and_dropped_for_split_words():
    texts = [f"non{SOFT}discrimination and recog{SOFT}nize", "we recognize non-discrimination"]
    assert repair_hyphens(texts)[0] == "non-discrimination and recognize"


def test_fallback_openings():
    assert fallback_opening("Recalling the provisions of the Charter") == "Recalling"
    assert fallback_opening("Noting with deep concern that") == "Noting with deep concern"
    assert fallback_opening("Calls upon all States to") == "Calls upon"
    assert fallback_opening("Takes note of the report") == "Takes note"
    assert fallback_opening("Also decides to") == "Also decides"
    assert fallback_opening("We, Heads of State") is None


def test_operative_or_preambular_opening():
    assert is_operative_opening("Decides") is True
    assert is_operative_opening("Also calls upon") is True
    assert is_operative_opening("Deeply concerned") is False
    assert is_operative_opening("Reiterating its commitment") is False
    assert is_operative_opening(None) is None


def test_letter_and_roman_sequences():
    assert _next_letter("a") == "b" and _next_letter("z") == "aa" and _next_letter("bb") == "cc"
    assert _next_roman("iii") == "iv"


def test_dates_and_language():
    assert iso_date("19 December 2023") == "2023-12-19"
    assert iso_date("31 February 2023") is None
    assert detect_language("the rights of the child and its protection to all") == "en"
    assert detect_language("Генеральная Ассамблея, ссылаясь на свои резолюции") == "ru"
