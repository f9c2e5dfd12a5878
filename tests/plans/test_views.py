import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from plans.enums import PlanStatus, TaskStatus
from plans.models import Plan, SubmissionRequest
from tests.factories import (
    KeyTargetFactory,
    KeyTargetValueFactory,
    PlanBlockFactory,
    PlanFactory,
    PlanTaskFactory,
    SubmissionRequestFactory,
    UnitSubmissionFactory,
    make_pdf_bytes,
)
from tests.queries import page_queries
from units.models import IssuedNumber

pytestmark = pytest.mark.django_db


def editor_data(
    plan=None, *, year=2022, title="Công tác thi đua, khen thưởng năm 2022", tasks=(), targets=()
):
    data = {
        "plan-kind": "annual",
        "plan-year": str(year),
        "plan-symbol": "KH-SYT",
        "plan-title": title,
        "plan-authority_line": "UBND TỈNH ĐỒNG NAI",
        "plan-issuer_line": "SỞ Y TẾ",
        "plan-place": "Đồng Nai",
        "plan-signer_prefix": "KT.",
        "plan-signer_prefix_title": "GIÁM ĐỐC",
        "plan-signer_position": "PHÓ GIÁM ĐỐC",
        "plan-signer_name": "Lê Quang Trung",
        "plan-legal_bases_text": "Căn cứ Kế hoạch số 701/KH-UBND;\nCăn cứ Luật Thi đua, Khen thưởng.",
        "plan-recipients_text": "- Ban TĐKT tỉnh;\n- Lưu: VT, VP.",
        "plan-seen_updated_at": plan.updated_at.isoformat() if plan else "",
        "tasks-TOTAL_FORMS": str(len(tasks)),
        "tasks-INITIAL_FORMS": str(sum(1 for t in tasks if t.get("id"))),
        "tasks-MIN_NUM_FORMS": "0",
        "tasks-MAX_NUM_FORMS": "1000",
        "targets-TOTAL_FORMS": str(len(targets)),
        "targets-INITIAL_FORMS": str(sum(1 for t in targets if t.get("id"))),
        "targets-MIN_NUM_FORMS": "0",
        "targets-MAX_NUM_FORMS": "1000",
    }
    for index, task in enumerate(tasks):
        for key, value in task.items():
            data[f"tasks-{index}-{key}"] = value
    for index, target in enumerate(targets):
        for key, value in target.items():
            data[f"targets-{index}-{key}"] = value
    return data


# --- list and detail ------------------------------------------------------------------------


def test_plan_list_query_count_does_not_grow(client, agency, office, unit):
    client.force_login(office)
    PlanTaskFactory(plan=PlanFactory(issued=True), lead_unit=unit)
    one = page_queries(client, reverse("plans:list"))
    for _ in range(2):
        PlanTaskFactory(plan=PlanFactory(previous_version=PlanFactory()), lead_unit=unit)

    three = page_queries(client, reverse("plans:list"))

    assert one == three


def test_plan_list_filters_by_year_kind_and_status(client, office):
    client.force_login(office)
    wanted = PlanFactory(year=2022, kind="annual", issued=True)
    PlanFactory(year=2021, kind="annual", issued=True)
    PlanFactory(year=2022, kind="thematic", issued=True)
    PlanFactory(year=2022, kind="annual")

    response = client.get(reverse("plans:list"), {"year": 2022, "kind": "annual", "status": "issued"})

    assert list(response.context["plans"]) == [wanted]


def _plan_with_tasks(count, unit, other_unit):
    plan = PlanFactory(issued=True)
    for _ in range(count):
        task = PlanTaskFactory(plan=plan, lead_unit=unit)
        task.coordinating_units.set([other_unit])
        PlanBlockFactory(plan=plan, kind="task", task=task)
    PlanBlockFactory(plan=plan, kind="tasks_table")
    target = KeyTargetFactory(plan=plan)
    KeyTargetValueFactory(target=target)
    SubmissionRequestFactory(plan=plan)
    return plan


def test_plan_detail_query_count_does_not_grow_with_tasks(client, agency, office, unit, other_unit):
    client.force_login(office)
    one = page_queries(client, reverse("plans:detail", args=[_plan_with_tasks(1, unit, other_unit).pk]))

    three = page_queries(client, reverse("plans:detail", args=[_plan_with_tasks(3, unit, other_unit).pk]))

    assert one == three


