"""Every main page in Chromium, as the user who opens it: no serious or critical accessibility violation
(axe-core, phone and desktop), no sideways scrolling at 390 px, under 300 KB on a cold load, and no request
to any host but the portal. Figures go to test-artifacts/page-weights.json."""

import json

import pytest
from axe_playwright_python.sync_playwright import Axe

from .conftest import SCREENSHOTS, VIEWPORTS, Traffic, log_in
from .pages import MAIN_PAGES

PHONE_WIDTH = VIEWPORTS["phone"]["width"]
WEIGHT_LIMIT = 300 * 1024
REPORT = SCREENSHOTS.parent / "page-weights.json"
USERS = sorted({p.user or "" for p in MAIN_PAGES})

axe = Axe()


def serious_violations(page) -> list[str]:
    results = axe.run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.fixture(scope="module")
def report():
    found = {}
    yield found
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    REPORT.write_text(json.dumps(dict(sorted(found.items(), key=lambda kv: -kv[1]["bytes"])), indent=2))


@pytest.mark.parametrize("user", USERS, ids=[u or "visitor" for u in USERS])
def test_main_pages_are_accessible_fit_a_phone_and_are_light(demo, live_server, phone_page, user, report):
    page = phone_page
    if user:
        log_in(page, user)
    cdp = page.context.new_cdp_session(page)
    problems = {}

    for main_page in [p for p in MAIN_PAGES if (p.user or "") == user]:
        cdp.send("Network.clearBrowserCache")  # a cold load, as on a first visit
        traffic = Traffic(page, live_server.url)
        page.goto(main_page.path, wait_until="load")
        page.screenshot(path=SCREENSHOTS / "pages" / f"{main_page.name}.png", full_page=True)
        width = page.evaluate("document.scrollingElement.scrollWidth")
        weight = sum(traffic.transferred().values())
        phone_axe = serious_violations(page)
        page.set_viewport_size(VIEWPORTS["desktop"])
        desktop_axe = serious_violations(page)
        page.set_viewport_size(VIEWPORTS["phone"])
        traffic.stop()
        report[main_page.name] = {"bytes": weight, "requests": len(traffic.responses), "scroll_width": width}
        found = {
            "scroll_width": width if width > PHONE_WIDTH else None,
            "bytes": weight if weight >= WEIGHT_LIMIT else None,
            "foreign_requests": traffic.foreign,
            "axe_phone": phone_axe,
            "axe_desktop": desktop_axe,
        }
        if any(found.values()):
            problems[main_page.name] = {k: v for k, v in found.items() if v}

    assert problems == {}
