"""The portal's benchmark: throughput of each page against a framework floor, written to bench/RESULTS.md.

    .venv/bin/python bench/run.py --petitions 100000                 (make bench)
    .venv/bin/python bench/run.py --petitions 5000 --seconds 2 --output /tmp/bench-results.md   (a quick check)

Generates the data at two sizes (--small and --petitions), serves each with gunicorn under production settings,
serves the framework floor (bench/floor.py) with the same gunicorn and worker count, then measures each page with
wrk, one run at a time, and a mix of every page. Needs PostgreSQL (BENCH_PG, default
postgres://postgres@127.0.0.1:5432), Redis (BENCH_REDIS_URL, default redis://127.0.0.1:6379/5) and wrk.
Databases <BENCH_DB_PREFIX>_<size> are (re)created from a migrated template; --reuse keeps them when they already
hold the data. Everything runs on 127.0.0.1 only. `--probe` is the part that runs inside Django (query counts,
login cookies).
"""

import argparse
import http.client
import json
import os
import platform
import shlex
import signal
import socket
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
PYTHON = sys.executable
PG = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
REDIS = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/5")
PREFIX = os.environ.get("BENCH_DB_PREFIX", "portal_bench")
STAFF, REP = "canbo", "so_ldtbxh"
HAND_WRITTEN = "<!-- hand-written below: bench/run.py keeps everything after this line when it rewrites the file -->"

# Issue 13's goals: throughput ratio to the floor per page (None: no goal), the same page at 1,000 petitions,
# the full mix; and the ratios measured the same way before the work ("before" column).
SIZE_GOAL = 1.3
MIX_GOAL = 150
BEFORE = {
    "layout": 12.5,
    "home": 39,
    "petition_detail": 69,
    "dashboard": 102,
    "session_detail": 115,
    "search_common": 190,
    "list": 205,
}


def page_specs():
    """(key, label, URL name, args, GET params, user, goal × floor); runs inside Django."""
    from bench.datagen import (
        COMMON_QUERY,
        RARE_COMMON_TRIGRAMS_QUERY,
        RARE_QUERY,
        SPECIAL_PETITION_ID,
        SPECIAL_SESSION_ID,
    )
    from dialogue_portal.directory.models import OrgUnit, TopicCategory

    topic = TopicCategory.objects.get(code="vay-von-khoi-nghiep").pk
    # A filter that fills a page at both sizes, so the ratio between them is the filtering's own cost (a
    # commune's share of 1,000 petitions under one status and topic is empty). Since 1 July 2025 there are no
    # districts; the unit filter takes the province.
    province = OrgUnit.objects.get(code="qt").pk
    filtered = {"status": "resolved", "topic": topic, "unit": province}
    return [
        ("layout", "Base layout", "bench_layout", [], {}, STAFF, 4),
        ("home", "Home (staff)", "home", [], {}, STAFF, None),
        ("dashboard", "Reports dashboard", "reports:dashboard", [], {}, STAFF, 30),
        ("list", "Petition list, page 1", "petitions:list", [], {}, STAFF, 60),
        (
            "list_filtered",
            "Petition list, filtered (status + topic + unit)",
            "petitions:list",
            [],
            filtered,
            STAFF,
            60,
        ),
        (
            "search_common",
            f"Search, common words «{COMMON_QUERY}»",
            "petitions:list",
            [],
            {"q": COMMON_QUERY},
            STAFF,
            60,
        ),
        ("search_rare", f"Search, a rare word «{RARE_QUERY}»", "petitions:list", [], {"q": RARE_QUERY}, STAFF, 60),
        (
            "search_rare_common_trigrams",
            f"Search, a rare word of common trigrams «{RARE_COMMON_TRIGRAMS_QUERY}»",
            "petitions:list",
            [],
            {"q": RARE_COMMON_TRIGRAMS_QUERY},
            STAFF,
            60,
        ),
        ("petition_detail", "Petition detail", "petitions:detail", [SPECIAL_PETITION_ID], {}, STAFF, 20),
        ("session_detail", "Session detail (41 petitions)", "dialogues:detail", [SPECIAL_SESSION_ID], {}, STAFF, 30),
        ("calendar", "Session calendar (this month)", "dialogues:calendar", [], {}, STAFF, 60),
        (
            "admin_list",
            "Department rep's admin list of petitions",
            "admin:petitions_petition_changelist",
            [],
            {},
            REP,
            60,
        ),
        ("reports_index", "Reports index", "reports:index", [], {}, STAFF, 60),
        ("transmittals", "Transmittals list", "reports:transmittals", [], {}, STAFF, 60),
        (
            "list_deep",
            "Petition list, deep page (middle; excepted)",
            "petitions:list",
            [],
            {"page": "DEEP"},
            STAFF,
            None,
        ),
    ]


