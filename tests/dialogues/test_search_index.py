import pytest
from django.db import connection


@pytest.mark.postgres
def test_search_text_has_a_trigram_gin_index_on_postgres(db):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE tablename = 'dialogues_dialoguesession' "
            "AND indexname = 'dialogues_session_search_trgm'"
        )
        (definition,) = cursor.fetchone()

    assert "gin" in definition.lower()
    assert "gin_trgm_ops" in definition
