"""Theme suggestions for the clauses of a resolution: proposals only, each with a reason.

Rules first: a theme is proposed when its cue phrases occur in what the clause itself asks or
states. A cue inside a title cited among other titles (the Convention on the Rights of the Child
in a list of treaties), inside an agenda item's title, in a passing list of groups ("women and
children"), as a hyphenated modifier ("child-sensitive") or as one short item of an enumeration
("education and child services, ...") counts a third: only a clause that comes back to the
subject in several different passing mentions gets it proposed. A clause that takes its subject
from another paragraph ("the missions mentioned in paragraph 2 above") takes that paragraph's
themes too.

Then, once the analyst has tagged enough clauses, a small model trained on the library's own
tags (core/suggest/model.py) adds its votes, but only for themes where it passed a self-check
on the analyst's own documents. Themes already on a clause, rejected for it, or
retired are never proposed.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from clausemark.core.library.records import Theme
from clausemark.core.parse.model import Resolution
from clausemark.core.suggest import clause_context as cc
from clausemark.core.suggest.cues import Cue, CueMatch, Token, compile_cues, find_cues, tokenize
from clausemark.core.suggest.model import CONFIDENT, ThemeModel

STRONG, INSTRUMENT, WEAK = 1.0, 1.0, 0.34  # three passing mentions add up to one
THRESHOLD = 1.0
LIST_OF_TITLES = 3  # this many titles in one enumeration make a list of instruments


@dataclass(frozen=True)
class Suggestion:
    paragraph: str  # paragraph id, e.g. "OP5(a)"
    theme_id: int
    theme: str
    score: float
    reason: str  # one line the analyst can read
    source: str  # "cues", "reference", "model", "cues+model"


@dataclass
class Evidence:
    """What one clause says about one theme."""
    score: float = 0.0
    strong: list[str] = field(default_factory=list)  # quoted words from the clause
    weak: list[str] = field(default_factory=list)
    reference: str | None = None  # label of the paragraph it refers to

    def reason(self) -> str:
        parts = []
        if self.strong:
            parts.append("cue phrases: " + ", ".join(f"“{w}”" for w in _unique(self.strong)))
        if self.reference:
            parts.append(f"refers to {self.reference}")
        if self.weak and not self.strong:
            parts.append("passing mentions: " + ", ".join(f"“{w}”" for w in _unique(self.weak)))
        return "; ".join(parts)


def _unique(words: list[str], limit: int = 4) -> list[str]:
    seen, out = set(), []
    for w in words:
        if w.lower() not in seen:
            seen.add(w.lower())
            out.append(w)
    return out[:limit] + (["…"] if len(out) > limit else [])


class ThemeCues:
    """A theme's compiled cues, and the stems of its single-word cues (its own groups)."""

    def __init__(self, theme: Theme):
        self.theme = theme
        phrases = [c.strip() for c in theme.cues]
        self.cues: list[Cue] = compile_cues(c for c in phrases if not c.startswith("-"))
        # "-arrest warrant": words that do not count even though a cue matches inside them
        self.exclusions: list[Cue] = compile_cues(c[1:] for c in phrases if c.startswith("-"))
        self.stems = {c.words[0][1] for c in self.cues if len(c.words) == 1}


def clause_evidence(text: str, themes: list[ThemeCues],
                    tokens: list[Token] | None = None) -> dict[int, Evidence]:
    """Evidence per theme id for one clause's text (themes without any mention are absent)."""
    tokens = tokenize(text) if tokens is None else tokens
    if not tokens:
        return {}
    ctx = cc.analyse(text, tokens)
    out: dict[int, Evidence] = {}
    for tc in themes:
        matches = find_cues(tokens, tc.cues)
        if matches and tc.exclusions:
            excluded = find_cues(tokens, tc.exclusions)
            matches = [m for m in matches if not any(
                x.first <= m.last and m.first <= x.last for x in excluded)]
        if not matches:
            continue
        ev = Evidence()
        weighed = [(m, *_weigh(text, tokens, ctx, m, tc.stems)) for m in matches]
        about = {id(t) for m, w, _ in weighed if w == INSTRUMENT
                 for t in [ctx.title_at(m.start, m.end)] if t is not None}
        for m, weight, surface in weighed:
            title = ctx.title_at(m.start, m.end)
            if title is not None and weight == INSTRUMENT:
                # In a list of titles, only a list mostly about the theme is about the theme:
                # not the Convention on the Rights of the Child among ten treaties.
                listed = ctx.enumeration(title)
                if len(listed) >= LIST_OF_TITLES and 2 * sum(
                        id(t) in about for t in listed) <= len(listed):
                    continue
            if weight >= STRONG:
                ev.strong.append(surface)
                ev.score += weight
            elif weight > 0 and surface.lower() not in {w.lower() for w in ev.weak}:
                ev.weak.append(surface)  # the same passing phrase again adds nothing
                ev.score += weight
        if ev.strong or ev.weak:
            out[tc.theme.id] = ev
    return out


