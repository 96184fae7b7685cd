"""The portal's benchmark: generate data at two sizes, serve it with gunicorn, measure, write RESULTS.md.

    .venv/bin/python bench/run.py --petitions 100000

Needs PostgreSQL (BENCH_PG, default postgres://postgres@127.0.0.1:5432) and Redis (BENCH_REDIS_URL,
default redis://127.0.0.1:6379/5). Databases portal_bench_<size> are (re)created from a migrated
template; --reuse keeps them when they already hold the data. Everything runs on 127.0.0.1 only.
"""

import argparse
import concurrent.futures
import http.client
import json
import os
import platform
import shlex
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
PYTHON = sys.executable
PG = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
REDIS = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/5")
PREFIX = os.environ.get("BENCH_DB_PREFIX", "portal_bench")

# Issue 7's targets, by page kind: (ratio to the floor, ratio to the small size).
FLOOR_TARGET = {"detail": 6, "dashboard": 6, "list": 20, "search": 20, "deep": None, "floor": 1}
SIZE_TARGET = 1.3
SEARCH_TARGET = 1.3


def log(message):
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


def size_label(n):
    return f"{n // 1000}k" if n % 1000 == 0 else str(n)


def psql(sql, database="postgres"):
    subprocess.run(
        [
            "psql",
            f"{PG}/{database}",
            "-qX",
            "-v",
            "ON_ERROR_STOP=1",
            "-c",
            "SET client_min_messages = warning",
            "-c",
            sql,
        ],
        check=True,
    )


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
    """Migrate the template, then create and fill portal_bench_<size> from it. Returns generation reports."""
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
    report = run_json(
        ["-m", "bench.datagen", "--petitions", str(petitions), "--sessions", str(sessions)], django_env(db)
    )
    report["wall_seconds"] = round(time.perf_counter() - started, 1)
    log(f"  {petitions} petitions: {report['wall_seconds']} s ({report['seconds']})")
    return report


