"""Two indexes for the petition list at 100,000 rows; PostgreSQL only, outside Django's model state (like 0003)
and built CONCURRENTLY so a live table keeps taking writes.

- A full-text (word) GIN index on search_text beside the trigram one: whole words and word beginnings are
  found from it (see selectors.search); the trigram index keeps serving the substring search.
- (topiccategory_id, petition_id) on the petition-topic table: the list filtered by a topic reads the
  petitions of that topic from the index alone.
"""

from django.db import migrations

INDEXES = {
    "petition_search_words": "ON petitions_petition USING gin (to_tsvector('simple'::regconfig, search_text))",
    "petition_topics_topic_petition": "ON petitions_petition_topics (topiccategory_id, petition_id)",
}


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, definition in INDEXES.items():
        schema_editor.execute(f"CREATE INDEX CONCURRENTLY IF NOT EXISTS {name} {definition}")
    # Statistics of the indexed expression exist only after an ANALYZE. Without them the planner guesses that
    # a common word matches a few dozen rows, and reads and sorts all 20,000 of its matches (60 ms at 100,000
    # petitions) instead of walking the list's order until a page is full (1 ms).
    schema_editor.execute("ANALYZE petitions_petition")


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX CONCURRENTLY IF EXISTS {name}")


class Migration(migrations.Migration):
    atomic = False
    dependencies = [("petitions", "0052_petition_next_due")]

    operations = [migrations.RunPython(forwards, backwards)]
