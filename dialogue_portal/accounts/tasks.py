from celery import shared_task


@shared_task
def ping(value: str = "pong") -> str:
    """Echo ``value``: shows a worker is alive and the broker round-trip works."""
    return value
