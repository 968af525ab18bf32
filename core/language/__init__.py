"""Language shared across documents: the wording of paragraphs (normalised words, the shingle
signatures the precedents index stores, similarity scores and word diffs) and references to
other UN documents found in the text ("resolution 76/172" -> A/RES/76/172). Pure functions over
text: may import clausemark.core.parse, .output and .errors; never the library or anything above
it (the library stores what these functions compute)."""

from clausemark.core.public_names import public_names

# Public name -> the module that defines it ("module:attribute" when the public name differs).
__getattr__, __dir__, __all__ = public_names(__name__, {
    "words": "wording", "signature": "wording", "query_hashes": "wording", "tokens": "wording",
    "similarity": "wording", "Scorer": "wording", "phrase_similarity": "wording", "diff_words": "wording",
    "DiffSegment": "wording", "MIN_SCORE": "wording", "MIN_PHRASE_SCORE": "wording",
    "Reference": "references", "find_references": "references", "symbol_key": "references",
    "body_of": "references",
})
