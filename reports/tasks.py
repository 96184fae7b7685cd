import logging

from celery import shared_task
from django.db import InterfaceError, OperationalError
from django.utils.translation import gettext as _

from . import services

logger = logging.getLogger(__name__)
# Worth another try: the database or the disk blinked, not the report.
TRANSIENT = (OperationalError, InterfaceError, ConnectionError, TimeoutError)
MAX_RETRIES = 5


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=MAX_RETRIES)
def run_export_job(self, job_id: int) -> int:
    """Build one export job's file. Idempotent: a retried or redelivered job ends with one file.

    Transient errors are retried with exponential back-off through the broker; in-process (no broker)
    they are tried again at once, as many times, so the page that asked never sees an error.
    """
    tries = MAX_RETRIES + 1 if self.request.is_eager else 1
    for _attempt in range(tries):
        try:
            services.run_export(job_id=job_id)
            return job_id
        except TRANSIENT as exc:
            logger.warning("export job %s: transient error: %s", job_id, exc)
            if not self.request.is_eager and self.request.retries < MAX_RETRIES:
                raise self.retry(exc=exc, countdown=min(10 * 2**self.request.retries, 600)) from exc
        except Exception:
            logger.exception("export job %s failed", job_id)
            services.fail_export(job_id=job_id, error=_("The report could not be built; the error has been logged."))
            return job_id
    services.fail_export(job_id=job_id, error=_("The server was busy; please ask again."))
    return job_id
