"""Time and peak memory of exporting petitions to .xlsx (petition list) and .docx (session summary).

    .venv/bin/python -m bench.exports [10000 100000]      (or bench/run.py --exports, into RESULTS.md)

Runs against a throw-away SQLite database in a temporary folder (never the configured one). Peak memory
is the process's maximum resident set (ru_maxrss) measured in a fresh child process per export, so one
export's peak does not hide another's. Targets, per format: peak ≤ 300 MB at 100,000 rows, and the
100,000-row time ≤ 11× the 10,000-row time; the run prints both ratios and exits 1 when one is missed.
"""

import json
import multiprocessing
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _setup(db_path: str) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{db_path}"
    os.environ.pop("REDIS_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dialogue_portal.settings")
    import django

    django.setup()


def prepare(db_path: str, rows: int) -> int:
    """Create the schema and ``rows`` petitions in one held session; returns the session id."""
    _setup(db_path)
    import datetime

    from django.core.management import call_command
    from django.utils import timezone

    from dialogue_portal.directory.models import UnitLevel
    from dialogue_portal.directory.services import ensure_unit, load_reference_data
    from dialogues.models import DialogueSession
    from petitions.models import Petition

    call_command("migrate", verbosity=0)
    load_reference_data()
    unit = ensure_unit(code="qt", name="Hội LHPN tỉnh Quảng Trị", level=UnitLevel.PROVINCE, parent=None)
    now = timezone.now()
    session = DialogueSession.objects.create(
        title="Đối thoại chính sách",
        host_unit=unit,
        starts_at=now,
        ends_at=now + datetime.timedelta(hours=3),
        status="held",
    )
    batch = []
    for n in range(1, rows + 1):
        batch.append(
            Petition(
                code=f"KN-{now.year}-{n:06d}",
                year=now.year,
                number=n,
                title=f"Kiến nghị số {n} về vay vốn",
                content="Đề nghị tăng mức cho vay hỗ trợ phụ nữ khởi nghiệp ở vùng đồng bào dân tộc thiểu số.",
                unit=unit,
                session=session,
                status="submitted",
                submitted_at=now,
            )
        )
        if len(batch) == 5000:
            Petition.objects.bulk_create(batch)
            batch = []
    Petition.objects.bulk_create(batch)
    return session.pk


def _measure(db_path: str, kind: str, session_id: int, out_path: str, queue) -> None:
    import resource

    _setup(db_path)
    from reports.exporters import PetitionListExporter, SessionSummaryExporter

    scope = {"kind": "all"}
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    if kind == "xlsx":
        rows = PetitionListExporter(parameters={}, scope=scope).write("xlsx", out_path, lambda d, t: None)
    else:
        rows = SessionSummaryExporter(parameters={"session": session_id}, scope=scope).write(
            "docx", out_path, lambda d, t: None
        )
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    queue.put(
        {
            "format": kind,
            "rows": rows,
            "seconds": round(seconds, 2),
            "peak_rss_mb": round(peak / 1024, 1),
            "baseline_rss_mb": round(before / 1024, 1),
            "file_mb": round(os.path.getsize(out_path) / 1e6, 1),
        }
    )


def run(sizes=(10_000, 100_000)) -> list[dict]:
    """One result dict per size and format: rows, seconds, peak RSS (MB), file size (MB)."""
    results = []
    context = multiprocessing.get_context("spawn")
    for size in sizes:
        with tempfile.TemporaryDirectory() as folder:
            db_path = os.path.join(folder, "bench.sqlite3")
            worker = context.Pool(1)
            session_id = worker.apply(prepare, (db_path, size))
            worker.close()
            worker.join()
            for kind in ("xlsx", "docx"):
                queue = context.Queue()
                proc = context.Process(
                    target=_measure, args=(db_path, kind, session_id, os.path.join(folder, f"out.{kind}"), queue)
                )
                proc.start()
                result = queue.get()
                proc.join()
                results.append({"size": size, **result})
    return results


PEAK_LIMIT_MB = 300
TIME_RATIO_LIMIT = 11


def verdicts(results: list[dict]) -> list[dict]:
    """Per format: the largest size's peak RSS and, with two sizes, the time ratio largest/smallest."""
    found = []
    for kind in sorted({r["format"] for r in results}):
        runs = sorted((r for r in results if r["format"] == kind), key=lambda r: r["size"])
        small, big = runs[0], runs[-1]
        ratio = round(big["seconds"] / small["seconds"], 2) if big is not small and small["seconds"] else None
        found.append(
            {
                "format": kind,
                "sizes": [small["size"], big["size"]],
                "time_ratio": ratio,
                "size_ratio": big["size"] / small["size"],
                "peak_rss_mb": max(r["peak_rss_mb"] for r in runs),
                "ratio_ok": ratio is None or ratio <= TIME_RATIO_LIMIT,
                "peak_ok": all(r["peak_rss_mb"] <= PEAK_LIMIT_MB for r in runs),
            }
        )
    return found


def main(argv: list[str]) -> int:
    sizes = tuple(int(a) for a in argv) or (10_000, 100_000)
    results = run(sizes)
    for r in results:
        print(
            f"{r['format']:5} {r['size']:>7} rows: {r['seconds']:7.2f} s, "
            f"peak RSS {r['peak_rss_mb']:6.1f} MB, file {r['file_mb']} MB"
        )
    checks = verdicts(results)
    for v in checks:
        ratio = "n/a (one size)" if v["time_ratio"] is None else f"{v['time_ratio']:.2f}×"
        print(
            f"{v['format']:5} time {v['sizes'][1]:,}/{v['sizes'][0]:,}: {ratio} (≤ {TIME_RATIO_LIMIT}×"
            f" {'ok' if v['ratio_ok'] else 'MISSED'}); peak RSS {v['peak_rss_mb']:.1f} MB"
            f" (≤ {PEAK_LIMIT_MB} MB {'ok' if v['peak_ok'] else 'MISSED'})"
        )
    print(json.dumps({"results": results, "verdicts": checks}))
    return 0 if all(v["ratio_ok"] and v["peak_ok"] for v in checks) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
