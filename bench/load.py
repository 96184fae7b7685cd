"""Load test (issue 6): 20 simulated users at once against gunicorn on PostgreSQL, loopback only.

    .venv/bin/python -m bench.load --duration 30        # or: make load

Eight branch leaders submit petitions through the form, four province staff triage them (receive,
route to departments), four department representatives answer in the admin, and four more users
browse lists, searches, details, sessions and the calendar. At the end it prints the requests, the
errors (no 5xx allowed) and the petitions stored versus submitted: each acknowledged submission must
be stored exactly once, and nothing unacknowledged may be stored.

The CLI makes a fresh database portal_bench_load (2,000 petitions) and its own gunicorn; the pytest
wrapper (tests/bench/test_load.py) runs ``run_load`` against the test database instead.
"""

import argparse
import http.client
import json
import random
import re
import sys
import threading
import time
import uuid
from collections import Counter
from html.parser import HTMLParser
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.datagen import BENCH_PASSWORD, COMMON_QUERY  # noqa: E402

LEADERS = ["gio_linh", "dakrong", "dong_ha", "vinh_linh", "cam_lo", "trieu_phong", "hai_lang", "huong_hoa"]
STAFF = ["canbo", "canbo_2", "canbo_3", "canbo_4"]
REPS = ["so_ldtbxh", "bhxh", "rep_y-te", "rep_nn-ptnt"]
BROWSERS = ["quang_tri_tx", "con_co", "canbo", "so_ldtbxh"]
MARKER = "Kiến nghị thử tải"


class Form:
    def __init__(self, action, method):
        self.action, self.method = action, method.lower()
        self.fields: list[dict] = []

    def field(self, name):
        return next((f for f in self.fields if f["name"] == name), None)


