"""Structural checks of a parsed tree, shared by the invariants test and by hand runs:

    .venv/bin/python -m tests.core.structure_checks [FILE.pdf ...]

prints the failing documents and the pass rate per document type over bench/ and the
resolutions and draft resolutions of more/ (or over the files named).
"""
from __future__ import annotations

import re
import string
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from clausemark.core.errors import ParseError
from clausemark.core.parse.parser import parse_pdf

LETTERS = list(string.ascii_lowercase) + [c * 2 for c in string.ascii_lowercase]
ROMANS = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii",
          "xiv", "xv", "xvi", "xvii", "xviii", "xix", "xx", "xxi", "xxii", "xxiii", "xxiv", "xxv"]
FOOTER = re.compile(r"\b\d{2}-\d{5}\b|\b\d{1,2}/\d{1,2}$")
# A paragraph that swallowed the next one shows the next one's opening after a sentence end.
PP_GLUED = re.compile(
    r"[,;] (?:Also |Further |Again |Deeply |Gravely |Strongly )?(?:Recalling|Reaffirming|Noting"
    r"|Welcoming|Recognizing|Emphasizing|Stressing|Acknowledging|Expressing|Reiterating"
    r"|Underlining|Bearing in mind|Taking note|Mindful|Convinced|Concerned|Considering"
    r"|Affirming|Highlighting|Underscoring|Guided by|Aware) ")
OP_GLUED = re.compile(
    r"[;.] (?:Also |Further |Again |Strongly )?(?:Requests|Decides|Urges|Calls upon|Invites"
    r"|Encourages|Welcomes|Reaffirms|Recognizes|Stresses|Emphasizes|Notes|Takes note) ")
PP_IN_OP = re.compile(r"[;.:] " + PP_GLUED.pattern[len("[,;] "):])
WANTED_KINDS = ("resolution", "draft resolution")
# Other documents of more/: each is parsed into a tree that passes these checks, or refused
# with a reason that says it is not a resolution or decision text (issue 13, item 12).
OTHER_KINDS = ("draft decision", "amendment", "note/programme")
REFUSED = "not a resolution"  # in the reason of such a refusal


def corpus_files(corpus: Path) -> list[tuple[Path, str]]:
    """(file, document type) for bench/ and the documents of more/: resolutions, drafts,
    draft decisions, amendments and notes."""
    files = [(f, "resolution") for f in sorted((corpus / "bench").glob("*.pdf"))]
    kinds = (corpus / "more" / "kinds.tsv").read_text(encoding="utf-8").splitlines()[1:]
    for line in kinds:
        name, kind = line.split("\t")
        if kind in WANTED_KINDS + OTHER_KINDS:
            files.append((corpus / "more" / name, kind))
    return files


def problems(path: Path, kind: str = "resolution") -> dict[str, str]:
    """What is wrong with the tree of `path` (empty when the structure is right)."""
    try:
        res = parse_pdf(path)
    except ParseError as exc:
        if kind in OTHER_KINDS and REFUSED in exc.reason:
            return {}  # refused with its reason: what item 12 asks of such documents
        return {"parse": str(exc)}
    out: dict[str, str] = {}
    if kind == "note/programme":
        out["refused"] = f"a {kind} imported as a {res.document_type}"
    if (res.symbol or "").replace("/", "_") != path.stem:
        out["symbol"] = str(res.symbol)
    if not res.title:
        out["title"] = "no title"
    if kind == "resolution" and not res.adopted:
        out["adopted"] = "no adoption date"
    if kind != "resolution" and res.adopted:
        out["adopted"] = f"a draft with an adoption date {res.adopted}"
    if kind != "resolution" and hasattr(res, "distributed") and not res.distributed:
        out["distributed"] = "no distribution date"
    _numbering(res.paragraphs, out, "")
    ids = [p.id for p in res.walk()]
    dupes = sorted({i for i in ids if ids.count(i) > 1} | {i for i in ids if re.search(r"-\d+$", i)})
    if dupes:
        out["ids"] = f"duplicate ids {dupes[:5]}"
    short_title = res.title or "\0"
    for p in res.walk():
        subs = [c.number for c in p.children if c.kind == "subparagraph"]
        if subs and subs not in (LETTERS[:len(subs)], ROMANS[:len(subs)]):
            out["subs"] = f"{p.id}: {subs}"
        own_heading = p.kind in ("annex", "heading", "section", "table")
        if FOOTER.search(p.text) or (not own_heading and p.text.endswith(
                (res.symbol or "\0", short_title))):
            out["furniture"] = f"{p.id}: …{p.text[-60:]}"
        if p.kind == "preambular" and PP_GLUED.search(p.text):
            out["merged"] = f"{p.id}: {PP_GLUED.search(p.text)[0]!r}"
        if p.kind in ("operative", "subparagraph") and (
                m := OP_GLUED.search(p.text) or PP_IN_OP.search(p.text)):
            out["merged"] = f"{p.id}: {m[0]!r}"  # (a section's preamble glued to an OP)
        if p.kind in ("operative", "preambular") and (
                m := re.search(r"[.;:] (\d{1,3})\.? (?:Also |Further )?[A-Z][a-z]+s ", p.text)) \
                and p.number and m[1] == str(int(p.number) + 1):
            out["merged"] = f"{p.id}: {m[0]!r}"
    _split(res.paragraphs, out)
    notes = {f.number for f in res.footnotes}
    missing = {r for p in res.walk() for r in p.footnote_refs} - notes
    if missing:
        out["footnotes"] = f"refs without notes: {sorted(missing)}"
    refs = {r for p in res.walk() for r in p.footnote_refs}
    lost = [f.number for f in res.footnotes if f.number not in refs]
    if lost:  # a reference lost on the way (in a heading, a title, a table)
        out["footnote refs"] = f"notes without refs: {lost}"
    return out


