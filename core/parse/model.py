"""The parsed resolution: plain dataclasses that serialise to the JSON contract of DESIGN.md."""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

# Paragraph kinds
PREAMBULAR = "preambular"
OPERATIVE = "operative"
SUBPARAGRAPH = "subparagraph"
ANNEX = "annex"
ANNEX_PARAGRAPH = "annex_paragraph"
HEADING = "heading"
SECTION = "section"  # a part "I", "II" or "A", "B" with its own preamble and numbering
TABLE = "table"  # rows of cells as text

Box = tuple[int, float, float, float, float]  # page (from 1), x0, y0, x1, y1


def citation(symbol: str | None, label: str) -> str:
    """Diplomats' citation form: "A/RES/78/217, OP 5 (a)"; in a resolution in parts the label
    names the part: "A/RES/78/247, section II, OP 2"."""
    return f"{symbol}, {label}" if symbol else label


@dataclass
class Paragraph:
    id: str
    kind: str
    number: str | None
    label: str
    opening: str | None = None
    text: str = ""
    pages: list[int] = field(default_factory=list)
    footnote_refs: list[str] = field(default_factory=list)
    boxes: list[Box] = field(default_factory=list)
    children: list[Paragraph] = field(default_factory=list)
    rows: list[list[str]] | None = None  # a table's rows of cells; None for other kinds

    def walk(self) -> Iterator[Paragraph]:
        yield self
        for child in self.children:
            yield from child.walk()

    def to_dict(self) -> dict:
        return {
            "id": self.id, "kind": self.kind, "number": self.number, "label": self.label,
            "opening": self.opening, "text": self.text, "pages": list(self.pages),
            "footnote_refs": list(self.footnote_refs),
            "boxes": [[b[0], round(b[1], 1), round(b[2], 1), round(b[3], 1), round(b[4], 1)]
                      for b in self.boxes],
            "children": [c.to_dict() for c in self.children],
            **({"rows": [list(r) for r in self.rows]} if self.rows is not None else {}),
        }

    @classmethod
    def from_dict(cls, d: dict) -> Paragraph:
        return cls(
            id=d["id"], kind=d["kind"], number=d.get("number"), label=d["label"],
            opening=d.get("opening"), text=d.get("text", ""), pages=list(d.get("pages", [])),
            footnote_refs=list(d.get("footnote_refs", [])),
            boxes=[tuple(b) for b in d.get("boxes", [])],
            children=[cls.from_dict(c) for c in d.get("children", [])],
            rows=[list(r) for r in d["rows"]] if d.get("rows") is not None else None,
        )


@dataclass
class Footnote:
    number: str
    text: str
    page: int

    def to_dict(self) -> dict:
        return {"number": self.number, "text": self.text, "page": self.page}


@dataclass
class Resolution:
    symbol: str | None = None
    title: str | None = None
    body: str | None = None
    session: str | None = None
    agenda_item: str | None = None
    adopted: str | None = None  # ISO 8601 date
    meeting: str | None = None
    language: str | None = None
    pages: int = 0
    # Facts of the document itself, drafts above all (None when the page does not say).
    document_type: str | None = None  # "resolution", "draft resolution", "amendment", ...
    committee: str | None = None  # "Third Committee"
    distributed: str | None = None  # ISO 8601, the date under "Distr.:" on page 1
    sponsors: list[str] | None = None  # ["Honduras", "Mexico"]
    original: str | None = None  # language of the original ("English")
    paragraphs: list[Paragraph] = field(default_factory=list)
    footnotes: list[Footnote] = field(default_factory=list)

    def walk(self) -> Iterator[Paragraph]:
        for p in self.paragraphs:
            yield from p.walk()

    def find(self, paragraph_id: str) -> Paragraph | None:
        return next((p for p in self.walk() if p.id == paragraph_id), None)

    def citation(self, paragraph: Paragraph) -> str:
        return citation(self.symbol, paragraph.label)

    def to_dict(self) -> dict:
        return {
            "symbol": self.symbol, "title": self.title, "body": self.body,
            "session": self.session, "agenda_item": self.agenda_item, "adopted": self.adopted,
            "meeting": self.meeting, "language": self.language, "pages": self.pages,
            "document_type": self.document_type, "committee": self.committee,
            "distributed": self.distributed,
            "sponsors": list(self.sponsors) if self.sponsors is not None else None,
            "original": self.original,
            "paragraphs": [p.to_dict() for p in self.paragraphs],
            "footnotes": [f.to_dict() for f in self.footnotes],
        }

    @classmethod
    def from_dict(cls, d: dict) -> Resolution:
        return cls(
            symbol=d.get("symbol"), title=d.get("title"), body=d.get("body"),
            session=d.get("session"), agenda_item=d.get("agenda_item"), adopted=d.get("adopted"),
            meeting=d.get("meeting"), language=d.get("language"), pages=d.get("pages", 0),
            document_type=d.get("document_type"), committee=d.get("committee"),
            distributed=d.get("distributed"), sponsors=d.get("sponsors"),
            original=d.get("original"),
            paragraphs=[Paragraph.from_dict(p) for p in d.get("paragraphs", [])],
            footnotes=[Footnote(**f) for f in d.get("footnotes", [])],
        )
