"""Every form that takes a file, attacked through the file: its name and its content.

The four upload forms a unit head uses (dossier document, file sent for a submission request,
task evidence, score evidence) each receive:

* names that try to leave the upload folder or break it (``../../etc/passwd.pdf``, ``..\\x.pdf``,
  a NUL byte, a 300-character name, Vietnamese and symbols): a real PDF under such a name is
  stored inside MEDIA_ROOT under a clean name, or refused at the field; nothing lands elsewhere;
* files that are not what their name says (a PNG, a text or a Windows program named .pdf, a
  .docx that is no zip or a zip that is no Word document, an .exe) and a file past the size
  limit: refused at the field with a Vietnamese message, nothing stored, nothing written.

The multipart bodies are written by hand: Django's test client would clean the file name first.
Where the stored files go, and that no URL serves MEDIA_ROOT, is checked at the end.
"""

import io
import os
import zipfile
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.core.files.storage import default_storage
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.views.static import serve
from PIL import Image

from awards.models import DossierFile
from campaigns.models import UnitScore
from plans.models import PlanTask, UnitSubmission
from tests.factories import make_pdf_bytes, make_upload

from .helpers import page_values, writes

pytestmark = pytest.mark.django_db

PDF = make_pdf_bytes()
BOUNDARY = "----thiduakt-upload-boundary"


@dataclass(frozen=True)
class Upload:
    url: Callable
    field: Callable  # the file field's name
    more: Callable  # the other fields that a valid post needs, beside what the page gives
    stored: Callable  # names of the files this form stored for the world's object


def _criterion(w):
    return w.criteria_set.criteria.get()


UPLOADS = {
    "dossier document": Upload(
        url=lambda w: reverse("awards:dossier-upload", args=[w.nomination_a.pk]),
        field=lambda w: "file",
        more=lambda w: {"kind": "TOTRINH"},
        stored=lambda w: {f.file.name for f in DossierFile.objects.filter(nomination=w.nomination_a)},
    ),
    "file for a submission request": Upload(
        url=lambda w: reverse("plans:submission-upload", args=[w.submission_a.pk]),
        field=lambda w: "file",
        more=lambda w: {"note": "Gửi kèm kế hoạch"},
        stored=lambda w: {UnitSubmission.objects.get(pk=w.submission_a.pk).file.name},
    ),
    "task evidence": Upload(
        url=lambda w: reverse("plans:task-progress", args=[w.task_a.pk]),
        field=lambda w: "evidence",
        more=lambda w: {"status": "in_progress", "progress_note": "Đang thực hiện"},
        stored=lambda w: {PlanTask.objects.get(pk=w.task_a.pk).evidence.name},
    ),
    "score evidence": Upload(
        url=lambda w: reverse("campaigns:score-self", args=[w.criteria_set.pk]),
        field=lambda w: f"file_{_criterion(w).pk}",
        more=lambda w: {f"score_{_criterion(w).pk}": "8"},
        stored=lambda w: {UnitScore.objects.get(pk=w.score_a.pk).evidence_file.name},
    ),
}


def multipart(fields: dict, file_field: str, filename: bytes, content: bytes, content_type: str):
    """A multipart body as a browser sends it, with the file name exactly as given."""
    lines = []
    for name, value in fields.items():
        for item in value if isinstance(value, list) else [value]:
            lines += [
                f"--{BOUNDARY}".encode(),
                f'Content-Disposition: form-data; name="{name}"'.encode(),
                b"",
                str(item).encode(),
            ]
    lines += [
        f"--{BOUNDARY}".encode(),
        f'Content-Disposition: form-data; name="{file_field}"; filename="'.encode() + filename + b'"',
        f"Content-Type: {content_type}".encode(),
        b"",
        content,
        f"--{BOUNDARY}--".encode(),
        b"",
    ]
    return b"\r\n".join(lines)


def post_file(client, world, upload, filename: bytes, content: bytes, content_type="application/pdf"):
    url = upload.url(world)
    page = client.get(url)
    assert page.status_code == 200
    fields = {**page_values(page, "form"), **upload.more(world)}
    fields.pop(upload.field(world), None)
    body = multipart(fields, upload.field(world), filename, content, content_type)
    with CaptureQueriesContext(connection) as queries:
        response = client.post(url, body, content_type=f"multipart/form-data; boundary={BOUNDARY}")
    return response, writes(queries.captured_queries)


