"""Spreadsheets as people open them, read back with openpyxl: an autofilter on the header row,
amounts with thousands separators, dates as date cells, the print set-up (A4, fitted to the
width, landscape when wide, the header row repeated), formula-like text shown as typed; and every
download named in Vietnamese, the Content-Disposition header read as a browser reads it
(RFC 6266, with RFC 5987's ``filename*``; a MIME encoded-word is not decoded by browsers)."""

import datetime
import io
import re
from urllib.parse import unquote

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from council.services import decision_issue
from tests.factories import (
    NominationFactory,
    PersonFactory,
    RegistrationFactory,
    RegistrationRoundFactory,
    UnitFactory,
    add_individual_line,
    award,
    make_office_user,
)
from units.xlsx import PORTRAIT_WIDTH

pytestmark = pytest.mark.django_db

SIGNER = {"signer_name": "Lê Quang Trung", "signer_position": "Giám đốc"}


def browser_filename(header: str) -> str | None:
    """The file name a browser saves under: ``filename*`` (RFC 5987) first, else ``filename``."""
    extended = re.search(r"filename\*\s*=\s*([^;]+)", header)
    if extended:
        charset, _language, encoded = extended.group(1).strip().split("'", 2)
        return unquote(encoded, encoding=charset)
    plain = re.search(r'filename\s*=\s*"((?:[^"\\]|\\.)*)"|filename\s*=\s*([^;\s]+)', header)
    if not plain:
        return None
    name = plain.group(1) if plain.group(1) is not None else plain.group(2)
    return None if name.startswith("=?") else name.replace('\\"', '"')


def _content(response) -> bytes:
    assert response.status_code == 200, response.status_code
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.fixture
def office(client):
    user = make_office_user()
    client.force_login(user)
    return user


@pytest.fixture
def decision(office):
    person = PersonFactory(full_name="Nguyễn Thị Hoa", phone="+84 251 3822 123", position="-")
    nomination = NominationFactory(award_type=award("LDTT"), status="approved", person=person)
    return decision_issue([nomination], date=datetime.date(2026, 1, 10), by=office, **SIGNER)


def test_a_browser_reads_the_vietnamese_name_of_the_decision_results(client, decision):
    response = client.get(reverse("council:decision-xlsx", args=[decision.pk]))

    header = response["Content-Disposition"]
    assert "=?utf-8?" not in header
    assert header.startswith("attachment;")
    stem = decision.number_label.replace("/", "-")
    assert browser_filename(header) == f"ket-qua-khen-thuong-{stem}.xlsx"
    assert "Đ" in browser_filename(header)


def test_the_header_parser_refuses_a_doubly_encoded_name():
    assert browser_filename('attachment; filename="=?utf-8?b?a2V0LXF1YQ==?="') is None
    assert browser_filename("attachment; filename*=utf-8''Quy%E1%BA%BFt.pdf") == "Quyết.pdf"


def test_the_decision_results_have_a_date_cell_money_format_filter_and_print_set_up(client, decision):
    response = client.get(reverse("council:decision-xlsx", args=[decision.pk]))

    sheet = load_workbook(io.BytesIO(_content(response))).active
    headers = [cell.value for cell in sheet[1]]
    date_cell = sheet.cell(row=2, column=headers.index("Ngày quyết định") + 1)
    money = sheet.cell(row=2, column=headers.index("Tiền thưởng (đồng)") + 1)
    assert isinstance(date_cell.value, datetime.datetime)
    assert date_cell.value.date() == datetime.date(2026, 1, 10)
    assert date_cell.number_format == "dd/mm/yyyy"
    assert isinstance(money.value, int) and money.number_format == "#,##0"
    assert sheet.auto_filter.ref == f"A1:J{sheet.max_row - 1}"  # the totals row stays out of it
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.page_setup.fitToWidth == 1 and sheet.page_setup.fitToHeight == 0
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.print_title_rows == "$1:$1"
    assert sheet.cell(row=2, column=3).value == "-"  # a dash alone is not quoted


def test_every_list_export_has_a_filter_print_set_up_and_a_vietnamese_name(client, office):
    from reports.exporters.base import registry

    UnitFactory(name="Trung tâm Y tế Biên Hòa")
    for identifier in sorted(registry):
        response = client.get(reverse("reports:export", args=[identifier]))

        sheet = load_workbook(io.BytesIO(_content(response))).worksheets[0]
        columns = sheet.max_column
        letters = [sheet.cell(1, k).column_letter for k in range(1, columns + 1)]
        widths = sum(sheet.column_dimensions[letter].width for letter in letters)
        assert sheet.auto_filter.ref.startswith("A1:"), identifier
        assert sheet.auto_filter.ref.split(":")[1].rstrip("0123456789") == letters[-1]
        assert sheet.print_title_rows == "$1:$1", identifier
        assert sheet.page_setup.fitToWidth == 1, identifier
        assert sheet.page_setup.orientation == ("landscape" if widths > PORTRAIT_WIDTH else "portrait")
        assert browser_filename(response["Content-Disposition"]).endswith(".xlsx")


def test_the_decisions_export_shows_amounts_with_thousands_separators(client, decision):
    response = client.get(reverse("reports:export", args=["decisions"]))

    sheet = load_workbook(io.BytesIO(_content(response))).worksheets[0]
    headers = [cell.value for cell in sheet[1]]
    total = sheet.cell(row=2, column=headers.index("Tổng tiền thưởng (đồng)") + 1)
    assert total.value > 0 and total.number_format == "#,##0"


def test_a_phone_number_is_shown_as_typed_and_a_formula_is_kept_as_text(client, office):
    round_ = RegistrationRoundFactory()
    registration = RegistrationFactory(round=round_, submitted=True)
    add_individual_line(registration, PersonFactory(full_name="=1+2", position="+84 251 3822 123"))

    response = client.get(reverse("campaigns:consolidated-xlsx", args=[round_.pk]))

    sheet = load_workbook(io.BytesIO(_content(response)))["Cá nhân"]
    name, position = sheet["B2"], sheet["D2"]
    assert (name.value, name.data_type, name.quotePrefix) == ("=1+2", "s", True)
    assert (position.value, position.quotePrefix) == ("+84 251 3822 123", False)
    assert sheet.auto_filter.ref == "A1:I2"
    assert browser_filename(response["Content-Disposition"]).endswith(".xlsx")


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (lambda: reverse("units:staff-import-template"), "mau-nhap-can-bo.xlsx"),
    ],
)
def test_an_import_template_has_its_filter_and_name(client, office, url, expected):
    response = client.get(url())

    sheet = load_workbook(io.BytesIO(_content(response))).worksheets[0]
    assert sheet.auto_filter.ref.startswith("A1:")
    assert browser_filename(response["Content-Disposition"]) == expected
