"""Theme suggestions: cue phrases, where a word stands in a clause, the per-library model and
the undoable answers to suggestions. May import clausemark.core.library and .parse."""

from clausemark.core.public_names import public_names

# Public name -> the module that defines it ("module:attribute" when the public name differs).
__getattr__, __dir__, __all__ = public_names(__name__, {
    "Suggestion": "suggestions", "suggest": "suggestions", "suggest_for_document": "suggestions",
    "train_model": "suggestions",
    "answer": "commands", "RejectSuggestionCommand": "commands", "ThemeCuesCommand": "commands",
    "ThemeModel": "model",
})
