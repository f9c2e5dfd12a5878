import datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from plans import parsed as p
from plans import services
from plans.enums import PlanStatus, SubmissionStatus, TaskStatus
from plans.models import KeyTarget, Plan, PlanBlock, PlanTask, SubmissionRequest, UnitSubmission
from tests.factories import (
    KeyTargetFactory,
    KeyTargetValueFactory,
    PlanBlockFactory,
    PlanFactory,
    PlanTaskFactory,
    UnitFactory,
    make_pdf_bytes,
    make_unit_head,
)
from units.models import IssuedNumber
from units.refusals import Conflict, Refused

pytestmark = pytest.mark.django_db


# --- create ---------------------------------------------------------------------------------
def test_plan_create_takes_header_lines_and_signer_from_the_agency(agency, office):
    plan = services.plan_create(by=office, year=2022, title="Công tác thi đua, khen thưởng năm 2022")

    assert plan.status == PlanStatus.DRAFT
    assert plan.number is None
    assert plan.symbol == "KH-SYT"
    assert plan.authority_line == "UBND TỈNH ĐỒNG NAI"
    assert plan.issuer_line == "SỞ Y TẾ"
    assert plan.place == "Đồng Nai"
    assert plan.signer_name == "Lê Quang Trung"
    assert plan.history.first().history_change_reason == "create"


def test_council_plan_is_headed_by_the_department_and_the_council(office):
    plan = services.plan_create(by=office, year=2022, title="KH", symbol="KH-HĐTĐKT")

    assert plan.authority_line == "SỞ Y TẾ"
    assert plan.issuer_line == "HỘI ĐỒNG THI ĐUA, KHEN THƯỞNG"


# --- issue ----------------------------------------------------------------------------------
def test_issue_takes_the_next_number_and_makes_the_plan_read_only(office):
    plan = PlanFactory(year=2022)

    changed = services.plan_issue(plan, by=office, issue_date=datetime.date(2022, 3, 15))

    assert changed is True
    plan.refresh_from_db()
    assert plan.status == PlanStatus.ISSUED
    assert plan.number == 1
    assert plan.number_label == "Số: 01/KH-SYT"
    assert plan.issue_date == datetime.date(2022, 3, 15)
    assert plan.issued_by == office
    assert IssuedNumber.objects.filter(year=2022, symbol="KH-SYT", number=1).exists()
    assert plan.history.first().history_change_reason == "issued"


def test_two_plans_issued_in_one_year_get_1_and_2_and_another_year_restarts(office):
    first, second, next_year = PlanFactory(year=2022), PlanFactory(year=2022), PlanFactory(year=2023)

    services.plan_issue(first, by=office, issue_date=datetime.date(2022, 2, 1))
    services.plan_issue(second, by=office, issue_date=datetime.date(2022, 5, 1))
    services.plan_issue(next_year, by=office, issue_date=datetime.date(2023, 1, 10))

    assert [first.number, second.number, next_year.number] == [1, 2, 1]


def test_symbols_number_separately(office):
    kh_syt, kh_council = PlanFactory(symbol="KH-SYT"), PlanFactory(symbol="KH-HĐTĐKT")

    services.plan_issue(kh_syt, by=office, issue_date=datetime.date(2022, 2, 1))
    services.plan_issue(kh_council, by=office, issue_date=datetime.date(2022, 2, 1))

    assert (kh_syt.number, kh_council.number) == (1, 1)


def test_issue_twice_is_a_no_op(office):
    plan = PlanFactory(year=2022)
    services.plan_issue(plan, by=office, issue_date=datetime.date(2022, 3, 1))

    again = services.plan_issue(plan, by=office, issue_date=datetime.date(2022, 4, 1))

    plan.refresh_from_db()
    assert again is False
    assert plan.number == 1
    assert plan.issue_date == datetime.date(2022, 3, 1)
    assert IssuedNumber.objects.count() == 1


