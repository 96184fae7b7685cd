"""Attachment checks: the type is read from the content, never from the name."""

import uuid
import zipfile

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

# The upload handler (dialogue_portal/uploads.py) stops reading a request at the same limit.
MAX_ATTACHMENT_BYTES = settings.UPLOAD_MAX_FILE_BYTES
# extension → content type served back
ALLOWED_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "jpg": "image/jpeg",
    "png": "image/png",
}
# Parts an Office file must have, so a renamed zip is not taken for one.
_OFFICE_PARTS = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml"}
# A zip inflating past this is refused (zip bombs).
MAX_UNZIPPED_BYTES = 200 * 1024 * 1024


def check_office_zip(upload, extension: str) -> None:
    """Raise ValidationError unless ``upload`` is a readable Office zip of the expected kind."""
    try:
        upload.seek(0)
        with zipfile.ZipFile(upload) as archive:
            infos = archive.infolist()
            names = {info.filename for info in infos}
            total = sum(info.file_size for info in infos)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
        raise ValidationError(_("The file is damaged and cannot be opened."), code="broken") from error
    finally:
        upload.seek(0)
    if "[Content_Types].xml" not in names or _OFFICE_PARTS[extension] not in names:
        raise ValidationError(_("The file is damaged and cannot be opened."), code="broken")
    if total > MAX_UNZIPPED_BYTES or len(infos) > 10_000:
        raise ValidationError(_("The file is too complex to open safely."), code="too_complex")


def check_upload(upload) -> tuple[str, str]:
    """Return (extension, content type) of an acceptable attachment, or raise ValidationError in Vietnamese."""
    size = upload.size or 0
    if size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    if size > MAX_ATTACHMENT_BYTES:
        raise ValidationError(
            _("The file is %(size)s; at most %(limit)s is allowed.")
            % {"size": filesizeformat(size), "limit": filesizeformat(MAX_ATTACHMENT_BYTES)},
            code="too_big",
        )
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    kind = filetype.guess(head)
    extension = kind.extension if kind else ""
    if extension not in ALLOWED_TYPES:
        raise ValidationError(
            _("Only PDF, Word (.docx), Excel (.xlsx), JPG and PNG files are accepted; this file is not one of them."),
            code="type",
        )
    if extension in _OFFICE_PARTS:
        check_office_zip(upload, extension)
    return extension, ALLOWED_TYPES[extension]


def generated_name(extension: str) -> str:
    """A storage name that reveals nothing of the original file name."""
    return f"{uuid.uuid4().hex}.{extension}"