def collectstatic(database):
    """Hashed, compressed static files, as production serves them (the servers run with STATIC_MANIFEST)."""
    log("collectstatic (hashed names, as in production)")
    subprocess.run(
        [PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=django_env(database, STATIC_MANIFEST="true"),
        check=True,
    )


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """gunicorn with production settings on 127.0.0.1, one per database."""

    def __init__(self, database, workers, prefix, database_url=None):
        self.database, self.port = database, free_port()
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
        OUT.mkdir(exist_ok=True)
        self.log = open(OUT / f"gunicorn-{database}.log", "w")  # noqa: SIM115 — closed in stop()
        self.process = subprocess.Popen(
            [
                str(Path(PYTHON).parent / "gunicorn"),
                "dialogue_portal.wsgi:application",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(workers),
                "--timeout",
                "60",
            ],
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
                if request(self.port, "/ping/")[0] == 200:
                    return
            except OSError:
                time.sleep(0.2)
        raise SystemExit(f"gunicorn on {self.database} did not start; see {self.log.name}")

    def stop(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
        self.log.close()


def request(port, url, cookie=None, timeout=30):
    """GET url; returns (status, seconds, bytes)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    headers = {"Host": "127.0.0.1", "Accept-Language": "vi"}
    if cookie:
        headers["Cookie"] = f"sessionid={cookie}"
    started = time.perf_counter()
    try:
        connection.request("GET", url, headers=headers)
        response = connection.getresponse()
        body = response.read()
    finally:
        connection.close()
    return response.status, time.perf_counter() - started, len(body)


def p95(values):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def measure_latency(servers, probes, rounds, warmup):
    """Median and p95 of each page on each server, requests alternating between the servers."""
    sizes = list(servers)
    keys = [p["key"] for p in probes[sizes[-1]]["pages"] if all(p["key"] in _by_key(probes[n]) for n in sizes)]
    results = {n: {} for n in sizes}
    for key in keys:
        for _ in range(warmup):
            for n in sizes:
                page = _by_key(probes[n])[key]
                request(servers[n].port, page["url"], probes[n]["cookies"][page["user"]])
        samples = {n: [] for n in sizes}
        statuses = {n: set() for n in sizes}
        for _ in range(rounds):
            for n in sizes:
                page = _by_key(probes[n])[key]
                status, seconds, _size = request(servers[n].port, page["url"], probes[n]["cookies"][page["user"]])
                samples[n].append(seconds * 1000)
                statuses[n].add(status)
        for n in sizes:
            results[n][key] = {
                "median": statistics.median(samples[n]),
                "p95": p95(samples[n]),
                "statuses": sorted(statuses[n]),
            }
        log(
            f"  {key:<16} "
            + "  ".join(
                f"{size_label(n)}: {results[n][key]['median']:6.1f} ms (p95 {results[n][key]['p95']:.1f})"
                for n in sizes
            )
        )
    return results


def _by_key(probe):
    return {p["key"]: p for p in probe["pages"]}


def measure_throughput(server, probe, clients, seconds, keys=None):
    """Requests per second with ``clients`` concurrent clients cycling through the pages for ``seconds``."""
    pages = [p for p in probe["pages"] if keys is None or p["key"] in keys]
    stop = time.perf_counter() + seconds
    counts = {"requests": 0, "errors": 0, "5xx": 0}
    latencies = []
    lock = threading.Lock()

    def client(offset):
        i = offset
        while time.perf_counter() < stop:
            page = pages[i % len(pages)]
            i += 1
            try:
                status, elapsed, _ = request(server.port, page["url"], probe["cookies"][page["user"]])
                error, server_error = status >= 400, status >= 500
            except OSError:
                elapsed, error, server_error = 0.0, True, False
            with lock:
                counts["requests"] += 1
                counts["errors"] += error
                counts["5xx"] += server_error
                latencies.append(elapsed * 1000)

    started = time.perf_counter()
    with concurrent.futures.ThreadPoolExecutor(clients) as pool:
        list(pool.map(client, range(clients)))
    elapsed = time.perf_counter() - started
    return {
        **counts,
        "seconds": round(elapsed, 1),
        "rps": counts["requests"] / elapsed,
        "clients": clients,
        "median_ms": statistics.median(latencies) if latencies else 0,
        "p95_ms": p95(latencies) if latencies else 0,
        "pages": [p["key"] for p in pages],
    }


def measure_exports(databases, big):
    """Time and peak memory of each export in bench/export_bench.py (reports helper), when it exists.

    Each export runs in a fresh process (bench/exports.py) at 10,000 and at ``big`` petitions.
    """
    if not (ROOT / "bench" / "export_bench.py").exists():
        return None
    env = django_env(databases[big])
    if "def run(" in (ROOT / "bench" / "export_bench.py").read_text():
        return _exports_by_run(env, big)
    results = []
    for function in run_json(["-m", "bench.exports", "--list"], env):
        for n in sorted({min(10_000, big), big}):
            try:
                results.append(run_json(["-m", "bench.exports", "--function", function, "--petitions", str(n)], env))
            except SystemExit as error:
                results.append({"format": function.removeprefix("export_"), "petitions": n, "error": str(error)})
            log(f"  {results[-1]}")
    return results


def _exports_by_run(env, big):
    """The reports helper's own harness: ``run(sizes)`` builds its data and measures each export in a child."""
    code = f"import json; from bench.export_bench import run; print(json.dumps(run((10_000, {big}))))"
    env = {**env, "DJANGO_SETTINGS_MODULE": "dialogue_portal.settings"}
    result = subprocess.run([PYTHON, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        return [{"format": "xlsx/docx", "petitions": big, "error": result.stderr.strip().splitlines()[-1][:200]}]
    rows = json.loads(result.stdout.strip().splitlines()[-1])
    return [
        {
            "format": r["format"],
            "petitions": r["size"],
            "seconds": r["seconds"],
            "peak_mb": r["peak_rss_mb"],
            "baseline_mb": r.get("baseline_rss_mb", 0),
        }
        for r in sorted(rows, key=lambda r: (r["format"], r["size"]))
    ]


def render(args, reports, probes, latency, throughput, exports, sizes):
    small, big = sizes
    pages_big, pages_small = _by_key(probes[big]), _by_key(probes[small])
    floor = {n: latency[n].get("floor", {}).get("median") for n in sizes}
    lines = [
        "# Benchmark results",
        "",
        f"Produced by `{args.command}` on {datetime.now().strftime('%d/%m/%Y %H:%M')}",
        f"({os.cpu_count()} cores, {platform.python_version()}, "
        f"{scalar('SHOW server_version', 'postgres') or 'PostgreSQL'}; other helpers' jobs shared the machine).",
        f"gunicorn: {args.workers} sync workers per server, production settings (DEBUG off, hashed static files after "
        "`collectstatic`, persistent connections, Redis cache). Latency: "
        f"{args.rounds} requests per page per size after {args.warmup} warm-up requests, one at a time, "
        "alternating between the two servers so machine noise hits both sizes alike.",
        "",
        "## Data generation",
        "",
        "| petitions | wall time | detail |",
        "|---:|---:|---|",
    ]
    for n in sizes:
        r = reports.get(n, {})
        if r.get("reused"):
            lines.append(f"| {n:,} | (reused) | |")
        else:
            detail = ", ".join(f"{k} {v} s" for k, v in r["seconds"].items())
            rows = sum(r["rows"].values())
            lines.append(f"| {n:,} | {r['wall_seconds']} s | {rows:,} rows; {detail} |")
    lines += [
        "",
        f"## Pages at {big:,} petitions (ratios measured in this run)",
        "",
        f"| page | median ms | p95 ms | queries | ratio to floor | target | ratio to {small:,} | "
        f"median at {small:,} | slowest SQL ms |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    verdicts = []
    for key, result in latency[big].items():
        page, page_small = pages_big[key], pages_small[key]
        ratio_floor = result["median"] / floor[big] if floor[big] else 0
        ratio_size = result["median"] / latency[small][key]["median"]
        target = FLOOR_TARGET.get(page["kind"])
        ok_floor = target is None or ratio_floor <= target
        ok_size = page["kind"] == "deep" or ratio_size <= SIZE_TARGET
        queries = f"{page['queries']}" + (
            "" if page["queries"] == page_small["queries"] else f" ({page_small['queries']})"
        )
        status = "" if result["statuses"] == [200] else f" **HTTP {result['statuses']}**"
        lines.append(
            f"| {page['label']}{status} | {result['median']:.1f} | {result['p95']:.1f} | {queries} | "
            f"{ratio_floor:.1f}×{(' ✅' if ok_floor else ' ❌') if target else ''} | "
            f"{'≤ ' + str(target) + '×' if target else '—'} | "
            f"{ratio_size:.2f}×{(' ✅' if ok_size else ' ❌') if page['kind'] != 'deep' else ' (excepted)'} | "
            f"{latency[small][key]['median']:.1f} | "
            f"{page['slowest_query_ms']} |"
        )
        if not ok_floor:
            verdicts.append(f"- {page['label']}: {ratio_floor:.1f}× the floor (target ≤ {target}×).")
        if not ok_size:
            verdicts.append(
                f"- {page['label']}: {ratio_size:.2f}× the same page at {small:,} (target ≤ {SIZE_TARGET}×)."
            )
    if "list" in latency[big]:
        for key in ("search_common", "search_rare", "search_rare_common_trigrams"):
            if key in latency[big]:
                ratio = latency[big][key]["median"] / latency[big]["list"]["median"]
                lines.append("")
                lines.append(
                    f"{pages_big[key]['label']}: {ratio:.2f}× the unfiltered list (target ≤ {SEARCH_TARGET}×) "
                    f"{'✅' if ratio <= SEARCH_TARGET else '❌'}"
                )
                if ratio > SEARCH_TARGET:
                    verdicts.append(f"- {pages_big[key]['label']}: {ratio:.2f}× the unfiltered list.")
    lines += ["", "Queries: the page's query count at the big size (in brackets when it differs at the small size)."]
    missing = probes[big]["missing"]
    if missing:
        lines += ["", "Not measured on this branch:"]
        lines += [f"- {m['label']}: {m.get('why', 'URL not on this branch yet')}" for m in missing]
    lines += ["", "## Throughput", ""]
    for label, t in throughput:
        lines.append(
            f"- {label}: **{t['rps']:.0f} requests/s**, {t['requests']:,} requests in {t['seconds']} s with "
            f"{t['clients']} concurrent clients, {t['errors']} errors ({t['5xx']} 5xx); "
            f"median {t['median_ms']:.0f} ms, p95 {t['p95_ms']:.0f} ms."
        )
    lines += ["", "## Exports", ""]
    if exports is None:
        lines.append("Not measured: `bench/export_bench.py` (reports helper) is not on this branch yet.")
    else:
        lines += [
            "Measured by the reports helper's `bench/export_bench.py` (each export in a fresh process; peak = the "
            "process's maximum resident set, Django included).",
            "",
        ]
        lines += [
            "| export | petitions | seconds | peak memory MB (process) | before the export MB | time ratio |",
            "|---|---:|---:|---:|---:|---:|",
        ]
        first = {}
        for e in exports:
            if "error" in e:
                lines.append(f"| {e['format']} | {e['petitions']:,} | failed: {e['error']} | | | |")
                continue
            ratio = ""
            if e["format"] in first and e["petitions"] > first[e["format"]]["petitions"]:
                r = e["seconds"] / first[e["format"]]["seconds"]
                ratio = f"{r:.1f}× {'✅' if r <= 11 else '❌'} (≤ 11×)"
                if r > 11:
                    verdicts.append(
                        f"- {e['format']} export: {r:.1f}× the time at {first[e['format']]['petitions']:,}."
                    )
            first.setdefault(e["format"], e)
            memory = f"{e['peak_mb']:.0f} {'✅' if e['peak_mb'] < 300 else '❌'}"
            if e["peak_mb"] >= 300:
                verdicts.append(
                    f"- {e['format']} export at {e['petitions']:,}: peak {e['peak_mb']:.0f} MB (target < 300)."
                )
            before = f"{e['baseline_mb']:.0f}"
            lines.append(f"| {e['format']} | {e['petitions']:,} | {e['seconds']:.1f} | {memory} | {before} | {ratio} |")
    lines += ["", "## Targets not met", ""]
    lines += verdicts or ["None: every target above is met."]
    analysis = ROOT / "bench" / "analysis.md"
    if analysis.exists():
        lines += ["", analysis.read_text().strip()]
    return "\n".join(lines) + "\n"


# Pages that a busy day is mostly made of once the list pages meet their targets: the capacity figure.
LEAN_MIX = ["floor", "home", "dashboard", "petition_detail", "session_detail", "calendar"]


def run_throughput(args, server, probe):
    """Two bounded runs (together ≤ 30 s): every measured page, then the lean mix."""
    seconds = min(args.throughput_seconds, 30)
    results = []
    for label, keys, share in (("every measured page", None, 0.5), ("lean mix", LEAN_MIX, 0.5)):
        log(f"throughput: {args.clients} clients, {seconds * share:.0f} s, {label} at {args.petitions:,}")
        mix = measure_throughput(server, probe, args.clients, seconds * share, keys)
        results.append((f"{label.capitalize()} ({', '.join(mix['pages'])}) at {args.petitions:,} petitions", mix))
        log(f"  {mix['rps']:.1f} requests/s, {mix['errors']} errors")
    return results


def throughput_only(args):
    """Throughput against an existing big database (--reuse data), without generating or timing pages."""
    database = f"{PREFIX}_{size_label(args.petitions)}"
    collectstatic(database)
    probe = run_json(["-m", "bench.probe"], django_env(database, CACHE_KEY_PREFIX=f"b{args.petitions}"))
    server = Server(database, args.workers, f"b{args.petitions}")
    try:
        server.wait()
        for page in probe["pages"]:  # warm every worker a little
            for _ in range(args.warmup):
                request(server.port, page["url"], probe["cookies"][page["user"]])
        results = run_throughput(args, server, probe)
    finally:
        server.stop()
    for label, t in results:
        print(
            f"{label}: {t['rps']:.1f} requests/s, {t['requests']} requests, {t['errors']} errors, "
            f"median {t['median_ms']:.0f} ms, p95 {t['p95_ms']:.0f} ms"
        )


def main(argv=None):
    parser = argparse.ArgumentParser(description="Benchmark the portal at two data sizes and write bench/RESULTS.md.")
    parser.add_argument("--petitions", type=int, default=100_000, help="the big size")
    parser.add_argument("--small", type=int, default=1_000, help="the size to compare with")
    parser.add_argument("--sessions", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=40, help="measured requests per page and size")
    parser.add_argument("--warmup", type=int, default=8)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--throughput-seconds", type=int, default=30, help="both runs together, ≤ 30")
    parser.add_argument("--reuse", action="store_true", help="keep databases that already hold the data")
    parser.add_argument("--output", default=str(ROOT / "bench" / "RESULTS.md"))
    parser.add_argument("--throughput-only", action="store_true", help="only throughput, on an existing database")
    args = parser.parse_args(argv)
    if args.throughput_only:
        return throughput_only(args)
    args.command = "python bench/run.py " + " ".join(shlex.quote(a) for a in (argv or sys.argv[1:]))
    sizes = [args.small, args.petitions]

    reports, databases = prepare_databases(sizes, args.sessions, args.reuse)
    collectstatic(databases[args.small])
    subprocess.run(["redis-cli", "-u", REDIS, "flushdb"], capture_output=True, check=False)
    probes = {}
    for n in sizes:
        log(f"query counts on {databases[n]}")
        probes[n] = run_json(["-m", "bench.probe"], django_env(databases[n], CACHE_KEY_PREFIX=f"b{n}"))
        for page in probes[n]["pages"]:
            if page["status"] != 200:
                log(f"  warning: {page['key']} answered {page['status']} on {databases[n]}")
    servers = {n: Server(databases[n], args.workers, f"b{n}") for n in sizes}
    try:
        for server in servers.values():
            server.wait()
        log("latency (alternating sizes)")
        latency = measure_latency(servers, probes, args.rounds, args.warmup)
        throughput = run_throughput(args, servers[args.petitions], probes[args.petitions])
    finally:
        for server in servers.values():
            server.stop()
    log("exports")
    exports = measure_exports(databases, args.petitions)
    text = render(args, reports, probes, latency, throughput, exports, sizes)
    Path(args.output).write_text(text)
    OUT.mkdir(exist_ok=True)
    (OUT / "probes.json").write_text(json.dumps(probes, ensure_ascii=False, indent=1))
    print(text)


if __name__ == "__main__":
    main()