def probe():
    """Inside Django: each page's URL, status and query count, and the users' session cookies (JSON on stdout)."""
    sys.path.insert(0, str(ROOT))
    from bench.datagen import setup_django

    setup_django()
    from urllib.parse import urlencode

    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment
    from django.urls import NoReverseMatch, reverse

    from dialogue_portal.accounts.models import User
    from dialogue_portal.accounts.services import sync_roles
    from dialogue_portal.datastamp import WRITES

    setup_test_environment()  # the test client then records each response's template context (the deep page)
    sync_roles()  # a reused database gets the permissions of apps merged since it was generated
    clients = {}
    for username in (STAFF, REP):
        clients[username] = Client()
        clients[username].force_login(User.objects.get(username=username))
    pages, missing, deep_page = [], [], None
    for key, label, name, args, params, user, goal in page_specs():
        try:
            path = reverse(name, args=args)
        except NoReverseMatch:
            missing.append({"key": key, "label": label, "why": f"no URL named {name}"})
            continue
        if params.get("page") == "DEEP":
            if deep_page is None:
                missing.append({"key": key, "label": label, "why": "the list has no paginator"})
                continue
            params = {**params, "page": deep_page}
        url = f"{path}?{urlencode(params)}" if params else path
        clients[user].get(url)  # warm caches as the servers' warm-up does
        with CaptureQueriesContext(connection) as queries:
            response = clients[user].get(url)
        WRITES.bump()  # as any write does: a page that keeps its body per user renders it afresh
        with CaptureQueriesContext(connection) as fresh:
            clients[user].get(url)
        if key == "list":
            deep_page = middle_page(response)
        slowest = max(queries.captured_queries, key=lambda q: float(q["time"]), default={"time": 0, "sql": ""})
        pages.append(
            {
                "key": key,
                "label": label,
                "url": url,
                "user": user,
                "goal": goal,
                "status": response.status_code,
                "queries": len(queries.captured_queries),
                "fresh_queries": len(fresh.captured_queries),
                "slowest_query_ms": round(float(slowest["time"]) * 1000, 1),
                "slowest_query": slowest["sql"][:2000],
            }
        )
    cookies = {username: client.cookies["sessionid"].value for username, client in clients.items()}
    json.dump({"pages": pages, "missing": missing, "cookies": cookies}, sys.stdout, ensure_ascii=False)


