"""A small per-theme model trained on the library's own tags: multinomial naive Bayes on the
stemmed content words of each clause, one yes/no model per theme. Pure Python (the stemmer runs
in C when PyStemmer is installed), trained in under a second on 10,000 tagged clauses; nothing
leaves the machine.

Training data are the paragraphs of the documents the analyst has tagged in: a paragraph tagged
with a theme is a positive example, any other paragraph of those documents is a negative one
(the analyst read it and did not tag it), and a rejected suggestion is a negative one for sure.
A theme gets a model only once it has MIN_POSITIVES tagged clauses.
"""
from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from clausemark.core.suggest.cues import WORD_RE, stem

MIN_POSITIVES = 8
MIN_NEGATIVES = 20
ALPHA = 0.5  # additive smoothing
# Words that carry no theme: function words and the resolution boilerplate around every clause.
STOP = frozenset(["a", "an", "the", "of", "and", "or", "to", "in", "on", "for", "by", "with", "as",
                  "at", "from", "that", "this", "these", "those", "its", "their", "his", "her",
                  "be", "is", "are", "was", "were", "been", "has", "have", "had", "it", "which",
                  "who", "whom", "such", "also", "all", "any", "other", "including", "inter",
                  "alia", "well", "including", "in", "particular", "especially", "upon", "into",
                  "within", "between", "through", "state", "member", "nation", "unit", "general",
                  "assembli", "resolut", "calls", "urg", "encourag", "recal", "reaffirm", "recogn",
                  "note", "not", "no", "further", "take", "measur", "ensur", "effect", "appropri",
                  "relev", "includ"])


def features(text: str, surface: dict[str, str] | None = None) -> list[str]:
    """Stemmed content words, each once (presence, not counts: a clause repeating "children"
    ten times is not ten times more about children). `surface` collects a written form per
    stem (for reasons the analyst can read)."""
    cache = _FEATURE_OF
    stems, words = [], []
    for word in WORD_RE.findall(text.lower()):
        s = cache.get(word, _MISSING)
        if s is _MISSING:
            s = cache[word] = _feature_of(word)
        if s is not None:
            stems.append(s)
            words.append(word)
    if surface is not None:
        for s, word in zip(stems, words):
            surface.setdefault(s, word)
    return list(dict.fromkeys(stems))


@lru_cache(maxsize=65_536)
def clause_features(text: str) -> tuple[str, ...]:
    """features(text), remembered: the app retrains on mostly the same clauses."""
    return tuple(features(text))


_MISSING = object()
_FEATURE_OF: dict[str, str | None] = {}  # word as written (lower case) -> its feature


def _feature_of(word: str) -> str | None:
    s = stem(word[:-2] if word.endswith(("'s", "’s")) else word)
    return s if len(s) > 2 and s not in STOP and not s.isdigit() else None


@dataclass(frozen=True)
class Vote:
    probability: float  # that the theme applies, by the model
    reason: str  # "similar to 12 clauses you tagged (detention, custody)"
    trusted: bool  # the model proved itself on the analyst's own documents (self-check)


class _ThemeNB:
    """Counts for one theme. Negative counts are all counts minus the positive ones (plus
    rejections once more), and log-ratios are computed on demand: training stays one pass, and
    a model with one document taken out (the self-check) costs nothing to make."""

    def __init__(self, every: Counter, pos: Counter, rejected: Counter, totals, vocab: int):
        self.every, self.pos, self.rejected, self.vocab = every, pos, rejected, vocab
        self.total_pos, self.total_neg = totals
        self.positive_features: list[list[str]] = []
        self._index: dict[str, list[int]] | None = None  # built on first use
        self.trusted = False

    def log_odds(self, feats, minus: tuple[Counter, Counter, int, int] | None = None):
        """Evidence for the theme (no class prior: how many clauses of a theme the analyst
        happened to tag says little about the next resolution). `minus` = (all counts,
        positive counts, positive total, negative total) of a document to take out."""
        m_all, m_pos, tp, tn = minus or (_EMPTY, _EMPTY, 0, 0)
        log_pos = math.log(self.total_pos - tp + ALPHA * self.vocab)
        log_neg = math.log(self.total_neg - tn + ALPHA * self.vocab)
        every, pos, rej = self.every, self.pos, self.rejected
        score, contributions = 0.0, []
        for f in feats:
            total = every.get(f, 0) - m_all.get(f, 0)
            if total <= 0:
                continue  # unseen words say nothing either way
            p = pos.get(f, 0) - m_pos.get(f, 0)
            n = total - p + rej.get(f, 0)
            r = math.log(p + ALPHA) - log_pos - math.log(n + ALPHA) + log_neg
            score += r
            contributions.append((r, f))
        # Naive Bayes grows over-confident with length: scale the evidence of a long clause
        # down to that of a typical one (40 known features).
        return score * min(1.0, 40 / max(len(contributions), 1)), contributions

    def similar(self, keys: list[str]) -> int:
        """How many tagged clauses share at least two of the clause's telling features."""
        if self._index is None:  # feature -> tagged clauses that have it
            self._index = {}
            for k, feats in enumerate(self.positive_features):
                for f in feats:
                    self._index.setdefault(f, []).append(k)
        hits = Counter(i for f in keys for i in self._index.get(f, ()))
        need = min(2, len(keys))
        return sum(1 for n in hits.values() if n >= need)