def test_the_plan_editor_reads_the_units_once_whatever_its_tasks(client, agency, office, unit, other_unit):
    client.force_login(office)
    one = _plan_with_tasks(1, unit, other_unit)
    three = _plan_with_tasks(3, unit, other_unit)
    for plan in (one, three):
        plan.status = "draft"
        plan.save(update_fields=["status"])

    assert page_queries(client, reverse("plans:edit", args=[one.pk])) == page_queries(
        client, reverse("plans:edit", args=[three.pk])
    )
    form = client.get(reverse("plans:edit", args=[three.pk])).content.decode()
    lead = f'<option value="{unit.pk}" selected>{unit.name}</option>'
    coordinating = f'<option value="{other_unit.pk}" selected>{other_unit.name}</option>'
    assert form.count(lead) == 3 and form.count(coordinating) == 3  # each task's own units, chosen
    assert form.count(f'<option value="{other_unit.pk}">{other_unit.name}</option>') >= 3  # still offered


def test_plan_detail_renders_blocks_in_order_with_tasks_in_place(client, office, unit):
    client.force_login(office)
    plan = PlanFactory(issued=True)
    task = PlanTaskFactory(plan=plan, lead_unit=unit, content="Tổ chức Lễ kỷ niệm ngày Thầy thuốc Việt Nam")
    PlanBlockFactory(plan=plan, kind="heading", numbering="I.", text="MỤC ĐÍCH, YÊU CẦU", order=1)
    PlanBlockFactory(plan=plan, kind="task", task=task, order=2)
    target = KeyTargetFactory(plan=plan, indicator="Tổng số lần khám bệnh")
    KeyTargetValueFactory(target=target, label="Tuyến tỉnh", planned="398.868")
    KeyTargetValueFactory(target=target, label="Tuyến huyện", planned="312.000")

    body = client.get(reverse("plans:detail", args=[plan.pk])).content.decode()

    assert body.index("MỤC ĐÍCH, YÊU CẦU") < body.index("Tổ chức Lễ kỷ niệm")
    assert "Tuyến huyện" in body and "312.000" in body
    assert plan.number_label in body


def test_plan_detail_shows_document_buttons_only_when_reports_provides_them(client, office):
    client.force_login(office)
    plan = PlanFactory(issued=True)

    response = client.get(reverse("plans:detail", args=[plan.pk]))

    try:
        reverse("reports:plan-pdf", args=[plan.pk])
        expected = True
    except NoReverseMatch:
        expected = False
    assert bool(response.context["document_links"]) is expected


def test_unit_head_cannot_open_a_draft_plan(client, head):
    client.force_login(head)

    response = client.get(reverse("plans:detail", args=[PlanFactory().pk]))

    assert response.status_code == 404


# --- create and edit --------------------------------------------------------------------------
def test_office_creates_a_plan_with_tasks_and_targets_on_one_page(client, office, unit, other_unit):
    client.force_login(office)
    data = editor_data(
        tasks=[
            {
                "content": "Tổng kết công tác thi đua năm 2021",
                "period_kind": "quarter",
                "period_value": "1",
                "lead_unit": str(unit.pk),
                "coordinating_units": [str(other_unit.pk)],
            },
        ],
        targets=[
            {
                "indicator": "Tổng số lần khám bệnh",
                "unit_of_measure": "Lần",
                "values_text": "Tuyến tỉnh | 398.868\nTuyến huyện | 312.000",
            },
        ],
    )

    response = client.post(reverse("plans:create"), data)

    plan = Plan.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("plans:edit", args=[plan.pk])
    assert plan.legal_bases == ["Căn cứ Kế hoạch số 701/KH-UBND;", "Căn cứ Luật Thi đua, Khen thưởng."]
    task = plan.tasks.get()
    assert task.due_date == datetime.date(2022, 3, 31)
    assert list(task.coordinating_units.all()) == [other_unit]
    assert [(v.label, v.planned) for v in plan.targets.get().values.order_by("order")] == [
        ("Tuyến tỉnh", "398.868"),
        ("Tuyến huyện", "312.000"),
    ]


