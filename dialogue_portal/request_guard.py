"""Refuses requests carrying control characters before any view, form or query sees them.

A NUL byte in a path, a query string or a form field reaches PostgreSQL as an error (it stores no NUL in
text) and used to end in a 500, taking the audit row of the answer with it. Control characters have no
business in an address or a form either; tab, newline and carriage return are kept in form bodies, where
text areas send them.
"""

import unicodedata

from django.shortcuts import render

from dialogue_portal.audit.models import AuditAction
from dialogue_portal.audit.services import record_event

FORM_WHITESPACE = frozenset("\t\n\r")


def _control(text: str, allowed: frozenset = frozenset()) -> bool:
    return any(unicodedata.category(char) == "Cc" and char not in allowed for char in text)


def _printable(text: str) -> str:
    return "".join(char if unicodedata.category(char) != "Cc" else "?" for char in text)


def refused_part(request) -> str | None:
    """Which part of the request carries a control character: "path", "query", "form", or None."""
    if _control(request.path):
        return "path"
    for key, values in request.GET.lists():
        if _control(key) or any(_control(value) for value in values):
            return "query"
    if request.method == "POST":
        for key, values in request.POST.lists():
            if _control(key) or any(_control(value, FORM_WHITESPACE) for value in values):
                return "form"
    return None


class RequestGuardMiddleware:
    """Answers 400 (the site's page, audited) to a request with control characters in it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        part = refused_part(request)
        if part is None:
            return self.get_response(request)
        record_event(
            action=AuditAction.BAD_REQUEST,
            request=request,
            details={
                "path": _printable(request.path)[:500],
                "method": request.method,
                "reason": f"control characters in {part}",
            },
        )
        return render(request, "public/errors/400.html", status=400)  # the page handler400 shows
