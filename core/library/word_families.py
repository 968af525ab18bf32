"""Word families for search: "detained" also finds "detention" and "detainees", "migrants" finds
"migration" and "migratory", but "nation" never finds "national" nor "state" "statement".

The search index keeps words as written; a query word is widened to the words of its family
found in the library's own vocabulary (`family(word, vocabulary)`, vocabulary = word -> number
of paragraphs holding it). Two steps, both plain English spelling rules:
- inflection: -s/-es/-ies, -ed/-ied, -ing, children/women/men (kept only when another word of the
  library confirms the stem, so "during" is not "dur" + -ing);
- derivation: -ion (with the alternations detain/detention, decide/decision, include/inclusion,
  reduce/reduction, expel/expulsion), -ate/-ation/-ant/-ator/-atory (migrate, migration,
  migrant, migratory), -ee, -er/-or, -ment, -al, -ance/-ence, -ity, -ness, -ar (consul/consular).
A derived word joins its base only when the base is used as a verb in the library (its -ed/-ing
forms are at least half as common as its bare/-s forms): "detained" makes "detention" a
detaining, while "States" (rarely "stated") keeps "statement" apart, "nation" keeps "national"
apart and "work" keeps "workers" apart. -ee and -er never double a consonant (commit is not
committee). Where the library has a word both with and without a final e (note/not, unite/unit,
plane/plan), the two stay apart, each with its own forms. Families are computed per word on
demand; the caller caches them."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

IRREGULAR = {"children": "child", "women": "woman", "men": "man"}
VOWELS = set("aeiouy")
VERB_RATIO = 0.5  # -ed/-ing forms per bare/-s form for a base to count as a verb

# (suffix of the normalised lemma, what replaces it, class, shortest root kept), longest first.
# Normalised: one final e dropped, final y -> i, so "ance" is "anc", "ee" is "e", "ity" "iti".
DERIVATIONS = (
    ("ification", "ifi", "ion", 3), ("abiliti", "abl", "ity", 3), ("ibiliti", "ibl", "ity", 3),
    ("ulsion", "el", "ion", 3), ("uction", "uc", "ion", 3), ("ention", "ain", "ion", 3),
    ("ision", "id", "ion", 3), ("usion", "ud", "ion", 3), ("ation", "", "at", 3),
    ("aliti", "al", "ity", 3), ("ariti", "ar", "ity", 3), ("iciti", "ic", "ity", 3),
    ("ositi", "ous", "ity", 3), ("iviti", "iv", "ity", 3), ("atori", "", "at", 3),
    ("ator", "", "at", 3), ("ment", "", "ment", 4), ("ness", "", "ness", 4), ("ion", "", "ion", 4),
    ("anc", "", "anc", 5), ("enc", "", "anc", 5), ("ant", "", "at", 3), ("at", "", "at", 3),
    ("al", "", "al", 5), ("er", "", "er", 4), ("or", "", "er", 4), ("ar", "", "ar", 4),
    ("e", "", "ee", 4),
)
VERB_BASED = {"ion", "ment", "anc", "al", "er", "ee"}  # the base must be a verb
NO_DOUBLING = {"ee", "er"}  # committee is not commit+ee, nor a letter a let-er


def normalise(stem: str) -> str:
    """The spelling key of a stem: one final e dropped, y -> i, a doubled final consonant
    single ("committ" -> "commit", "party" -> "parti"); traffick/traffic: see Families."""
    if stem.endswith("e") and len(stem) > 3:
        stem = stem[:-1]
    if stem.endswith("y") and len(stem) > 3:
        stem = stem[:-1] + "i"
    if len(stem) > 3 and stem[-1] == stem[-2] and stem[-1] not in VOWELS:
        stem = stem[:-1]
    return stem


def _has_vowel(stem: str) -> bool:
    return any(c in VOWELS for c in stem)


@dataclass(frozen=True)
class Inflected:
    lemma: str  # normalised stem ("detain" for "detained")
    form: str  # "", "s", "ed" or "ing"
    # Whether the stem as spelled ended in "e" (note, notes: True; not, units: False); for
    # -ed/-ing None, or False when a doubled consonant shows the e-less word (planned).
    final_e: bool | None = None


def inflect(word: str) -> Inflected:
    """The word's stem and inflection, by spelling alone (the library confirms it later)."""
    if word in IRREGULAR:
        return Inflected(normalise(IRREGULAR[word]), "s", False)
    for suffix, form, keep in (("ies", "s", "y"), ("ied", "ed", "y"), ("ing", "ing", ""),
                               ("ed", "ed", "")):
        stem = word[:-len(suffix)] + keep if word.endswith(suffix) else ""
        if len(stem) >= 3 and _has_vowel(stem):
            doubled = len(stem) > 3 and stem[-1] == stem[-2] and stem[-1] not in VOWELS
            return Inflected(normalise(stem), form, False if doubled or keep else None)
    if word.endswith("es") and word[:-2].endswith(("s", "x", "z", "ch", "sh")) and len(word) > 4:
        return Inflected(normalise(word[:-2]), "s", False)
    if word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3:
        return Inflected(normalise(word[:-1]), "s", word[-2] == "e")
    return Inflected(normalise(word), "", word.endswith("e"))


