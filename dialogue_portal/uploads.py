"""Upload size limit: a request carrying a file over UPLOAD_MAX_FILE_BYTES is refused while it is read.

Django's DATA_UPLOAD_MAX_MEMORY_SIZE leaves files out and FILE_UPLOAD_MAX_MEMORY_SIZE only chooses memory or
disk, so without this a 20 MB photo is read in full (minutes on rural 3G) before a form says it is too big.
The handler stops at the limit: a declared length over it is refused before a byte of the body is read, and a
file that grows past it stops the read there. The middleware turns either into a 413 page in the user's
language; the body left unread is the server's to drop (it closes the connection).
"""

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler
from django.shortcuts import render


class UploadTooLarge(Exception):
    """Raised by the handler to stop reading; answered 413 by UploadLimitMiddleware."""


def request_limit() -> int:
    """Largest multipart body: one file at the limit plus the form's text fields."""
    return settings.UPLOAD_MAX_FILE_BYTES + settings.DATA_UPLOAD_MAX_MEMORY_SIZE


class LimitedUploadHandler(FileUploadHandler):
    """First of FILE_UPLOAD_HANDLERS: passes chunks on to the others until a file passes the limit."""

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        if content_length and content_length > request_limit():
            raise UploadTooLarge
        return None

    def receive_data_chunk(self, raw_data, start):
        if start + len(raw_data) > settings.UPLOAD_MAX_FILE_BYTES:
            raise UploadTooLarge
        return raw_data

    def file_complete(self, file_size):
        return None  # the next handler builds the file


def _declared_length(request) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


def too_large(request):
    limit = settings.UPLOAD_MAX_FILE_BYTES
    return render(request, "upload_too_large.html", {"limit": limit}, status=413)


class UploadLimitMiddleware:
    """Reads a multipart body before anything else does, so an oversized one is answered 413, never a 500."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.content_type == "multipart/form-data":
            if _declared_length(request) > request_limit():
                return too_large(request)
            try:
                request.POST  # noqa: B018 -- parse now, through LimitedUploadHandler
            except UploadTooLarge:
                request._mark_post_parse_error()  # nothing later tries to read the rest of the body
                return too_large(request)
        return self.get_response(request)
