import json
import os
import subprocess
import sys

from dialogue_portal.db import reporting_alias


def _settings_with(env: dict) -> dict:
    """Load settings.py in a fresh process with ``env`` and return the parts scaling switches on."""
    code = (
        "import json, django; from django.conf import settings; django.setup(); "
        "print(json.dumps({'storage': settings.STORAGES['default'], 'databases': sorted(settings.DATABASES)}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "dialogue_portal.settings", **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


def test_s3_bucket_puts_uploaded_files_on_object_storage():
    loaded = _settings_with({"S3_BUCKET": "portal-files", "S3_ENDPOINT_URL": "https://s3.example.vn"})
    assert loaded["storage"]["BACKEND"] == "storages.backends.s3.S3Storage"
    assert (loaded["storage"]["OPTIONS"]["bucket_name"], loaded["storage"]["OPTIONS"]["endpoint_url"]) == (
        "portal-files",
        "https://s3.example.vn",
    )


def test_without_s3_bucket_files_stay_on_the_local_disk():
    assert _settings_with({"S3_BUCKET": ""})["storage"]["BACKEND"] == "django.core.files.storage.FileSystemStorage"


def test_replica_url_adds_a_reporting_database():
    loaded = _settings_with({"DATABASE_REPLICA_URL": "postgres://reader@replica.example:5432/portal"})
    assert loaded["databases"] == ["default", "replica"]


def test_reports_read_from_the_replica_only_when_there_is_one(monkeypatch):
    from django.conf import settings

    assert reporting_alias() == "default"
    monkeypatch.setitem(settings.DATABASES, "replica", settings.DATABASES["default"])
    assert reporting_alias() == "replica"
