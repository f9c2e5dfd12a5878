"""Official letters (công văn): numbering from the công văn series, issue, who reads them, the pages.

Permission rule under test: the office writes and issues letters; a unit head reads an issued
letter sent to the unit (or to a unit above it in the head's scope), nothing else (404); a draft
is the office's alone.
"""

import datetime

import pytest
from django.urls import reverse

from plans import services
from plans.enums import LetterStatus
from plans.models import Letter
from plans.selectors import letters_visible_to
from tests.factories import LetterFactory, UnitFactory, make_council_member
from tests.headings import heading_form
from units.models import DocumentCounter, IssuedNumber
from units.refusals import Refused

pytestmark = pytest.mark.django_db


def test_issue_gives_the_next_number_of_the_cong_van_series_shared_by_offices(office):
    first = LetterFactory(office_code="TCCB")
    second = LetterFactory(office_code="VP")

    services.letter_issue(first, by=office, issue_date=datetime.date(2026, 3, 5))
    services.letter_issue(second, by=office, issue_date=datetime.date(2026, 3, 6))

    assert (first.number, first.number_label) == (1, "Số: 01/SYT-TCCB")
    assert (second.number, second.number_label) == (2, "Số: 02/SYT-VP")
    assert DocumentCounter.objects.get(year=2026, series="CV-SYT").last_number == 2
    assert IssuedNumber.objects.filter(year=2026, symbol="SYT-TCCB", number=1).exists()


def test_numbers_start_again_in_a_new_calendar_year(office):
    services.letter_issue(LetterFactory(), by=office, issue_date=datetime.date(2025, 12, 30))
    letter = LetterFactory()

    services.letter_issue(letter, by=office, issue_date=datetime.date(2026, 1, 2))

    assert letter.number == 1


def test_issue_twice_keeps_the_first_number(office):
    letter = LetterFactory()
    assert services.letter_issue(letter, by=office, issue_date=datetime.date(2026, 3, 5)) is True

    again = services.letter_issue(letter, by=office)

    assert again is False
    assert letter.number == 1
    assert letter.status == LetterStatus.ISSUED
    assert DocumentCounter.objects.get(year=2026, series="CV-SYT").last_number == 1


def test_issue_refuses_a_letter_without_addressees_at_the_field(office):
    letter = LetterFactory(addressees=[])

    with pytest.raises(Refused) as caught:
        services.letter_issue(letter, by=office)

    assert "Kính gửi" in " ".join(caught.value.message_dict["addressees"])
    letter.refresh_from_db()
    assert letter.status == LetterStatus.DRAFT and letter.number is None


def test_a_unit_head_cannot_issue(head):
    letter = LetterFactory()

    with pytest.raises(Exception) as caught:
        services.letter_issue(letter, by=head)

    assert "Thường trực" in str(caught.value)
    assert Letter.objects.get(pk=letter.pk).status == LetterStatus.DRAFT


def test_unit_heads_see_only_issued_letters_sent_to_their_unit(office, head, unit, other_head, other_unit):
    sent = LetterFactory()
    sent.recipient_units.set([unit])
    services.letter_issue(sent, by=office)
    draft_to_them = LetterFactory()
    draft_to_them.recipient_units.set([unit])
    to_others = LetterFactory()
    to_others.recipient_units.set([other_unit])
    services.letter_issue(to_others, by=office)

    assert list(letters_visible_to(head)) == [sent]
    assert list(letters_visible_to(other_head)) == [to_others]
    assert set(letters_visible_to(office)) == {sent, draft_to_them, to_others}
    assert list(letters_visible_to(make_council_member())) == []


def test_a_sub_unit_letter_is_read_by_the_head_of_the_unit_above(office, head, unit):
    ward = UnitFactory(parent=unit, kind="sub_unit")
    letter = LetterFactory()
    letter.recipient_units.set([ward])
    services.letter_issue(letter, by=office)

    assert list(letters_visible_to(head)) == [letter]


# ---------------------------------------------------------------------------
# Pages
# ---------------------------------------------------------------------------
def _form_data(**overrides):
    return {
        "issuer_code": "SYT",
        "office_code": "TCCB",
        "subject": "phát động phong trào thi đua “Chung sức vì sức khỏe”",
        "addressees_text": "Các bệnh viện\nCác trung tâm y tế",
        "body": "Sở Y tế đề nghị các đơn vị triển khai.\n- Đăng ký thi đua trước ngày 15/3/2026.",
        **heading_form(),
        "notes": "",
        **overrides,
    }


def test_office_writes_a_letter_with_two_addressees(client, office):
    client.force_login(office)

    response = client.post(reverse("plans:letter-create"), _form_data())

    letter = Letter.objects.get()
    assert response.status_code == 302 and response["Location"] == letter.get_absolute_url()
    assert letter.addressees == ["Các bệnh viện", "Các trung tâm y tế"]
    assert letter.recipients == ["Như trên;", "Lưu: VT, TCCB."]
    assert letter.created_by == office and letter.status == LetterStatus.DRAFT