def _numbering(nodes, out: dict, where: str) -> None:
    """Operative paragraphs 1..N in every container (the document, each section)."""
    ops = [p.number for p in nodes if p.kind == "operative"]
    chapeau = [p for p in nodes if p.kind == "operative"][:1]
    if ops[:1] == [None] and len(ops) > 1 and chapeau[0].text.endswith(":"):
        ops = ops[1:]  # "Resolves that:" before paragraphs 1, 2, ... of a budget resolution
    # (a decision's operative part may be lettered: "(a) Approves ...; (b) Invites ...")
    if ops not in ([str(i) for i in range(1, len(ops) + 1)], [None], LETTERS[:len(ops)]):
        out["ops"] = f"{where or 'top'}: {ops}"
    for p in nodes:
        if p.kind == "section":
            _numbering(p.children, out, p.id)


def _split(nodes, out: dict) -> None:
    """A paragraph cut in two: the second part starts in the middle of a sentence."""
    for p, after in zip(nodes, nodes[1:] + [None]):
        if p.kind in ("preambular", "operative", "subparagraph", "annex_paragraph") and \
                p.text[:1].islower() and not p.number:
            out["split"] = f"{p.id}: {p.text[:50]!r}"
        # A preambular paragraph stops mid-sentence and what follows opens with no phrase of
        # its own (a paragraph that merely lacks its comma is followed by a new opening).
        if p.kind == "preambular" and not re.search(r"[,;:.?]['’”\")]*$", p.text) and (
                after is None or after.opening is None):
            out["split"] = f"{p.id}: …{p.text[-50:]!r}"
        _split(p.children, out)


def _run(item):
    path, kind = item
    return path, kind, problems(path, kind)


def check_all(items, workers: int = 2):
    """(path, kind, problems) for each item, parsed in a process pool at most `workers` wide."""
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(_run, items, chunksize=4))


def pass_rates(results) -> dict[str, tuple[int, int]]:
    rates: dict[str, list[int]] = {}
    for _, kind, probs in results:
        r = rates.setdefault(kind, [0, 0])
        r[0] += not probs
        r[1] += 1
    return {k: (a, b) for k, (a, b) in rates.items()}


def main(argv: list[str]) -> None:
    root = Path(__file__).resolve().parents[2]
    corpus = root.parent / "shared" / "corpus"
    items = [(Path(a), "resolution" if "_RES_" in a else "draft resolution") for a in argv] \
        or corpus_files(corpus)
    results = check_all(items)
    for path, kind, probs in results:
        if probs:
            print(f"{path.parent.name}/{path.name} [{kind}]: {probs}")
    for kind, (ok, n) in pass_rates(results).items():
        print(f"{kind}: {ok}/{n} = {100 * ok / n:.1f}%")


if __name__ == "__main__":
    main(sys.argv[1:])