class FormParser(HTMLParser):
    """Forms of a page (inputs, selects with options, textareas) and its links."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self.links: list[str] = []
        self._form = self._select = self._textarea = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        elif tag == "form":
            self._form = Form(a.get("action") or "", a.get("method") or "get")
            self.forms.append(self._form)
        elif self._form is None:
            return
        elif tag in ("input", "button") and a.get("name"):
            kind = a.get("type", "text" if tag == "input" else "submit").lower()
            self._form.fields.append(
                {
                    "name": a["name"],
                    "tag": tag,
                    "type": kind,
                    "value": a.get("value", ""),
                    "checked": "checked" in a,
                    "required": "required" in a,
                }
            )
        elif tag == "select" and a.get("name"):
            self._select = {
                "name": a["name"],
                "tag": "select",
                "type": "select",
                "multiple": "multiple" in a,
                "options": [],
                "selected": [],
                "required": "required" in a,
            }
            self._form.fields.append(self._select)
        elif tag == "option" and self._select is not None:
            value = a.get("value", "")
            self._select["options"].append(value)
            if "selected" in a:
                self._select["selected"].append(value)
        elif tag == "textarea" and a.get("name"):
            self._textarea = {
                "name": a["name"],
                "tag": "textarea",
                "type": "textarea",
                "value": "",
                "required": "required" in a,
            }
            self._form.fields.append(self._textarea)

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea["value"] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def fill(form: Form, overrides: dict, *, submit: str | None = None) -> list[tuple[str, str]]:
    """The POST data a person would send: defaults kept, required blanks filled, ``overrides`` by field name."""
    data = []
    submitted = False
    for f in form.fields:
        name = f["name"]
        override = next((v for k, v in overrides.items() if name == k or name.endswith("-" + k)), None)
        if f["type"] in ("submit", "button", "image"):
            if not submitted and (submit is None or name == submit):
                data.append((name, f["value"]))
                submitted = True
            continue
        if f["type"] == "file":
            continue
        if f["type"] in ("checkbox", "radio"):
            if override is not None:
                if str(override) == f["value"] or override is True:
                    data.append((name, f["value"] or "on"))
            elif f["checked"]:
                data.append((name, f["value"] or "on"))
            continue
        if f["type"] == "select":
            choices = [o for o in f["options"] if o]
            if override is not None:
                values = override if isinstance(override, list) else [override]
                data.extend((name, str(v)) for v in values)
            elif f["selected"]:
                data.extend((name, v) for v in f["selected"])
            elif f["required"] and choices:
                data.append((name, choices[0]))
            continue
        value = str(override) if override is not None else f["value"]
        if not value and f["required"]:
            value = {
                "number": "1",
                "date": time.strftime("%Y-%m-%d"),
                "tel": "0912345678",
                "email": "a@example.org",
            }.get(f["type"], "Nội dung thử tải")
        data.append((name, value))
    return data


class Browser:
    """One simulated person: cookies, CSRF, no redirect following (statuses are what we count)."""

    def __init__(self, port, stats):
        self.port, self.stats, self.cookies = port, stats, {}

    def _send(self, method, url, body=None):
        headers = {"Host": "127.0.0.1", "Accept-Language": "vi"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"http://127.0.0.1:{self.port}{url}"
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        try:
            connection.request(method, url, body=body, headers=headers)
            response = connection.getresponse()
            content = response.read().decode("utf-8", "replace")
        except OSError:
            self.stats.record(method, url, 0)
            raise
        finally:
            connection.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            cookie = SimpleCookie(header)
            for key, morsel in cookie.items():
                self.cookies[key] = morsel.value
        self.stats.record(method, url, response.status)
        return response.status, response.headers.get("Location", ""), content

    def get(self, url):
        return self._send("GET", url)

    def post(self, url, data):
        return self._send("POST", url, urlencode(data))

    def login(self, username):
        status, _, page = self.get("/accounts/login/")
        form = next(f for f in parse(page).forms if f.field("username"))
        status, location, _ = self.post(
            "/accounts/login/", fill(form, {"username": username, "password": BENCH_PASSWORD})
        )
        if status != 302:
            raise RuntimeError(f"login of {username} answered {status}")


def parse(page) -> FormParser:
    parser = FormParser()
    parser.feed(page)
    return parser


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.statuses: Counter = Counter()
        self.by_route: Counter = Counter()
        self.server_errors: list[str] = []
        self.submitted: list[str] = []  # titles acknowledged with a redirect
        self.unacknowledged: list[str] = []  # titles whose POST failed or timed out
        self.actions: Counter = Counter()

    def record(self, method, url, status):
        route = re.sub(r"\d+", "N", urlsplit(url).path)
        with self.lock:
            self.statuses[status] += 1
            self.by_route[(method, route, status)] += 1
            if status >= 500 or status == 0:
                self.server_errors.append(f"{method} {url} → {status or 'no answer'}")

    def act(self, name):
        with self.lock:
            self.actions[name] += 1


def petition_links(page):
    return sorted({int(m) for m in re.findall(r'href="/petitions/(\d+)/"', page)})


def leader(browser, username, run, deadline, rng):
    n = 0
    while time.time() < deadline:
        status, _, page = browser.get("/petitions/new/")
        forms = [f for f in parse(page).forms if f.field("title") and f.field("content")]
        if status != 200 or not forms:
            time.sleep(1)
            continue
        n += 1
        title = f"{MARKER} {run} {username} {n}"
        data = fill(
            forms[0], {"title": title, "content": f"Nội dung kiến nghị thử tải số {n} của {username}: vay vốn."}
        )
        try:
            status, location, _ = browser.post(forms[0].action or "/petitions/new/", data)
        except OSError:
            browser.stats.unacknowledged.append(title)
            continue
        if status == 302:
            browser.stats.submitted.append(title)
            browser.stats.act("submit")
            browser.get(urlsplit(location).path or "/petitions/")
        else:
            browser.stats.unacknowledged.append(title)
        browser.get("/petitions/")
        time.sleep(rng.uniform(0.2, 1.0))


def staff(browser, username, run, deadline, rng):
    while time.time() < deadline:
        status, _, page = browser.get("/petitions/triage/")
        ids = petition_links(page)
        if not ids:
            browser.get("/petitions/")
            time.sleep(1)
            continue
        pk = rng.choice(ids[:10])
        status, _, page = browser.get(f"/petitions/{pk}/")
        forms = parse(page).forms
        status_form = next((f for f in forms if f.action.endswith(f"/petitions/{pk}/status/")), None)
        if status_form and (choice := status_form.field("to_status")):
            options = [o for o in choice["options"] if o]
            target = "received" if "received" in options else None  # triage receives; it does not reject
            if target:
                browser.post(
                    status_form.action, fill(status_form, {"to_status": target, "note": "Tiếp nhận (thử tải)"})
                )
                browser.stats.act(f"status→{target}")
        status, _, page = browser.get(f"/petitions/{pk}/assign/")
        form = next((f for f in parse(page).forms if f.field("version")), None) if status == 200 else None
        if form:
            status, _, _ = browser.post(f"/petitions/{pk}/assign/", fill(form, _assign_overrides(form, rng)))
            browser.stats.act("assign" if status == 302 else f"assign→{status}")
        time.sleep(rng.uniform(0.2, 1.0))


def _assign_overrides(form, rng):
    """Tick one department in whatever shape the routing form takes (checkboxes or a select)."""
    overrides = {"note": "Chuyển thử tải"}
    boxes = [f for f in form.fields if f["type"] == "checkbox" and "department" in f["name"]]
    if boxes:
        overrides[boxes[0]["name"]] = rng.choice(boxes)["value"]
        return overrides
    for f in form.fields:
        if f["type"] == "select" and f["options"] and "department" in f["name"]:
            overrides[f["name"]] = next(o for o in f["options"] if o)
            break
    return overrides


def rep(browser, username, run, deadline, rng):
    changelist = "/admin/petitions/petition/"
    while time.time() < deadline:
        status, _, page = browser.get(changelist)  # the admin lists what waits for an answer first
        found = re.findall(r'href="/admin/petitions/petition/(\d+)/change/', page)
        ids = list(dict.fromkeys(int(m) for m in found))
        if status != 200 or not ids:
            time.sleep(1)
            continue
        pk = rng.choice(ids[:10])
        url = f"{changelist}{pk}/change/"
        status, _, page = browser.get(url)
        form = next((f for f in parse(page).forms if any(x["name"].endswith("answer_text") for x in f.fields)), None)
        if status == 200 and form:
            overrides = {
                "answer_text": f"Sở đã tiếp thu (trả lời thử tải của {username}).",
                "answer_method": "in_writing",
            }
            status, _, _ = browser.post(url, fill(form, overrides, submit="_save"))
            browser.stats.act("answer" if status == 302 else f"answer→{status}")
        time.sleep(rng.uniform(0.2, 1.0))


def browse(browser, username, run, deadline, rng):
    pages = ["/", "/petitions/", f"/petitions/?q={COMMON_QUERY.replace(' ', '+')}", "/sessions/", "/reports/"]
    while time.time() < deadline:
        status, _, page = browser.get(rng.choice(pages))
        ids = petition_links(page)
        if ids:
            browser.get(f"/petitions/{rng.choice(ids)}/")
        time.sleep(rng.uniform(0.1, 0.5))


def run_load(*, port, duration=30, seed=1, count_stored=None, expect_submissions=True):
    """Run the 20 users for ``duration`` seconds; returns the report dict.

    ``count_stored(prefix) -> dict[title, count]`` reads what the database holds.
    """
    run = uuid.uuid4().hex[:8]
    stats = Stats()
    roles = (
        [(leader, u) for u in LEADERS]
        + [(staff, u) for u in STAFF]
        + [(rep, u) for u in REPS]
        + [(browse, u) for u in BROWSERS]
    )
    failures = []
    # Everyone logs in first (PBKDF2 costs real CPU), then the clock starts for all at once.
    clock = {}
    barrier = threading.Barrier(len(roles), action=lambda: clock.update(start=time.time()))

    def person(i, behaviour, username):
        rng = random.Random(seed * 100 + i)
        browser = Browser(port, stats)
        try:
            browser.login(username)
        except Exception as error:  # noqa: BLE001 — a user who cannot log in is a finding, not a crash
            failures.append(f"{username} (login): {error!r}")
            barrier.wait()
            return
        barrier.wait()
        try:
            behaviour(browser, username, run, clock["start"] + duration, rng)
        except Exception as error:  # noqa: BLE001
            failures.append(f"{username} ({behaviour.__name__}): {error!r}")

    threads = [threading.Thread(target=person, args=(i, b, u), daemon=True) for i, (b, u) in enumerate(roles)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=duration + 180)
    started = clock.get("start", time.time())
    elapsed = time.time() - started
    stored = count_stored(f"{MARKER} {run} ") if count_stored else {}
    submitted = Counter(stats.submitted)
    report = {
        "users": len(roles),
        "seconds": round(elapsed, 1),
        "requests": sum(stats.statuses.values()),
        "statuses": {str(k): v for k, v in sorted(stats.statuses.items())},
        "server_errors": len(stats.server_errors),
        "server_error_samples": stats.server_errors[:10],
        "actions": dict(stats.actions),
        "submitted": len(submitted),
        "stored": len(stored),
        "stored_twice": sorted(t for t, c in stored.items() if c > 1),
        "missing": sorted(t for t in submitted if t not in stored),
        "stored_unacknowledged": sorted(t for t in stored if t not in submitted),
        "user_failures": failures,
    }
    report["ok"] = (
        report["server_errors"] == 0
        and not report["stored_twice"]
        and not report["missing"]
        and not report["stored_unacknowledged"]
        and not failures
        and (report["submitted"] > 0 or not expect_submissions)
    )
    return report


def psycopg_counter(dsn):
    def count_stored(prefix):
        import psycopg

        with psycopg.connect(dsn) as connection:
            rows = connection.execute(
                "SELECT title, count(*) FROM petitions_petition WHERE title LIKE %s GROUP BY title", [prefix + "%"]
            ).fetchall()
        return dict(rows)

    return count_stored


def summary(report) -> str:
    return (
        f"load: {report['users']} users, {report['seconds']} s, {report['requests']} requests "
        f"({report['requests'] / max(report['seconds'], 1):.0f}/s), statuses {report['statuses']}, "
        f"5xx {report['server_errors']}; petitions submitted {report['submitted']}, stored {report['stored']}, "
        f"stored twice {len(report['stored_twice'])}, missing {len(report['missing'])}, "
        f"stored without acknowledgement {len(report['stored_unacknowledged'])}; actions {report['actions']}"
        + (f"; user failures {report['user_failures']}" if report["user_failures"] else "")
        + f" → {'PASS' if report['ok'] else 'FAIL'}"
    )


def main(argv=None):
    from bench.run import PG, PREFIX, REDIS, Server, collectstatic, ensure_template, fresh_database, log

    parser = argparse.ArgumentParser(description="20 simulated users against gunicorn on PostgreSQL (loopback).")
    parser.add_argument("--duration", type=int, default=30, help="seconds, at most 60")
    parser.add_argument("--petitions", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers")
    args = parser.parse_args(argv)
    duration = min(args.duration, 60)
    database = f"{PREFIX}_load"
    ensure_template()
    fresh_database(database, args.petitions, 200)
    collectstatic(database)
    import subprocess

    subprocess.run(["redis-cli", "-u", REDIS, "flushdb"], capture_output=True, check=False)
    server = Server(database, args.workers, "load")
    try:
        server.wait()
        log(f"load: 20 users for {duration} s against gunicorn on {database}")
        report = run_load(port=server.port, duration=duration, count_stored=psycopg_counter(f"{PG}/{database}"))
    finally:
        server.stop()
    print(json.dumps(report, ensure_ascii=False, indent=1))
    print(summary(report))
    return 0 if report["ok"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
