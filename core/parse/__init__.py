"""Reading a resolution PDF: rows of styled spans, page furniture, blocks, the paragraph tree,
metadata and footnotes (`parse_pdf`), the `Resolution` dataclasses of the JSON contract, and page
rendering for the viewer. Imports pymupdf and clausemark.core.errors only."""
