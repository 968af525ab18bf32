"""Theme suggestions: how fast the model trains on 10,000 tags, how fast a resolution gets its
suggestions, and what the model adds, measured on the hand labels (tests/core/labels).

Run: packaging/dev.sh bench -k suggest   (needs ../shared/corpus). Quick mode (in the test run):
5 bench resolutions for training, 3 for suggesting, 3 labelled resolutions.
"""
import time
import zlib

from clausemark.core.library.suggestions import TrainingClause
from clausemark.core.parse.parser import parse_pdf
from clausemark.core.suggest import cues
from clausemark.core.suggest import model as suggest_model
from clausemark.core.suggest.model import ThemeModel
from clausemark.core.suggest.suggestions import suggest
from tests.bench.figures import record
from tests.core.suggest_eval import default_themes, evaluate, held_out_models, load_labels, table


def _bench_clauses(files) -> list[TrainingClause]:
    """Every paragraph of the 200 bench resolutions, tagged for timing only: with the themes the
    rules suggest, and one more theme picked from a hash of its text (so that there are over
    10,000 tags). Not labels: only the amount of data matters here."""
    themes = default_themes()
    clauses = []
    for doc, path in enumerate(files):
        resolution = parse_pdf(path)
        found = suggest(resolution, themes)
        for top in resolution.paragraphs:
            for p in top.walk():
                tagged = {s.theme_id for s in found.get(p.id, [])}
                tagged.add(themes[zlib.crc32(p.text.encode()) % 4].id)
                clauses.append(TrainingClause(len(clauses), doc, p.text, frozenset(tagged),
                                              frozenset()))
    return clauses


def test_training_time_on_10000_tags(bench, bench_dir):
    files = bench.files(bench_dir, quick=5)
    clauses = _bench_clauses(files)
    tags = sum(len(c.tagged) for c in clauses)
    assert tags >= bench.pick(10_000, len(clauses))
    ids = {t.id for t in default_themes()}
    cold, warm = float("inf"), float("inf")
    rounds = bench.pick(3, 1)
    for _ in range(rounds):  # cold: no word or clause seen before in this process
        suggest_model.clause_features.cache_clear()
        suggest_model._FEATURE_OF.clear()
        t = time.perf_counter()
        model = ThemeModel.train(clauses, ids)
        cold = min(cold, time.perf_counter() - t)
        t = time.perf_counter()  # warm: retraining after a few more tags, as the app does
        ThemeModel.train(clauses, ids)
        warm = min(warm, time.perf_counter() - t)
    assert model.themes
    print(f"\nmodel training: {tags} tags on {len(clauses)} clauses of {len(files)} resolutions, "
          f"4 themes, with the self-check: cold {cold:.2f} s, retrain {warm:.2f} s "
          f"(best of {rounds}; stemmer {type(cues._stemmer).__module__})")
    record(f"suggestion model: training on {tags:,} tags ({len(clauses):,} clauses, "
           f"{len(files)} resolutions), best of {rounds}",
           f"{cold:.2f} s cold, {warm:.2f} s retrain")


def test_suggestion_time_per_resolution(bench, dev_dir, bench_dir):
    themes = default_themes()
    files = bench.files(bench_dir, quick=3)[:50]
    n = len(files)
    resolutions = [parse_pdf(f) for f in files]
    paragraphs = sum(1 for r in resolutions for top in r.paragraphs for _ in top.walk())
    t = time.perf_counter()
    for r in resolutions:
        suggest(r, themes)
    rules = time.perf_counter() - t
    model = ThemeModel.train(_bench_clauses(bench.files(bench_dir, quick=5))[:3000],
                             {t.id for t in themes})
    t = time.perf_counter()
    for r in resolutions:
        suggest(r, themes, model=model)
    with_model = time.perf_counter() - t
    print(f"\nsuggest on {n} resolutions ({paragraphs} paragraphs): rules "
          f"{rules / n * 1000:.0f} ms per resolution, with a model {with_model / n * 1000:.0f} ms "
          "per resolution")
    record(f"theme suggestions for one resolution ({n} resolutions, {paragraphs:,} paragraphs)",
           f"{with_model / n * 1000:.0f} ms with a model", baseline=f"rules only "
           f"{rules / n * 1000:.0f} ms")


def _micro(scores) -> str:
    tp, fp, fn = (sum(getattr(s, k) for s in scores.values()) for k in ("tp", "fp", "fn"))
    return f"precision {tp / max(1, tp + fp):.3f}, recall {tp / max(1, tp + fn):.3f}"


def test_what_the_model_adds_on_the_hand_labels(bench, dev_dir):
    """Leave one labelled resolution out: the model is trained on the labels of the others
    (as if the analyst had tagged them) and suggests for the one left out."""
    labels = load_labels()[:bench.pick(None, 3)]
    rules = evaluate(dev_dir, labels)
    gated = evaluate(dev_dir, labels, model_for=held_out_models(dev_dir, labels))
    plain_models = held_out_models(dev_dir, labels)

    def ungated(ls):  # the same model with its self-check switched off
        model = plain_models(ls)
        for nb in (model.models.values() if model else ()):
            nb.trusted = True
        return model

    forced = evaluate(dev_dir, labels, model_for=ungated)
    print("\nrules only (cue phrases and clause context):\n" + table(rules))
    print("rules + model, as shipped (model speaks only after its self-check):\n" + table(gated))
    print("rules + model without the self-check:\n" + table(forced))
    what = f"theme suggestions on {len(labels)} hand-labelled resolutions, 4 themes pooled"
    record(f"{what}, rules + model as shipped (leave one resolution out)", _micro(gated),
           target="0.85 each (per theme: tests/core/test_suggest_labels.py)",
           baseline=f"rules only: {_micro(rules)}")
    record(f"{what}, rules + model without its self-check", _micro(forced),
           baseline=f"rules only: {_micro(rules)}")
