"""Indexes for a department's scope, the overdue flag and a district's list; PostgreSQL only.

First applied as ``0050_bench_indexes`` (the benchmark showed the need at 100,000 rows); ``replaces`` lets a
database that recorded that name carry on without applying anything again.

Outside Django's model state (the petitions app owns models.py), so ``makemigrations`` sees no change.
Built CONCURRENTLY so applying this to a live table does not block writes.

- (department_id, petition_id) on assignments: a department representative's scope
  (``petition_id IN (SELECT petition_id ... WHERE department_id = X)``) and the list's department
  filter are answered from the index alone.
- (due_date, petition_id) WHERE status = 'pending': "overdue" (pending and past due) — the home card
  count, the list flag and filter — reads only the pending rows, from the index alone.
- (unit_id, status) on petitions: the list filtered by a district (its units) and a status reads
  just the matching rows of each unit instead of AND-ing two large bitmaps once per unit.
"""

from django.db import migrations

INDEXES = {
    "petition_assignment_dept_petition": "ON petitions_assignment (department_id, petition_id)",
    "petition_assignment_pending_due": "ON petitions_assignment (due_date, petition_id) WHERE status = 'pending'",
    "petition_unit_status": "ON petitions_petition (unit_id, status)",
}


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, definition in INDEXES.items():
        schema_editor.execute(f"CREATE INDEX CONCURRENTLY IF NOT EXISTS {name} {definition}")


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX CONCURRENTLY IF EXISTS {name}")


class Migration(migrations.Migration):
    replaces = [("petitions", "0050_bench_indexes")]
    atomic = False
    dependencies = [("petitions", "0003_search_trigram_index")]

    operations = [migrations.RunPython(forwards, backwards)]
