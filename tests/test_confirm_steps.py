"""Nothing irreversible on one click: issuing, archiving, opening and closing the vote and removing a
file first answer with a page that says in words what will happen, and act only once confirmed
(a plain form: no JavaScript needed); verifying a nomination the rules judged not eligible needs a
reason."""

import re

import pytest
from django.urls import reverse

from awards.enums import EligibilityStatus, NominationStatus
from awards.models import DossierFile, Nomination
from council.enums import SessionStatus
from plans.enums import LetterStatus, PlanStatus
from tests.factories import (
    LetterFactory,
    NominationFactory,
    PersonFactory,
    PlanFactory,
    UnitFactory,
    add_dossier_file,
    make_council_session,
    make_office_user,
    make_unit_head,
    make_verified_nomination,
)

pytestmark = pytest.mark.django_db


def confirm_form(page: str) -> dict:
    """The hidden fields the confirmation page posts back."""
    form = page[page.index('<form method="post"', page.index('id="confirm-consequences"')) :]
    form = form[: form.index("</form>")]
    fields = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form))
    fields.pop("csrfmiddlewaretoken", None)
    return fields


def test_issuing_a_plan_says_what_will_happen_and_waits_for_the_confirmation(client):
    office = make_office_user()
    plan = PlanFactory(year=2026)
    client.force_login(office)
    url = reverse("plans:issue", args=[plan.pk])

    asked = client.post(url, {"issue_date": "2026-03-10"})

    page = asked.content.decode()
    assert asked.status_code == 200
    assert "Ban hành kế hoạch?" in page
    assert "sổ văn bản ký hiệu KH-SYT năm 2026, ngày ban hành 10/03/2026" in page
    assert "không sửa được nữa" in page
    plan.refresh_from_db()
    assert plan.status == PlanStatus.DRAFT and plan.number is None
    assert confirm_form(page) == {"issue_date": "2026-03-10", "confirmed": "1"}

    client.post(url, confirm_form(page))

    plan.refresh_from_db()
    assert plan.status == PlanStatus.ISSUED and plan.number == 1
    assert plan.issue_date.isoformat() == "2026-03-10"


def test_archiving_a_plan_asks_first(client):
    office = make_office_user()
    plan = PlanFactory(year=2026, issued=True)
    client.force_login(office)
    url = reverse("plans:archive", args=[plan.pk])

    page = client.post(url).content.decode()

    assert "Chuyển kế hoạch vào lưu trữ?" in page and "không còn được theo dõi" in page
    plan.refresh_from_db()
    assert plan.status == PlanStatus.ISSUED
    client.post(url, {"confirmed": "1"})
    plan.refresh_from_db()
    assert plan.status == PlanStatus.ARCHIVED


def test_issuing_a_letter_asks_first(client):
    office = make_office_user()
    letter = LetterFactory()
    client.force_login(office)
    url = reverse("plans:letter-issue", args=[letter.pk])

    page = client.post(url, {"issue_date": "2026-03-05"}).content.decode()

    assert "Ban hành công văn?" in page and "ngày ban hành 05/03/2026" in page
    letter.refresh_from_db()
    assert letter.status == LetterStatus.DRAFT
    client.post(url, confirm_form(page))
    letter.refresh_from_db()
    assert letter.status == LetterStatus.ISSUED


def test_opening_and_closing_the_vote_each_ask_first(client):
    council = make_council_session(3, nominations=[make_verified_nomination()])
    session = council.session
    client.force_login(council.office)
    url = reverse("council:session-transition", args=[session.pk])

    opening = client.post(url, {"to": "voting"}).content.decode()
    session.refresh_from_db()
    assert "Mở biểu quyết?" in opening and "bỏ phiếu kín" in opening
    assert session.status == SessionStatus.SCHEDULED

    client.post(url, confirm_form(opening))
    session.refresh_from_db()
    assert session.status == SessionStatus.VOTING

    closing = client.post(url, {"to": "closed"}).content.decode()
    session.refresh_from_db()
    assert "Kết thúc biểu quyết và kiểm phiếu?" in closing and "không mở lại được" in closing
    assert session.status == SessionStatus.VOTING

    client.post(url, confirm_form(closing))
    session.refresh_from_db()
    assert session.status == SessionStatus.CLOSED


def test_removing_a_dossier_file_asks_first(client):
    unit = UnitFactory()
    head = make_unit_head(unit)
    nomination = NominationFactory(person=PersonFactory(unit=unit, full_name="Trần Thị Mai"))
    item = add_dossier_file(nomination, name="to-trinh.pdf")
    client.force_login(head)
    url = reverse("awards:dossier-delete", args=[nomination.pk, item.pk])

    page = client.post(url).content.decode()

    assert "Bỏ tệp khỏi hồ sơ?" in page
    assert "Tệp “to-trinh.pdf”" in page and "Trần Thị Mai" in page
    assert DossierFile.objects.filter(pk=item.pk).exists()
    client.post(url, confirm_form(page))
    assert not DossierFile.objects.filter(pk=item.pk).exists()


def test_verifying_a_nomination_judged_not_eligible_needs_a_reason(client):
    office = make_office_user()
    nomination = NominationFactory(submitted=True, eligibility=EligibilityStatus.NOT_ELIGIBLE)
    client.force_login(office)
    url = reverse("awards:nomination-transition", args=[nomination.pk, NominationStatus.VERIFIED])

    form_page = client.get(url).content.decode()
    refused = client.post(url, {"seen_status": "submitted", "reason": ""})

    assert "Hệ thống đánh giá: Không đủ điều kiện." in form_page
    assert "Lý do vẫn thẩm định đạt dù không đủ điều kiện" in form_page
    assert refused.status_code == 200
    assert "ghi lý do vẫn thẩm định đạt" in refused.content.decode()
    assert Nomination.objects.get(pk=nomination.pk).status == NominationStatus.SUBMITTED

    reason = "Thành tích đột xuất trong phòng chống dịch, Giám đốc Sở đồng ý trình Hội đồng."
    client.post(url, {"seen_status": "submitted", "reason": reason})

    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.VERIFIED
    assert nomination.events.order_by("-pk").first().reason == reason


def test_issuing_a_disclosure_notice_asks_first(client):
    from tests.factories import DisclosurePeriodFactory

    office = make_office_user()
    period = DisclosurePeriodFactory()
    client.force_login(office)
    url = reverse("awards:disclosure-issue", args=[period.pk])

    page = client.post(url).content.decode()

    assert "Ban hành thông báo công khai?" in page and "ký hiệu TB-SYT" in page
    period.refresh_from_db()
    assert period.number is None
    client.post(url, confirm_form(page))
    period.refresh_from_db()
    assert period.number == 1
