"""Uploaded documents: checked by their content and size, never by their name alone.

One validator for every upload that people attach as evidence or dossier (plans, campaigns,
awards): a real PDF, DOCX, XLSX, JPG or PNG within settings.UPLOAD_MAX_BYTES, whose content
matches its extension. An archive (DOCX, XLSX) that would unpack past
settings.UPLOAD_MAX_UNPACKED_BYTES, or holds too many parts, and an image of more than
settings.UPLOAD_MAX_PIXELS pixels are refused before anything unpacks or decodes them (a zip bomb,
a pixel bomb): only the archive's directory and the image's header are read.

Stored files never leave through a public URL: nothing serves MEDIA_ROOT, and each app's download
view checks who may see the row first, then answers with ``protected_file_response``.
"""

import os
import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler
from django.http import FileResponse, Http404
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext

from units.downloads import download_response

ALLOWED_EXTENSIONS = {
    "pdf": "pdf",
    "docx": "docx",
    "xlsx": "xlsx",
    "jpg": "image",
    "jpeg": "image",
    "png": "image",
}


MAX_ARCHIVE_MEMBERS = 10_000


def check_archive(archive: zipfile.ZipFile) -> None:
    """Refuse an archive that would unpack past the limit, from its directory alone."""
    infos = archive.infolist()
    limit = settings.UPLOAD_MAX_UNPACKED_BYTES
    unpacked = sum(info.file_size for info in infos)
    if len(infos) > MAX_ARCHIVE_MEMBERS or unpacked > limit:
        raise ValidationError(
            gettext(
                "Tệp nén quá lớn khi giải nén (%(size)s, %(parts)s phần); tối đa %(limit)s. "
                "Tệp có thể bị hỏng hoặc đã bị làm phình to; vui lòng lưu lại tệp gốc rồi tải lên."
            )
            % {"size": filesizeformat(unpacked), "parts": len(infos), "limit": filesizeformat(limit)},
            code="archive_too_large",
        )


def check_image_size(width: int, height: int) -> None:
    limit = settings.UPLOAD_MAX_PIXELS
    if width * height > limit:
        raise ValidationError(
            gettext(
                "Ảnh quá lớn (%(width)s × %(height)s điểm ảnh); tối đa %(limit)s triệu điểm ảnh. "
                "Vui lòng giảm kích thước ảnh rồi tải lại."
            )
            % {"width": width, "height": height, "limit": limit // 1_000_000},
            code="image_too_large",
        )


def sniff_kind(fileobj) -> str | None:
    """'pdf', 'docx', 'xlsx', 'image' or None, from the bytes of the file."""
    fileobj.seek(0)
    head = fileobj.read(8)
    fileobj.seek(0)
    try:
        if head.startswith(b"%PDF-"):
            return "pdf"
        if head.startswith(b"PK\x03\x04"):
            try:
                with zipfile.ZipFile(fileobj) as archive:
                    check_archive(archive)
                    names = set(archive.namelist())
            except (zipfile.BadZipFile, ValueError, OSError, EOFError):
                return None
            if "[Content_Types].xml" not in names:
                return None
            if "word/document.xml" in names:
                return "docx"
            if "xl/workbook.xml" in names:
                return "xlsx"
            return None
        from PIL import Image, UnidentifiedImageError

        try:
            with Image.open(fileobj) as image:  # reads the header only
                check_image_size(*image.size)
                image.verify()
                return "image" if image.format in {"JPEG", "PNG"} else None
        except Image.DecompressionBombError:
            raise ValidationError(
                gettext("Ảnh quá lớn; vui lòng giảm kích thước ảnh rồi tải lại."), code="image_too_large"
            ) from None
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError):
            return None
    finally:
        fileobj.seek(0)


