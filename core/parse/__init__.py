"""Reading a resolution PDF: rows of styled spans, page furniture, blocks, the paragraph tree,
metadata and footnotes (`parse_pdf`), the `Resolution` dataclasses of the JSON contract, and page
rendering for the viewer. Imports pymupdf and clausemark.core.errors only."""

from clausemark.core.public_names import public_names

# Public name -> the module that defines it ("module:attribute" when the public name differs).
__getattr__, __dir__, __all__ = public_names(__name__, {
    "parse_pdf": "parser",
    "Resolution": "model", "Paragraph": "model", "Footnote": "model", "citation": "model",
    "render_page": "page_render", "render_loaded_page": "page_render",
    "warm_up_renderer": "page_render:warm_up",
})