def _weigh(text: str, tokens: list[Token], ctx: cc.ClauseContext, m: CueMatch,
           own_stems: set[str]) -> tuple[float, str]:
    surface = text[m.start:m.end]
    title = ctx.title_at(m.start, m.end)
    if cc.is_modifier(tokens, m.first, m.last):
        passing = surface + text[tokens[m.last].end:tokens[m.last + 1].end]
    elif cc.in_group_list(text, tokens, m.first, m.last, own_stems):
        passing = surface
    else:
        passing = None
    if title is not None:
        if title.agenda or passing:
            return 0.0, surface
        return INSTRUMENT, title.text
    if passing:
        return WEAK, passing
    if cc.in_enumeration(text, m.start):
        return WEAK, surface
    return STRONG, surface


def rule_evidence(resolution: Resolution, themes: list[Theme]) -> dict[str, dict[int, Evidence]]:
    """Evidence per paragraph id and theme id, cross-references followed."""
    compiled = [ThemeCues(t) for t in themes if t.cues]
    paragraphs = list(resolution.walk())
    by_id = {p.id: p for p in paragraphs}
    evidence = {p.id: clause_evidence(p.text or "", compiled) for p in paragraphs}
    for p in paragraphs:
        for ref in cc.cross_references(p.text or ""):
            target = evidence.get(ref)
            if not target or ref == p.id:
                continue
            for theme_id, ev in target.items():
                if ev.strong:  # only what the referred paragraph itself is about
                    mine = evidence[p.id].setdefault(theme_id, Evidence())
                    if mine.score < THRESHOLD:
                        mine.score += STRONG
                        mine.reference = by_id[ref].label
    return evidence


def suggest(resolution: Resolution, themes: list[Theme], *, model=None,
            skip: set[tuple[str, int]] = frozenset()) -> dict[str, list[Suggestion]]:
    """Suggestions per paragraph id, in document order. `skip` holds (paragraph id, theme id)
    pairs never to propose (already tagged, rejected). `model` is a trained ThemeModel or None."""
    live = [t for t in themes if not t.retired]
    evidence = rule_evidence(resolution, live)
    out: dict[str, list[Suggestion]] = {}
    for p in resolution.walk():
        found = []
        votes = model.predict(p.text or "") if model is not None else {}
        for theme in live:
            if (p.id, theme.id) in skip:
                continue
            s = _decide(p.id, theme, evidence[p.id].get(theme.id), votes.get(theme.id))
            if s is not None:
                found.append(s)
        if found:
            out[p.id] = found
    return out


def _decide(pid: str, theme: Theme, ev: Evidence | None, vote) -> Suggestion | None:
    """Combine the rules' evidence with the model's vote (a clausemark.core.suggest.model.Vote or None).
    An untrusted model (one that failed its self-check on the analyst's documents) is silent;
    a trusted one adds the clauses it is confident about and backs the rules' suggestions."""
    rule_score = ev.score if ev else 0.0
    trusted = vote is not None and vote.trusted
    if rule_score >= THRESHOLD:
        source = "reference" if ev.reference and not ev.strong else "cues"
        reason = ev.reason()
        if trusted and vote.probability >= 0.5:
            source, reason = "cues+model", f"{reason}; {vote.reason}"
        return Suggestion(pid, theme.id, theme.name, round(rule_score, 2), reason, source)
    if trusted and vote.probability >= CONFIDENT:
        rule_reason = ev.reason() if ev else ""
        reason = vote.reason + (f"; {rule_reason}" if rule_reason else "")
        return Suggestion(pid, theme.id, theme.name, round(rule_score + vote.probability, 2),
                          reason, "model" if not rule_score else "cues+model")
    return None


def suggest_for_document(lib, ref, *, use_model: bool = True,
                         model=None) -> dict[str, list[Suggestion]]:
    """Suggestions for a document in the library: its tagged themes and remembered rejections
    are skipped; the model is trained on the analyst's tags in the other documents (or given:
    `model`, e.g. trained in the background by the GUI)."""
    doc_id = lib.document_id(ref)
    resolution = lib.resolution(doc_id)
    themes = lib.themes.list(include_retired=False)
    skip = {(t.paragraph, t.theme_id) for t in lib.tags.list(document=doc_id) if t.span is None}
    skip |= {(pid, theme) for _, pid, theme in lib.suggestions.rejected(doc_id)}
    if model is None and use_model:
        model = train_model(lib, doc_id, themes)
    return suggest(resolution, themes, model=model if use_model else None, skip=skip)


def train_model(lib, exclude_document=None, themes=None):
    """The model on the analyst's tags outside `exclude_document`, or None if no theme has
    enough of them."""
    themes = themes if themes is not None else lib.themes.list(include_retired=False)
    model = ThemeModel.train(lib.suggestions.training_clauses(exclude_document=exclude_document),
                             {t.id for t in themes})
    return model if model.themes else None
