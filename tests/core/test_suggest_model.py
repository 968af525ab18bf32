"""The model learns from the analyst's own tags, and speaks only where it proved itself on the
analyst's other documents."""
import random

from clausemark.core.library.records import Theme
from clausemark.core.library.suggestions import TrainingClause
from clausemark.core.parse.model import Paragraph, Resolution
from clausemark.core.suggest.model import ThemeModel
from clausemark.core.suggest.suggestions import suggest

WATER = 7
FILLER = ["calls", "upon", "States", "to", "strengthen", "cooperation", "on", "trade", "statistics",
          "and", "development", "finance,", "fisheries,", "outer", "space,", "tuberculosis,",
          "elections,", "culture,", "tourism,", "debt,", "energy,", "science,", "sport,",
          "peacekeeping,", "forests", "and", "the", "rule", "of", "law"]


def clause(rng, topic: bool) -> str:
    words = rng.sample(FILLER, 12)
    if topic:
        words += rng.sample(["safe", "drinking", "water", "sanitation", "hygiene", "wells",
                             "water", "supply", "sanitation"], 5)
    rng.shuffle(words)
    return "Urges " + " ".join(words)


def library_clauses(documents: int, seed: int = 1, consistent: bool = True):
    rng = random.Random(seed)
    out = []
    for doc in range(documents):
        for i in range(30):
            topic = i % 5 == 0
            tagged = topic if consistent else rng.random() < 0.2
            out.append(TrainingClause(doc * 100 + i, doc, clause(rng, topic),
                                      frozenset({WATER} if tagged else ()), frozenset()))
    return out


WATER_THEME = Theme(id=WATER, name="water", colour="#0000FF", position=0, parent_id=None,
                    description="", retired=False, created="", cues=())


def test_a_theme_without_cues_is_learned_from_tags_in_several_documents():
    model = ThemeModel.train(library_clauses(6), {WATER})
    assert model.trusted(WATER)
    text = "Calls upon States to ensure safe drinking water and sanitation in schools"
    vote = model.predict(text)[WATER]
    assert vote.probability >= 0.9
    assert vote.reason.startswith("similar to ") and "you tagged" in vote.reason
    assert "water" in vote.reason or "sanitation" in vote.reason
    res = Resolution(symbol="A/RES/1/1", paragraphs=[
        Paragraph("OP1", "operative", "1", "OP 1", None, text),
        Paragraph("OP2", "operative", "2", "OP 2", None,
                  "Decides to strengthen cooperation on peacekeeping and elections")])
    got = suggest(res, [WATER_THEME], model=model)
    assert [(s.paragraph, s.theme, s.source) for v in got.values() for s in v] == [
        ("OP1", "water", "model")]


def test_the_model_is_silent_before_it_proved_itself():
    from dataclasses import replace
    one_document = ThemeModel.train([replace(c, document_id=0) for c in library_clauses(3)],
                                    {WATER})
    assert WATER in one_document.themes and not one_document.trusted(WATER)
    random_tags = ThemeModel.train(library_clauses(6, consistent=False), {WATER})
    assert not random_tags.trusted(WATER)
    too_few = ThemeModel.train(library_clauses(6)[:20], {WATER})
    assert WATER not in too_few.themes
    res = Resolution(symbol="A/RES/1/1", paragraphs=[
        Paragraph("OP1", "operative", "1", "OP 1", None, "Ensure safe drinking water")])
    assert suggest(res, [WATER_THEME], model=one_document) == {}


def test_rejections_count_against_the_theme():
    base = library_clauses(6)
    text = "Urges cooperation on water statistics and tourism"
    plain = ThemeModel.train(base, {WATER}).predict(text)[WATER].probability
    rejected = [TrainingClause(9000 + i, 50 + i, text, frozenset(), frozenset({WATER}))
                for i in range(3)]
    after = ThemeModel.train(base + rejected, {WATER}).predict(text)[WATER].probability
    assert after < plain
