"""Precision and recall of theme suggestions against the hand labels in tests/core/labels/."""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from clausemark.core.library.themes import default_themes
from clausemark.core.parse.parser import parse_pdf
from clausemark.core.suggest.suggestions import suggest

LABELS = Path(__file__).parent / "labels"
THEMES = ["children", "detention", "remittances", "consular rights"]


def load_labels() -> list[dict]:
    return [json.loads(p.read_text()) for p in sorted(LABELS.glob("*.json"))]


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


def evaluate(dev_dir: Path, label_sets=None, model_for=None, errors: list | None = None):
    """Scores per theme name over the labelled resolutions. `model_for(label_set)` may give a
    trained model for that resolution (trained without it)."""
    themes = default_themes()
    names = {t.id: t.name for t in themes}
    scores = {name: Score() for name in THEMES}
    for ls in label_sets or load_labels():
        resolution = parse_pdf(dev_dir / ls["file"])
        got = suggest(resolution, themes, model=model_for(ls) if model_for else None)
        for pid, truth in ls["labels"].items():
            proposed = {names[s.theme_id] for s in got.get(pid, [])}
            for name in THEMES:
                hit, want = name in proposed, name in truth
                s = scores[name]
                s.tp += hit and want
                s.fp += hit and not want
                s.fn += want and not hit
                if errors is not None and hit != want:
                    reason = next((x.reason for x in got.get(pid, []) if names[x.theme_id] == name), "")
                    errors.append((ls["symbol"], pid, name, "FP" if hit else "FN", reason))
    return scores


def table(scores) -> str:
    lines = [f"{'theme':<16} {'precision':>9} {'recall':>7}   tp  fp  fn"]
    for name, s in scores.items():
        lines.append(f"{name:<16} {s.precision:>9.3f} {s.recall:>7.3f} {s.tp:>4} {s.fp:>3} {s.fn:>3}")
    return "\n".join(lines)


def held_out_models(dev_dir: Path, label_sets=None):
    """model_for(label_set) for `evaluate`: a model trained on the hand labels of every OTHER
    labelled resolution, as if the analyst had tagged those (leave-one-resolution-out)."""
    from clausemark.core.library.suggestions import TrainingClause
    from clausemark.core.suggest.model import ThemeModel

    label_sets = label_sets or load_labels()
    ids = {t.name: t.id for t in default_themes()}
    clauses = {}
    for k, ls in enumerate(label_sets):
        resolution = parse_pdf(dev_dir / ls["file"])
        clauses[ls["file"]] = [
            TrainingClause(0, k, p.text or "", frozenset(ids[n] for n in ls["labels"][p.id]),
                           frozenset())
            for top in resolution.paragraphs for p in top.walk()]

    def model_for(ls):
        train = [c for name, cs in clauses.items() if name != ls["file"] for c in cs]
        model = ThemeModel.train(train, set(ids.values()))
        return model if model.themes else None
    return model_for