def test_due_date_outside_the_year_is_shown_at_the_field_and_input_is_kept(client, office, unit):
    client.force_login(office)
    data = editor_data(
        tasks=[{"content": "Nhiệm vụ gõ dở", "lead_unit": str(unit.pk), "due_date": "2023-01-15"}]
    )

    response = client.post(reverse("plans:create"), data)

    assert response.status_code == 200
    body = response.content.decode()
    assert "Hạn hoàn thành phải nằm trong năm 2022 của kế hoạch." in body
    assert "Nhiệm vụ gõ dở" in body
    assert response.context["task_formset"].forms[0].errors["due_date"]
    assert not Plan.objects.exists()


def test_task_without_lead_unit_is_refused_at_the_field(client, office):
    client.force_login(office)

    response = client.post(reverse("plans:create"), editor_data(tasks=[{"content": "Không ai chủ trì"}]))

    errors = response.context["task_formset"].forms[0].errors
    assert "đơn vị chủ trì" in errors["lead_unit"][0]
    assert not Plan.objects.exists()


def test_edit_page_updates_and_deletes_tasks(client, office, unit):
    client.force_login(office)
    plan = PlanFactory(year=2022)
    keep = PlanTaskFactory(plan=plan, lead_unit=unit)
    drop = PlanTaskFactory(plan=plan, lead_unit=unit)
    data = editor_data(
        plan,
        title="Tiêu đề mới",
        tasks=[
            {
                "id": str(keep.pk),
                "content": "Nội dung mới",
                "lead_unit": str(unit.pk),
                "period_kind": "month",
                "period_value": "5",
                "order": "1",
            },
            {"id": str(drop.pk), "content": drop.content, "lead_unit": str(unit.pk), "DELETE": "on"},
        ],
    )

    response = client.post(reverse("plans:edit", args=[plan.pk]), data)

    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.title == "Tiêu đề mới"
    assert list(plan.tasks.values_list("content", "due_date")) == [
        ("Nội dung mới", datetime.date(2022, 5, 31))
    ]


def test_editing_an_issued_plan_is_refused_with_a_message_and_nothing_saved(client, office):
    client.force_login(office)
    plan = PlanFactory(issued=True, title="Đã ban hành")

    get = client.get(reverse("plans:edit", args=[plan.pk]))
    post = client.post(reverse("plans:edit", args=[plan.pk]), editor_data(plan, title="Sửa"), follow=True)

    assert get.status_code == 302 and get.url == reverse("plans:detail", args=[plan.pk])
    assert "không thể sửa nội dung" in post.content.decode()
    plan.refresh_from_db()
    assert plan.title == "Đã ban hành"


def test_concurrent_edit_keeps_the_input_and_explains(client, office):
    client.force_login(office)
    plan = PlanFactory()
    data = editor_data(plan, title="Bản của tôi")
    Plan.objects.filter(pk=plan.pk).update(title="Bản của người khác", updated_at=timezone.now())

    response = client.post(reverse("plans:edit", args=[plan.pk]), data)

    body = response.content.decode()
    assert response.status_code == 200
    assert "vừa được người khác sửa" in body
    assert "Bản của tôi" in body
    plan.refresh_from_db()
    assert plan.title == "Bản của người khác"


def test_unit_head_cannot_open_the_editor(client, head):
    client.force_login(head)

    assert client.get(reverse("plans:create")).status_code == 403
    assert client.get(reverse("plans:edit", args=[PlanFactory().pk])).status_code == 403


def test_block_move_with_htmx_returns_the_partial(client, office):
    client.force_login(office)
    plan = PlanFactory()
    first = PlanBlockFactory(plan=plan, text="Thứ nhất")
    second = PlanBlockFactory(plan=plan, text="Thứ hai")

    response = client.post(
        reverse("plans:block-move", args=[second.pk]), {"direction": "up"}, headers={"HX-Request": "true"}
    )

    body = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in body
    assert body.index("Thứ hai") < body.index("Thứ nhất")
    assert list(plan.blocks.order_by("order")) == [second, first]


def test_block_add_without_htmx_redirects_to_the_editor(client, office):
    client.force_login(office)
    plan = PlanFactory()

    response = client.post(
        reverse("plans:block-add", args=[plan.pk]),
        {"kind": "heading", "level": "1", "numbering": "I.", "text": "X"},
    )

    assert response.status_code == 302
    assert plan.blocks.get().numbering == "I."


# --- transitions ------------------------------------------------------------------------------
def test_get_on_issue_changes_nothing(client, office):
    client.force_login(office)
    plan = PlanFactory()

    response = client.get(reverse("plans:issue", args=[plan.pk]))

    assert response.status_code == 405
    plan.refresh_from_db()
    assert plan.status == PlanStatus.DRAFT