def field_errors(response, field) -> str:
    """The messages at the file field; a dossier upload (several files at once) names each refused
    file's reasons beside that file instead."""
    errors = list(response.context["form"].errors.get(field, []))
    errors += [message for result in response.context.get("results") or [] for message in result.errors]
    return " ".join(errors)


def files_on_disk(root) -> set:
    return {path for path in root.rglob("*") if path.is_file()}


@pytest.fixture
def head_client(client, world):
    client.force_login(world.head)
    return client


# ---------------------------------------------------------------------------
# (d) Path tricks in the file name
# ---------------------------------------------------------------------------
NAMES = {
    "parent folders": b"../../etc/passwd.pdf",
    "windows parent folders": b"..\\..\\x.pdf",
    "absolute path": b"/etc/cron.d/job.pdf",
    "NUL byte": b"bao-cao\x00.exe.pdf",
    "300 characters": b"a" * 300 + b".pdf",
    "vietnamese and symbols": "Báo cáo thành tích – năm 2025 ✓ <b>&'\".pdf".encode(),
    "only dots": b"...pdf",
}


@pytest.mark.parametrize("upload", UPLOADS.values(), ids=UPLOADS.keys())
@pytest.mark.parametrize("filename", NAMES.values(), ids=NAMES.keys())
def test_a_tricky_file_name_stays_inside_the_upload_folder(
    head_client, world, settings, tmp_path, upload, filename
):
    media = settings.MEDIA_ROOT
    before_stored, before_disk = upload.stored(world), files_on_disk(tmp_path)

    response, _writes = post_file(head_client, world, upload, filename, PDF)

    new_files = files_on_disk(tmp_path) - before_disk
    assert all(media in path.parents for path in new_files), f"written outside MEDIA_ROOT: {new_files}"
    stored = upload.stored(world) - before_stored
    if response.status_code == 200:  # refused at the field: nothing kept
        assert field_errors(response, upload.field(world))
        assert not stored and not new_files
        return
    assert response.status_code == 302
    [name] = stored
    path = default_storage.path(name)
    assert os.path.commonpath([path, str(media)]) == str(media)
    assert ".." not in name.split("/") and "\\" not in name and "\x00" not in name
    assert len(name) <= 255 and len(os.path.basename(name)) <= 255
    assert name.endswith(".pdf")
    assert default_storage.open(name).read() == PDF
    assert not os.path.exists("/etc/passwd.pdf") and not os.path.exists("/etc/cron.d/job.pdf")


def test_the_original_name_of_a_dossier_document_is_kept_only_as_text(head_client, world):
    upload = UPLOADS["dossier document"]

    post_file(head_client, world, upload, b"../../etc/passwd.pdf", PDF)
    stored = DossierFile.objects.filter(nomination=world.nomination_a).latest("pk")
    download = head_client.get(reverse("awards:dossier-download", args=[world.nomination_a.pk, stored.pk]))

    assert stored.original_name == "passwd.pdf"
    assert stored.original_name not in stored.file.name  # stored under a random name
    assert download["Content-Disposition"].startswith("attachment;")
    assert "/" not in download["Content-Disposition"].split("filename", 1)[1]


# ---------------------------------------------------------------------------
# (e) Forged and oversized files
# ---------------------------------------------------------------------------
def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, "PNG")
    return buffer.getvalue()


def _zip(names) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            archive.writestr(name, "<x/>")
    return buffer.getvalue()


WINDOWS_PROGRAM = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 48 + b"PE\x00\x00"
WRONG_CONTENT = "Nội dung tệp không phải là"
WRONG_TYPE = "Chỉ chấp nhận tệp PDF, DOCX, XLSX hoặc ảnh JPG, PNG"

