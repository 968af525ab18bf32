"""Theme suggestions: how fast the model trains on 10,000 tags, how fast a resolution gets its
suggestions, and what the model adds, measured on the hand labels (tests/core/labels).

Run: python -m pytest -s tests/bench/test_bench_suggest.py   (needs ../shared/corpus)
"""
import time
import zlib

from clausemark.core.library.suggestions import TrainingClause
from clausemark.core.parse.parser import parse_pdf
from clausemark.core.suggest import cues
from clausemark.core.suggest import model as suggest_model
from clausemark.core.suggest.model import ThemeModel
from clausemark.core.suggest.suggestions import suggest
from tests.core.suggest_eval import default_themes, evaluate, held_out_models, table


def _bench_clauses(bench_dir) -> list[TrainingClause]:
    """Every paragraph of the 200 bench resolutions, tagged for timing only: with the themes the
    rules suggest, and one more theme picked from a hash of its text (so that there are over
    10,000 tags). Not labels: only the amount of data matters here."""
    themes = default_themes()
    clauses = []
    for doc, path in enumerate(sorted(bench_dir.glob("*.pdf"))):
        resolution = parse_pdf(path)
        found = suggest(resolution, themes)
        for top in resolution.paragraphs:
            for p in top.walk():
                tagged = {s.theme_id for s in found.get(p.id, [])}
                tagged.add(themes[zlib.crc32(p.text.encode()) % 4].id)
                clauses.append(TrainingClause(len(clauses), doc, p.text, frozenset(tagged),
                                              frozenset()))
    return clauses


def test_training_time_on_10000_tags(bench_dir):
    clauses = _bench_clauses(bench_dir)
    tags = sum(len(c.tagged) for c in clauses)
    assert tags >= 10_000
    ids = {t.id for t in default_themes()}
    cold, warm = float("inf"), float("inf")
    for _ in range(3):  # cold: no word or clause seen before in this process
        suggest_model.clause_features.cache_clear()
        suggest_model._FEATURE_OF.clear()
        t = time.perf_counter()
        model = ThemeModel.train(clauses, ids)
        cold = min(cold, time.perf_counter() - t)
        t = time.perf_counter()  # warm: retraining after a few more tags, as the app does
        ThemeModel.train(clauses, ids)
        warm = min(warm, time.perf_counter() - t)
    assert model.themes
    print(f"\nmodel training: {tags} tags on {len(clauses)} clauses of 200 resolutions, "
          f"4 themes, with the self-check: cold {cold:.2f} s, retrain {warm:.2f} s "
          f"(best of 3; stemmer {type(cues._stemmer).__module__})")


def test_suggestion_time_per_resolution(dev_dir, bench_dir):
    themes = default_themes()
    files = sorted(bench_dir.glob("*.pdf"))[:50]
    resolutions = [parse_pdf(f) for f in files]
    paragraphs = sum(1 for r in resolutions for top in r.paragraphs for _ in top.walk())
    t = time.perf_counter()
    for r in resolutions:
        suggest(r, themes)
    rules = time.perf_counter() - t
    model = ThemeModel.train(_bench_clauses(bench_dir)[:3000], {t.id for t in themes})
    t = time.perf_counter()
    for r in resolutions:
        suggest(r, themes, model=model)
    with_model = time.perf_counter() - t
    print(f"\nsuggest on 50 resolutions ({paragraphs} paragraphs): rules {rules / 50 * 1000:.0f} "
          f"ms per resolution, with a model {with_model / 50 * 1000:.0f} ms per resolution")


def test_what_the_model_adds_on_the_hand_labels(dev_dir):
    """Leave one labelled resolution out: the model is trained on the labels of the others
    (as if the analyst had tagged them) and suggests for the one left out."""
    rules = evaluate(dev_dir)
    gated = evaluate(dev_dir, model_for=held_out_models(dev_dir))
    plain_models = held_out_models(dev_dir)

    def ungated(ls):  # the same model with its self-check switched off
        model = plain_models(ls)
        for nb in (model.models.values() if model else ()):
            nb.trusted = True
        return model

    forced = evaluate(dev_dir, model_for=ungated)
    print("\nrules only (cue phrases and clause context):\n" + table(rules))
    print("rules + model, as shipped (model speaks only after its self-check):\n" + table(gated))
    print("rules + model without the self-check:\n" + table(forced))
