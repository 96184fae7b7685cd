"""No lost data: a backup of the demo data, restored into an empty database, has every row and file."""

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import psycopg
import pytest
from django.core.management import call_command
from django.db import connection

from dialogue_portal.audit.backup import media_files, row_counts
from dialogue_portal.datastamp import WRITES

ROOT = Path(__file__).resolve().parent.parent.parent
FILES = {
    "petitions/2024/don-kien-nghi.pdf": b"%PDF-1.4 demo",
    "petitions/2024/ảnh hiện trường.jpg": b"\xff\xd8\xff demo",
}


def _write_media(root: Path):
    for name, content in FILES.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(content)


def _manage(*args, env):
    run = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env={**os.environ, **env}, capture_output=True, text=True
    )
    assert run.returncode == 0, run.stdout + run.stderr
    return run.stdout


def _pg_counts(dsn: str) -> dict[str, int]:
    with psycopg.connect(dsn) as conn:
        tables = [
            row[0]
            for row in conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")
        ]
        return {table: conn.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0] for table in tables}


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_backup_restores_demo_data_into_empty_postgres_database(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("seed_demo")
    _write_media(settings.MEDIA_ROOT)
    before = row_counts()

    call_command("backup", "--output", str(tmp_path / "backups"))
    stamp = WRITES.value()  # (outside a request: read afresh each time)

    folder = next((tmp_path / "backups").iterdir())
    db = connection.settings_dict
    fresh = f"portal_restore_{uuid.uuid4().hex[:8]}"
    admin_dsn = f"host={db['HOST']} port={db['PORT'] or 5432} user={db['USER']} dbname=postgres"
    with psycopg.connect(admin_dsn, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{fresh}"')
    try:
        url = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT'] or 5432}/{fresh}"
        env = {"DATABASE_URL": url, "MEDIA_ROOT": str(tmp_path / "m2")}
        output = _manage("restore", str(folder), "--noinput", env=env)
        after = _pg_counts(admin_dsn.replace("dbname=postgres", f"dbname={fresh}"))
    finally:
        with psycopg.connect(admin_dsn, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{fresh}" WITH (FORCE)')

    assert after == before
    assert sum(before.values()) > 100
    if settings.USER_CACHE:  # a cache shared with the restoring process (Redis): its stamp moved there
        assert WRITES.value() != stamp
    assert before["accounts_user"] >= 6
    assert {name: (tmp_path / "m2" / name).read_bytes() for name in FILES} == FILES
    assert "every count checked" in output
    print(f"restored {sum(after.values())} rows in {len(after)} tables and {len(FILES)} files")


def test_backup_restores_sqlite_portal(tmp_path):
    env = {"DATABASE_URL": f"sqlite:///{tmp_path / 'portal.sqlite3'}", "MEDIA_ROOT": str(tmp_path / "media")}
    _manage("migrate", "--noinput", env=env)
    _manage("seed_demo", env=env)
    _write_media(tmp_path / "media")
    _manage("backup", "--output", str(tmp_path / "backups"), env=env)
    folder = next((tmp_path / "backups").iterdir())
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))

    restored = {"DATABASE_URL": f"sqlite:///{tmp_path / 'restored.sqlite3'}", "MEDIA_ROOT": str(tmp_path / "m2")}
    output = _manage("restore", str(folder), "--noinput", env=restored)

    assert manifest["tables"]["accounts_user"] >= 6
    assert sorted(manifest["media_files"]) == sorted(FILES)
    assert media_files(tmp_path / "m2") == sorted(FILES)
    assert f"{sum(manifest['tables'].values())} rows" in output


def test_restore_refuses_backup_whose_counts_do_not_match(tmp_path):
    env = {"DATABASE_URL": f"sqlite:///{tmp_path / 'portal.sqlite3'}", "MEDIA_ROOT": str(tmp_path / "media")}
    _manage("migrate", "--noinput", env=env)
    _manage("backup", "--output", str(tmp_path / "backups"), env=env)
    folder = next((tmp_path / "backups").iterdir())
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    manifest["tables"]["accounts_user"] += 1
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")

    run = subprocess.run(
        [sys.executable, "manage.py", "restore", str(folder), "--noinput"],
        cwd=ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
    )

    assert run.returncode == 1
    assert "accounts_user: 1 rows expected, 0 found" in run.stderr
