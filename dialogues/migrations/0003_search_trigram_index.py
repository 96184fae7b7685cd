"""A pg_trgm GIN index on the folded search column, so `contains` searches stay fast.

PostgreSQL only: on SQLite this migration does nothing.
"""

from django.db import migrations

INDEX = "dialogues_session_search_trgm"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON dialogues_dialoguesession USING gin (search_text gin_trgm_ops)"
    )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("dialogues", "0002_history")]

    operations = [migrations.RunPython(create_index, drop_index)]
