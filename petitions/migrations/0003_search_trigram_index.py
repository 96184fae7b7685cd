"""A pg_trgm GIN index on Petition.search_text so `contains` search stays fast; PostgreSQL only."""

from django.db import migrations


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS petition_search_trgm ON petitions_petition USING gin (search_text gin_trgm_ops)"
    )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS petition_search_trgm")


class Migration(migrations.Migration):
    dependencies = [("petitions", "0002_petition_counter")]

    operations = [migrations.RunPython(forwards, backwards)]
