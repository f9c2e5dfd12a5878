"""A session's minutes print the header, place, chair's signature and recipients set for them
before the close, exactly, in the PDF and the DOCX, the secretary's signature beside; left alone,
they print the agency's name over the council's and the chair signing "TM. HỘI ĐỒNG"."""

import pytest
from django.urls import reverse

from council.enums import Choice
from council.models import SessionMinutes
from council.services import ballot_cast, session_close, session_open_voting
from tests.factories import AgencyFactory, make_council_session, make_verified_nomination
from tests.headings import heading_form
from tests.reports.test_plan_documents import assert_in_order, docx_text, pdf_text

pytestmark = pytest.mark.django_db

EDITED = heading_form(
    authority_line="SỞ Y TẾ HÒA BÌNH",
    issuer_line="HỘI ĐỒNG THI ĐUA, KHEN THƯỞNG",
    place="Hòa Bình",
    signer_prefix_title="CHỦ TỊCH",
    signer_position="PHÓ CHỦ TỊCH",
    signer_name="Bùi Văn Khánh",
    recipients=["Ban TĐKT tỉnh Hòa Bình;", "Lưu: VT, HĐTĐKT."],
)


@pytest.fixture
def ctx():
    AgencyFactory(letterhead="UBND TỈNH ĐỒNG NAI\nSỞ Y TẾ", signer_name="Phan Huy Anh Vũ")
    nomination = make_verified_nomination("LDTT")
    made = make_council_session(3, nominations=[nomination])
    made.nomination = nomination
    return made


def close(ctx) -> None:
    session_open_voting(ctx.session, by=ctx.office)
    for member in ctx.members:
        ballot_cast(ctx.session, nomination=ctx.nomination, member=member, choice=Choice.AGREE)
    session_close(ctx.session, by=ctx.office)


def minutes_texts(client, session) -> list[str]:
    pdf = client.get(reverse("reports:council-minutes-pdf", args=[session.pk]))
    docx = client.get(reverse("reports:council-minutes-docx", args=[session.pk]))
    assert pdf.status_code == 200 and docx.status_code == 200
    return [pdf_text(pdf.content), docx_text(docx.content)]


def test_minutes_with_their_heading_edited_print_exactly_that_beside_the_secretary(client, ctx):
    client.force_login(ctx.office)
    url = reverse("council:minutes-heading", args=[ctx.session.pk])
    page = client.get(url)

    response = client.post(url, EDITED)
    close(ctx)

    assert page.status_code == 200
    assert response.status_code == 302, response.context["form"].errors
    secretary = ctx.members[-1].get_full_name()
    for text in minutes_texts(client, ctx.session):
        assert_in_order(
            text, ["SỞ Y TẾ HÒA BÌNH", "HỘI ĐỒNG THI ĐUA, KHEN THƯỞNG", "Hòa Bình, ngày", "BIÊN BẢN"]
        )
        assert_in_order(text, ["Nơi nhận:", "- Ban TĐKT tỉnh Hòa Bình;", "- Lưu: VT, HĐTĐKT."])
        assert_in_order(text, ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Bùi Văn Khánh"])
        assert "THƯ KÝ" in text and secretary in text
        assert "TM. HỘI ĐỒNG" not in text and "Đồng Nai, ngày" not in text


def test_minutes_left_alone_print_the_agency_over_the_council_and_the_chair(client, ctx):
    client.force_login(ctx.office)
    form = client.get(reverse("council:minutes-heading", args=[ctx.session.pk])).context["form"]

    close(ctx)

    chair = ctx.members[0].get_full_name()
    assert form.initial["signer_name"] == chair and form.initial["signer_prefix"] == "TM."
    for text in minutes_texts(client, ctx.session):
        assert_in_order(text, ["SỞ Y TẾ", "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG", "Đồng Nai, ngày"])
        assert_in_order(text, ["TM. HỘI ĐỒNG", "CHỦ TỊCH", chair])
        assert_in_order(text, ["Nơi nhận:", "- Thành viên Hội đồng;", "- Lưu: VT, HĐTĐKT."])


def test_the_minutes_heading_cannot_change_once_the_session_is_closed(client, ctx):
    close(ctx)
    client.force_login(ctx.office)

    response = client.post(reverse("council:minutes-heading", args=[ctx.session.pk]), EDITED)

    assert response.status_code == 200
    assert "đã kết thúc" in " ".join(response.context["form"].non_field_errors())
    assert response.context["form"]["place"].value() == "Hòa Bình"
    assert SessionMinutes.objects.get(session=ctx.session).place == "Đồng Nai"


def test_only_the_office_sets_the_minutes_heading(client, ctx):
    client.force_login(ctx.members[0])

    response = client.post(reverse("council:minutes-heading", args=[ctx.session.pk]), EDITED)

    assert response.status_code == 403
    assert SessionMinutes.objects.get(session=ctx.session).signer_name == ctx.members[0].get_full_name()