def test_issue_by_a_unit_head_is_refused_and_takes_no_number(head):
    plan = PlanFactory(year=2022)

    with pytest.raises(PermissionDenied):
        services.plan_issue(plan, by=head)

    plan.refresh_from_db()
    assert plan.status == PlanStatus.DRAFT
    assert IssuedNumber.objects.count() == 0


def test_archive_then_issue_again_is_a_no_op(office):
    plan = PlanFactory(year=2022)
    services.plan_issue(plan, by=office)

    assert services.plan_archive(plan, by=office) is True
    assert services.plan_archive(plan, by=office) is False
    assert services.plan_issue(plan, by=office) is False
    assert plan.status == PlanStatus.ARCHIVED


def test_a_draft_cannot_be_archived(office):
    with pytest.raises(Refused):
        services.plan_archive(PlanFactory(), by=office)


# --- editing an issued plan -------------------------------------------------------------------
def test_editing_an_issued_plan_is_refused_and_nothing_changes(office):
    plan = PlanFactory(issued=True, title="Bản đã ban hành")

    with pytest.raises(Refused) as exc:
        services.plan_update(plan, by=office, fields={"title": "Sửa lén"})

    plan.refresh_from_db()
    assert plan.title == "Bản đã ban hành"
    assert "không thể sửa nội dung" in exc.value.messages[0]


@pytest.mark.parametrize(
    "action",
    [
        lambda plan, user: services.block_add(plan, by=user, text="Thêm"),
        lambda plan, user: services.block_move(PlanBlockFactory(plan=plan), by=user, direction="up"),
        lambda plan, user: services.block_delete(PlanBlockFactory(plan=plan), by=user),
        lambda plan, user: services.task_create(plan, by=user, content="Mới", lead_unit=UnitFactory()),
    ],
)
def test_body_and_tasks_of_an_issued_plan_cannot_change(office, action):
    plan = PlanFactory(issued=True)

    with pytest.raises(Refused):
        action(plan, office)


def test_concurrent_edit_is_detected(office):
    plan = PlanFactory()
    seen = plan.updated_at
    services.plan_update(plan, by=office, fields={"title": "Người thứ nhất"}, seen_updated_at=seen)

    with pytest.raises(Conflict):
        services.plan_update(plan, by=office, fields={"title": "Người thứ hai"}, seen_updated_at=seen)

    plan.refresh_from_db()
    assert plan.title == "Người thứ nhất"


# --- tasks ----------------------------------------------------------------------------------
def test_task_without_lead_unit_is_refused(office):
    with pytest.raises(ValidationError) as exc:
        services.task_create(PlanFactory(), by=office, content="Nhiệm vụ", lead_unit=None)

    assert "đơn vị chủ trì" in exc.value.message_dict["lead_unit"][0]


def test_task_with_due_date_outside_the_year_is_refused(office, unit):
    plan = PlanFactory(year=2022)

    with pytest.raises(ValidationError) as exc:
        services.task_create(plan, by=office, content="X", lead_unit=unit, due_date=datetime.date(2023, 2, 1))

    assert exc.value.message_dict["due_date"] == ["Hạn hoàn thành phải nằm trong năm 2022 của kế hoạch."]
    assert not PlanTask.objects.exists()


def test_task_due_date_defaults_to_the_end_of_the_month(office, unit):
    task = services.task_create(
        PlanFactory(year=2022), by=office, content="X", lead_unit=unit, period_kind="month", period_value=2
    )

    assert task.due_date == datetime.date(2022, 2, 28)


def test_progress_on_an_issued_plan_records_completion_and_history(head, unit):
    task = PlanTaskFactory(plan=PlanFactory(issued=True), lead_unit=unit)

    services.task_progress_update(
        task,
        by=head,
        status=TaskStatus.DONE,
        note="Đã tổ chức hội nghị",
        evidence=SimpleUploadedFile("bien-ban.pdf", make_pdf_bytes()),
        seen_updated_at=task.updated_at,
    )

    task.refresh_from_db()
    assert task.status == TaskStatus.DONE
    assert task.completed_at is not None
    assert task.evidence.name.endswith(".pdf")
    record = task.history.first()
    assert (record.history_change_reason, record.history_user) == ("progress", head)