def test_office_issues_then_a_repeat_says_already_done(client, office):
    client.force_login(office)
    plan = PlanFactory(year=2022)

    url = reverse("plans:issue", args=[plan.pk])
    first = client.post(url, {"issue_date": "2022-03-10", "confirmed": "1"}, follow=True)
    again = client.post(url, {"issue_date": "2022-03-11", "confirmed": "1"}, follow=True)

    plan.refresh_from_db()
    assert plan.number == 1 and plan.issue_date == datetime.date(2022, 3, 10)
    assert "Số: 01/KH-SYT" in first.content.decode()
    assert "đã được ban hành trước đó" in again.content.decode()
    assert IssuedNumber.objects.count() == 1


def test_unit_head_cannot_issue(client, head):
    client.force_login(head)
    plan = PlanFactory()

    response = client.post(reverse("plans:issue", args=[plan.pk]))

    assert response.status_code == 403
    plan.refresh_from_db()
    assert plan.status == PlanStatus.DRAFT


def test_clone_view_creates_next_years_draft(client, office, unit):
    client.force_login(office)
    plan = PlanFactory(issued=True, year=2021)
    PlanTaskFactory(plan=plan, lead_unit=unit, due_date=datetime.date(2021, 12, 31))

    response = client.post(reverse("plans:clone", args=[plan.pk]), {"year": "2022"})

    clone = Plan.objects.exclude(pk=plan.pk).get()
    assert response.url == reverse("plans:edit", args=[clone.pk])
    assert clone.tasks.get().due_date == datetime.date(2022, 12, 31)


def test_new_version_view(client, office):
    client.force_login(office)
    plan = PlanFactory(issued=True)

    response = client.post(reverse("plans:new-version", args=[plan.pk]))

    new = Plan.objects.get(previous_version=plan)
    assert response.url == reverse("plans:edit", args=[new.pk])


# --- tasks ------------------------------------------------------------------------------------
def test_task_list_for_office_shows_overdue_and_due_soon_by_default(client, office, unit):
    client.force_login(office)
    today = timezone.localdate()
    plan = PlanFactory(issued=True, year=today.year)
    overdue = PlanTaskFactory(plan=plan, lead_unit=unit, due_date=today - datetime.timedelta(days=2))
    soon = PlanTaskFactory(plan=plan, lead_unit=unit, due_date=today + datetime.timedelta(days=5))
    PlanTaskFactory(plan=plan, lead_unit=unit, due_date=today + datetime.timedelta(days=60))

    response = client.get(reverse("plans:task-list"))
    overdue_only = client.get(reverse("plans:task-list"), {"when": "overdue"})

    assert set(response.context["tasks"]) == {overdue, soon}
    assert list(overdue_only.context["tasks"]) == [overdue]


def test_task_list_query_count_does_not_grow(client, agency, office, unit, other_unit):
    client.force_login(office)
    plan = PlanFactory(issued=True, year=timezone.localdate().year)
    due = timezone.localdate()
    PlanTaskFactory(plan=plan, lead_unit=unit, due_date=due).coordinating_units.set([other_unit])
    one = page_queries(client, reverse("plans:task-list"))
    for _ in range(2):
        PlanTaskFactory(plan=PlanFactory(issued=True, year=due.year), lead_unit=other_unit, due_date=due)

    three = page_queries(client, reverse("plans:task-list"))

    assert one == three


def test_unit_head_sees_and_updates_only_their_tasks(client, head, unit, other_unit):
    client.force_login(head)
    plan = PlanFactory(issued=True)
    own = PlanTaskFactory(plan=plan, lead_unit=unit)
    other = PlanTaskFactory(plan=plan, lead_unit=other_unit)

    listing = client.get(reverse("plans:task-list"))
    forbidden = client.post(reverse("plans:task-progress", args=[other.pk]), {"status": "done"})
    allowed = client.post(
        reverse("plans:task-progress", args=[own.pk]),
        {
            "status": TaskStatus.DONE,
            "progress_note": "Đã hoàn thành",
            "evidence": SimpleUploadedFile("minh-chung.pdf", make_pdf_bytes()),
            "seen_updated_at": own.updated_at.isoformat(),
        },
    )

    assert list(listing.context["tasks"]) == [own]
    assert forbidden.status_code == 404
    assert allowed.status_code == 302
    own.refresh_from_db()
    other.refresh_from_db()
    assert own.status == TaskStatus.DONE and other.status == TaskStatus.NOT_STARTED


