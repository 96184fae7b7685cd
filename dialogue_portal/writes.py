"""Every write to the portal's tables moves ``datastamp.WRITES``, the stamp in the keys of rendered pages.

The SQL itself is watched (a database execute wrapper on every connection), not model signals: a queryset
``update``, ``bulk_create`` or raw SQL sends no signal, yet changes what a page shows. Tables only the
machinery writes (sessions, the audit trail, login attempts, the beat schedule, the admin's log) move
nothing: the audit trail is written on every request, and no cached page shows any of them.

A write moves the stamp at once (its own request renders what it wrote) and again when its transaction
commits: a page rendered in between, from the data as it was, sits under a key no reader asks for after.
"""

import functools
import re

from django.apps import apps
from django.db import connections
from django.db.backends.signals import connection_created
from django.dispatch import receiver

from .datastamp import WRITES

# The machinery's apps (labels): writing their tables changes no page.
QUIET_APPS = frozenset({"sessions", "audit", "axes", "django_celery_beat", "admin"})
_VERBS = ("INSERT", "UPDATE", "DELETE", "TRUNCATE", "MERGE")
# The table a write names first: INSERT INTO "t", UPDATE "t", DELETE FROM "t", TRUNCATE "t", …
_TABLE = re.compile(r'^\s*\w+\s+(?:INTO\s+|FROM\s+|ONLY\s+)?(?:TABLE\s+)?["`]?([\w.]+)', re.IGNORECASE)


@functools.cache
def _quiet() -> frozenset[str]:
    return frozenset(
        model._meta.db_table.lower()
        for model in apps.get_models(include_auto_created=True)
        if model._meta.app_label in QUIET_APPS
    )


def moves_pages(sql: str) -> bool:
    """Whether ``sql`` writes a table some page shows (unsure counts as yes)."""
    head = sql.lstrip()[:8].upper()
    if not head.startswith(_VERBS):
        return False
    match = _TABLE.match(sql)
    return match is None or match.group(1).lower() not in _quiet()


def _watch(execute, sql, params, many, context):
    result = execute(sql, params, many, context)
    if isinstance(sql, str) and moves_pages(sql):
        _moved(context["connection"])
    return result


def _moved(connection) -> None:
    if not connection.in_atomic_block:
        WRITES.bump()
    elif not pending(connection):  # once per transaction, and again after a savepoint's rollback dropped the hook
        WRITES.bump()
        connection.on_commit(_committed)


def _committed() -> None:
    WRITES.bump()


def pending(connection) -> bool:
    """Whether ``connection`` is in a transaction that has written: what it reads is not yet everyone's."""
    return connection.in_atomic_block and any(hook is _committed for _ids, hook, _robust in connection.run_on_commit)


def watch(connection) -> None:
    # First in the list: Django's own ``execute_wrapper`` blocks pop the last one on the way out.
    if _watch not in connection.execute_wrappers:
        connection.execute_wrappers.insert(0, _watch)


@receiver(connection_created, dispatch_uid="writes-watch-connection")
def _connected(sender, connection, **kwargs):
    watch(connection)


def watch_open_connections() -> None:
    for connection in connections.all(initialized_only=True):
        watch(connection)