FORGERIES = {
    "PNG named .pdf": (b"anh-chup.pdf", _png(), WRONG_CONTENT + " PDF hợp lệ"),
    "text named .pdf": (b"ghi-chu.pdf", "Báo cáo thành tích".encode() * 20, WRONG_CONTENT + " PDF hợp lệ"),
    "Windows program named .pdf": (b"bao-cao.pdf", WINDOWS_PROGRAM, WRONG_CONTENT + " PDF hợp lệ"),
    ".docx that is not a zip": (b"to-trinh.docx", b"not a zip at all" * 10, WRONG_CONTENT + " DOCX hợp lệ"),
    ".docx that is a zip of something else": (
        b"to-trinh.docx",
        _zip(["readme.txt"]),
        WRONG_CONTENT + " DOCX hợp lệ",
    ),
    ".xlsx that is a Word document": (
        b"bang-diem.xlsx",
        _zip(["[Content_Types].xml", "word/document.xml"]),
        WRONG_CONTENT + " XLSX hợp lệ",
    ),
    "PDF named .png": (b"anh.png", PDF, WRONG_CONTENT + " PNG hợp lệ"),
    "Windows program": (b"setup.exe", WINDOWS_PROGRAM, WRONG_TYPE),
    "HTML page": (b"trang.html", b"<script>alert(1)</script>", WRONG_TYPE),
    "no extension": (b"bao-cao", PDF, WRONG_TYPE),
}


@pytest.mark.parametrize("upload", UPLOADS.values(), ids=UPLOADS.keys())
@pytest.mark.parametrize("forgery", FORGERIES.values(), ids=FORGERIES.keys())
def test_a_forged_file_is_refused_at_the_field_and_nothing_is_stored(
    head_client, world, tmp_path, upload, forgery
):
    filename, content, message = forgery
    before_stored, before_disk = upload.stored(world), files_on_disk(tmp_path)

    response, written = post_file(head_client, world, upload, filename, content, "application/octet-stream")

    assert response.status_code == 200
    assert message in field_errors(response, upload.field(world))
    assert upload.stored(world) == before_stored
    assert files_on_disk(tmp_path) == before_disk
    assert written == []


@pytest.mark.parametrize("upload", UPLOADS.values(), ids=UPLOADS.keys())
def test_a_file_past_the_size_limit_is_refused_at_the_field_and_nothing_is_stored(
    head_client, world, settings, tmp_path, upload
):
    settings.UPLOAD_MAX_BYTES = len(PDF) + 100
    big = PDF + b"%" + b"0" * 5000 + b"\n"
    before_stored, before_disk = upload.stored(world), files_on_disk(tmp_path)

    response, written = post_file(head_client, world, upload, b"bao-cao-lon.pdf", big)

    assert response.status_code == 200
    assert "Tệp quá lớn" in field_errors(response, upload.field(world))
    assert upload.stored(world) == before_stored
    assert files_on_disk(tmp_path) == before_disk
    assert written == []


@pytest.mark.parametrize("upload", UPLOADS.values(), ids=UPLOADS.keys())
def test_a_real_pdf_goes_through_each_form(head_client, world, upload):
    """The forms above refuse for the reason given, not because the post was malformed."""
    before = upload.stored(world)

    response, _writes = post_file(head_client, world, upload, b"bien-ban-hop.pdf", PDF)

    assert response.status_code == 302
    assert len(upload.stored(world) - before) == 1


# ---------------------------------------------------------------------------
# Stored files leave through guarded views only
# ---------------------------------------------------------------------------
def _callbacks(resolver=None):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            yield from _callbacks(entry)
        elif isinstance(entry, URLPattern):
            yield str(entry.pattern), entry.callback


def test_no_url_serves_the_media_folder(settings):
    assert settings.DEBUG is False
    media = settings.MEDIA_URL.strip("/")

    serving = [route for route, callback in _callbacks() if callback is serve or route.startswith(media)]

    assert serving == []


@pytest.mark.parametrize("attr", ["file_a", "task_a", "submission_a", "score_a"])
def test_the_media_path_of_a_stored_file_is_not_served_to_anyone(client, world, settings, attr):
    field = {"file_a": "file", "task_a": "evidence", "submission_a": "file", "score_a": "evidence_file"}[attr]
    name = getattr(getattr(world, attr), field).name
    assert os.path.exists(default_storage.path(name))

    answers = set()
    for user in world.users.values():
        if user is not None:
            client.force_login(user)
        answers.add(client.get(settings.MEDIA_URL + name).status_code)
        client.logout()

    assert answers == {404}