def middle_page(response):
    """The page number halfway through the list, from whatever paginator the view put in its context."""
    for name in ("paginator", "page_obj", "page"):
        value = (response.context or {}).get(name)
        paginator = getattr(value, "paginator", value)
        if hasattr(paginator, "num_pages"):
            return max(1, paginator.num_pages // 2)
    return None


def log(message):
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


def size_label(n):
    return f"{n // 1000}k" if n % 1000 == 0 else f"{n:,}"


def psql(sql, database="postgres"):
    options = ["-qX", "-v", "ON_ERROR_STOP=1", "-c", "SET client_min_messages = warning", "-c", sql]
    subprocess.run(["psql", f"{PG}/{database}", *options], check=True)


def scalar(sql, database):
    result = subprocess.run(
        ["psql", f"{PG}/{database}", "-qXAt", "-c", sql], capture_output=True, text=True, check=False
    )
    return result.stdout.strip() if result.returncode == 0 else None


def django_env(database, **extra):
    env = {
        **os.environ,
        "DATABASE_URL": f"{PG}/{database}",
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "REDIS_URL": REDIS,
        "DEBUG": "false",
        "LOG_LEVEL": "WARNING",
        "PYTHONPATH": str(ROOT),
    }
    env.update({k: str(v) for k, v in extra.items()})
    return env


def run_json(args, env):
    result = subprocess.run([PYTHON, *args], cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        sys.stderr.write(result.stderr)
        raise SystemExit(f"{' '.join(args)} failed")
    return json.loads(result.stdout.strip().splitlines()[-1])


def prepare_databases(sizes, sessions, reuse):
    """Migrate the template, then create and fill <prefix>_<size> from it. Returns generation reports."""
    reports = {}
    wanted = {n: f"{PREFIX}_{size_label(n)}" for n in sizes}
    reusable = {
        n: db for n, db in wanted.items() if reuse and scalar("SELECT count(*) FROM petitions_petition", db) == str(n)
    }
    for n, db in reusable.items():
        log(f"reusing {db} ({n} petitions); migrating it")
        subprocess.run([PYTHON, "manage.py", "migrate", "-v0"], cwd=ROOT, env=django_env(db), check=True)
        reports[n] = {"reused": True}
    todo = {n: db for n, db in wanted.items() if n not in reusable}
    if todo:
        ensure_template()
    for n, db in todo.items():
        reports[n] = fresh_database(db, n, sessions)
    return reports, wanted


def ensure_template():
    """The migrated, empty database every benchmark database is copied from (migrated in place when it exists)."""
    template = f"{PREFIX}_tpl"
    if scalar("SELECT 1", template) != "1":
        psql(f"CREATE DATABASE {template}")
    log(f"migrating template database {template}")
    subprocess.run([PYTHON, "manage.py", "migrate", "-v0"], cwd=ROOT, env=django_env(template), check=True)


def fresh_database(db, petitions, sessions):
    """Drop ``db``, copy it from the template and generate ``petitions``; returns the generator's report."""
    psql(f"DROP DATABASE IF EXISTS {db}")
    psql(f"CREATE DATABASE {db} TEMPLATE {PREFIX}_tpl")
    log(f"generating {petitions} petitions into {db}")
    started = time.perf_counter()
    args = ["-m", "bench.datagen", "--petitions", str(petitions), "--sessions", str(sessions)]
    report = run_json(args, django_env(db))
    report["wall_seconds"] = round(time.perf_counter() - started, 1)
    log(f"  {petitions} petitions: {report['wall_seconds']} s ({report['seconds']})")
    return report


def collectstatic(database):
    """Hashed, compressed static files, as production serves them (the servers run with STATIC_MANIFEST)."""
    log("collectstatic (hashed names, as in production)")
    env = django_env(database, STATIC_MANIFEST="true")
    subprocess.run([PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """gunicorn (sync workers) on 127.0.0.1: the portal with production settings, or the floor when database is None."""

    def __init__(self, database, workers, prefix="", database_url=None):
        self.name, self.port = database or "floor", free_port()
        if database is None:
            env = {**os.environ, "DJANGO_SETTINGS_MODULE": "bench.floor", "PYTHONPATH": str(ROOT)}
            app, self.ready_path = "django.core.wsgi:get_wsgi_application()", "/"
        else:
            env = django_env(
                database,
                **({"DATABASE_URL": database_url} if database_url else {}),
                STATIC_MANIFEST="true",
                WHITENOISE_USE_FINDERS="false",
                SESSION_COOKIE_SECURE="false",
                CSRF_COOKIE_SECURE="false",
                CONN_MAX_AGE=600,
                CACHE_KEY_PREFIX=prefix,
            )
            app, self.ready_path = "dialogue_portal.wsgi:application", "/accounts/login/"
        OUT.mkdir(exist_ok=True)
        self.log = open(OUT / f"gunicorn-{self.name}.log", "w")  # noqa: SIM115 — closed in stop()
        gunicorn = [str(Path(PYTHON).parent / "gunicorn"), app, "--bind", f"127.0.0.1:{self.port}"]
        self.process = subprocess.Popen(
            [*gunicorn, "--workers", str(workers), "--timeout", "60"],
            cwd=ROOT,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def wait(self, timeout=60):
        deadline = time.time() + timeout
        while time.time() < deadline:
            try:
                if request(self.port, self.ready_path) == 200:
                    return
            except OSError:
                time.sleep(0.2)
        raise SystemExit(f"gunicorn for {self.name} did not start; see {self.log.name}")

    def stop(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
        self.log.close()


# A browser that has seen one page sends the CSRF cookie with the session's; without it every page
# would mint a new CSRF secret, which no real visitor costs the server.
CSRF_COOKIE = "csrftoken=" + "benchCsrfSecret0123456789abcdefg"


def cookie_header(session):
    return f"sessionid={session}; {CSRF_COOKIE}" if session else CSRF_COOKIE


def request(port, url, cookie=None, timeout=30):
    """GET url as the benchmark does; returns the status."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    headers = {"Accept-Language": "vi", "Cookie": cookie_header(cookie)}
    try:
        connection.request("GET", url, headers=headers)
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


WRK_SCRIPT = """
local pages = {PAGES}
local i = 0
request = function()
  i = i % #pages + 1
  return wrk.format("GET", pages[i][1], {["Accept-Language"] = "vi", ["Cookie"] = pages[i][2]})
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('{"requests": %d, "us": %d, "status_errors": %d, "socket_errors": %d, '
    .. '"p50_ms": %.1f, "p95_ms": %.1f}\\n', summary.requests, summary.duration, e.status,
    e.connect + e.read + e.write + e.timeout, latency:percentile(50) / 1000, latency:percentile(95) / 1000))
end
"""


def wrk(port, pages, args):
    """One wrk run cycling through ``pages`` [(url, cookie)]: req/s, errors (non-2xx/3xx and socket), latency."""
    entries = ", ".join("{" + json.dumps(url) + ", " + json.dumps(cookie_header(cookie)) + "}" for url, cookie in pages)
    script = OUT / "wrk.lua"
    script.write_text(WRK_SCRIPT.replace("PAGES", entries, 1))
    command = ["wrk", f"-t{args.threads}", f"-c{args.connections}", f"-d{args.seconds}s", "--timeout", "30s"]
    result = subprocess.run(
        [*command, "-s", str(script), f"http://127.0.0.1:{port}/"], capture_output=True, text=True, check=True
    )
    found = json.loads([line for line in result.stdout.splitlines() if line.startswith("{")][-1])
    found["rps"] = found["requests"] / (found["us"] / 1e6)
    found["errors"] = found["status_errors"] + found["socket_errors"]
    return found


def measure(args, servers, probes, sizes):
    """The floor once, then each page at the small size and at once at the big one; then the mix at the big size."""
    small, big = sizes
    floor = servers["floor"]
    warm(floor.port, [("/", None)], args.workers)
    results = {"floor": {"start": wrk(floor.port, [("/", None)], args)}}
    log(f"  floor: {results['floor']['start']['rps']:.0f} req/s")
    for page in probes[big]["pages"]:
        key, runs = page["key"], {}
        for label, n in (("small", small), ("big", big)):
            other = next((p for p in probes[n]["pages"] if p["key"] == key), None)
            if other is None:
                continue
            target = [(other["url"], probes[n]["cookies"][other["user"]])]
            runs[label] = {"status": warm(servers[n].port, target, args.workers), **wrk(servers[n].port, target, args)}
        results[key] = runs
        log("  " + key + ": " + ", ".join(f"{k} {r['rps']:.1f} req/s ({r['errors']} errors)" for k, r in runs.items()))
    mix = [(p["url"], probes[big]["cookies"][p["user"]]) for p in probes[big]["pages"]]
    log(f"mix of {len(mix)} pages at {big:,}")
    results["mix"] = wrk(servers[big].port, mix, args)
    log(f"  mix: {results['mix']['rps']:.1f} req/s ({results['mix']['errors']} errors)")
    results["floor"]["end"] = wrk(floor.port, [("/", None)], args)  # the faster of the two is the floor
    log(f"  floor again: {results['floor']['end']['rps']:.0f} req/s")
    return results


def warm(port, pages, workers):
    """A few requests per worker before measuring; returns the last status (a page must answer 200)."""
    status = None
    for url, cookie in pages * 2 * workers:
        status = request(port, url, cookie)
    return status


def render(args, reports, probes, results, exports, sizes, kept):
    small, big = sizes
    s, b = size_label(small), size_label(big)
    f = max(results["floor"].values(), key=lambda run: run["rps"])
    floor_rps = f["rps"]
    small_queries = {p["key"]: p["queries"] for p in probes[small]["pages"]}
    postgres = scalar("SHOW server_version", "postgres") or "PostgreSQL"
    wrk_version = subprocess.run(["wrk", "-v"], capture_output=True, text=True, check=False).stdout.split(" [")[0]
    lines = [
        "# Benchmark results",
        "",
        f"Produced by `{args.command}` on {datetime.now().strftime('%d/%m/%Y %H:%M')} ({os.cpu_count()} cores, "
        f"load average {args.load_average} at the start, Python {platform.python_version()}, PostgreSQL {postgres}, "
        f"{wrk_version}).",
        "",
        f"Each server is gunicorn with {args.workers} sync workers; the portal runs with production settings (DEBUG "
        "off, hashed static files, persistent connections, Redis cache), the floor is `bench/floor.py` (a bare "
        "Django view behind SecurityMiddleware and CommonMiddleware). Each page is measured alone with "
        f"`wrk -t{args.threads} -c{args.connections} -d{args.seconds}s`, its user's session cookie and "
        "`Accept-Language: vi`, after a few warm-up requests; one wrk at a time. × floor = floor req/s ÷ page "
        f"req/s; × its {s} time = req/s at {s} ÷ req/s at {b}. Queries: at {b} (at {s} in brackets when "
        "different), and after a write where a page keeps its body per user until one (dialogue_portal/pagebody.py). "
        "The floor is measured before the pages and after the mix ("
        + " and ".join(f"{run['rps']:.0f}" for run in results["floor"].values())
        + " req/s); the faster run is the floor.",
        "",
        "| petitions | generated in | rows |",
        "|---:|---:|---:|",
    ]
    for n in sizes:
        r = reports.get(n, {})
        done = f"{r['wall_seconds']} s | {sum(r['rows'].values()):,}" if "rows" in r else "(reused) |"
        lines.append(f"| {n:,} | {done} |")
    lines += [
        "",
        f"## Pages at {big:,} petitions",
        "",
        f"| page | req/s at {b} | × floor | goal | met? | × its {s} time | req/s at {s} | queries | "
        f"“before” × floor | errors | median / p95 ms at {b} |",
        "|---|---:|---:|---:|:-:|---:|---:|---:|---:|---:|---:|",
    ]
    lines.append(
        f"| Framework floor (`bench/floor.py`) | {floor_rps:.0f} | 1.0× | — | | — | — | 0 | — | {f['errors']} | "
        f"{f['p50_ms']:.1f} / {f['p95_ms']:.1f} |"
    )
    goals = []
    for page in probes[big]["pages"]:
        key, runs = page["key"], results[page["key"]]
        at_big, at_small = runs["big"], runs.get("small")
        ratio = floor_rps / at_big["rps"] if at_big["rps"] else float("inf")  # inf: no request finished
        met = page["goal"] is None or ratio <= page["goal"]
        size = (at_small["rps"] / at_big["rps"] if at_big["rps"] else float("inf")) if at_small else None
        size_met = key == "list_deep" or size is None or size <= SIZE_GOAL
        queries = f"{page['queries']}" + (
            f" ({small_queries[key]})" if small_queries.get(key, page["queries"]) != page["queries"] else ""
        )
        if page.get("fresh_queries", page["queries"]) != page["queries"]:
            queries += f"; {page['fresh_queries']} after a write"
        named = {"small": s, "big": b}
        status = "".join(f" **HTTP {r['status']} at {named[at]}**" for at, r in runs.items() if r["status"] != 200)
        goal = f"≤ {page['goal']:g}×" if page["goal"] else "—"
        mark = ("✅" if met else "❌") if page["goal"] else ""
        size_cell = (
            "—" if size is None else f"{size:.2f}×" + ("" if key == "list_deep" else " ✅" if size_met else " ❌")
        )
        small_cell = f"{at_small['rps']:.1f}" if at_small else "—"
        before = f"{BEFORE[key]:g}×" if key in BEFORE else "—"
        errors = " / ".join(str(r["errors"]) for r in runs.values())
        lines.append(
            f"| {page['label']}{status} | {at_big['rps']:.1f} | {ratio:.1f}× | {goal} | {mark} | {size_cell} | "
            f"{small_cell} | {queries} | {before} | {errors} | {at_big['p50_ms']:.1f} / {at_big['p95_ms']:.1f} |"
        )
        if key == "list_deep":
            continue
        verdicts = []
        if page["goal"]:
            verdicts.append(f"{ratio:.1f}× the floor (goal ≤ {page['goal']:g}×) {'met' if met else '**not met**'}")
        if size:
            verdicts.append(f"{size:.2f}× its {s} time (goal ≤ {SIZE_GOAL}×) {'met' if size_met else '**not met**'}")
        goals.append(f"- {'✅' if met and size_met else '❌'} {page['label']}: " + "; ".join(verdicts) + ".")
    mix = results["mix"]
    mix_met = mix["rps"] >= MIX_GOAL and mix["errors"] == 0
    lines += [
        "",
        f"Errors: responses other than 2xx/3xx plus socket errors during the runs (at {s} / at {b}). The deep page "
        "is excepted from the goals; the home page has no goal against the floor.",
        *[f"Not measured: {m['label']} ({m['why']})." for m in probes[big]["missing"]],
        "",
        "## Full mix",
        "",
        f"One wrk run (`-t{args.threads} -c{args.connections} -d{args.seconds}s`) cycling through every page above "
        f"but the floor, each with its user's cookie, at {big:,} petitions: **{mix['rps']:.1f} req/s**, "
        f"{mix['requests']:,} requests, {mix['status_errors']} non-2xx/3xx and {mix['socket_errors']} socket errors; "
        f"median {mix['p50_ms']:.0f} ms, p95 {mix['p95_ms']:.0f} ms.",
        "",
        "## Goals",
        "",
        *goals,
        f"- {'✅' if mix_met else '❌'} Full mix: {mix['rps']:.1f} req/s (goal ≥ {MIX_GOAL}) with {mix['errors']} "
        f"errors (goal 0) {'met' if mix_met else '**not met**'}.",
    ]
    if exports:
        lines += ["", "## Exports (`python -m bench.exports`)", "", *exports]
    return "\n".join(lines) + "\n\n" + HAND_WRITTEN + "\n\n" + kept


def hand_written(path):
    """What follows the marker in the previous results, or the heading the lead fills in."""
    previous = Path(path).read_text() if Path(path).exists() else ""
    if HAND_WRITTEN in previous:
        return previous.split(HAND_WRITTEN, 1)[1].lstrip("\n")
    return "## Cause and fix of each goal not met\n\n(Written by hand after the run.)\n"


def run_exports(big):
    """The exports' time and peak memory at 10,000 and ``big`` rows, as the lines bench.exports prints."""
    log("exports")
    result = subprocess.run(
        [PYTHON, "-m", "bench.exports", str(min(10_000, big)), str(big)],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT), "DJANGO_SETTINGS_MODULE": "dialogue_portal.settings"},
        capture_output=True,
        text=True,
        check=False,
    )
    return [f"    {line}" for line in result.stdout.splitlines() if not line.startswith("{")] or [
        f"Failed: {result.stderr.strip()[-300:]}"
    ]


def main(argv=None):
    parser = argparse.ArgumentParser(description="Benchmark the portal at two data sizes and write bench/RESULTS.md.")
    parser.add_argument("--petitions", type=int, default=100_000, help="the big size")
    parser.add_argument("--small", type=int, default=1_000, help="the size to compare with")
    parser.add_argument("--sessions", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers, every server")
    parser.add_argument("--seconds", type=int, default=8, help="each wrk run")
    parser.add_argument("--threads", type=int, default=2, help="wrk -t")
    parser.add_argument("--connections", type=int, default=4, help="wrk -c")
    parser.add_argument("--reuse", action="store_true", help="keep databases that already hold the data")
    parser.add_argument("--exports", action="store_true", help="also time the exports (minutes at 100,000)")
    parser.add_argument("--output", default=str(ROOT / "bench" / "RESULTS.md"))
    parser.add_argument("--probe", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.probe:
        return probe()
    args.command = "python bench/run.py " + " ".join(shlex.quote(a) for a in (argv or sys.argv[1:]))
    args.load_average = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    sizes = [args.small, args.petitions]

    reports, databases = prepare_databases(sizes, args.sessions, args.reuse)
    collectstatic(databases[args.small])
    subprocess.run(["redis-cli", "-u", REDIS, "flushdb"], capture_output=True, check=False)
    probes = {}
    for n in sizes:
        log(f"query counts and cookies on {databases[n]}")
        probes[n] = run_json(["-m", "bench.run", "--probe"], django_env(databases[n], CACHE_KEY_PREFIX=f"b{n}"))
    probes_done = time.time()
    servers = {n: Server(databases[n], args.workers, f"b{n}") for n in sizes}
    servers["floor"] = Server(None, args.workers)
    try:
        for server in servers.values():
            server.wait()
        # The probe's logins changed the users (their last login): for half a minute after a change the portal
        # reads a user from the database rather than the cache (accounts/usercache.py). Measure the steady state.
        sys.path.insert(0, str(ROOT))  # run as a script: the portal's packages sit beside bench/
        from dialogue_portal.accounts.usercache import TOMBSTONE_TTL

        settle = probes_done + TOMBSTONE_TTL + 1 - time.time()
        if settle > 0:
            log(f"waiting {settle:.0f} s for the users' cached rows (changed by the probe's logins)")
            time.sleep(settle)
        log(f"wrk, {args.seconds} s a run")
        results = measure(args, servers, probes, sizes)
    finally:
        for server in servers.values():
            server.stop()
    (OUT / "probes.json").write_text(json.dumps(probes, ensure_ascii=False, indent=1))
    (OUT / "wrk.json").write_text(json.dumps(results, indent=1))
    exports = run_exports(args.petitions) if args.exports else None
    text = render(args, reports, probes, results, exports, sizes, hand_written(args.output))
    Path(args.output).write_text(text)
    print(text)


if __name__ == "__main__":
    main()