E_WORD = "+e"  # marks the lemma of the e-word where dropping the e would join two words


def _split_final_e(inflected: dict[str, Inflected]) -> None:
    """"note" and "not", "unite" and "unit", "plane" and "plan" share a normalised lemma; when
    the library has both bare words, the e-word and its forms (notes, noted, noting) get a lemma
    of their own. An -ed/-ing form goes with the e-word unless a doubled consonant says
    otherwise (planned is plan's, united is unite's)."""
    bare: dict[str, set[bool]] = {}
    for inf in inflected.values():
        if inf.form in ("", "s") and inf.final_e is not None:
            bare.setdefault(inf.lemma, set()).add(inf.final_e)
    for word, inf in inflected.items():
        if bare.get(inf.lemma) == {True, False} and inf.final_e is not False:
            inflected[word] = Inflected(inf.lemma + E_WORD, inf.form, inf.final_e)


def derive(lemma: str) -> tuple[str, str | None]:
    """(root, class) of a lemma by one derivational suffix, or (lemma, None)."""
    for suffix, replacement, cls, shortest in DERIVATIONS:
        if lemma.endswith(suffix):
            root = lemma[:-len(suffix)] + replacement
            if len(root) < shortest or not _has_vowel(root):
                continue
            if cls in NO_DOUBLING and len(root) > 2 and root[-1] == root[-2]:
                return lemma, None
            root = normalise(root) if replacement == "" else root
            if cls == "er" and root.endswith("ck"):
                root = root[:-1]  # a trafficker traffics
            return root, cls
    return lemma, None