def test_progress_on_a_draft_plan_is_refused(head, unit):
    task = PlanTaskFactory(lead_unit=unit)

    with pytest.raises(Refused):
        services.task_progress_update(task, by=head, status=TaskStatus.DONE)


def test_progress_with_a_fake_pdf_is_refused(head, unit):
    task = PlanTaskFactory(plan=PlanFactory(issued=True), lead_unit=unit)

    with pytest.raises(ValidationError):
        services.task_progress_update(
            task, by=head, status=TaskStatus.DONE, evidence=SimpleUploadedFile("x.pdf", b"not a pdf")
        )

    task.refresh_from_db()
    assert task.status == TaskStatus.NOT_STARTED


# --- blocks ---------------------------------------------------------------------------------
def test_block_move_swaps_with_the_neighbour(office):
    plan = PlanFactory()
    a, b, c = (PlanBlockFactory(plan=plan, text=t) for t in "abc")

    assert services.block_move(c, by=office, direction="up") is True
    assert services.block_move(a, by=office, direction="up") is False

    assert [blk.text for blk in plan.blocks.order_by("order")] == ["a", "c", "b"]
    assert b.pk


# --- clone and new version ---------------------------------------------------------------------
def test_clone_copies_the_plan_into_a_draft_with_dates_shifted(office, unit, other_unit):
    source = PlanFactory(issued=True, year=2021, title="Công tác thi đua, khen thưởng năm 2021")
    task = PlanTaskFactory(plan=source, lead_unit=unit, due_date=datetime.date(2021, 6, 30), status="done")
    task.coordinating_units.set([other_unit])
    PlanBlockFactory(plan=source, kind="heading", text="I. MỤC ĐÍCH")
    PlanBlockFactory(plan=source, kind="task", text="", task=task)
    target = KeyTargetFactory(plan=source)
    KeyTargetValueFactory(target=target, label="Tuyến tỉnh", planned="398.868", actual="400.000")

    clone = services.plan_clone(source, year=2022, by=office)

    assert clone.status == PlanStatus.DRAFT and clone.number is None
    assert clone.title == "Công tác thi đua, khen thưởng năm 2022"
    assert clone.legal_bases == source.legal_bases and clone.recipients == source.recipients
    assert (clone.signer_prefix, clone.signer_name) == (source.signer_prefix, source.signer_name)
    new_task = clone.tasks.get()
    assert new_task.due_date == datetime.date(2022, 6, 30)
    assert new_task.status == TaskStatus.NOT_STARTED
    assert list(new_task.coordinating_units.all()) == [other_unit]
    blocks = list(clone.blocks.order_by("order"))
    assert [b.kind for b in blocks] == ["heading", "task"]
    assert blocks[1].task == new_task
    value = clone.targets.get().values.get()
    assert (value.label, value.planned, value.actual) == ("Tuyến tỉnh", "398.868", "")
    assert clone.previous_version is None
    source.refresh_from_db()
    assert source.status == PlanStatus.ISSUED


def test_new_version_is_a_linked_draft_and_issuing_it_archives_the_old(office, unit):
    old = PlanFactory(year=2022)
    PlanTaskFactory(plan=old, lead_unit=unit)
    services.plan_issue(old, by=office, issue_date=datetime.date(2022, 3, 1))

    new = services.plan_new_version(old, by=office)
    same = services.plan_new_version(old, by=office)
    services.plan_issue(new, by=office, issue_date=datetime.date(2022, 4, 1))

    old.refresh_from_db()
    assert same == new
    assert new.previous_version == old
    assert new.number == 2
    assert old.status == PlanStatus.ARCHIVED
    assert new.tasks.count() == 1


