"""Removing a document is one undoable step: its tags go with it and come back with it."""
from __future__ import annotations

from clausemark.core.library import Library, RemoveDocumentCommand, TagCommand, UndoStack, import_all

SAMPLE = "gate_A_RES_73_3-EN.pdf"


def test_remove_a_document_with_its_tags_and_undo(tmp_path, dev_dir):
    with Library(tmp_path / "lib.clausemark") as lib:
        import_all(lib, [dev_dir / SAMPLE], workers=1)
        [doc] = lib.documents()
        stack = UndoStack(lib)
        stack.push(TagCommand(doc.id, "ANNEX.1", "children", note="core"))
        stack.push(TagCommand(doc.id, "ANNEX.2", "detention"))
        before = {(t.id, t.paragraph, t.theme, t.note) for t in lib.tags.list()}
        command = RemoveDocumentCommand(doc.id)
        stack.push(command)
        assert lib.documents() == [] and lib.tags.list() == []
        assert command.text == f"remove {doc.display_name} and its 2 tags"
        stack.undo()
        [back] = lib.documents()
        assert back.symbol == doc.symbol and back.filename == doc.filename
        assert {(t.id, t.paragraph, t.theme, t.note) for t in lib.tags.list()} == before
        stack.redo()  # and removed again
        assert lib.documents() == []