def validate_document_file(value):
    """A newly uploaded file must be a real PDF, DOCX, XLSX, JPG or PNG within the size limit."""
    if not value or getattr(value, "_committed", False):
        return  # nothing new: an already stored file was checked when it came in
    name = getattr(value, "name", "") or ""
    extension = os.path.splitext(name)[1].lower().lstrip(".")
    limit = settings.UPLOAD_MAX_BYTES
    if value.size > limit:
        raise ValidationError(
            gettext("Tệp quá lớn (%(size)s); dung lượng tối đa là %(limit)s.")
            % {"size": filesizeformat(value.size), "limit": filesizeformat(limit)},
            code="file_too_large",
        )
    if extension not in ALLOWED_EXTENSIONS:
        raise ValidationError(
            gettext("Chỉ chấp nhận tệp PDF, DOCX, XLSX hoặc ảnh JPG, PNG (tệp đã chọn: .%(ext)s).")
            % {"ext": extension or "?"},
            code="file_type",
        )
    fileobj = getattr(value, "file", value)
    if sniff_kind(fileobj) != ALLOWED_EXTENSIONS[extension]:
        raise ValidationError(
            gettext(
                "Nội dung tệp không phải là %(ext)s hợp lệ: tệp có thể bị hỏng hoặc đã bị đổi đuôi. "
                "Vui lòng chọn lại tệp gốc."
            )
            % {"ext": extension.upper()},
            code="file_content",
        )


# ---------------------------------------------------------------------------------------------
# Reading the request: a file over the limit is not written to disk in full
# ---------------------------------------------------------------------------------------------
class OversizedUpload(UploadedFile):
    """What stands in for a file that went past UPLOAD_MAX_BYTES: its name and the size that
    arrived, no content. validate_document_file refuses it with the size message."""

    def __init__(self, name, size, content_type, charset):
        import io

        super().__init__(io.BytesIO(), name, content_type, size, charset)


class SizeLimitUploadHandler(FileUploadHandler):
    """First of FILE_UPLOAD_HANDLERS: passes chunks on until a file passes UPLOAD_MAX_BYTES, then
    swallows the rest (nothing more reaches memory or the temporary file) and hands the form an
    OversizedUpload, so the page says the file is too large instead of filling the disk."""

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > settings.UPLOAD_MAX_BYTES:
            return None
        return raw_data

    def file_complete(self, file_size):
        if self.received > settings.UPLOAD_MAX_BYTES:
            return OversizedUpload(self.file_name, self.received, self.content_type, self.charset)
        return None


# ---------------------------------------------------------------------------------------------
# Handing a stored file out, after the view checked the permission
# ---------------------------------------------------------------------------------------------
def _open_stored(field_file):
    if not field_file:
        raise Http404(gettext("Không tìm thấy tệp."))
    try:
        return field_file.open("rb")
    except (FileNotFoundError, OSError):
        raise Http404(gettext("Không tìm thấy tệp.")) from None


def protected_file_response(field_file, *, filename: str | None = None) -> FileResponse:
    """The stored file as an attachment (never rendered inline), not cached, not sniffed."""
    handle = _open_stored(field_file)
    name = filename or os.path.basename(field_file.name)
    return download_response(handle, filename=name)


# What a browser may show in a page of the application: a PDF or an image whose content was checked
# when it came in. Anything else (DOCX, XLSX) is only ever downloaded.
PREVIEW_CONTENT_TYPES = {
    "pdf": "application/pdf",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "png": "image/png",
}

# The policy of a previewed file: it loads nothing, runs nothing, submits nothing, is framed only by
# the application's own pages, and is sandboxed (a unique origin: no cookies, no access to the
# application even if a browser took it for a page).
PREVIEW_CSP = (
    "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; object-src 'none'; "
    "base-uri 'none'; form-action 'none'; frame-ancestors 'self'; sandbox"
)


def preview_content_type(filename: str) -> str | None:
    """The type a stored file is shown inline as, from the name whose content was checked at upload;
    None for what is only downloaded."""
    return PREVIEW_CONTENT_TYPES.get(os.path.splitext(filename or "")[1].lower().lstrip("."))


def preview_file_response(field_file, *, filename: str) -> FileResponse:
    """A stored PDF or image shown in the browser (Content-Disposition: inline) under a restrictive
    policy (``PREVIEW_CSP``), framed by the application's own pages only, not sniffed, not cached;
    any other file leaves as an attachment, exactly as ``protected_file_response``.

    The view has checked the permission first, as for a download."""
    content_type = preview_content_type(filename)
    if content_type is None:
        return protected_file_response(field_file, filename=filename)
    response = download_response(
        _open_stored(field_file), filename=filename, content_type=content_type, as_attachment=False
    )
    response["Content-Security-Policy"] = PREVIEW_CSP
    response["X-Frame-Options"] = "SAMEORIGIN"
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    return response