class Families:
    """Families over one vocabulary (word -> paragraphs holding it): a candidate set of words
    that share their first letters with the query word (see `scan_prefixes`)."""

    def __init__(self, vocabulary: Mapping[str, int]):
        self.vocabulary = dict(vocabulary)
        self.inflected = {w: inflect(w) for w in self.vocabulary}
        for word, inf in list(self.inflected.items()):  # trafficking -> traffic, not track -> trac
            if inf.lemma.endswith("ck") and inf.lemma[:-1] in self.vocabulary \
                    and inf.lemma not in self.vocabulary:
                self.inflected[word] = Inflected(inf.lemma[:-1], inf.form, inf.final_e)
        _split_final_e(self.inflected)
        self.by_lemma: dict[str, list[str]] = {}
        self._verbs: dict[tuple, bool] = {}
        self._root_counts: dict[str, int] | None = None  # made on first need
        self._by: tuple[dict[str, set[str]], dict[str, set[str]]] | None = None
        for word, inf in self.inflected.items():
            self.by_lemma.setdefault(inf.lemma, []).append(word)

    def _verbal(self, lemma: str, *, forms=("ed", "ing")) -> bool:
        """The lemma is used as a verb: its -ed/-ing forms at least VERB_RATIO of the rest."""
        key = (lemma, forms)
        if key not in self._verbs:
            self._verbs[key] = self._count_verbal(lemma, forms)
        return self._verbs[key]

    def _count_verbal(self, lemma: str, forms: tuple[str, ...]) -> bool:
        verbal = nominal = 0
        for word in self.by_lemma.get(lemma, ()):
            if self.inflected[word].form in forms:
                verbal += self.vocabulary[word]
            else:
                nominal += self.vocabulary[word]
        return verbal > 0 and verbal >= VERB_RATIO * nominal

    def _linked(self, lemma: str, root: str, cls: str | None) -> bool:
        """Whether a derived lemma joins its root's family."""
        if cls is None:
            return True
        # migrant/migration/migratory join when the -ate verb is there; deport/deportation when
        # "deported" is (an -ing alone may be a noun: "during" is not a duration)
        if cls == "at":
            if root in self.by_lemma:  # design/designate, form/format: only deport/deportation
                return lemma.endswith("ation") and self._verbal(root, forms=("ed",))
            return root + "at" in self.by_lemma or (lemma.endswith("ation")
                                                     and self._verbal(root, forms=("ed",)))
        if root not in self.by_lemma:
            return False
        if cls in VERB_BASED:
            if not self._verbal(root):
                return False
            return cls != "er" or not self._verbal(lemma)  # a counter that is countered: a verb
        return True

    def lemma_of(self, word: str) -> str:
        """The word's lemma when the library confirms it (another word of the same lemma or
        family), else the word itself normalised ("during" stays "during")."""
        inf = self.inflected.get(word) or inflect(word)
        if inf.form in ("", "s") or len(self.by_lemma.get(inf.lemma, ())) > 1 or word in IRREGULAR:
            return inf.lemma
        root = self._root_of_lemma(inf.lemma)
        others = self._spelled_roots().get(root, 0) - (self._spelled_root(word) == root)
        return inf.lemma if others > 0 else normalise(word)

    def _spelled_root(self, word: str) -> str:
        return self._root_of_lemma(self.inflected[word].lemma)

    def _spelled_roots(self) -> dict[str, int]:
        """How many words have each root, their inflection taken by spelling alone."""
        if self._root_counts is None:
            counts: dict[str, int] = {}
            for w in self.vocabulary:
                root = self._spelled_root(w)
                counts[root] = counts.get(root, 0) + 1
            self._root_counts = counts
        return self._root_counts

    def _index(self) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
        """(lemma -> words, root -> words) of the vocabulary, made once."""
        if self._by is None:
            lemmas: dict[str, set[str]] = {}
            roots: dict[str, set[str]] = {}
            for other in self.vocabulary:
                lemma = self.lemma_of(other)
                lemmas.setdefault(lemma, set()).add(other)
                roots.setdefault(self._root_of_lemma(lemma), set()).add(other)
            self._by = (lemmas, roots)
        return self._by

    def family(self, word: str) -> list[str]:
        """The words of the vocabulary in the word's family (the word itself always), sorted."""
        word = word.lower()
        if word not in self.vocabulary:  # a form the library lacks still finds its family
            return [w for w in Families({**self.vocabulary, word: 0}).family(word)
                    if w in self.vocabulary] or [word]
        lemma = self.lemma_of(word)
        lemmas, roots = self._index()
        return sorted({word} | lemmas.get(lemma, set()) | roots.get(self._root_of_lemma(lemma), set()))

    def _root_of_lemma(self, lemma: str) -> str:
        root, cls = derive(lemma.removesuffix(E_WORD))
        if cls is None:
            return lemma  # an e-word stays apart from its e-less twin
        return root if self._linked(lemma, root, cls) else lemma


def scan_prefixes(word: str) -> set[str]:
    """Prefixes under which every member of the word's family lies in a sorted vocabulary (the
    root's first letters, and those of its -ion alternation: detain -> "detai", "deten")."""
    word = word.lower()
    lemma = inflect(IRREGULAR.get(word, word)).lemma
    stems = {lemma, normalise(word)}
    root, _cls = derive(lemma)
    stems.add(root)
    out: set[str] = set()
    for stem in stems:
        for ending, other in (("ain", "en"), ("id", "is"), ("ud", "us"), ("uc", "uct"),
                              ("el", "ul"), ("ifi", "ific")):
            if stem.endswith(ending):
                out.add(stem[:-len(ending)] + other)
        out.add(stem[:max(3, len(stem) - 1)] if len(stem) > 3 else stem)
    # a prefix inside another adds nothing
    return {p for p in out if not any(q != p and p.startswith(q) for q in out)}
