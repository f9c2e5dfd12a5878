"""A document's number is written by ``units.numbering``: "05/QĐ-SYT" (two digits at least) in lists,
exports and citations, "Số: 05/QĐ-SYT" at the head of the document itself — the same text in the
decision, plan, disclosure and proposal exports as in the list pages."""

import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from council.models import Decision
from council.services import decision_issue
from reports.models import SummaryReport
from tests.factories import (
    AgencyFactory,
    NominationFactory,
    PlanFactory,
    award,
)
from units.numbering import format_number, number_label

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("number", "label"), [(1, "01/QĐ-SYT"), (9, "09/QĐ-SYT"), (12, "12/QĐ-SYT"), (105, "105/QĐ-SYT")]
)
def test_a_number_is_written_with_two_digits_at_least_and_its_symbol(number, label):
    assert number_label(number, "QĐ-SYT") == label
    assert format_number(number, "QĐ-SYT") == f"Số: {label}"


@pytest.mark.parametrize("number", [None, 0])
def test_a_document_without_a_number_has_no_label_and_a_blank_number_line(number):
    assert number_label(number, "KH-SYT") == ""
    assert format_number(number, "KH-SYT") == "Số:      /KH-SYT"


def export_column(client, name, header):
    response = client.get(reverse("reports:export", args=[name]))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).worksheets[0]
    headers, *rows = sheet.iter_rows(values_only=True)
    index = headers.index(header)
    return [row[index] for row in rows]


@pytest.mark.parametrize("number", [7, 12])
def test_the_decision_export_and_the_decision_list_write_the_same_number(office_client, office, number):
    AgencyFactory()
    decision = decision_issue(
        [NominationFactory(award_type=award("LDTT"), status="approved", year=2025)],
        date=datetime.date(2026, 1, 10),
        signer_name="Lê Quang Trung",
        signer_position="Giám đốc",
        by=office,
    )
    Decision.objects.filter(pk=decision.pk).update(number=number)
    decision.refresh_from_db()

    cells = export_column(office_client, "decisions", "Số, ký hiệu")
    page = office_client.get(reverse("council:decision-list")).content.decode()

    assert cells == [number_label(number, decision.symbol)] == [decision.number_label]
    assert f">{decision.number_label}</a>" in page


def test_the_plan_export_writes_the_number_the_plan_list_shows_after_its_number_line(office_client):
    issued = PlanFactory(issued=True, number=5, year=2026, title="Kế hoạch đã ban hành")
    PlanFactory(year=2026, title="Kế hoạch còn dự thảo")

    cells = dict(
        zip(
            export_column(office_client, "plans", "Trích yếu"),
            export_column(office_client, "plans", "Số, ký hiệu"),
            strict=True,
        )
    )
    page = office_client.get(reverse("plans:list")).content.decode()

    assert cells["Kế hoạch đã ban hành"] == number_label(5, issued.symbol)
    assert cells["Kế hoạch còn dự thảo"] is None  # no number yet: an empty cell
    assert issued.number_label == f"Số: {cells['Kế hoạch đã ban hành']}"
    assert issued.number_label in page


def test_the_summary_list_writes_the_number_of_an_issued_report_and_a_dash_for_a_draft(office_client):
    issued = SummaryReport.objects.create(year=2026, kind="half_year", status="issued", number=3)
    SummaryReport.objects.create(year=2026, kind="year_end")

    page = office_client.get(reverse("reports:summary-list")).content.decode()

    assert issued.number_label == number_label(3, "BC-SYT")
    assert f"<td>{issued.number_label}</td>" in page
    assert '<td><span class="text-muted">—</span></td>' in page
