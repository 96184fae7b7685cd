"""The offline petition form as a progressive web app: the service worker and the manifest, from our origin.

The worker (template petitions/sw.js) keeps the branch leader's form and petition list, and the files they
load, for use without signal; static/js/offline-queue.js holds the petitions typed meanwhile.
"""

import hashlib
import json
from functools import lru_cache

from csp.constants import SELF
from csp.decorators import csp_replace
from django.contrib.staticfiles import finders
from django.http import HttpResponse, JsonResponse
from django.templatetags.static import static
from django.urls import reverse
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

# What the offline pages load; kept in the worker's cache next to the pages.
OFFLINE_ASSETS = (
    "vendor/bootstrap/bootstrap.min.css",
    "css/portal.css",
    "css/petitions.css",
    "vendor/bootstrap/bootstrap.bundle.min.js",
    "js/portal.js",
    "js/offline-queue.js",
    "js/offline.js",
    "icons/icon.svg",
)
QUEUE_SCRIPT = "js/offline-queue.js"


def offline_pages() -> list[str]:
    return [reverse("petitions:create"), reverse("petitions:list")]


OFFLINE_HEADER = "X-Offline-Page"


def offline_page(response):
    """Marks a response the service worker may keep; it keeps no other page, whatever its address."""
    response[OFFLINE_HEADER] = "1"
    return response


def owner_marker(user) -> str:
    """Names the signed-in user to the phone's caches and queue without revealing who it is."""
    return salted_hmac("petitions.offline-owner", str(user.pk)).hexdigest()[:20]


@lru_cache(maxsize=1)
def _assets_digest() -> str:
    """Changes when an offline file changes, so phones install the new worker and refresh their copies."""
    digest = hashlib.sha256()
    for name in OFFLINE_ASSETS:
        path = finders.find(name)
        if path:
            with open(path, "rb") as handle:
                digest.update(handle.read())
    return digest.hexdigest()[:12]


@require_GET
@csp_replace({"script-src": [SELF]})  # the worker's own policy: it loads the queue script from our origin
def service_worker(request):
    from django.template.loader import render_to_string

    config = {
        "cache": f"portal-offline-{_assets_digest()}",
        "pages": offline_pages(),
        "assets": [static(name) for name in OFFLINE_ASSETS],
    }
    body = render_to_string(
        "petitions/sw.js", {"config": json.dumps(config), "queue_script": json.dumps(static(QUEUE_SCRIPT))}
    )
    response = HttpResponse(body, content_type="text/javascript; charset=utf-8")
    response["Service-Worker-Allowed"] = "/"
    response["Cache-Control"] = "no-cache"
    return response


@require_GET
def manifest(request):
    data = {
        "name": _("Policy dialogues — petitions"),
        "short_name": _("Petitions"),
        "description": _("Submit members' petitions, also without signal."),
        "lang": request.LANGUAGE_CODE,
        "start_url": reverse("petitions:create"),
        "scope": "/",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#0b5a8a",
        "icons": [
            {"src": static("icons/icon-192.png"), "sizes": "192x192", "type": "image/png"},
            {"src": static("icons/icon-512.png"), "sizes": "512x512", "type": "image/png"},
            {"src": static("icons/icon.svg"), "sizes": "any", "type": "image/svg+xml"},
        ],
    }
    return JsonResponse(data, content_type="application/manifest+json", json_dumps_params={"ensure_ascii": False})
