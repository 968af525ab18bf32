"""Suggestions against hand labels of real resolutions (tests/core/labels, rules in its README).
Prints precision and recall per theme; targets: both at least 0.85 for each default theme."""
import pytest

from clausemark.core.parse.parser import parse_pdf
from tests.core.suggest_eval import THEMES, evaluate, load_labels, table


def test_the_labels_cover_every_paragraph_of_at_least_four_resolutions(dev_dir):
    label_sets = load_labels()
    assert len(label_sets) >= 4
    for ls in label_sets:
        resolution = parse_pdf(dev_dir / ls["file"])
        ids = [p.id for top in resolution.paragraphs for p in top.walk()]
        assert list(ls["labels"]) == ids, ls["file"]
        assert all(set(v) <= set(THEMES) for v in ls["labels"].values())
    for theme in THEMES:  # every theme has clauses to find
        assert sum(theme in v for ls in label_sets for v in ls["labels"].values()) >= 5


def test_precision_and_recall_per_theme_reach_the_targets(dev_dir):
    errors = []
    scores = evaluate(dev_dir, errors=errors)
    print("\n" + table(scores))
    for e in errors:
        print("  ", *e)
    for theme, s in scores.items():
        assert s.precision >= 0.85, theme
        assert s.recall >= 0.85, theme


@pytest.mark.parametrize("symbol", ["A/RES/79/124", "A/RES/79/172"])
def test_no_theme_is_proposed_where_the_resolution_has_none(dev_dir, symbol):
    ls = next(ls for ls in load_labels() if ls["symbol"] == symbol)
    scores = evaluate(dev_dir, [ls])
    for theme, s in scores.items():
        if s.tp + s.fn == 0:
            assert s.fp == 0, theme
