"""The upload limit: a file over UPLOAD_MAX_FILE_BYTES is refused with a 413 in Vietnamese, and the server stops
reading the body there instead of taking in all of it first."""

import io

import pytest
from django.conf import settings
from django.core.handlers.wsgi import WSGIRequest
from django.http import HttpResponse
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart
from django.urls import reverse

from dialogue_portal.uploads import UploadLimitMiddleware, request_limit

pytestmark = pytest.mark.django_db

LIMIT = settings.UPLOAD_MAX_FILE_BYTES


class CountingStream(io.BytesIO):
    """A request body that remembers how much of it was read."""

    def __init__(self, data):
        super().__init__(data)
        self.taken = 0

    def read(self, size=-1):
        chunk = super().read(size)
        self.taken += len(chunk)
        return chunk

    def readline(self, size=-1):
        line = super().readline(size)
        self.taken += len(line)
        return line


def _request(body: bytes, content_length: int | None = None) -> tuple[WSGIRequest, CountingStream]:
    stream = CountingStream(body)
    environ = {
        "REQUEST_METHOD": "POST",
        "PATH_INFO": "/petitions/new/",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "wsgi.input": stream,
        "wsgi.url_scheme": "http",
        "CONTENT_TYPE": MULTIPART_CONTENT,
        "CONTENT_LENGTH": str(len(body) if content_length is None else content_length),
    }
    return WSGIRequest(environ), stream


def _body(file_bytes: int) -> bytes:
    upload = io.BytesIO(b"%PDF-1.4\n" + b"0" * (file_bytes - 9))
    upload.name = "anh.pdf"
    return encode_multipart(BOUNDARY, {"title": "Vay vốn", "attachment": upload})


def _view(request):
    return HttpResponse(f"{len(request.FILES)} file(s)")


def test_a_file_past_the_limit_stops_the_read_there():
    """Declared length under the request limit, so the body is parsed; the file grows past the limit."""
    body = _body(LIMIT + 1024 * 1024)
    assert len(body) < request_limit()
    request, stream = _request(body)
    response = UploadLimitMiddleware(_view)(request)
    assert response.status_code == 413
    assert "Tệp quá lớn" in response.content.decode()
    assert stream.taken <= LIMIT + 256 * 1024  # a chunk or so past the limit, never the rest
    assert stream.taken < len(body)


def test_a_declared_length_past_the_limit_is_refused_unread():
    request, stream = _request(b"", content_length=request_limit() + 1)
    response = UploadLimitMiddleware(_view)(request)
    assert (response.status_code, stream.taken) == (413, 0)


def test_a_file_at_the_limit_goes_through():
    request, _stream = _request(_body(LIMIT))
    response = UploadLimitMiddleware(_view)(request)
    assert (response.status_code, response.content) == (200, b"1 file(s)")


def test_a_20_mb_photo_on_the_petition_form_gets_a_413_page_not_a_500(client_for, units):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from petitions.models import Petition

    upload = SimpleUploadedFile("anh.jpg", b"\xff\xd8\xff" + b"0" * (20 * 1024 * 1024))
    data = {"title": "Vay vốn", "content": "x", "unit": units["a1"].pk, "supporters_count": 1, "attachment": upload}
    response = client_for("leader_a").post(reverse("petitions:create"), data)
    assert response.status_code == 413
    assert "Mỗi tệp đính kèm chỉ được tối đa 10,0\xa0MB" in response.content.decode()
    assert Petition.objects.count() == 0


def test_forms_without_files_are_not_touched(client_for):
    response = client_for("leader_a").post(reverse("petitions:create"), {"title": "x" * 1000})
    assert response.status_code == 200
