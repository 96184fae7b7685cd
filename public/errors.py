"""Error pages people see, in the site's layout and in their language (handler400/403/404/500, CSRF failures)."""

import logging

from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader

logger = logging.getLogger(__name__)


def bad_request(request, exception=None):
    return render(request, "public/errors/400.html", status=400)


def permission_denied(request, exception=None):
    return render(request, "public/errors/403.html", status=403)


def page_not_found(request, exception=None):
    return render(request, "public/errors/404.html", status=404)


def csrf_failure(request, reason=""):
    return render(request, "public/errors/csrf.html", status=403)


def server_error(request):
    """The 500 page with the layout; if that fails too (the database is down), the same page without context."""
    try:
        return render(request, "public/errors/500.html", status=500)
    except Exception:
        logger.exception("The 500 page could not be rendered with its request; rendering it without")
        return HttpResponseServerError(loader.get_template("public/errors/500.html").render({}))