def test_new_version_of_a_draft_is_refused(office):
    with pytest.raises(Refused):
        services.plan_new_version(PlanFactory(), by=office)


# --- from the importer ----------------------------------------------------------------------
def _parsed_ha_nam(**overrides):
    tasks = [
        p.ParsedTask(
            content="Ban hành văn bản hướng dẫn đăng ký thi đua", period_kind="month", period_value=2
        ),
        p.ParsedTask(
            content="Tuyên truyền phong trào thi đua",
            period_kind="quarter",
            period_value=2,
            lead_unit_hint="Trung tâm Kiểm soát bệnh tật",
        ),
    ]
    values = {
        "symbol": "KH-HĐTĐKT",
        "place": "Hà Nam",
        "year": 2022,
        "title": "Công tác thi đua, khen thưởng năm 2022",
        "legal_bases": ["Căn cứ Luật Thi đua, Khen thưởng số 39/2013/QH13;"],
        "blocks": [
            p.ParsedBlock(kind="heading", text="MỤC ĐÍCH, YÊU CẦU", level=1, numbering="I."),
            p.ParsedBlock(kind="bullet", text="Phát huy những kết quả đã đạt được"),
            p.ParsedBlock(kind="targets"),
            p.ParsedBlock(kind="task", task_index=0),
            p.ParsedBlock(kind="task", task_index=1),
            p.ParsedBlock(kind="table", rows=[["Thời gian", "Nội dung"], ["Tháng 1", "Tổng kết"]]),
        ],
        "tasks": tasks,
        "targets": [
            p.ParsedTarget(
                indicator="Số người dùng các biện pháp tránh thai",
                unit_of_measure="Người",
                values=[
                    p.ParsedTargetValue(label="Biện pháp tránh thai lâm sàng", planned="18.656"),
                    p.ParsedTargetValue(label="Biện pháp tránh thai phi lâm sàng", planned="27.406"),
                ],
            ),
            p.ParsedTarget(
                indicator="Số lần khám phụ khoa",
                unit_of_measure="Lần",
                values=[p.ParsedTargetValue(label="", planned="85.890")],
            ),
        ],
        "submissions": [
            p.ParsedSubmission(
                title="Kế hoạch TĐKT năm 2022 của đơn vị", due_date=datetime.date(2022, 3, 31)
            ),
            p.ParsedSubmission(title="Báo cáo không có hạn"),
        ],
        "recipients": ["- Hội đồng TĐKT tỉnh (để báo cáo);", "- Lưu: VT, TCHC."],
        "signer_prefix_title": "CHỦ TỊCH HỘI ĐỒNG",
        "signer_position": "GIÁM ĐỐC",
        "signer_name": "Nguyễn Trọng Khải",
        "warnings": ["Không đọc được ngày ban hành."],
    }
    values.update(overrides)
    return p.ParsedPlan(**values)


