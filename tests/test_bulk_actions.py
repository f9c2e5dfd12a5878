"""Bulk actions on the office's lists (``units.bulk``): the ticked rows fetched again within the
user's scope, a confirmation in words first, the service row by row with its history, and one
message naming each row refused and why."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.urls import include, path, reverse
from django.utils import timezone

from awards.bulk import NominationBulkView
from awards.enums import EligibilityStatus, NominationStatus
from awards.models import Nomination, NominationEvent
from campaigns.models import Registration, RegistrationEvent
from notifications.models import Notification
from tests.awards.builders import evaluate, give, send
from tests.factories import (
    NominationFactory,
    PersonFactory,
    RegistrationFactory,
    SubmissionRequestFactory,
    UnitFactory,
    UnitSubmissionFactory,
    add_individual_line,
    make_unit_head,
)

pytestmark = pytest.mark.django_db

NOMINATION_BULK = "awards:nomination-bulk"


def said(response) -> str:
    return " ".join(str(m) for m in get_messages(response.wsgi_request))


@pytest.fixture
def nominations(head):
    """Two nominations the rules judge eligible and one they judge not eligible, all sent."""
    eligible = []
    for name in ("Đỗ Minh Khoa", "Trần Thị Lan"):
        person = PersonFactory(unit=head.head_of_unit, full_name=name)
        give(person, "CSTDCS", 2024)
        give(person, "CSTDCS", 2025)
        eligible.append(send(person, "BK_UBND", by=head))
    failing_person = PersonFactory(unit=head.head_of_unit, full_name="Lê Văn Tùng")
    evaluate(failing_person, 2025, "HTNV")
    failing = send(failing_person, "LDTT", by=head)
    assert [n.eligibility for n in eligible] == [EligibilityStatus.ELIGIBLE] * 2
    assert failing.eligibility == EligibilityStatus.NOT_ELIGIBLE
    return [*eligible, failing]


def post_verify(client, ids, **extra):
    return client.post(reverse(NOMINATION_BULK), {"action": "verify", "ids": ids, **extra})


# --- the confirmation --------------------------------------------------------------------------
def test_a_bulk_verify_asks_first_in_words_and_changes_nothing(office_client, nominations):
    response = post_verify(office_client, [n.pk for n in nominations])

    page = response.content.decode()
    assert response.status_code == 200
    assert "Thẩm định đạt 3 đề nghị?" in page
    assert "Đỗ Minh Khoa" in page and "Lê Văn Tùng" in page
    assert "được báo lại kèm lý do" in page
    assert 'name="confirmed" value="1"' in page
    assert page.count('name="ids"') == 3
    assert set(Nomination.objects.values_list("status", flat=True)) == {NominationStatus.SUBMITTED}


# --- the rows done, the rows refused -----------------------------------------------------------
def test_confirmed_each_row_goes_through_the_service_and_a_refusal_is_reported_by_name(
    office_client, office, nominations
):
    response = post_verify(office_client, [n.pk for n in nominations], confirmed="1")

    text = said(response)
    assert response.status_code == 302
    assert text.startswith("Đã thẩm định đạt 2 đề nghị; 1 đề nghị không được: Lê Văn Tùng")
    assert "ghi lý do vẫn thẩm định đạt" in text
    statuses = dict(Nomination.objects.values_list("pk", "status"))
    assert [statuses[n.pk] for n in nominations] == ["verified", "verified", "submitted"]
    for nomination in nominations[:2]:  # audited as from the nomination's own page
        event = NominationEvent.objects.filter(nomination=nomination).latest("pk")
        assert (event.to_status, event.by) == ("verified", office)
        latest = nomination.history.latest("history_date")
        assert latest.status == "verified" and latest.history_user == office
    assert not NominationEvent.objects.filter(nomination=nominations[2], to_status="verified").exists()


class TouchBulkView(NominationBulkView):
    """The bulk machinery with a unit head's scope (``nominations_visible_to``) and a service that
    only records which rows reached it."""

    permission_required = "awards.list_nomination"
    touched: list = []

    def perform(self, action, obj, *, by, reason):
        self.touched.append(obj.pk)
        return True


urlpatterns = [
    path("bulk-touch/", TouchBulkView.as_view(), name="bulk-touch"),
    path("", include("thiduakt.urls")),
]


@pytest.mark.urls(__name__)
def test_ids_outside_the_users_scope_are_never_acted_on(client, head, nominations):
    other_head = make_unit_head(UnitFactory(name="Trung tâm Y tế Biên Hòa"))
    theirs = NominationFactory(person=PersonFactory(unit=other_head.head_of_unit), status="submitted")
    client.force_login(head)
    TouchBulkView.touched = []

    asked = client.post("/bulk-touch/", {"action": "verify", "ids": [theirs.pk, nominations[0].pk]})
    done = client.post(
        "/bulk-touch/", {"action": "verify", "ids": [theirs.pk, nominations[0].pk], "confirmed": "1"}
    )

    assert "1 đề nghị đã chọn không thuộc phạm vi của bạn" in asked.content.decode()
    assert (
        "Phạm vi" not in asked.content.decode() and str(theirs.person.full_name) not in asked.content.decode()
    )
    assert TouchBulkView.touched == [nominations[0].pk]
    assert "1 đề nghị không thuộc phạm vi của bạn, bỏ qua" in said(done)
    assert post_verify(client, [nominations[0].pk], confirmed="1").status_code == 403  # heads do not verify


def test_ids_that_do_not_exist_or_are_not_ids_are_counted_and_ignored(office_client, nominations):
    response = post_verify(office_client, [nominations[0].pk, 999999, "x;DROP", "-3"], confirmed="1")

    text = said(response)
    assert text.startswith("Đã thẩm định đạt 1 đề nghị")
    assert "1 đề nghị không thuộc phạm vi của bạn, bỏ qua" in text
    assert Nomination.objects.get(pk=nominations[0].pk).status == NominationStatus.VERIFIED


def test_nothing_ticked_changes_nothing_and_says_so(office_client, nominations):
    response = post_verify(office_client, [], confirmed="1")

    assert "Chưa chọn đề nghị nào" in said(response)
    assert set(Nomination.objects.values_list("status", flat=True)) == {NominationStatus.SUBMITTED}


def test_a_repeated_bulk_post_changes_nothing_more(office_client, nominations):
    ids = [n.pk for n in nominations[:2]]
    office_client.post(
        reverse(NOMINATION_BULK), {"action": "verify", "ids": ids, "confirmed": "1"}, follow=True
    )
    events = NominationEvent.objects.count()

    response = post_verify(office_client, ids, confirmed="1")

    assert said(response).startswith("Đã thẩm định đạt 0 đề nghị; 2 đề nghị đã được thực hiện trước đó")
    assert NominationEvent.objects.count() == events


def test_the_lists_show_the_checkboxes_and_the_bar_to_the_office_only(
    office_client, client, head, nominations
):
    office_page = office_client.get(reverse("awards:verify-queue")).content.decode()
    client.force_login(head)
    head_page = client.get(reverse("awards:nomination-list")).content.decode()

    assert 'id="bulk-nominations"' in office_page
    assert office_page.count('form="bulk-nominations"') == 3
    assert "data-select-all" in office_page
    assert "bulk-nominations" not in head_page and 'name="ids"' not in head_page


def test_back_goes_to_the_list_as_filtered_and_never_off_site(office_client, nominations):
    here = reverse("awards:verify-queue") + "?overdue=1"

    kept = post_verify(office_client, [nominations[0].pk], confirmed="1", next=here)
    away = post_verify(office_client, [nominations[1].pk], confirmed="1", next="https://evil.example/")

    assert kept["Location"] == here
    assert away["Location"] == reverse("awards:verify-queue")


@pytest.mark.parametrize("target", ["2026-02-30", "-164", "awards:verify-queue", "//evil.example/"])
def test_a_next_that_is_not_a_path_of_the_site_goes_back_to_the_list(office_client, nominations, target):
    response = post_verify(office_client, [nominations[0].pk], confirmed="1", next=target)

    assert response.status_code == 302
    assert response["Location"] == reverse("awards:verify-queue")


# --- registrations -----------------------------------------------------------------------------
@pytest.fixture
def registrations():
    rows = []
    for name in ("Bệnh viện Đa khoa Đồng Nai", "Trung tâm Y tế Long Khánh"):
        registration = RegistrationFactory(submitted=True, unit=UnitFactory(name=name))
        add_individual_line(registration)
        rows.append(registration)
    rows.append(RegistrationFactory(accepted=True, unit=UnitFactory(name="Bệnh viện Da liễu")))
    return rows


def test_registrations_are_accepted_in_bulk_and_one_not_waiting_is_reported(
    office_client, office, registrations
):
    url = reverse("campaigns:registration-bulk")
    data = {"action": "accept", "ids": [r.pk for r in registrations]}

    asked = office_client.post(url, data)
    done = office_client.post(url, {**data, "confirmed": "1"})

    assert "Chấp nhận 3 bản đăng ký?" in asked.content.decode()
    text = said(done)
    assert text.startswith("Đã chấp nhận 2 bản đăng ký; 1 bản đăng ký đã được thực hiện trước đó")
    assert set(
        Registration.objects.filter(pk__in=[r.pk for r in registrations]).values_list("status", flat=True)
    ) == {"accepted"}
    assert RegistrationEvent.objects.filter(to_status="accepted", by=office).count() == 2


def test_a_bulk_return_needs_a_reason_and_keeps_it_on_each(office_client, registrations):
    url = reverse("campaigns:registration-bulk")
    ids = [r.pk for r in registrations[:2]]

    refused = office_client.post(url, {"action": "return", "ids": ids})
    office_client.post(
        url, {"action": "return", "ids": ids, "reason": "Thiếu danh sách tập thể.", "confirmed": "1"}
    )

    assert "Ghi lý do trả lại" in said(refused)
    rows = Registration.objects.filter(pk__in=ids)
    assert {(r.status, r.return_reason) for r in rows} == {("returned", "Thiếu danh sách tập thể.")}


def test_a_registration_that_moved_on_is_refused_with_the_reason(office_client, registrations):
    url = reverse("campaigns:registration-bulk")
    reopened = RegistrationFactory(status="draft", unit=UnitFactory(name="Bệnh viện Phổi"))

    response = office_client.post(
        url, {"action": "return", "ids": [reopened.pk], "reason": "Sai mẫu.", "confirmed": "1"}
    )

    text = said(response)
    assert text.startswith("Đã trả lại 0 bản đăng ký; 1 bản đăng ký không được: Bệnh viện Phổi")
    assert "Không thể chuyển bản đăng ký từ “Đang soạn” sang “Bị trả lại”" in text


# --- reminders ---------------------------------------------------------------------------------
def test_overdue_reports_are_reminded_in_bulk_once_a_day_to_each_units_heads(office_client, office):
    request = SubmissionRequestFactory(due_date=timezone.localdate() - datetime.timedelta(days=5))
    late = []
    for name in ("Bệnh viện Đa khoa Đồng Nai", "Trung tâm Y tế Long Khánh"):
        unit = UnitFactory(name=name)
        make_unit_head(unit)
        late.append(UnitSubmissionFactory(request=request, unit=unit))
    headless = UnitSubmissionFactory(request=request, unit=UnitFactory(name="Trạm Y tế Phước Tân"))
    url = reverse("plans:submission-remind-bulk")
    ids = [row.pk for row in [*late, headless]]

    list_page = office_client.get(reverse("plans:submission-list") + "?status=overdue").content.decode()
    first = office_client.post(url, {"action": "remind", "ids": ids, "confirmed": "1"}, follow=True)
    again = office_client.post(url, {"action": "remind", "ids": ids, "confirmed": "1"})

    assert list_page.count('form="bulk-submissions"') == 3
    assert said(first).startswith("Đã nhắc 2 báo cáo; 1 báo cáo không được: Trạm Y tế Phước Tân")
    assert "chưa có thủ trưởng có tài khoản" in said(first)
    reminders = Notification.objects.filter(source__endswith=":remind")
    assert reminders.count() == 2
    assert {n.created_by for n in reminders} == {office}
    assert all("quá hạn 5 ngày" in n.title for n in reminders)
    assert said(again).startswith("Đã nhắc 0 báo cáo; 2 báo cáo đã được thực hiện trước đó")
    assert reminders.count() == 2
