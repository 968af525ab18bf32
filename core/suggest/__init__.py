"""Theme suggestions: cue phrases, where a word stands in a clause, the per-library model and
the undoable answers to suggestions. May import clausemark.core.library and .parse."""
