"""Uploaded files are private: no public media URL, a download view that checks the permission
for each kind of file, and a request body past the size limit that is not stored in full."""

import io
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http.multipartparser import MultiPartParser
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart
from django.urls import reverse
from django.utils import timezone

from campaigns.models import UnitScore
from campaigns.services import CriterionRow, criteria_set_save
from plans.enums import TaskStatus
from tests.factories import (
    ClusterFactory,
    CriteriaSetFactory,
    PlanFactory,
    PlanTaskFactory,
    SubmissionRequestFactory,
    UnitFactory,
    UnitSubmissionFactory,
    add_cluster_member,
    make_council_member,
    make_group_task,
    make_office_user,
    make_pdf_bytes,
    make_unit_head,
)
from units.uploads import OversizedUpload, SizeLimitUploadHandler

pytestmark = pytest.mark.django_db

PDF = make_pdf_bytes()


def assert_private_download(response, *, filename, content=PDF):
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == content
    assert response["Content-Disposition"] == f'attachment; filename="{filename}"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"


@pytest.fixture
def units():
    return UnitFactory(name="Bệnh viện Cam"), UnitFactory(name="Bệnh viện Bưởi")


# --- plan task evidence --------------------------------------------------------------------------------
@pytest.fixture
def task_with_evidence(units):
    task = PlanTaskFactory(plan=PlanFactory(issued=True), lead_unit=units[0])
    task.evidence.save("bien-ban-hop.pdf", ContentFile(PDF))
    return task


def test_task_evidence_goes_to_the_office_and_the_lead_unit_only(client, task_with_evidence, units):
    url = reverse("plans:task-evidence", args=[task_with_evidence.pk])

    anonymous = client.get(url)
    client.force_login(make_unit_head(units[1]))
    other_unit = client.get(url)
    client.force_login(make_unit_head(units[0]))
    lead_unit = client.get(url)
    client.force_login(make_office_user())
    office = client.get(url)

    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]
    assert other_unit.status_code == 404
    assert_private_download(lead_unit, filename="bien-ban-hop.pdf")
    assert_private_download(office, filename="bien-ban-hop.pdf")


def test_a_group_tasks_evidence_goes_to_the_units_with_a_share_and_the_council(client, units):
    outsider = UnitFactory(name="Bệnh viện Chanh")
    task = make_group_task(PlanFactory(issued=True), units=units, lead_unit=units[0])
    task.evidence.save("tong-hop.pdf", ContentFile(PDF))
    url = reverse("plans:task-evidence", args=[task.pk])

    client.force_login(make_unit_head(units[1]))
    sharing_unit = client.get(url)
    client.force_login(make_council_member())
    council = client.get(url)
    client.force_login(make_unit_head(outsider))
    other_unit = client.get(url)

    assert_private_download(sharing_unit, filename="tong-hop.pdf")
    assert_private_download(council, filename="tong-hop.pdf")
    assert other_unit.status_code == 404


def test_a_task_without_evidence_is_a_404(client, units):
    task = PlanTaskFactory(plan=PlanFactory(issued=True), lead_unit=units[0])
    client.force_login(make_office_user())

    assert client.get(reverse("plans:task-evidence", args=[task.pk])).status_code == 404


def test_task_pages_link_to_the_guarded_download_not_to_media(client, task_with_evidence):
    client.force_login(make_office_user())
    guarded = reverse("plans:task-evidence", args=[task_with_evidence.pk])

    progress = client.get(reverse("plans:task-progress", args=[task_with_evidence.pk])).content.decode()
    plan = client.get(reverse("plans:detail", args=[task_with_evidence.plan_id])).content.decode()

    for html in (progress, plan):
        assert f'href="{guarded}"' in html
        assert "/media/" not in html
    assert "bien-ban-hop.pdf" in progress


# --- unit submissions --------------------------------------------------------------------------------------
def test_a_submitted_file_goes_to_the_office_and_that_unit_only(client, units):
    request = SubmissionRequestFactory(due_date=timezone.localdate())
    submission = UnitSubmissionFactory(request=request, unit=units[0])
    submission.file.save("bao-cao-6-thang.pdf", ContentFile(PDF))
    url = reverse("plans:submission-file", args=[submission.pk])

    client.force_login(make_unit_head(units[1]))
    other_unit = client.get(url)
    client.force_login(make_unit_head(units[0]))
    own_unit = client.get(url)
    page = client.get(reverse("plans:submission-upload", args=[submission.pk])).content.decode()
    client.force_login(make_office_user())
    office = client.get(url)
    detail = client.get(reverse("plans:submission-detail", args=[request.pk])).content.decode()

    assert other_unit.status_code == 404
    assert_private_download(own_unit, filename="bao-cao-6-thang.pdf")
    assert_private_download(office, filename="bao-cao-6-thang.pdf")
    for html in (page, detail):
        assert f'href="{url}"' in html
        assert "/media/" not in html