def test_plan_create_from_parsed_builds_every_row(office, office_unit, other_unit):
    top_level = UnitFactory()

    parsed = _parsed_ha_nam(authority_line="SỞ Y TẾ HÀ NAM", issuer_line="HỘI ĐỒNG THI ĐUA, KHEN THƯỞNG")

    plan = services.plan_create_from_parsed(parsed, by=office, lead_unit_default=office_unit)

    assert plan.status == PlanStatus.DRAFT
    assert (plan.symbol, plan.year, plan.place) == ("KH-HĐTĐKT", 2022, "Hà Nam")
    assert (plan.authority_line, plan.issuer_line) == ("SỞ Y TẾ HÀ NAM", "HỘI ĐỒNG THI ĐUA, KHEN THƯỞNG")
    assert plan.legal_bases == ["Căn cứ Luật Thi đua, Khen thưởng số 39/2013/QH13;"]
    assert plan.signer_name == "Nguyễn Trọng Khải"
    tasks = list(plan.tasks.order_by("order"))
    assert [t.lead_unit for t in tasks] == [office_unit, other_unit]
    assert [t.due_date for t in tasks] == [datetime.date(2022, 2, 28), datetime.date(2022, 6, 30)]
    blocks = list(plan.blocks.order_by("order"))
    assert [b.kind for b in blocks] == ["heading", "bullet", "targets", "task", "task", "table"]
    assert (blocks[0].numbering, blocks[0].level) == ("I.", 1)
    assert [blocks[3].task, blocks[4].task] == tasks
    assert blocks[5].rows[1] == ["Tháng 1", "Tổng kết"]
    contraception = plan.targets.get(indicator__startswith="Số người dùng")
    assert [(v.label, v.planned) for v in contraception.values.order_by("order")] == [
        ("Biện pháp tránh thai lâm sàng", "18.656"),
        ("Biện pháp tránh thai phi lâm sàng", "27.406"),
    ]
    request = plan.submission_requests.get()
    assert request.due_date == datetime.date(2022, 3, 31)
    assert set(request.unit_submissions.values_list("unit", flat=True)) >= {top_level.pk, other_unit.pk}
    assert "Không đọc được ngày ban hành." in plan.notes
    assert "Báo cáo không có hạn" in plan.notes
    assert plan.history.first().history_change_reason == "import"


def test_plan_create_from_parsed_without_any_lead_unit_leaves_nothing_behind(office):
    with pytest.raises(ValidationError) as exc:
        services.plan_create_from_parsed(_parsed_ha_nam(), by=office, lead_unit_default=None)

    assert "chưa có đơn vị chủ trì" in exc.value.messages[0]
    assert not Plan.objects.exists()
    assert not PlanTask.objects.exists() and not KeyTarget.objects.exists()
    assert not SubmissionRequest.objects.exists() and not PlanBlock.objects.exists()


def test_plan_create_from_parsed_refuses_a_task_due_outside_the_year(office, office_unit):
    parsed = _parsed_ha_nam()
    parsed.tasks[0].due_date = datetime.date(2023, 1, 10)

    with pytest.raises(ValidationError) as exc:
        services.plan_create_from_parsed(parsed, by=office, lead_unit_default=office_unit)

    assert "Hạn hoàn thành phải nằm trong năm 2022 của kế hoạch" in exc.value.messages[0]
    assert not Plan.objects.exists()


# --- submissions ----------------------------------------------------------------------------
def test_submission_request_goes_to_active_top_level_units_only(office, unit):
    UnitFactory(parent=unit)
    UnitFactory(inactive=True)

    request = services.submission_request_create(
        by=office, title="Báo cáo 6 tháng", due_date=datetime.date(2022, 6, 15)
    )

    assert list(request.unit_submissions.values_list("unit", flat=True)) == [unit.pk]


def test_submission_upload_on_time_then_late_then_overdue(office, unit, other_unit, head):
    request = services.submission_request_create(
        by=office, title="Báo cáo 6 tháng", due_date=datetime.date(2022, 6, 15), units=[unit, other_unit]
    )
    row = request.unit_submissions.get(unit=unit)

    with time_machine.travel(datetime.datetime(2022, 6, 15, 9, tzinfo=datetime.UTC)):
        services.submission_upload(row, by=head, file=SimpleUploadedFile("bc.pdf", make_pdf_bytes()))
    with time_machine.travel(datetime.datetime(2022, 6, 20, tzinfo=datetime.UTC)):
        statuses = dict(UnitSubmission.objects.with_display_status().values_list("unit_id", "display_status"))
        services.submission_upload(row, by=head, file=SimpleUploadedFile("bc2.pdf", make_pdf_bytes()))

    row.refresh_from_db()
    assert statuses == {unit.pk: SubmissionStatus.ON_TIME, other_unit.pk: SubmissionStatus.OVERDUE}
    assert row.submitted_by == head
    assert row.display_status == SubmissionStatus.ON_TIME  # a later correction keeps the first time
    assert [h.history_change_reason for h in row.history.order_by("history_id")] == [
        "create",
        "submit",
        "resubmit",
    ]


