import pytest
from django.conf import settings

from bench.datagen import generate


def database_url() -> str:
    db = settings.DATABASES["default"]
    user = db.get("USER") or "postgres"
    auth = f"{user}:{db['PASSWORD']}" if db.get("PASSWORD") else user
    return f"postgres://{auth}@{db.get('HOST') or '127.0.0.1'}:{db.get('PORT') or 5432}/{db['NAME']}"


@pytest.fixture
def bench_data(transactional_db):
    """A small generated province in the test database, committed so other processes see it."""
    return generate(petitions=300, sessions=30)