_EMPTY: Counter = Counter()


def _probability(score: float) -> float:
    return 1 / (1 + math.exp(-max(-30.0, min(30.0, score))))


class ThemeModel:
    """One naive Bayes model per theme with enough tagged clauses."""

    def __init__(self, models: dict[int, _ThemeNB]):
        self.models = models

    @property
    def themes(self) -> set[int]:
        return set(self.models)

    def trusted(self, theme_id: int) -> bool:
        return theme_id in self.models and self.models[theme_id].trusted

    @classmethod
    def train(cls, clauses, theme_ids=None) -> ThemeModel:
        """`clauses`: TrainingClause records (core/library/suggestions.py)."""
        docs = [(c.document_id, frozenset(c.tagged), frozenset(c.rejected),
                 clause_features(c.text)) for c in clauses if c.text]
        wanted = set(theme_ids) if theme_ids is not None else set().union(*(d[1] for d in docs))
        every = Counter()
        per_doc: dict[int, Counter] = {}
        for doc_id, _, _, feats in docs:
            every.update(feats)
            per_doc.setdefault(doc_id, Counter()).update(feats)
        grand_total = sum(len(d[3]) for d in docs)
        vocab = len(every) or 1
        models = {}
        for theme in wanted:
            positives = [i for i, d in enumerate(docs) if theme in d[1]]
            n_neg = len(docs) - len(positives)
            if len(positives) < MIN_POSITIVES or n_neg < MIN_NEGATIVES:
                continue
            pos, rejected = Counter(), Counter()
            for i in positives:
                pos.update(docs[i][3])
            for _, tagged, rej, feats in (d for d in docs if d[2]):
                if theme in rej and theme not in tagged:
                    rejected.update(feats)  # a rejection is a sure negative: counted twice
            total_pos = sum(len(docs[i][3]) for i in positives)
            nb = _ThemeNB(every, pos, rejected,
                          (total_pos, grand_total - total_pos + sum(rejected.values())), vocab)
            nb.positive_features = [docs[i][3] for i in positives]
            nb.trusted = _self_check(nb, theme, docs, per_doc, positives)
            models[theme] = nb
        return cls(models)

    def predict(self, text: str) -> dict[int, Vote]:
        surface: dict[str, str] = {}
        feats = features(text, surface)
        if not feats:
            return {}
        votes = {}
        for theme, nb in self.models.items():
            score, contributions = nb.log_odds(feats)
            telling = [f for r, f in sorted(contributions, reverse=True)[:5] if r > 0]
            words = [surface.get(f, f) for f in telling][:3]
            n = nb.similar(telling) if telling else 0
            reason = f"similar to {n} clause{'s' if n != 1 else ''} you tagged"
            if words:
                reason += f" ({', '.join(words)})"
            votes[theme] = Vote(_probability(score), reason, nb.trusted)
        return votes


CONFIDENT = 0.9  # the model says yes at or above this probability
TRUST_PRECISION = 0.85  # ... and is trusted when it was right this often on unseen documents
TRUST_SUPPORT = 5
CHECK_SAMPLE = 300  # tagged and untagged clauses checked per theme (keeps training fast)


def _self_check(nb: _ThemeNB, theme: int, docs, per_doc: dict[int, Counter],
                positives: list[int]) -> bool:
    """Leave one document out at a time: would the model's confident yes have been right on a
    document it had not seen? Trusted only if precise enough there; otherwise it stays silent
    (an analyst who tagged one kind of resolution should not get its words everywhere)."""
    if len(per_doc) < 2:
        return False
    pos_set = set(positives)
    negatives = [i for i in range(len(docs)) if i not in pos_set]
    pos_step = max(1, len(positives) // CHECK_SAMPLE)
    neg_step = max(1, len(negatives) // CHECK_SAMPLE)
    doc_pos: dict[int, Counter] = {}
    doc_pos_total: Counter = Counter()
    for i in positives:
        doc_id, _, _, feats = docs[i]
        doc_pos.setdefault(doc_id, Counter()).update(feats)
        doc_pos_total[doc_id] += len(feats)
    doc_total = {d: sum(c.values()) for d, c in per_doc.items()}
    right = wrong = 0.0
    for i, weight in [(i, pos_step) for i in positives[::pos_step]] + [
            (i, neg_step) for i in negatives[::neg_step]]:
        doc_id, tagged, _, feats = docs[i]
        tp = doc_pos_total[doc_id]
        minus = (per_doc[doc_id], doc_pos.get(doc_id, _EMPTY), tp, doc_total[doc_id] - tp)
        score, _ = nb.log_odds(feats, minus)
        if _probability(score) >= CONFIDENT:
            if i in pos_set:
                right += weight  # each checked clause stands for `weight` of its kind
            else:
                wrong += weight
    return right >= TRUST_SUPPORT and right / (right + wrong) >= TRUST_PRECISION
