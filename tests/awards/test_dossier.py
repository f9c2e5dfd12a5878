"""Dossier files: checked by content, checksummed, changed only while editable, served guarded."""

import hashlib

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from awards.models import DossierFile
from awards.services import dossier_file_add, dossier_file_delete
from tests.factories import add_dossier_file, make_pdf_bytes, make_upload
from units.refusals import Refused

pytestmark = pytest.mark.django_db


def upload_url(nomination):
    return reverse("awards:dossier-upload", args=[nomination.pk])


def test_a_unit_head_uploads_a_pdf_and_it_is_stored_with_its_checksum(client, head, make_nomination):
    nomination = make_nomination(status="draft")
    client.force_login(head)

    response = client.post(upload_url(nomination), {"kind": "BIENBAN", "file": make_upload("bien-ban.pdf")})

    assert response.status_code == 302
    item = DossierFile.objects.get()
    assert item.kind == "BIENBAN"
    assert item.original_name == "bien-ban.pdf"
    assert item.checksum == hashlib.sha256(make_pdf_bytes()).hexdigest()
    assert item.size == len(make_pdf_bytes())
    assert item.uploaded_by == head
    assert "bien-ban" not in item.file.name  # stored under a random name


def test_a_file_that_claims_to_be_a_pdf_but_is_not_is_refused(client, head, make_nomination):
    nomination = make_nomination(status="draft")
    client.force_login(head)
    fake = make_upload("to-trinh.pdf", content=b"MZ\x90\x00 not a pdf at all")

    response = client.post(upload_url(nomination), {"kind": "TOTRINH", "file": fake})

    assert response.status_code == 200
    [result] = response.context["results"]
    assert result.name == "to-trinh.pdf"
    assert "Nội dung tệp không phải là PDF hợp lệ" in " ".join(result.errors)
    assert not DossierFile.objects.exists()


def test_a_file_of_a_type_not_accepted_is_refused(head, make_nomination):
    nomination = make_nomination(status="draft")

    with pytest.raises(ValidationError) as exc:
        dossier_file_add(nomination, kind="KHAC", file=make_upload("virus.exe", content=b"MZ"), by=head)

    assert "Chỉ chấp nhận tệp PDF" in str(exc.value)
    assert not DossierFile.objects.exists()


def test_no_upload_once_the_nomination_is_submitted(client, head, make_nomination):
    nomination = make_nomination(status="submitted")
    client.force_login(head)

    response = client.post(upload_url(nomination), {"kind": "TOTRINH", "file": make_upload()}, follow=True)

    assert "Chỉ thay đổi hồ sơ khi đề nghị đang soạn hoặc bị trả lại" in response.content.decode()
    assert not DossierFile.objects.exists()
    with pytest.raises(Refused):
        dossier_file_add(nomination, kind="TOTRINH", file=make_upload(), by=head)


def test_another_units_head_cannot_upload(other_head, make_nomination):
    nomination = make_nomination(status="draft")

    with pytest.raises(PermissionDenied):
        dossier_file_add(nomination, kind="TOTRINH", file=make_upload(), by=other_head)

    assert not DossierFile.objects.exists()


def test_a_file_is_deleted_only_while_editable(client, head, make_nomination):
    nomination = make_nomination(status="draft")
    kept = add_dossier_file(make_nomination(status="submitted", code="CSTDCS"))
    item = add_dossier_file(nomination)
    client.force_login(head)

    client.post(reverse("awards:dossier-delete", args=[nomination.pk, item.pk]), {"confirmed": "1"})

    assert not DossierFile.objects.filter(pk=item.pk).exists()
    with pytest.raises(Refused):
        dossier_file_delete(kept, by=head)
    assert DossierFile.objects.filter(pk=kept.pk).exists()


def test_the_deletion_is_kept_in_the_files_history(head, make_nomination):
    nomination = make_nomination(status="draft")
    item = add_dossier_file(nomination)
    pk = item.pk

    dossier_file_delete(item, by=head)

    removed = DossierFile.history.filter(id=pk, history_type="-").get()
    assert removed.history_user == head


@pytest.mark.parametrize("who", ["head", "office"])
def test_those_who_may_see_the_nomination_download_its_files(client, who, request, make_nomination):
    user = request.getfixturevalue(who)
    nomination = make_nomination(status="submitted")
    item = add_dossier_file(nomination, "TOTRINH", name="Tờ trình số 12.pdf")
    client.force_login(user)

    response = client.get(item.get_download_url())

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == make_pdf_bytes()
    assert "attachment" in response["Content-Disposition"]
    assert response["Cache-Control"] == "private, no-store"


@pytest.mark.parametrize("who", ["other_head", "council_member"])
def test_others_cannot_download_the_files(client, who, request, make_nomination):
    user = request.getfixturevalue(who)
    nomination = make_nomination(status="submitted")
    item = add_dossier_file(nomination)
    client.force_login(user)

    assert client.get(item.get_download_url()).status_code == 404


def test_a_file_of_one_nomination_is_not_reachable_through_another(client, head, make_nomination):
    mine = make_nomination(status="draft")
    other = make_nomination(status="draft", code="CSTDCS")
    item = add_dossier_file(other)
    client.force_login(head)

    response = client.get(reverse("awards:dossier-download", args=[mine.pk, item.pk]))

    assert response.status_code == 404


def test_the_detail_page_lists_the_files_and_what_is_missing(client, head, make_nomination):
    nomination = make_nomination(status="draft")
    add_dossier_file(nomination, "TOTRINH", name="to-trinh-2025.pdf")
    client.force_login(head)

    page = client.get(nomination.get_absolute_url()).content.decode()

    assert "to-trinh-2025.pdf" in page
    assert "Thiếu hồ sơ:" in page
    assert "Biên bản họp xét" in page