def test_progress_with_a_fake_pdf_shows_the_reason_and_keeps_the_note(client, head, unit):
    client.force_login(head)
    task = PlanTaskFactory(plan=PlanFactory(issued=True), lead_unit=unit)

    response = client.post(
        reverse("plans:task-progress", args=[task.pk]),
        {
            "status": TaskStatus.DONE,
            "progress_note": "Ghi chú của tôi",
            "evidence": SimpleUploadedFile("minh-chung.pdf", b"just text"),
            "seen_updated_at": task.updated_at.isoformat(),
        },
    )

    body = response.content.decode()
    assert response.status_code == 200
    assert "Nội dung tệp không phải là PDF hợp lệ" in body
    assert "Ghi chú của tôi" in body
    task.refresh_from_db()
    assert task.status == TaskStatus.NOT_STARTED


# --- submissions ------------------------------------------------------------------------------
def test_unit_head_uploads_for_own_unit_and_gets_404_for_another(client, head, unit, other_unit):
    client.force_login(head)
    request = SubmissionRequestFactory(due_date=datetime.date(2030, 1, 1))
    own = UnitSubmissionFactory(request=request, unit=unit)
    other = UnitSubmissionFactory(request=request, unit=other_unit)
    pdf = SimpleUploadedFile("ke-hoach.pdf", make_pdf_bytes())

    other_response = client.post(
        reverse("plans:submission-upload", args=[other.pk]),
        {"file": SimpleUploadedFile("x.pdf", make_pdf_bytes())},
    )
    own_response = client.post(reverse("plans:submission-upload", args=[own.pk]), {"file": pdf})

    assert other_response.status_code == 404
    assert own_response.status_code == 302
    own.refresh_from_db()
    other.refresh_from_db()
    assert own.submitted_by == head and own.file
    assert other.submitted_at is None


def test_upload_of_a_txt_renamed_pdf_is_refused_at_the_field(client, head, unit):
    client.force_login(head)
    row = UnitSubmissionFactory(
        unit=unit, request=SubmissionRequestFactory(due_date=datetime.date(2030, 1, 1))
    )

    response = client.post(
        reverse("plans:submission-upload", args=[row.pk]),
        {"file": SimpleUploadedFile("bao-cao.pdf", b"van ban thuong"), "note": "ghi chú giữ lại"},
    )

    assert response.status_code == 200
    assert "Nội dung tệp không phải là PDF hợp lệ" in response.context["form"].errors["file"][0]
    assert "ghi chú giữ lại" in response.content.decode()
    row.refresh_from_db()
    assert row.submitted_at is None


def test_office_creates_a_request_for_chosen_units(client, office, unit, other_unit):
    client.force_login(office)

    response = client.post(
        reverse("plans:submission-create"),
        {
            "title": "Báo cáo sơ kết 6 tháng",
            "due_date": (timezone.localdate() + datetime.timedelta(days=10)).isoformat(),
            "audience": "chosen",
            "units": [str(unit.pk)],
        },
    )

    request = SubmissionRequest.objects.get()
    assert response.url == reverse("plans:submission-detail", args=[request.pk])
    assert list(request.unit_submissions.values_list("unit", flat=True)) == [unit.pk]


def test_submission_matrix_and_lists_render_for_office(client, office, unit):
    client.force_login(office)
    UnitSubmissionFactory(unit=unit, request=SubmissionRequestFactory(due_date=datetime.date(2022, 1, 1)))

    matrix = client.get(reverse("plans:submission-matrix"))
    listing = client.get(reverse("plans:submission-list"))

    assert matrix.status_code == listing.status_code == 200
    assert "Quá hạn, chưa nộp" in matrix.content.decode()
    assert matrix.context["rows"][0]["problem_count"] == 1


def test_submission_list_for_unit_head_shows_only_their_rows(client, head, unit, other_unit):
    client.force_login(head)
    request = SubmissionRequestFactory()
    own = UnitSubmissionFactory(request=request, unit=unit)
    UnitSubmissionFactory(request=request, unit=other_unit)

    response = client.get(reverse("plans:submission-list"))

    assert list(response.context["rows"]) == [own]
    assert client.get(reverse("plans:submission-matrix")).status_code == 403