# --- campaign score evidence -------------------------------------------------------------------------------
def test_score_evidence_goes_to_the_office_and_the_scored_unit_only(client, units):
    office = make_office_user()
    cluster = ClusterFactory(year=2026)
    for unit in units:
        add_cluster_member(cluster, unit)
    criteria_set = criteria_set_save(
        CriteriaSetFactory(year=2026), [CriterionRow("1", "Nhiệm vụ chuyên môn", Decimal(10))], by=office
    )
    score = UnitScore.objects.create(criterion=criteria_set.criteria.get(), unit=units[0], self_score=8)
    score.evidence_file.save("minh-chung.pdf", ContentFile(PDF))
    url = reverse("campaigns:score-evidence", args=[score.pk])

    client.force_login(make_unit_head(units[1]))
    other_unit = client.get(url)
    client.force_login(make_unit_head(units[0]))
    own_unit = client.get(url)
    form = client.get(reverse("campaigns:score-self", args=[criteria_set.pk])).content.decode()
    client.force_login(office)
    assessed = client.get(url)

    assert other_unit.status_code == 404
    assert_private_download(own_unit, filename="minh-chung.pdf")
    assert_private_download(assessed, filename="minh-chung.pdf")
    assert f'href="{url}"' in form
    assert "/media/" not in form


# --- size limit while reading the request ------------------------------------------------------------------
def _parse(body: bytes, handlers):
    meta = {"CONTENT_TYPE": MULTIPART_CONTENT, "CONTENT_LENGTH": str(len(body))}
    return MultiPartParser(meta, io.BytesIO(body), handlers).parse()


def test_a_file_past_the_limit_is_cut_off_while_it_arrives(settings, rf):
    from django.core.files.uploadhandler import load_handler

    settings.UPLOAD_MAX_BYTES = 10_000
    big = b"%PDF-1.4\n" + b"x" * 300_000
    body = encode_multipart(BOUNDARY, {"evidence": SimpleUploadedFile("lon.pdf", big), "note": "giữ lại"})
    request = rf.get("/")
    handlers = [load_handler(name, request) for name in settings.FILE_UPLOAD_HANDLERS]

    data, files = _parse(body, handlers)

    upload = files["evidence"]
    assert isinstance(handlers[0], SizeLimitUploadHandler)
    assert isinstance(upload, OversizedUpload)
    assert upload.name == "lon.pdf"
    assert upload.size == len(big)
    assert upload.read() == b""
    assert data["note"] == "giữ lại"


def test_a_file_within_the_limit_arrives_whole(settings, rf):
    from django.core.files.uploadhandler import load_handler

    settings.UPLOAD_MAX_BYTES = 10_000
    body = encode_multipart(BOUNDARY, {"evidence": SimpleUploadedFile("nho.pdf", PDF)})
    request = rf.get("/")
    handlers = [load_handler(name, request) for name in settings.FILE_UPLOAD_HANDLERS]

    _data, files = _parse(body, handlers)

    assert not isinstance(files["evidence"], OversizedUpload)
    assert files["evidence"].read() == PDF


def test_an_oversized_evidence_is_refused_at_the_field_and_nothing_is_stored(client, settings, units):
    settings.UPLOAD_MAX_BYTES = 10_000
    task = PlanTaskFactory(plan=PlanFactory(issued=True), lead_unit=units[0])
    client.force_login(make_unit_head(units[0]))

    response = client.post(
        reverse("plans:task-progress", args=[task.pk]),
        {
            "status": TaskStatus.DONE,
            "progress_note": "Ghi chú giữ lại",
            "evidence": SimpleUploadedFile("lon.pdf", b"%PDF-1.4\n" + b"x" * 50_000),
            "seen_updated_at": task.updated_at.isoformat(),
        },
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "Tệp quá lớn" in html
    assert "Ghi chú giữ lại" in html
    task.refresh_from_db()
    assert not task.evidence
    assert list(settings.MEDIA_ROOT.rglob("*.pdf")) == []
