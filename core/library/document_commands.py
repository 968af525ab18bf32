"""Removing a document from the library as an undoable step: the document goes with its tags
(the file's foreign keys take paragraphs, tags, rejections and index rows with it); undo imports
its stored PDF again (same file name, same paragraphs) and puts its tags back with their ids,
notes, authors and times. The PDF and the tags are held in memory, so undo lasts as long as the
undo stack does (the window's session)."""
from __future__ import annotations

import dataclasses
import tempfile
from pathlib import Path

from clausemark.core.errors import LibraryError
from clausemark.core.library.importer import file_sha256, import_all
from clausemark.core.library.undo import Command


class RemoveDocumentCommand(Command):
    def __init__(self, document):
        self.ref = document
        self.pdf: bytes | None = None
        self.filename = "document.pdf"
        self.tags: list = []
        self.document_id: int | None = None

    def do(self, lib) -> None:
        info = lib.document(self.ref)
        self.pdf = lib.pdf_bytes(info.id)
        self.filename = Path(info.filename or "document.pdf").name
        self.tags = list(lib.tags.list(document=info.id))
        lib.remove_document(info.id)
        self.document_id = None
        self.text = (f"remove {info.display_name} and its {len(self.tags)} "
                     f"tag{'s' if len(self.tags) != 1 else ''}")

    def undo(self, lib) -> None:
        with tempfile.TemporaryDirectory(prefix="clausemark-undo-") as folder:
            path = Path(folder) / self.filename
            path.write_bytes(self.pdf)
            summary = import_all(lib, [path], workers=1)
            if summary is None or summary.failed:
                raise LibraryError(f"{self.filename} could not be put back in the library")
            document_id = lib.document_id_for_sha(file_sha256(path))
        with lib.transaction():
            for tag in self.tags:
                lib.tags.restore(dataclasses.replace(tag, document_id=document_id))
        self.document_id = document_id
        self.ref = document_id
