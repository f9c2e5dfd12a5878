"""Uploaded documents: checked by their content and size, never by their name alone.

One validator for every upload that people attach as evidence or dossier (plans, campaigns,
awards): a real PDF, DOCX, XLSX, JPG or PNG within settings.UPLOAD_MAX_BYTES, whose content
matches its extension.
"""

import os
import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext

ALLOWED_EXTENSIONS = {
    "pdf": "pdf",
    "docx": "docx",
    "xlsx": "xlsx",
    "jpg": "image",
    "jpeg": "image",
    "png": "image",
}


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
                    names = set(archive.namelist())
            except zipfile.BadZipFile:
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
            with Image.open(fileobj) as image:
                image.verify()
                return "image" if image.format in {"JPEG", "PNG"} else None
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
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