# ---------------------------------------------------------------------------
# The office's imports (.xlsx, .docx): forged files, and a name that is HTML
# ---------------------------------------------------------------------------
IMPORTS = {
    "staff (.xlsx)": (lambda: reverse("units:staff-import"), "file", ".xlsx", "Excel .xlsx"),
    "evaluations (.xlsx)": (
        lambda: reverse("awards:import", args=["evaluations"]),
        "file",
        ".xlsx",
        "Excel .xlsx",
    ),
    "award history (.xlsx)": (
        lambda: reverse("awards:import", args=["records"]),
        "file",
        ".xlsx",
        "Excel .xlsx",
    ),
    "plan (.docx)": (lambda: reverse("plans:import-preview"), "docx", ".docx", "Word .docx"),
}
IMPORT_FORGERIES = {
    "text": b"Danh s\xc3\xa1ch c\xc3\xa1n b\xe1\xbb\x99\n" * 20,
    "zip of something else": _zip(["readme.txt"]),
    "a PowerPoint package": _zip(["[Content_Types].xml", "ppt/presentation.xml"]),
    "Windows program": WINDOWS_PROGRAM,
}
HTML_NAME = "<img src=x onerror=alert(1)>"


@pytest.mark.parametrize("target", IMPORTS.values(), ids=IMPORTS.keys())
@pytest.mark.parametrize("content", IMPORT_FORGERIES.values(), ids=IMPORT_FORGERIES.keys())
def test_a_forged_import_file_is_refused_at_the_field_and_its_name_is_shown_as_text(
    client, world, tmp_path, target, content
):
    url, field, extension, label = target
    client.force_login(world.office)
    before_disk = files_on_disk(tmp_path)
    upload = make_upload(HTML_NAME + extension, content, "application/octet-stream")

    with CaptureQueriesContext(connection) as queries:
        response = client.post(url(), {field: upload})

    body = response.content.decode()
    assert response.status_code == 200
    assert label in field_errors(response, field)
    assert HTML_NAME not in body
    assert writes(queries.captured_queries) == []
    assert files_on_disk(tmp_path) == before_disk


# ---------------------------------------------------------------------------
# Bombs: refused from the archive's directory or the image's header, with a clear message
# ---------------------------------------------------------------------------
def _pixel_bomb() -> bytes:
    """A PNG of a few kilobytes that decodes to 8000 × 8000 = 64 million pixels."""
    buffer = io.BytesIO()
    Image.new("1", (8000, 8000)).save(buffer, "PNG")
    return buffer.getvalue()


def _zip_bomb(unpacked_mb: int) -> bytes:
    """A DOCX whose document.xml unpacks to ``unpacked_mb`` MB of zeros."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w") as member:
            chunk = b"0" * (1024 * 1024)
            for _ in range(unpacked_mb):
                member.write(chunk)
    return buffer.getvalue()


BOMBS = {
    "PNG pixel bomb": (b"anh.png", _pixel_bomb(), "Ảnh quá lớn (8000 × 8000 điểm ảnh)"),
    "DOCX zip bomb": (b"to-trinh.docx", _zip_bomb(300), "Tệp nén quá lớn khi giải nén"),
}


@pytest.mark.parametrize("upload", UPLOADS.values(), ids=UPLOADS.keys())
@pytest.mark.parametrize("bomb", BOMBS.values(), ids=BOMBS.keys())
def test_a_pixel_bomb_or_a_zip_bomb_is_refused_with_a_clear_message(
    head_client, world, tmp_path, upload, bomb
):
    filename, content, message = bomb
    assert len(content) < 1024 * 1024  # small on the wire
    before_stored, before_disk = upload.stored(world), files_on_disk(tmp_path)

    response, written = post_file(head_client, world, upload, filename, content, "application/octet-stream")

    assert response.status_code == 200
    assert message in field_errors(response, upload.field(world))
    assert upload.stored(world) == before_stored
    assert files_on_disk(tmp_path) == before_disk
    assert written == []


def test_a_zip_bomb_docx_is_refused_by_the_plan_import(client, world):
    client.force_login(world.office)
    from django.core.files.uploadedfile import SimpleUploadedFile

    bomb = SimpleUploadedFile("ke-hoach.docx", _zip_bomb(300), content_type="application/octet-stream")
    response = client.post(reverse("plans:import-preview"), {"docx": bomb})

    assert response.status_code == 200
    assert "Tệp nén quá lớn khi giải nén" in str(response.context["form"].errors)
