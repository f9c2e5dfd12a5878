"""Deadlines at two levels, requests entered after the fact, and requests on a draft plan.

Units send to the department before D1; the department sends its consolidated report upward
before D2 (its own status and the list of units' reports it holds). A past deadline is accepted
with a warning and statuses come from the dates received. A request on a draft plan is sent to no
one until the plan is issued: no reminder, not in the units' lists, not in overdue counts."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from notifications.models import ReminderLog
from notifications.services import reminders_scan
from plans import services
from plans.enums import SubmissionStatus
from plans.models import SubmissionForward, SubmissionRequest, UnitSubmission
from plans.selectors import office_submission_summary, submission_matrix, unit_pending_submissions
from reports.stats import submission_stats, unit_dashboard
from tests.factories import PlanFactory, make_pdf_bytes
from units.refusals import Refused

pytestmark = pytest.mark.django_db

D1 = datetime.date(2026, 6, 15)
D2 = datetime.date(2026, 6, 25)


def _pdf(name="bao-cao.pdf"):
    return SimpleUploadedFile(name, make_pdf_bytes(), content_type="application/pdf")


def test_a_request_chains_the_departments_own_report_upward(office, unit, other_unit):
    request = services.submission_request_create(
        by=office, title="Báo cáo sơ kết 6 tháng", due_date=D1, units=[unit, other_unit],
        forward_to="UBND tỉnh (qua Sở Nội vụ)", forward_due_date=D2,
    )  # fmt: skip

    forward = request.forward
    assert (forward.recipient, forward.due_date) == ("UBND tỉnh (qua Sở Nội vụ)", D2)
    assert request.unit_submissions.count() == 2


def test_the_upper_deadline_cannot_come_before_the_units_deadline(office, unit):
    request = services.submission_request_create(by=office, title="Báo cáo", due_date=D2, units=[unit])

    with pytest.raises(Refused) as caught:
        services.submission_forward_set(request, by=office, recipient="Bộ Y tế", due_date=D1)

    assert "forward_due_date" in caught.value.message_dict
    assert not SubmissionForward.objects.exists()


def test_the_consolidated_report_lists_the_units_reports_and_is_late_after_d2(office, unit, other_unit):
    request = services.submission_request_create(
        by=office,
        title="Báo cáo",
        due_date=D1,
        units=[unit, other_unit],
        forward_to="Bộ Y tế",
        forward_due_date=D2,
    )
    received = UnitSubmission.objects.get(request=request, unit=unit)
    services.submission_upload(received, by=office, file=_pdf(), received_on=datetime.date(2026, 6, 10))

    services.submission_forward_send(
        request.forward, by=office, submissions=[received], sent_on=datetime.date(2026, 6, 27)
    )

    forward = SubmissionForward.objects.get()
    assert list(forward.submissions.all()) == [received]
    assert forward.display_status == SubmissionStatus.LATE
    assert UnitSubmission.objects.get(pk=received.pk).display_status == SubmissionStatus.ON_TIME


def test_a_report_not_received_cannot_be_listed_in_the_consolidated_one(office, unit):
    request = services.submission_request_create(
        by=office, title="Báo cáo", due_date=D1, units=[unit], forward_to="Bộ Y tế", forward_due_date=D2
    )
    missing = UnitSubmission.objects.get(request=request)

    with pytest.raises(Refused):
        services.submission_forward_send(request.forward, by=office, submissions=[missing])

    assert SubmissionForward.objects.get().sent_at is None


def test_an_old_plans_past_deadline_is_accepted_with_a_warning_and_statuses_follow_the_dates(
    client, office, unit, other_unit
):
    client.force_login(office)
    past = timezone.localdate() - datetime.timedelta(days=200)

    response = client.post(
        reverse("plans:submission-create"),
        {"title": "Báo cáo tổng kết năm trước", "due_date": past.isoformat(), "audience": "chosen",
         "units": [unit.pk, other_unit.pk]},
        follow=True,
    )  # fmt: skip

    request = SubmissionRequest.objects.get()
    assert "đã qua" in response.content.decode()
    on_time = UnitSubmission.objects.get(request=request, unit=unit)
    late = UnitSubmission.objects.get(request=request, unit=other_unit)
    services.submission_upload(on_time, by=office, file=_pdf(), received_on=past - datetime.timedelta(days=1))
    services.submission_upload(late, by=office, file=_pdf(), received_on=past + datetime.timedelta(days=3))
    assert UnitSubmission.objects.get(pk=on_time.pk).display_status == SubmissionStatus.ON_TIME
    assert UnitSubmission.objects.get(pk=late.pk).display_status == SubmissionStatus.LATE


def test_a_unit_head_cannot_backdate_a_report(head, unit, office):
    request = services.submission_request_create(by=office, title="Báo cáo", due_date=D1, units=[unit])
    row = UnitSubmission.objects.get(request=request)

    services.submission_upload(row, by=head, file=_pdf(), received_on=datetime.date(2020, 1, 1))

    submitted_at = UnitSubmission.objects.get(pk=row.pk).submitted_at
    assert timezone.localtime(submitted_at).date() == timezone.localdate()


def test_a_request_on_a_draft_plan_is_sent_to_no_one_until_the_plan_is_issued(office, head, unit):
    plan = PlanFactory(year=2026)
    past = datetime.date(2026, 1, 10)
    request = services.submission_request_create(
        by=office, title="Báo cáo quý I", due_date=past, plan=plan, units=[unit],
        forward_to="Bộ Y tế", forward_due_date=datetime.date(2026, 1, 20),
    )  # fmt: skip

    reminders_scan(today=datetime.date(2026, 1, 11))

    assert not request.is_sent
    assert not ReminderLog.objects.exists()
    assert unit_pending_submissions(head)["count"] == 0
    assert office_submission_summary(today=datetime.date(2026, 1, 11))["overdue"] == 0
    stats = submission_stats(year=2026, today=datetime.date(2026, 1, 11))
    assert stats["by_request"] == [] and stats["by_unit"] == []
    own = unit_dashboard(unit, year=2026, unit_ids=[unit.pk], today=datetime.date(2026, 1, 11))
    assert own["submission_rows"] == []

    services.plan_issue(plan, by=office, issue_date=datetime.date(2026, 1, 5))

    assert SubmissionRequest.objects.get(pk=request.pk).is_sent
    assert unit_pending_submissions(head)["count"] == 1
    assert office_submission_summary(today=datetime.date(2026, 1, 11))["overdue"] == 1


def test_the_office_is_told_on_the_page_that_a_draft_plans_request_is_not_sent(client, office, unit):
    plan = PlanFactory(year=2026)
    client.force_login(office)

    response = client.post(
        reverse("plans:submission-create"),
        {"title": "Báo cáo quý II", "due_date": "2099-06-30", "audience": "chosen", "units": [unit.pk],
         "plan": plan.pk},
        follow=True,
    )  # fmt: skip

    page = response.content.decode()
    assert "còn là dự thảo" in page and "chưa được gửi tới đơn vị nào" in page
    assert "Đã gửi yêu cầu tới các đơn vị" not in page


def test_the_forward_deadline_reminds_the_office(office, unit, django_capture_on_commit_callbacks):
    services.submission_request_create(
        by=office, title="Báo cáo", due_date=D1, units=[unit], forward_to="Bộ Y tế", forward_due_date=D2
    )

    with django_capture_on_commit_callbacks(execute=True):
        reminders_scan(today=D2 - datetime.timedelta(days=7))

    assert ReminderLog.objects.filter(key__startswith="plans.SubmissionForward:", recipient=office).exists()


def test_the_office_records_the_forward_on_the_request_page(client, office, unit):
    request = services.submission_request_create(
        by=office, title="Báo cáo", due_date=D1, units=[unit], forward_to="Bộ Y tế", forward_due_date=D2
    )
    row = UnitSubmission.objects.get(request=request)
    services.submission_upload(row, by=office, file=_pdf(), received_on=datetime.date(2026, 6, 1))
    client.force_login(office)

    page = client.get(reverse("plans:submission-detail", args=[request.pk])).content.decode()
    client.post(
        reverse("plans:submission-forward", args=[request.pk]),
        {"submissions": [row.pk], "sent_on": "2026-06-20", "note": "Đã gửi qua hệ thống văn bản"},
    )

    assert "Sở tổng hợp, gửi Bộ Y tế" in page
    forward = SubmissionForward.objects.get()
    assert forward.display_status == SubmissionStatus.ON_TIME
    assert list(forward.submissions.all()) == [row]


def test_the_tracking_matrix_leaves_out_requests_not_yet_sent(office, unit):
    plan = PlanFactory(year=2026)
    services.submission_request_create(by=office, title="Chưa gửi", due_date=D1, plan=plan, units=[unit])
    sent = services.submission_request_create(by=office, title="Đã gửi", due_date=D1, units=[unit])

    matrix = submission_matrix(today=D2)

    assert [r.pk for r in matrix["requests"]] == [sent.pk]
    assert matrix["rows"][0]["problem_count"] == 1


def test_a_sent_consolidated_report_refuses_a_second_send_and_a_new_recipient(client, office, unit):
    request = services.submission_request_create(
        by=office, title="Báo cáo", due_date=D1, units=[unit], forward_to="Bộ Y tế", forward_due_date=D2
    )
    row = UnitSubmission.objects.get(request=request)
    services.submission_upload(row, by=office, file=_pdf(), received_on=datetime.date(2026, 6, 1))
    services.submission_forward_send(
        request.forward, by=office, submissions=[row], sent_on=datetime.date(2026, 6, 20), note="Lần đầu"
    )

    with pytest.raises(Refused) as resend:
        services.submission_forward_send(
            request.forward, by=office, submissions=[], sent_on=datetime.date(2026, 6, 30), note="Sửa"
        )
    with pytest.raises(Refused):
        services.submission_forward_set(request, by=office, recipient="UBND tỉnh", due_date=D2)
    client.force_login(office)
    page = client.get(reverse("plans:submission-detail", args=[request.pk])).content.decode()

    assert "đã gửi Bộ Y tế ngày 20/06/2026" in resend.value.messages[0]
    forward = SubmissionForward.objects.get()
    assert (forward.recipient, forward.note, timezone.localtime(forward.sent_at).date()) == (
        "Bộ Y tế",
        "Lần đầu",
        datetime.date(2026, 6, 20),
    )
    assert list(forward.submissions.all()) == [row]
    assert reverse("plans:submission-forward", args=[request.pk]) not in page


def test_a_draft_plans_request_is_in_no_page_of_the_unit_head(client, office, head, unit):
    plan = PlanFactory(year=2026)
    request = services.submission_request_create(
        by=office, title="Báo cáo quý III chưa gửi", due_date=D1, plan=plan, units=[unit]
    )
    row = UnitSubmission.objects.get(request=request)
    client.force_login(head)

    listing = client.get(reverse("plans:submission-list")).content.decode()
    detail = client.get(reverse("plans:submission-detail", args=[request.pk]))
    upload = client.get(reverse("plans:submission-upload", args=[row.pk]))
    home = client.get(reverse("home")).content.decode()

    assert "Báo cáo quý III chưa gửi" not in listing
    assert "Báo cáo quý III chưa gửi" not in home
    assert (detail.status_code, upload.status_code) == (404, 404)


def test_a_day_received_or_sent_after_today_is_refused_by_the_services(office, unit):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    request = services.submission_request_create(
        by=office, title="Báo cáo", due_date=D1, units=[unit], forward_to="Bộ Y tế", forward_due_date=D2
    )
    row = UnitSubmission.objects.get(request=request)

    with pytest.raises(Refused) as upload:
        services.submission_upload(row, by=office, file=_pdf(), received_on=tomorrow)
    with pytest.raises(Refused) as send:
        services.submission_forward_send(request.forward, by=office, submissions=[], sent_on=tomorrow)

    assert "received_on" in upload.value.message_dict
    assert "sent_on" in send.value.message_dict
    assert UnitSubmission.objects.get(pk=row.pk).submitted_at is None
    assert SubmissionForward.objects.get().sent_at is None


def test_a_future_receipt_day_is_told_at_the_field_with_the_note_kept(client, office, unit):
    request = services.submission_request_create(by=office, title="Báo cáo", due_date=D1, units=[unit])
    row = UnitSubmission.objects.get(request=request)
    client.force_login(office)

    response = client.post(
        reverse("plans:submission-upload", args=[row.pk]),
        {
            "file": SimpleUploadedFile("bao-cao.pdf", make_pdf_bytes()),
            "note": "nhận qua bưu điện",
            "received_on": (timezone.localdate() + datetime.timedelta(days=3)).isoformat(),
        },
    )

    assert response.status_code == 200
    assert "không thể sau hôm nay" in response.context["form"].errors["received_on"][0]
    assert "nhận qua bưu điện" in response.content.decode()
