"""The client's address, the same for the lock-out and the audit log."""

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest | None) -> str | None:
    """The address of the client that sent ``request``.

    Behind ``PROXY_COUNT`` trusted proxies, each appends the address it saw to X-Forwarded-For,
    so the client is that many entries from the right; anything further left was sent by the
    client itself and cannot be trusted. Without proxies, REMOTE_ADDR.
    """
    if request is None:
        return None
    count = settings.PROXY_COUNT
    if count:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= count:
            return forwarded[-count]
    return request.META.get("REMOTE_ADDR") or None
