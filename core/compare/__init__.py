"""Versions of a resolution: paragraph alignment, finding predecessors, carrying tags forward
(the comparison brief in Word is a report: clausemark.core.reports.compare_brief).
May import clausemark.core.library and .parse."""

from clausemark.core.public_names import public_names

# Public name -> the module that defines it ("module:attribute" when the public name differs).
__getattr__, __dir__, __all__ = public_names(__name__, {
    "align": "alignment", "word_diff": "alignment", "Alignment": "alignment",
    "AlignedPair": "alignment", "Segment": "alignment", "SAME": "alignment",
    "CHANGED": "alignment", "MOVED": "alignment", "NEW": "alignment",
    "CarryForward": "carry_forward", "Proposal": "carry_forward",
    "ProposalQueue": "carry_forward", "carried_span": "carry_forward", "ACCEPTED": "carry_forward",
    "PENDING": "carry_forward", "PRESENT": "carry_forward", "REJECTED": "carry_forward",
    "predecessors": "predecessor", "best_predecessor": "predecessor", "Candidate": "predecessor",
    "dropped_tags": "carry_forward",
    "dropped_tag_line": "carry_forward", "dropped_tag_dict": "carry_forward",
    "typography_key": "typography", "track_changes": "word_changes",
    "Series": "versions", "SeriesEntry": "versions", "series": "versions",
    "propose_earlier": "proposals", "ProposedVersion": "proposals",
})
