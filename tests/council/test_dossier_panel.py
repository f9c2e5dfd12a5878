"""Council members read a nomination's dossier and eligibility verdict from the voting page: read
only, previews through the council's own permission-checked views, nothing about ballots."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from awards.models import DossierFile, Nomination
from council.enums import Choice
from council.services import ballot_cast, session_open_voting
from tests.factories import (
    add_dossier_file,
    make_council_session,
    make_pdf_bytes,
    make_upload,
    make_verified_nomination,
)
from units.uploads import PREVIEW_CSP

pytestmark = pytest.mark.django_db

REASON = "Chưa đủ 2 năm liên tục đạt danh hiệu Lao động tiên tiến."
TOKEN = re.compile(r'(csrfmiddlewaretoken" value="|X-CSRFToken": ")[^"]+')


@pytest.fixture
def council():
    nomination = make_verified_nomination()
    ctx = make_council_session(size=3, nominations=[nomination])
    # the verdict as the rules engine writes it
    Nomination.objects.filter(pk=nomination.pk).update(
        eligibility="not_eligible",
        eligibility_checked_at=timezone.now(),
        eligibility_reasons=[{"severity": "fail", "message": REASON, "basis": "Điều 26"}],
    )
    nomination.refresh_from_db()
    ctx.nomination = nomination
    ctx.item = ctx.session.agenda.get()
    ctx.pdf = add_dossier_file(nomination, "TOTRINH", name="Tờ trình số 12.pdf")
    ctx.docx = add_dossier_file(nomination, "BAOCAO", name="bao-cao.docx")
    return ctx


def dossier_url(ctx, member_item=None):
    return reverse("council:item-dossier", args=[ctx.session.pk, (member_item or ctx.item).pk])


def file_url(ctx, item, name):
    return reverse(f"council:item-file-{name}", args=[ctx.session.pk, ctx.item.pk, item.pk])


def test_the_voting_page_links_each_item_to_its_dossier(client, council):
    client.force_login(council.members[1])

    page = client.get(reverse("council:vote", args=[council.session.pk])).content.decode()

    assert f'href="{dossier_url(council)}"' in page


def test_a_member_reads_the_verdict_with_its_reasons_and_the_files_with_previews(client, council):
    client.force_login(council.members[1])

    response = client.get(dossier_url(council))

    assert response.status_code == 200
    page = response.content.decode()
    assert REASON in page
    assert "Không đủ điều kiện" in page
    assert "Điều 26" in page
    assert "Tờ trình số 12.pdf" in page and "bao-cao.docx" in page
    assert f'href="{file_url(council, council.pdf, "preview")}"' in page
    assert f'href="{file_url(council, council.docx, "preview")}"' not in page  # a DOCX only downloads
    assert 'data-code="TOTRINH" data-present="1"' in page


def test_the_dossier_page_has_no_way_to_change_anything(client, council):
    client.force_login(council.members[1])

    page = client.get(dossier_url(council)).content.decode()

    assert reverse("awards:dossier-upload", args=[council.nomination.pk]) not in page
    assert reverse("awards:dossier-delete", args=[council.nomination.pk, council.pdf.pk]) not in page
    # the only forms are the layout's own (log out, language)
    actions = re.findall(r'<form[^>]*action="([^"]*)"', page)
    assert set(actions) <= {reverse("logout"), reverse("set_language")}
    assert client.post(dossier_url(council)).status_code == 405
    assert client.post(file_url(council, council.pdf, "download")).status_code == 405


def test_a_member_cannot_upload_or_remove_files_of_the_nomination(client, council):
    member = council.members[1]
    client.force_login(member)
    assert not member.has_perm("awards.upload_dossier", council.nomination)

    upload = client.post(
        reverse("awards:dossier-upload", args=[council.nomination.pk]),
        {"kind": "KHAC", "file": make_upload()},
    )
    delete = client.post(
        reverse("awards:dossier-delete", args=[council.nomination.pk, council.pdf.pk]), {"confirmed": "1"}
    )

    assert upload.status_code == 404
    assert delete.status_code == 404
    assert DossierFile.objects.filter(nomination=council.nomination).count() == 2


def test_a_member_previews_a_pdf_inline_under_the_restrictive_policy(client, council):
    client.force_login(council.members[1])

    page = client.get(file_url(council, council.pdf, "preview")).content.decode()
    response = client.get(file_url(council, council.pdf, "inline"))

    assert f'src="{file_url(council, council.pdf, "inline")}"' in page
    assert b"".join(response.streaming_content) == make_pdf_bytes()
    assert response["Content-Disposition"].startswith("inline;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == PREVIEW_CSP
    docx_inline = client.get(file_url(council, council.docx, "inline"))
    assert docx_inline["Content-Disposition"].startswith("attachment;")
    download = client.get(file_url(council, council.pdf, "download"))
    assert download["Content-Disposition"].startswith("attachment;")


def test_no_dossier_for_someone_outside_the_session(client, council, council_member, other_head):
    for user in (council_member, other_head):
        client.force_login(user)
        assert client.get(dossier_url(council)).status_code == 404
        assert client.get(file_url(council, council.pdf, "inline")).status_code == 404


def test_a_file_of_a_nomination_not_on_the_item_is_not_reachable_through_it(client, council):
    stranger = add_dossier_file(make_verified_nomination(code="CSTDCS"), name="khac.pdf")
    client.force_login(council.members[1])

    response = client.get(
        reverse("council:item-file-inline", args=[council.session.pk, council.item.pk, stranger.pk])
    )

    assert response.status_code == 404


def test_the_dossier_page_reads_the_same_whatever_and_whether_the_members_voted(client, council):
    member, other = council.members[1], council.members[0]
    session_open_voting(council.session, by=council.office)
    client.force_login(member)
    before = TOKEN.sub("", client.get(dossier_url(council)).content.decode())

    ballot_cast(council.session, nomination=council.nomination, member=member, choice=Choice.AGREE)
    ballot_cast(council.session, nomination=council.nomination, member=other, choice=Choice.DISAGREE)
    after = TOKEN.sub("", client.get(dossier_url(council)).content.decode())

    assert after == before
    assert "Đã bỏ phiếu" not in after