# --- home panels ----------------------------------------------------------------------------
def test_home_shows_plan_panels_per_role(client, office, head, unit):
    today = timezone.localdate()
    plan = PlanFactory(issued=True, year=today.year)
    PlanTaskFactory(
        plan=plan, lead_unit=unit, due_date=today - datetime.timedelta(days=1), content="Việc trễ hạn"
    )

    client.force_login(office)
    office_body = client.get(reverse("home")).content.decode()
    client.force_login(head)
    head_body = client.get(reverse("home")).content.decode()

    assert "Nhiệm vụ quá hạn và sắp đến hạn" in office_body and "Việc trễ hạn" in office_body
    assert "Nhiệm vụ đơn vị chủ trì" in head_body and "Việc trễ hạn" in head_body


def test_nav_shows_plans_to_office_and_heads_only(client, office):
    client.force_login(office)

    body = client.get(reverse("home")).content.decode()

    assert reverse("plans:list") in body


def test_every_page_renders_for_the_office(client, office, unit):
    client.force_login(office)
    draft = PlanFactory()
    issued = PlanFactory(issued=True)
    task = PlanTaskFactory(plan=issued, lead_unit=unit)
    block = PlanBlockFactory(plan=draft, kind="table", rows=[["A", "B"], ["1", "2"]])
    PlanBlockFactory(plan=draft, kind="tasks_table")
    PlanBlockFactory(plan=draft, kind="targets")
    row = UnitSubmissionFactory(unit=unit, request=SubmissionRequestFactory(plan=issued, task=task))
    urls = [
        reverse("plans:list"),
        reverse("plans:create"),
        reverse("plans:detail", args=[draft.pk]),
        reverse("plans:detail", args=[issued.pk]),
        reverse("plans:edit", args=[draft.pk]),
        reverse("plans:clone", args=[issued.pk]),
        reverse("plans:block-edit", args=[block.pk]),
        reverse("plans:task-list") + "?when=all",
        reverse("plans:task-progress", args=[task.pk]),
        reverse("plans:submission-list"),
        reverse("plans:submission-create") + f"?task={task.pk}",
        reverse("plans:submission-detail", args=[row.request.pk]),
        reverse("plans:submission-upload", args=[row.pk]),
        reverse("plans:submission-matrix") + "?all=1",
    ]

    statuses = {url: client.get(url).status_code for url in urls}
    partial = client.get(reverse("plans:block-edit", args=[block.pk]), headers={"HX-Request": "true"})

    assert set(statuses.values()) == {200}, statuses
    assert partial.status_code == 200 and "<html" not in partial.content.decode()


def test_unit_head_pages_render(client, head, unit):
    client.force_login(head)
    issued = PlanFactory(issued=True)
    task = PlanTaskFactory(plan=issued, lead_unit=unit)
    row = UnitSubmissionFactory(unit=unit, request=SubmissionRequestFactory(plan=issued))

    urls = [
        reverse("plans:list"),
        reverse("plans:detail", args=[issued.pk]),
        reverse("plans:task-list"),
        reverse("plans:task-progress", args=[task.pk]),
        reverse("plans:submission-list"),
        reverse("plans:submission-detail", args=[row.request.pk]),
        reverse("plans:submission-upload", args=[row.pk]),
        reverse("home"),
    ]

    assert {client.get(url).status_code for url in urls} == {200}
    assert client.get(reverse("plans:edit", args=[issued.pk])).status_code == 403


def test_the_editor_sets_the_month_a_draft_prints_before_its_day_is_known(client, office, unit):
    client.force_login(office)
    plan = PlanFactory(year=2022)

    response = client.post(
        reverse("plans:edit", args=[plan.pk]),
        editor_data(plan) | {"plan-issue_month": "3", "plan-place": "Hà Nam"},
    )

    plan.refresh_from_db()
    assert response.status_code == 302
    assert plan.issue_month == 3
    assert plan.place_date_line.startswith("Hà Nam, ngày")
    assert "tháng 3 năm 2022" in plan.place_date_line


def test_the_editor_refuses_a_thirteenth_month_at_the_field(client, office, unit):
    client.force_login(office)
    plan = PlanFactory(year=2022)

    response = client.post(
        reverse("plans:edit", args=[plan.pk]), editor_data(plan) | {"plan-issue_month": "13"}
    )

    assert response.status_code == 200
    assert response.context["form"].errors["issue_month"]
