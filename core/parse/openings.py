"""Opening phrases of resolution paragraphs ("Recalling", "Deeply concerned", "Calls upon").

UN PDFs set them in italics; this is the fallback for files without italics (old scans, OCR),
and the classifier that tells a preambular opening from an operative one.
"""
from __future__ import annotations

import re

# Adverbs that may stand before or after the key word of an opening.
ADVERBS = {"also", "further", "furthermore", "again", "once", "strongly", "deeply", "gravely",
           "seriously", "firmly", "fully", "particularly", "equally", "moreover",
           "likewise", "in", "this", "regard", "additionally", "highly", "greatly", "duly",
           "especially", "most"}
# Words that continue an opening after its key word ("Noting with deep concern").
CONTINUATIONS = {
    "with": {"concern", "deep", "grave", "serious", "great", "appreciation", "satisfaction",
             "interest", "alarm", "regret", "gratitude", "particular", "profound", "utmost"},
    "upon": set(), "note": set(), "in": {"mind"}, "into": {"account"}, "account": set(),
}
PREAMBULAR_ADJECTIVES = {
    "mindful", "aware", "conscious", "cognizant", "convinced", "concerned", "alarmed",
    "determined", "desirous", "recognizing", "seized", "guided", "committed", "encouraged",
    "emphasizing", "underlining", "bearing", "taking", "noting", "recalling", "reaffirming",
    "welcoming", "acknowledging", "expressing", "stressing", "considering", "affirming",
    "appreciating", "observing", "regretting", "deploring", "believing", "having",
    "reiterating", "reflecting", "underscoring", "highlighting", "recognising", "wishing",
}
OPERATIVE_VERBS = {
    "decides", "calls", "urges", "requests", "invites", "encourages", "recommends", "reaffirms",
    "recognizes", "notes", "takes", "welcomes", "stresses", "emphasizes", "expresses",
    "condemns", "demands", "affirms", "acknowledges", "underlines", "reiterates", "deplores",
    "approves", "adopts", "endorses", "proclaims", "declares", "authorizes", "appeals",
    "commends", "supports", "considers", "recalls", "underscores", "highlights", "appreciates",
    "regrets", "reminds", "strongly", "renews", "extends", "designates", "elects",
    "establishes", "agrees", "confirms", "insists",
}


def fallback_opening(text: str) -> str | None:
    """Opening phrase from plain text, for documents that carry no italics."""
    words = text.split()
    if not words:
        return None
    out: list[str] = []
    i = 0
    while i < len(words) and _bare(words[i]).lower() in ADVERBS and _bare(words[i])[:1].isupper():
        out.append(_bare(words[i]))
        i += 1
    if i >= len(words):
        return None
    key = _bare(words[i])
    low = key.lower()
    if not (key[:1].isupper() or out) or not (low in PREAMBULAR_ADJECTIVES or low in OPERATIVE_VERBS
                                    or low.endswith(("ing", "ed"))):
        return None
    out.append(key)
    i += 1
    while i < len(words) and not words[i - 1].endswith((",", ";", ":")):
        w = _bare(words[i])
        prev = out[-1].lower()
        low = w.lower()
        if (low in ("also", "further", "again", "furthermore")
                or low in CONTINUATIONS and (prev in ("takes", "taking", "calls", "calling",
                                                      "bearing", "noting", "notes")
                                             or low == "with")
                or prev in CONTINUATIONS and low in CONTINUATIONS[prev]
                or "with" in (o.lower() for o in out) and low in CONTINUATIONS["with"]):
            out.append(w)
        else:
            break
        i += 1
    while out and out[-1].lower() in ("with", "in", "deep", "grave", "serious", "great"):
        out.pop()  # a dangling "with" is not part of the phrase
    return " ".join(out) or None


def _bare(word: str) -> str:
    return word.strip(",;:.")


def is_operative_opening(opening: str | None) -> bool | None:
    """True for "Decides", "Also calls upon"; False for "Recalling", "Deeply concerned";
    None when the phrase says nothing either way."""
    if not opening:
        return None
    for word in re.findall(r"[A-Za-z]+", opening):
        low = word.lower()
        if low in ADVERBS:
            continue
        if low in PREAMBULAR_ADJECTIVES or low.endswith(("ing", "ed")):
            return False
        if low in OPERATIVE_VERBS or (low.endswith("s") and not low.endswith("ss")):
            return True
        return None
    return None
