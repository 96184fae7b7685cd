"""Backup and restore of the whole portal: the database and the uploaded files (MEDIA_ROOT).

A backup is a folder ``portal-backup-<time>/`` holding
- ``database.dump`` (PostgreSQL, ``pg_dump --format=custom``) or ``database.sqlite3`` (SQLite),
- ``media.tar.gz``, every file under MEDIA_ROOT,
- ``manifest.json``, the row count of every table and the list of files, which restore checks.
"""

import json
import os
import sqlite3
import subprocess
import tarfile
from pathlib import Path

from django.conf import settings
from django.db import connections
from django.utils import timezone

from dialogue_portal import datastamp

DUMP_NAME = {"postgresql": "database.dump", "sqlite": "database.sqlite3"}


class BackupError(Exception):
    pass


def _engine(alias: str = "default") -> str:
    return connections[alias].vendor


def _pg_env(db: dict) -> dict:
    env = {**os.environ}
    for key, var in [("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"), ("PASSWORD", "PGPASSWORD")]:
        if db.get(key):
            env[var] = str(db[key])
    return env


def row_counts(alias: str = "default") -> dict[str, int]:
    """Rows in every table of the database, by table name."""
    connection = connections[alias]
    with connection.cursor() as cursor:
        tables = sorted(connection.introspection.table_names(cursor))
        counts = {}
        for table in tables:
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608 (names from the catalogue)
            counts[table] = cursor.fetchone()[0]
    return counts


def media_files(root: Path) -> list[str]:
    """Every file under ``root``, as sorted relative POSIX paths."""
    if not root.exists():
        return []
    return sorted(path.relative_to(root).as_posix() for path in root.rglob("*") if path.is_file())


def create_backup(*, destination: Path) -> Path:
    """Write a backup folder into ``destination`` and return its path.

    Side effects: runs pg_dump (PostgreSQL) or SQLite's online backup; reads every media file.
    The database copy is consistent (one snapshot); files uploaded during the run may or may not be in it.
    """
    folder = Path(destination) / f"portal-backup-{timezone.now():%Y%m%d-%H%M%S}"
    folder.mkdir(parents=True, exist_ok=False)
    engine = _engine()
    db = connections["default"].settings_dict
    if engine == "postgresql":
        run = subprocess.run(
            [
                "pg_dump",
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                "--file",
                str(folder / DUMP_NAME[engine]),
                db["NAME"],
            ],
            env=_pg_env(db),
            capture_output=True,
            text=True,
        )
        if run.returncode:
            raise BackupError(run.stderr.strip())
    elif engine == "sqlite":
        source = sqlite3.connect(db["NAME"])
        target = sqlite3.connect(folder / DUMP_NAME[engine])
        with target:
            source.backup(target)
        source.close()
        target.close()
    else:
        raise BackupError(f"backup does not support the {engine} database")

    media_root = Path(settings.MEDIA_ROOT)
    files = media_files(media_root)
    with tarfile.open(folder / "media.tar.gz", "w:gz") as archive:
        for name in files:
            archive.add(media_root / name, arcname=name)
    manifest = {
        "created_at": timezone.now().isoformat(),
        "engine": engine,
        "tables": row_counts(),
        "media_files": files,
    }
    (folder / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8")
    return folder


def restore_backup(*, source: Path) -> dict:
    """Replace the database and add the media files from the backup folder ``source``.

    Returns the manifest. Raises BackupError if a table's row count or a file differs afterwards.
    Side effects: the database's tables are dropped and recreated from the dump; files are written
    under MEDIA_ROOT (files not in the backup are left alone).
    """
    source = Path(source)
    manifest = json.loads((source / "manifest.json").read_text(encoding="utf-8"))
    engine = _engine()
    if manifest["engine"] != engine:
        raise BackupError(f"the backup is of a {manifest['engine']} database, this portal uses {engine}")
    db = connections["default"].settings_dict
    connections.close_all()
    if engine == "postgresql":
        run = subprocess.run(
            [
                "pg_restore",
                "--clean",
                "--if-exists",
                "--no-owner",
                "--no-privileges",
                "--single-transaction",
                "--exit-on-error",
                "--dbname",
                db["NAME"],
                str(source / DUMP_NAME[engine]),
            ],
            env=_pg_env(db),
            capture_output=True,
            text=True,
        )
        if run.returncode:
            raise BackupError(run.stderr.strip())
    else:
        backup_db = sqlite3.connect(source / DUMP_NAME[engine])
        target = sqlite3.connect(db["NAME"])
        with target:
            backup_db.backup(target)
        backup_db.close()
        target.close()

    media_root = Path(settings.MEDIA_ROOT)
    media_root.mkdir(parents=True, exist_ok=True)
    with tarfile.open(source / "media.tar.gz", "r:gz") as archive:
        # The "data" filter refuses absolute paths, links out of the folder and special files.
        archive.extractall(media_root, filter="data")

    found = row_counts()
    problems = [
        f"{table}: {count} rows expected, {found.get(table)} found"
        for table, count in manifest["tables"].items()
        if found.get(table) != count
    ]
    present = set(media_files(media_root))
    problems += [f"missing file {name}" for name in manifest["media_files"] if name not in present]
    if problems:
        raise BackupError("; ".join(problems))
    datastamp.everything_changed()  # nothing kept in the cache from the replaced data is served again
    return manifest
