"""Fixtures for petitions: a petition factory through the services, files of every kind, a media folder."""

import io
import zipfile

import pytest

from petitions import services

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 64
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def make_petition(users, units):
    """``make_petition(title=..., unit=units["a1"], by="leader_a", ...)`` submits one through the service."""

    def make(*, by="leader_a", unit=None, title="Hỗ trợ vay vốn khởi nghiệp", content="Chị em cần vay vốn.", **kw):
        return services.submit_petition(actor=users[by], unit=unit or units["a1"], title=title, content=content, **kw)

    return make


# The petitioner's phone on an anonymous petition: only staff may ever see it.
PHONE = "0912 345 678"


@pytest.fixture
def sent(make_petition, users, departments):
    """An anonymous petition with the petitioner's name and phone, sent to department x."""
    from datetime import timedelta

    from django.utils import timezone

    petition = make_petition(is_anonymous=True, petitioner_name="Nguyễn Thị Lan", petitioner_phone=PHONE)
    services.assign_petition(
        petition=petition, actor=users["staff"], routes=[(departments["x"], timezone.localdate() + timedelta(days=10))]
    )
    petition.refresh_from_db()
    return petition


@pytest.fixture
def assigned(make_petition, users, departments):
    """A petition from Gio Linh sent to department x only."""
    from datetime import timedelta

    from django.utils import timezone

    petition = make_petition()
    services.assign_petition(
        petition=petition, actor=users["staff"], routes=[(departments["x"], timezone.localdate() + timedelta(days=10))]
    )
    petition.refresh_from_db()
    return petition


def docx_bytes() -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph("Biên bản họp chi hội")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def fake_docx_zip() -> bytes:
    """A zip named like a Word file but without Word's parts."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/other.xml", "<x/>")
    return buffer.getvalue()
