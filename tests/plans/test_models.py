import datetime
import io

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from plans.enums import SubmissionStatus, TaskDisplayStatus, TaskStatus
from plans.models import PlanTask, UnitSubmission, period_default_due, shift_year
from tests.factories import (
    PlanFactory,
    PlanTaskFactory,
    SubmissionRequestFactory,
    UnitSubmissionFactory,
    make_pdf_bytes,
    make_staff_xlsx,
)
from units.uploads import validate_document_file

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("kind", "value", "expected"),
    [
        ("quarter", 1, datetime.date(2022, 3, 31)),
        ("quarter", 4, datetime.date(2022, 12, 31)),
        ("month", 2, datetime.date(2022, 2, 28)),
        ("month", 6, datetime.date(2022, 6, 30)),
        ("", None, None),
    ],
)
def test_default_due_date_is_the_end_of_the_period(kind, value, expected):
    assert period_default_due(2022, kind, value) == expected


def test_shift_year_turns_29_february_into_28():
    assert shift_year(datetime.date(2024, 2, 29), 1) == datetime.date(2025, 2, 28)
    assert shift_year(datetime.date(2021, 3, 31), 1) == datetime.date(2022, 3, 31)


def test_due_date_outside_the_plan_year_is_refused_in_vietnamese():
    task = PlanTaskFactory.build(plan=PlanFactory(year=2022), due_date=datetime.date(2023, 1, 15))
    task.lead_unit_id = 1

    with pytest.raises(ValidationError) as exc:
        task.clean()

    assert exc.value.message_dict["due_date"] == ["Hạn hoàn thành phải nằm trong năm 2022 của kế hoạch."]


def test_due_date_is_checked_against_the_plan_range_when_it_has_one():
    plan = PlanFactory(
        year=2024, period_start=datetime.date(2024, 1, 1), period_end=datetime.date(2025, 12, 31)
    )
    inside = PlanTaskFactory.build(plan=plan, due_date=datetime.date(2025, 6, 30))
    outside = PlanTaskFactory.build(plan=plan, due_date=datetime.date(2026, 1, 1))

    inside.clean()
    with pytest.raises(ValidationError) as exc:
        outside.clean()

    assert "từ 01/01/2024 đến 31/12/2025" in exc.value.message_dict["due_date"][0]


def test_blank_due_date_takes_the_end_of_the_quarter():
    task = PlanTaskFactory.build(
        plan=PlanFactory(year=2022), period_kind="quarter", period_value=2, due_date=None
    )

    task.clean()

    assert task.due_date == datetime.date(2022, 6, 30)


def test_bad_quarter_is_refused():
    task = PlanTaskFactory.build(plan=PlanFactory(year=2022), period_kind="quarter", period_value=5)

    with pytest.raises(ValidationError) as exc:
        task.clean()

    assert "period_value" in exc.value.message_dict


def test_overdue_is_derived_when_read_not_stored():
    task = PlanTaskFactory(due_date=datetime.date(2022, 3, 31), status=TaskStatus.IN_PROGRESS)

    with time_machine.travel(datetime.datetime(2022, 3, 31, 12, tzinfo=datetime.UTC)):
        on_the_day = PlanTask.objects.with_display_status().get(pk=task.pk).display_status
        property_on_the_day = PlanTask.objects.get(pk=task.pk).display_status
    with time_machine.travel(datetime.datetime(2022, 4, 2, 12, tzinfo=datetime.UTC)):
        later = PlanTask.objects.with_display_status().get(pk=task.pk).display_status
        property_later = PlanTask.objects.get(pk=task.pk).display_status

    assert on_the_day == property_on_the_day == TaskDisplayStatus.IN_PROGRESS
    assert later == property_later == TaskDisplayStatus.OVERDUE
    assert PlanTask.objects.get(pk=task.pk).status == TaskStatus.IN_PROGRESS


def test_a_done_task_is_never_overdue():
    task = PlanTaskFactory(due_date=datetime.date(2022, 3, 31), status=TaskStatus.DONE)

    with time_machine.travel(datetime.datetime(2022, 12, 1, tzinfo=datetime.UTC)):
        status = PlanTask.objects.with_display_status().get(pk=task.pk).display_status

    assert status == TaskDisplayStatus.DONE


@pytest.mark.parametrize(
    ("submitted", "now", "expected"),
    [
        (None, datetime.datetime(2022, 3, 30, 3, tzinfo=datetime.UTC), SubmissionStatus.PENDING),
        (None, datetime.datetime(2022, 4, 1, 3, tzinfo=datetime.UTC), SubmissionStatus.OVERDUE),
        # 31/3 23:30 in Hà Nội (16:30 UTC) is still on the due day
        (datetime.datetime(2022, 3, 31, 16, 30, tzinfo=datetime.UTC), None, SubmissionStatus.ON_TIME),
        (datetime.datetime(2022, 3, 31, 17, 30, tzinfo=datetime.UTC), None, SubmissionStatus.LATE),
    ],
)
def test_submission_status_is_derived_from_the_dates(submitted, now, expected):
    row = UnitSubmissionFactory(request=SubmissionRequestFactory(due_date=datetime.date(2022, 3, 31)))
    UnitSubmission.objects.filter(pk=row.pk).update(submitted_at=submitted)
    now = now or datetime.datetime(2022, 5, 1, tzinfo=datetime.UTC)

    with time_machine.travel(now):
        annotated = UnitSubmission.objects.with_display_status().get(pk=row.pk).display_status
        computed = UnitSubmission.objects.select_related("request").get(pk=row.pk).display_status

    assert annotated == computed == expected


# --- uploaded files ---------------------------------------------------------------------------
def _png_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, format="PNG")
    return buffer.getvalue()


def _docx_bytes():
    import docx

    buffer = io.BytesIO()
    document = docx.Document()
    document.add_paragraph("Báo cáo")
    document.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("bao-cao.pdf", make_pdf_bytes()),
        ("anh.png", _png_bytes()),
        ("bao-cao.docx", _docx_bytes()),
        ("so-lieu.xlsx", make_staff_xlsx([])),
    ],
)
def test_real_files_are_accepted(name, content):
    validate_document_file(SimpleUploadedFile(name, content))


@pytest.mark.parametrize(
    ("name", "content", "fragment"),
    [
        ("bao-cao.pdf", "chỉ là văn bản".encode(), "Nội dung tệp không phải là PDF"),
        ("bao-cao.docx", make_pdf_bytes(), "Nội dung tệp không phải là DOCX"),
        ("so-lieu.xlsx", _docx_bytes(), "Nội dung tệp không phải là XLSX"),
        ("anh.jpg", b"\xff\xd8\xff not really", "Nội dung tệp không phải là JPG"),
        ("ghi-chu.txt", b"hello", "Chỉ chấp nhận tệp PDF, DOCX, XLSX"),
        ("macro.exe", make_pdf_bytes(), "Chỉ chấp nhận tệp PDF, DOCX, XLSX"),
    ],
)
def test_bad_files_are_refused_with_a_vietnamese_reason(name, content, fragment):
    with pytest.raises(ValidationError) as exc:
        validate_document_file(SimpleUploadedFile(name, content))

    assert fragment in exc.value.messages[0]


def test_oversized_file_is_refused(settings):
    settings.UPLOAD_MAX_BYTES = 100

    with pytest.raises(ValidationError) as exc:
        validate_document_file(SimpleUploadedFile("lon.pdf", make_pdf_bytes() + b" " * 200))

    assert "Tệp quá lớn" in exc.value.messages[0]
