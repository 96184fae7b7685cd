"""One benchmark database's pages: their URLs, query counts, slowest queries and login cookies.

Run inside Django (DATABASE_URL set) by bench/run.py; prints JSON. Pages whose URL name does not
exist yet (an app not merged) are listed as missing, not failed.
"""

import json
import sys
import time
from urllib.parse import urlencode

from .datagen import SPECIAL_PETITION_ID, SPECIAL_SESSION_ID, setup_django
from .texts import COMMON_QUERY, RARE_COMMON_TRIGRAMS_QUERY, RARE_QUERY

STAFF, REP = "canbo", "so_ldtbxh"


def page_specs(now):
    """(key, label, url name, args, GET params, user, kind) — kind picks the issue's target."""
    from dialogue_portal.directory.models import OrgUnit, TopicCategory

    topic = TopicCategory.objects.get(code="vay-von-khoi-nghiep").pk
    district = OrgUnit.objects.get(code="gio-linh").pk
    return [
        ("floor", "Floor `/ping/` (base layout)", "floor", [], {}, STAFF, "floor"),
        ("home", "Home (staff)", "home", [], {}, STAFF, "dashboard"),
        ("dashboard", "Reports dashboard", "reports:dashboard", [], {}, STAFF, "dashboard"),
        ("list", "Petition list, page 1", "petitions:list", [], {}, STAFF, "list"),
        (
            "list_deep",
            "Petition list, deep page (middle of the list)",
            "petitions:list",
            [],
            {"page": "DEEP"},
            STAFF,
            "deep",
        ),
        (
            "list_filtered",
            "Petition list, filtered (status + topic + district)",
            "petitions:list",
            [],
            {"status": "assigned", "topic": topic, "unit": district},
            STAFF,
            "list",
        ),
        (
            "search_common",
            f"Search, common words «{COMMON_QUERY}»",
            "petitions:list",
            [],
            {"q": COMMON_QUERY},
            STAFF,
            "search",
        ),
        (
            "search_rare",
            f"Search, a rare word «{RARE_QUERY}»",
            "petitions:list",
            [],
            {"q": RARE_QUERY},
            STAFF,
            "search",
        ),
        (
            "search_rare_common_trigrams",
            f"Search, a rare word of common trigrams «{RARE_COMMON_TRIGRAMS_QUERY}»",
            "petitions:list",
            [],
            {"q": RARE_COMMON_TRIGRAMS_QUERY},
            STAFF,
            "search",
        ),
        ("petition_detail", "Petition detail", "petitions:detail", [SPECIAL_PETITION_ID], {}, STAFF, "detail"),
        (
            "session_detail",
            "Session detail (41 petitions)",
            "dialogues:detail",
            [SPECIAL_SESSION_ID],
            {},
            STAFF,
            "detail",
        ),
        ("calendar", "Session calendar (this month)", "dialogues:calendar", [], {}, STAFF, "list"),
        (
            "admin_list",
            "Department rep's admin list of petitions",
            "admin:petitions_petition_changelist",
            [],
            {},
            REP,
            "list",
        ),
    ]


def probe():
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import NoReverseMatch, reverse
    from django.utils import timezone

    from dialogue_portal.accounts.models import User
    from dialogue_portal.accounts.services import sync_roles

    sync_roles()  # a reused database gets the permissions of apps merged since it was generated
    clients, cookies = {}, {}
    for username in (STAFF, REP):
        client = Client()
        client.force_login(User.objects.get(username=username))
        clients[username] = client
        cookies[username] = client.cookies["sessionid"].value

    pages, missing = [], []
    deep_page = None
    for key, label, name, args, params, user, kind in page_specs(timezone.now()):
        try:
            path = reverse(name, args=args)
        except NoReverseMatch:
            missing.append({"key": key, "label": label, "name": name})
            continue
        if params.get("page") == "DEEP":
            if deep_page is None:
                missing.append({"key": key, "label": label, "name": name, "why": "list has no paginator"})
                continue
            params = {**params, "page": deep_page}
        url = f"{path}?{urlencode(params)}" if params else path
        try:
            clients[user].get(url)  # warm caches the way the server's warm-up does
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                response = clients[user].get(url)
                elapsed = time.perf_counter() - started
        except Exception as error:  # noqa: BLE001 — a page that fails on this branch is reported, not measured
            missing.append({"key": key, "label": label, "name": name, "why": f"fails: {error!r}"[:300]})
            continue
        if key == "list":
            deep_page = _middle_page(response)
        slowest = max(queries.captured_queries, key=lambda q: float(q["time"]), default=None)
        pages.append(
            {
                "key": key,
                "label": label,
                "name": name,
                "url": url,
                "user": user,
                "kind": kind,
                "status": response.status_code,
                "queries": len(queries.captured_queries),
                "test_client_ms": round(elapsed * 1000, 1),
                "slowest_query_ms": round(float(slowest["time"]) * 1000, 1) if slowest else 0.0,
                "slowest_query": slowest["sql"][:2000] if slowest else "",
            }
        )
    return {"pages": pages, "missing": missing, "cookies": cookies}


def _middle_page(response):
    """The page number halfway through the list, from whatever paginator the view put in its context."""
    context = response.context
    if context is None:
        return None
    for name in ("paginator", "page_obj", "page"):
        value = context.get(name)
        paginator = getattr(value, "paginator", value)
        if hasattr(paginator, "num_pages"):
            return max(1, paginator.num_pages // 2)
    return None


def main():
    setup_django()
    from django.test.utils import setup_test_environment

    setup_test_environment()  # the test client then records each response's template context
    json.dump(probe(), sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