def test_submission_upload_of_a_txt_renamed_pdf_is_refused(office, unit, head):
    request = services.submission_request_create(by=office, title="BC", due_date=datetime.date(2030, 1, 1))
    row = request.unit_submissions.get(unit=unit)

    with pytest.raises(ValidationError):
        services.submission_upload(row, by=head, file=SimpleUploadedFile("bc.pdf", b"plain text, not a PDF"))

    row.refresh_from_db()
    assert row.submitted_at is None


# ---------------------------------------------------------------------------
# Tasks addressed to a group of units
# ---------------------------------------------------------------------------
def test_resolve_unit_hint_reads_abbreviations_and_office_names(db, office_unit, other_unit):
    tccb = UnitFactory(name="Phòng Tổ chức cán bộ", short_name="P.TCCB", kind="office")

    assert services.resolve_unit_hint("Phòng TCCB") == tccb
    assert services.resolve_unit_hint("Văn phòng Sở Y tế") == office_unit
    assert services.resolve_unit_hint("CDC tỉnh") == other_unit
    assert services.resolve_unit_hint("Các cụm thi đua") is None


def test_a_group_task_gives_each_unit_of_the_group_its_own_assignment(office, office_unit):
    hospitals = [UnitFactory(kind="hospital"), UnitFactory(kind="hospital")]
    UnitFactory(kind="health_centre")
    UnitFactory(kind="hospital", inactive=True)
    parsed = _parsed_ha_nam()
    parsed.tasks[0].unit_group = "hospitals"

    plan = services.plan_create_from_parsed(parsed, by=office, lead_unit_default=office_unit)

    task = plan.tasks.get(order=1)
    assert task.unit_group == "hospitals" and task.lead_unit == office_unit
    assert [a.unit for a in task.assignments.order_by("unit__pk")] == hospitals
    assert {a.status for a in task.assignments.all()} == {TaskStatus.NOT_STARTED}


def test_each_unit_reports_its_own_status_and_the_task_follows_them_all(office, office_unit):
    hospitals = [UnitFactory(kind="hospital"), UnitFactory(kind="hospital")]
    parsed = _parsed_ha_nam()
    parsed.tasks[0].unit_group = "hospitals"
    plan = services.plan_create_from_parsed(parsed, by=office, lead_unit_default=office_unit)
    services.plan_issue(plan, by=office)
    task = plan.tasks.get(order=1)
    first, second = (task.assignments.get(unit=u) for u in hospitals)

    services.task_assignment_progress_update(first, by=office, status=TaskStatus.DONE, note="Đã gửi.")
    task.refresh_from_db()
    assert (task.status, second.status) == (TaskStatus.IN_PROGRESS, TaskStatus.NOT_STARTED)

    services.task_assignment_progress_update(second, by=office, status=TaskStatus.DONE)
    task.refresh_from_db()
    assert task.status == TaskStatus.DONE and task.completed_at is not None
    assert first.history.first().history_change_reason == "progress"


def test_a_group_task_of_a_draft_plan_takes_no_progress(office, office_unit):
    UnitFactory(kind="hospital")
    parsed = _parsed_ha_nam()
    parsed.tasks[0].unit_group = "hospitals"
    plan = services.plan_create_from_parsed(parsed, by=office, lead_unit_default=office_unit)
    assignment = plan.tasks.get(order=1).assignments.get()

    with pytest.raises(Refused):
        services.task_assignment_progress_update(assignment, by=office, status=TaskStatus.DONE)


