"""Browser journey: the office opens the dashboard, the charts draw from static Chart.js, a
screenshot is kept, and a figure leads to the list behind it."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e.conftest import nav_click
from tests.factories import (
    NominationFactory,
    PersonFactory,
    PlanFactory,
    PlanTaskFactory,
    UnitFactory,
    make_office_user,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _painted_pixels(page, selector):
    """How many pixels of a canvas are not transparent (0 when nothing was drawn)."""
    return page.eval_on_selector(
        selector,
        """canvas => {
            const data = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
            let painted = 0;
            for (let i = 3; i < data.length; i += 4) { if (data[i] > 0) painted++; }
            return painted;
        }""",
    )


def test_office_sees_charts_and_follows_a_figure_to_the_filtered_task_list(login, live_server, tmp_path):
    make_office_user(username="vanphong")
    year = timezone.localdate().year - 1
    unit = UnitFactory(name="Bệnh viện Đa khoa Thống Nhất", short_name="BV Thống Nhất")
    other = UnitFactory(name="Trung tâm Y tế Biên Hòa", short_name="TTYT Biên Hòa")
    plan = PlanFactory(year=year, issued=True)
    for _ in range(3):
        PlanTaskFactory(plan=plan, lead_unit=unit, due_date=datetime.date(year, 3, 31), status="done")
    for _ in range(2):
        PlanTaskFactory(plan=plan, lead_unit=unit, due_date=datetime.date(year, 6, 30))
    PlanTaskFactory(plan=plan, lead_unit=other, due_date=datetime.date(year, 9, 30))
    NominationFactory(year=year, person=PersonFactory(unit=unit), status="submitted")

    page = login("vanphong")
    nav_click(page, "Bảng số liệu")
    page.get_by_label("Năm", exact=True).select_option(str(year))
    page.wait_for_load_state("networkidle")

    canvas = page.locator('canvas[data-chart="tasksByQuarter"]')
    expect(canvas).to_be_visible()
    page.wait_for_function(
        "() => window.Chart && Chart.getChart(document.querySelector('canvas[data-chart=tasksByQuarter]'))"
    )
    assert _painted_pixels(page, 'canvas[data-chart="tasksByQuarter"]') > 500
    assert _painted_pixels(page, 'canvas[data-chart="tasksByUnit"]') > 500
    shot = tmp_path / "dashboard.png"
    page.screenshot(path=str(shot), full_page=True)
    data = shot.read_bytes()
    assert data.startswith(PNG_SIGNATURE) and len(data) > 20_000

    table = page.locator("#tasks-by-unit")
    expect(table.get_by_role("row", name="Bệnh viện Đa khoa Thống Nhất")).to_contain_text("3")
    table.get_by_role("row", name="Bệnh viện Đa khoa Thống Nhất").locator('[data-state="overdue"] a').click()

    expect(page).to_have_url(
        f"{live_server.url}/plans/tasks/?when=all&year={year}&unit={unit.pk}&display_status=overdue"
    )
    rows = page.locator("table tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.first).to_contain_text("BV Thống Nhất")
    expect(rows.first).to_contain_text("Quá hạn")


def test_unit_head_reads_their_figures_and_the_award_history_matrix(login, live_server, tmp_path):
    from tests.factories import AwardRecordFactory, award, make_unit_head

    unit = UnitFactory(name="Trung tâm Y tế Long Khánh", short_name="TTYT Long Khánh")
    make_unit_head(unit, username="longkhanh")
    other = PersonFactory(unit=UnitFactory(name="Đơn vị khác"))
    AwardRecordFactory(person=other, year=2024)
    staff = PersonFactory.create_batch(2, unit=unit)
    for person in staff:
        AwardRecordFactory(person=person, year=2024)
    AwardRecordFactory(person=staff[0], year=2025, award_type=award("CSTDCS"))

    page = login("longkhanh")
    nav = page.get_by_role("navigation", name="Điều hướng chính")
    nav.get_by_role("link", name="Số liệu", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Trung tâm Y tế Long Khánh")
    page.wait_for_function(
        "() => window.Chart && Chart.getChart(document.querySelector('canvas[data-chart=history]'))"
    )
    assert _painted_pixels(page, 'canvas[data-chart="history"]') > 500
    page.screenshot(path=str(tmp_path / "unit-dashboard.png"), full_page=True)

    nav_click(page, "Lịch sử khen thưởng")
    matrix = page.locator("#history-matrix")
    expect(matrix.locator('tr[data-year="2024"]')).to_contain_text("2")
    page.screenshot(path=str(tmp_path / "history.png"), full_page=True)
    matrix.locator('tr[data-year="2024"] a').first.click()

    rows = page.locator("#history-records tbody tr")
    expect(rows).to_have_count(2)
    expect(page.locator("#history-records")).not_to_contain_text("Đơn vị khác")
    page.locator("#history-records tbody tr a").first.click()
    expect(page.locator("#timeline")).to_contain_text("2024")