def test_new_letter_form_starts_from_the_agency_settings(client, office, agency):
    client.force_login(office)

    response = client.get(reverse("plans:letter-create"))

    form = response.context["form"]
    assert form.initial["signer_name"] == "Lê Quang Trung"
    assert form.initial["signer_prefix"] == "KT."
    assert form.initial["signer_prefix_title"] == "GIÁM ĐỐC"
    assert form.initial["issuer_code"] == "SYT"


def test_a_letter_without_addressees_is_refused_at_the_field_with_the_text_kept(client, office):
    client.force_login(office)

    response = client.post(reverse("plans:letter-create"), _form_data(addressees_text="  \n - \n"))

    assert response.status_code == 200
    form = response.context["form"]
    assert "Kính gửi" in " ".join(form.errors["addressees_text"])
    assert form["subject"].value() == "phát động phong trào thi đua “Chung sức vì sức khỏe”"
    assert not Letter.objects.exists()


def test_a_signer_without_a_name_is_refused_at_the_name(client, office):
    client.force_login(office)

    response = client.post(reverse("plans:letter-create"), _form_data(signer_name=""))

    assert response.status_code == 200
    form = response.context["form"]
    assert "họ tên người ký" in " ".join(form.errors["signer_name"])
    assert form["signer_position"].value() == "PHÓ GIÁM ĐỐC"
    assert not Letter.objects.exists()


def test_issue_page_numbers_the_letter_and_the_edit_page_is_then_closed(client, office):
    letter = LetterFactory()
    client.force_login(office)

    issue = {"issue_date": "2026-03-05", "confirmed": "1"}
    client.post(reverse("plans:letter-issue", args=[letter.pk]), issue)
    edit = client.get(reverse("plans:letter-edit", args=[letter.pk]))

    letter.refresh_from_db()
    assert letter.number_label == "Số: 01/SYT-TCCB"
    assert letter.issue_date == datetime.date(2026, 3, 5)
    assert edit.status_code == 302


def test_unit_head_gets_404_for_a_letter_not_sent_to_them_and_403_for_writing(client, head, office):
    letter = LetterFactory()
    services.letter_issue(letter, by=office)
    client.force_login(head)

    assert client.get(reverse("plans:letter-detail", args=[letter.pk])).status_code == 404
    assert client.get(reverse("reports:letter-pdf", args=[letter.pk])).status_code == 404
    assert client.get(reverse("plans:letter-create")).status_code == 403
    assert client.get(reverse("plans:letter-list")).status_code == 200


def test_unit_head_reads_a_letter_sent_to_the_unit(client, head, unit, office):
    letter = LetterFactory()
    letter.recipient_units.set([unit])
    services.letter_issue(letter, by=office)
    client.force_login(head)

    page = client.get(reverse("plans:letter-detail", args=[letter.pk]))

    assert page.status_code == 200
    assert "V/v phát động phong trào thi đua năm 2026" in page.content.decode()
    assert reverse("plans:letter-edit", args=[letter.pk]) not in page.content.decode()
    assert [link["url"] for link in page.context["document_links"]] == [
        reverse("reports:letter-pdf", args=[letter.pk]),
        reverse("reports:letter-docx", args=[letter.pk]),
    ]


def test_letter_list_is_under_the_plans_menu(client, office):
    LetterFactory(subject="mời dự hội nghị tổng kết")
    client.force_login(office)

    page = client.get(reverse("plans:letter-list")).content.decode()

    assert "V/v mời dự hội nghị tổng kết" in page
    assert reverse("plans:letter-list") in client.get(reverse("plans:list")).content.decode()


def test_the_plan_editor_shares_the_heading_fragment_and_refuses_a_signer_without_a_name(client, office):
    from tests.plans.test_views import editor_data

    client.force_login(office)
    data = editor_data()
    data["plan-signer_name"] = ""

    response = client.post(reverse("plans:create"), data)

    form = response.context["form"]
    assert "họ tên người ký" in " ".join(form.errors["signer_name"])
    assert form["signer_position"].value() == "PHÓ GIÁM ĐỐC"


def test_saving_an_issued_letter_is_refused_by_the_service_and_the_text_stays(office):
    letter = LetterFactory(subject="mời dự hội nghị")
    services.letter_issue(letter, by=office, issue_date=datetime.date(2026, 3, 5))
    letter.subject = "nội dung khác"

    with pytest.raises(Refused) as caught:
        services.letter_save(letter, by=office)

    assert "đã ban hành" in caught.value.messages[0]
    assert Letter.objects.get(pk=letter.pk).subject == "mời dự hội nghị"