def test_a_unit_head_sees_the_group_task_of_their_unit_only(office, office_unit):
    mine, theirs = UnitFactory(kind="hospital"), UnitFactory(kind="health_centre")
    parsed = _parsed_ha_nam()
    parsed.tasks[0].unit_group = "hospitals"
    plan = services.plan_create_from_parsed(parsed, by=office, lead_unit_default=office_unit)
    task = plan.tasks.get(order=1)

    assert make_unit_head(mine).has_perm("plans.view_plantask", task)
    assert not make_unit_head(theirs).has_perm("plans.view_plantask", task)
    assignment = task.assignments.get()
    assert make_unit_head(mine).has_perm("plans.view_plantaskassignment", assignment)


def test_an_unknown_lead_unit_is_kept_as_written_with_a_note(office, office_unit):
    parsed = _parsed_ha_nam()
    parsed.tasks[0].lead_unit_hint = "Các cụm thi đua"

    plan = services.plan_create_from_parsed(parsed, by=office, lead_unit_default=office_unit)

    task = plan.tasks.get(order=1)
    assert (task.lead_unit, task.lead_unit_text) == (office_unit, "Các cụm thi đua")
    assert "Các cụm thi đua" in plan.notes


def test_the_header_and_signer_of_the_text_are_kept_and_nothing_is_defaulted(office, office_unit, agency):
    parsed = _parsed_ha_nam(place="", signer_name="", signer_position="")

    plan = services.plan_create_from_parsed(parsed, by=office, lead_unit_default=office_unit)

    assert (plan.place, plan.signer_name, plan.signer_position) == ("", "", "")
    assert (plan.authority_line, plan.issuer_line) == ("", "")


def test_a_review_plan_with_deadlines_in_the_next_year_runs_over_both(office, office_unit):
    parsed = _parsed_ha_nam(kind="review")
    parsed.tasks[0].due_date = datetime.date(2023, 1, 10)

    plan = services.plan_create_from_parsed(parsed, by=office, lead_unit_default=office_unit)

    assert (plan.period_start, plan.period_end) == (datetime.date(2022, 1, 1), datetime.date(2023, 1, 10))
    assert plan.tasks.get(order=1).due_date == datetime.date(2023, 1, 10)


def test_recurrence_and_docx_marks_are_stored(office, office_unit):
    parsed = _parsed_ha_nam()
    parsed.tasks[1].recurrence = "quarterly"
    parsed.blocks[1].marks = [[0, 5, "b"]]

    plan = services.plan_create_from_parsed(parsed, by=office, lead_unit_default=office_unit)

    assert plan.tasks.get(order=2).recurrence == "quarterly"
    assert plan.blocks.get(order=2).marks == [[0, 5, "b"]]


def test_editing_a_table_keeps_the_marks_of_the_cells_left_as_they_were_and_drops_the_others(office):
    plan = PlanFactory()
    rows = [["TT", "Nội dung"], ["1", "Nội dung đậm và nghiêng"], ["2", "Họp Hội đồng xét duyệt"]]
    block = PlanBlock.objects.create(
        plan=plan,
        kind="table",
        rows=rows,
        marks=[[1, 1, 9, 12, "b"], [1, 1, 16, 23, "i"], [2, 1, 0, 3, "b"]],
    )
    edited = [rows[0], rows[1], ["2", "Họp xét duyệt"]]

    services.block_update(block, by=office, fields={"kind": "table", "rows": edited, "text": ""})

    block.refresh_from_db()
    assert block.marks == [[1, 1, 9, 12, "b"], [1, 1, 16, 23, "i"]]


def test_editing_a_paragraphs_text_drops_its_marks_and_moving_nothing_keeps_them(office):
    plan = PlanFactory()
    marked = {"plan": plan, "kind": "paragraph", "text": "Chữ đậm ở đây.", "marks": [[4, 7, "b"]]}
    kept = PlanBlock.objects.create(**marked)
    changed = PlanBlock.objects.create(**marked)

    services.block_update(kept, by=office, fields={"numbering": "1."})
    services.block_update(changed, by=office, fields={"text": "Chữ thường ở đây."})

    kept.refresh_from_db()
    changed.refresh_from_db()
    assert (kept.marks, changed.marks) == ([[4, 7, "b"]], [])
