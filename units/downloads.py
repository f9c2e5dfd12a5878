"""Every file the application hands out leaves through ``download_response``: one place that names
the file in the Content-Disposition header.

Django's ``content_disposition_header`` writes a plain ``filename="..."`` when the name is ASCII
and ``filename*=utf-8''...`` (RFC 6266 with the RFC 5987 encoding) otherwise, so a Vietnamese name
("Quyết định 01-QĐ-SYT.pdf", "ket-qua-khen-thuong-01-QĐ-SYT.xlsx") arrives as it was written. A
name put into the header by hand is MIME-encoded a second time by the response (``=?utf-8?b?...``),
which browsers do not decode: they fall back on the last part of the URL.
"""

from __future__ import annotations

from django.http import FileResponse, HttpResponse
from django.utils.http import content_disposition_header


def download_response(
    content,
    *,
    filename: str,
    content_type: str | None = None,
    as_attachment: bool = True,
    cache_control: str = "private, no-store",
) -> HttpResponse:
    """``content`` (bytes, or an open binary file streamed by a ``FileResponse``) named ``filename``;
    without ``content_type`` a file's type is guessed from its name."""
    if isinstance(content, bytes | str):
        response = HttpResponse(content, content_type=content_type)
        response["Content-Disposition"] = content_disposition_header(as_attachment, filename)
    else:
        response = FileResponse(
            content, as_attachment=as_attachment, filename=filename, content_type=content_type
        )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = cache_control
    return response
