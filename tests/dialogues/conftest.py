"""Fixtures for session tests: a session maker that puts a session straight into any state."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from dialogues.models import DialogueSession, Invitation

ZONE = ZoneInfo("Asia/Ho_Chi_Minh")


def local(year, month, day, hour=8, minute=0):
    return datetime(year, month, day, hour, minute, tzinfo=ZONE)


@pytest.fixture
def make_session(units):
    """``make_session(unit="a1", status="planned", departments=[dept], days=10)``: a session row, no services."""

    def make(*, unit="a1", status="draft", departments=(), days=10, hours=3, starts_at=None, **fields):
        starts_at = starts_at or (timezone.now() + timedelta(days=days)).replace(microsecond=0)
        session = DialogueSession.objects.create(
            title=fields.pop("title", f"Đối thoại {unit} {status}"),
            host_unit=units[unit],
            starts_at=starts_at,
            ends_at=starts_at + timedelta(hours=hours),
            status=status,
            **fields,
        )
        for department in departments:
            Invitation.objects.create(session=session, department=department)
        return session

    return make
