"""Which database heavy reads go to."""

from django.conf import settings


def reporting_alias() -> str:
    """The read replica for reports and exports when DATABASE_REPLICA_URL is set, else the primary.

    Use as ``queryset.using(reporting_alias())`` for reads that may lag the primary by a moment
    (statistics, exports); never for a page that shows what the user has just saved.
    """
    return "replica" if "replica" in settings.DATABASES else "default"
