"""The schema step for document facts (issue 13, item 11): a library from before it keeps every
document; adopted resolutions are marked as such, other documents have null facts until they
are imported again. Found by name, never by version number (other steps may follow it)."""
import pytest

from clausemark.core.library import schema
from clausemark.core.library.library import Library

STEP = schema.MIGRATIONS.index(schema._document_facts)  # the version before the step


@pytest.mark.timeout(30)
def test_a_library_from_before_the_step_gains_the_facts(tmp_path):
    path = tmp_path / "old.clausemark"
    conn = schema.open_connection(path, target=STEP)
    conn.execute("INSERT INTO documents (id, sha256, symbol, title, adopted, year, pages, size, "
                 "imported) VALUES (1, 'a', 'A/RES/78/217', 'Migrants', '2023-12-19', 2023, 14, "
                 "3, '2024-01-02T10:00:00.000+00:00'), (2, 'b', 'A/C.3/80/L.52', 'Draft', NULL, "
                 "NULL, 5, 3, '2024-01-02T10:00:00.000+00:00')")
    conn.close()
    with Library(path) as lib:
        assert lib.schema_version == schema.LATEST_VERSION
        adopted, draft = lib.document(1), lib.document(2)
        assert (adopted.document_type, adopted.date) == ("resolution", "2023-12-19")
        assert (draft.document_type, draft.committee, draft.distributed, draft.sponsors,
                draft.date) == (None, None, None, None, None)
