"""The office's reorganisation pages: record an event (refusals at the field, input kept), the list,
the event on the unit's page, the choice of the main predecessor, the admin site."""

import datetime

import pytest
from django.urls import reverse

from tests.factories import UnitFactory, make_admin, make_office_user, make_unit_head
from units import services
from units.enums import UnitKind
from units.models import Reorganisation, Unit

pytestmark = pytest.mark.django_db


def _form(a, b, **changes):
    data = {
        "kind": "merger",
        "effective": "01/07/2025",
        "decision_number": "1566/QĐ-UBND",
        "decision_date": "25/06/2025",
        "issuer": "UBND tỉnh Đồng Nai",
        "units_before": [a.pk, b.pk],
        "new_units": "TTYT-KV-TB | Trung tâm Y tế khu vực Trảng Bom",
        "main_predecessor": a.pk,
    }
    data.update(changes)
    return data


@pytest.fixture
def centres(db):
    a = UnitFactory(name="Trung tâm Y tế huyện Trảng Bom", kind=UnitKind.HEALTH_CENTRE)
    b = UnitFactory(name="Trung tâm Y tế huyện Thống Nhất", kind=UnitKind.HEALTH_CENTRE)
    return a, b


def test_the_office_records_a_merger_and_lands_on_the_event(client, centres):
    a, b = centres
    client.force_login(make_office_user())

    response = client.post(reverse("units:reorganisation-create"), _form(a, b))

    event = Reorganisation.objects.get()
    new = Unit.objects.get(code="TTYT-KV-TB")
    assert response.status_code == 302 and response["Location"] == event.get_absolute_url()
    assert set(new.predecessors.all()) == {a, b} and event.main_predecessor == a
    page = client.get(event.get_absolute_url()).content.decode()
    assert "Quyết định số 1566/QĐ-UBND ngày 25/06/2025 của UBND tỉnh Đồng Nai" in page


def test_a_merger_without_its_new_unit_or_main_predecessor_is_refused_at_the_fields_with_input_kept(
    client, centres
):
    a, b = centres
    client.force_login(make_office_user())

    response = client.post(
        reverse("units:reorganisation-create"), _form(a, b, new_units="", main_predecessor="")
    )

    form = response.context["form"]
    assert response.status_code == 200
    assert form.errors["new_units"] == ["Ghi đơn vị mới hình thành, dạng “mã | tên đơn vị”."]
    assert form.errors["main_predecessor"] == [
        "Chọn đơn vị tiền thân chính mà đơn vị mới tiếp nối chuỗi năm thi đua."
    ]
    assert form["decision_number"].value() == "1566/QĐ-UBND"
    assert not Reorganisation.objects.exists()


def test_a_service_refusal_lands_on_its_field(client, centres):
    a, b = centres
    client.force_login(make_office_user())

    response = client.post(
        reverse("units:reorganisation-create"),
        _form(a, b, new_units=f"{a.code} | Trung tâm trùng mã"),
    )

    assert response.status_code == 200
    assert response.context["form"].errors["new_units"] == [f"Mã đơn vị “{a.code}” đã có; chọn mã khác."]


def test_a_badly_written_new_unit_line_is_explained(client, centres):
    a, b = centres
    client.force_login(make_office_user())

    response = client.post(reverse("units:reorganisation-create"), _form(a, b, new_units="Chỉ có tên"))

    assert response.context["form"].errors["new_units"] == [
        "Dòng 1 chưa đúng dạng “mã | tên đơn vị”: Chỉ có tên"
    ]


@pytest.mark.parametrize(
    "lines",
    [
        "TTYT-KV-TB | Trung tâm Y tế khu vực Trảng Bom",
        "TTYT-KV-TB\tTrung tâm Y tế khu vực Trảng Bom\t",  # a spreadsheet row pasted
        "  TTYT-KV-TB ｜ Trung tâm Y tế khu vực Trảng Bom  \n\n",  # a full-width bar, blank lines
    ],
)
def test_a_new_unit_line_reads_with_a_bar_a_tab_or_a_full_width_bar(centres, lines):
    from units.forms import ReorganisationForm

    a, b = centres
    form = ReorganisationForm(_form(a, b, new_units=lines))

    assert form.is_valid(), form.errors
    assert form.cleaned_data["new_units"] == [("TTYT-KV-TB", "Trung tâm Y tế khu vực Trảng Bom")]


def test_the_unit_page_shows_the_event_and_the_list_lists_it(client, centres):
    a, b = centres
    client.force_login(make_office_user())
    client.post(reverse("units:reorganisation-create"), _form(a, b))
    new = Unit.objects.get(code="TTYT-KV-TB")

    unit_page = client.get(new.get_absolute_url()).content.decode()
    listing = client.get(reverse("units:reorganisation-list")).content.decode()

    assert 'id="unit-reorganisations"' in unit_page and "1566/QĐ-UBND" in unit_page
    assert "Trung tâm Y tế huyện Trảng Bom" in listing and "Trung tâm Y tế khu vực Trảng Bom" in listing


def test_the_office_changes_the_main_predecessor_on_the_event_page(client, centres):
    a, b = centres
    client.force_login(make_office_user())
    client.post(reverse("units:reorganisation-create"), _form(a, b))
    event = Reorganisation.objects.get()

    response = client.post(reverse("units:reorganisation-main", args=[event.pk]), {"main_predecessor": b.pk})

    event.refresh_from_db()
    assert response.status_code == 302 and event.main_predecessor == b


def test_unit_heads_may_not_open_the_reorganisation_pages(client, centres):
    a, _b = centres
    client.force_login(make_unit_head(a))

    assert client.get(reverse("units:reorganisation-list")).status_code == 403
    assert client.get(reverse("units:reorganisation-create")).status_code == 403


def test_the_admin_site_lists_and_shows_a_reorganisation(client, centres):
    a, b = centres
    event = services.reorganisation_merge(
        [a],
        successor=b,
        main=None,
        effective=datetime.date(2025, 7, 1),
        basis=services.LegalBasis(number="9/QĐ-UBND", date=datetime.date(2025, 6, 1), issuer="UBND tỉnh"),
    )
    client.force_login(make_admin())

    listing = client.get(reverse("admin:units_reorganisation_changelist"))
    detail = client.get(reverse("admin:units_reorganisation_change", args=[event.pk]))

    assert listing.status_code == 200 and "9/QĐ-UBND" in listing.content.decode()
    assert detail.status_code == 200


def test_the_list_exports_every_event_to_xlsx(client, centres):
    import io

    from openpyxl import load_workbook

    a, b = centres
    client.force_login(make_office_user())
    client.post(reverse("units:reorganisation-create"), _form(a, b))

    response = client.get(reverse("reports:export", args=["reorganisations"]))

    rows = list(
        load_workbook(io.BytesIO(b"".join(response.streaming_content)))
        .worksheets[0]
        .iter_rows(values_only=True)
    )
    headers, body = rows[0], rows[1:]
    assert len(body) == 1
    assert body[0][headers.index("Đơn vị sau sắp xếp")] == "Trung tâm Y tế khu vực Trảng Bom"
    assert body[0][headers.index("Đơn vị tiền thân chính")] == "Trung tâm Y tế huyện Trảng Bom"
    assert body[0][headers.index("Số quyết định")] == "1566/QĐ-UBND"


def test_an_event_names_its_units_as_they_were_named_then_after_a_later_rename(client, centres):
    a, b = centres
    office = make_office_user()
    basis = services.LegalBasis(number="12/QĐ-UBND", date=datetime.date(2024, 6, 20), issuer="UBND tỉnh")
    absorption = services.reorganisation_merge(
        [b], successor=a, main=None, effective=datetime.date(2024, 7, 1), basis=basis, by=office
    )
    services.reorganisation_rename(
        a,
        new_name="Trung tâm Y tế khu vực Trảng Bom",
        effective=datetime.date(2025, 7, 1),
        basis=services.LegalBasis(number="1566/QĐ-UBND", date=datetime.date(2025, 6, 25), issuer="UBND tỉnh"),
        by=office,
    )
    client.force_login(office)

    detail = client.get(absorption.get_absolute_url()).content.decode()
    rows = client.get(reverse("units:reorganisation-list")).content.decode()
    unit_page = client.get(a.get_absolute_url()).content.decode()

    facts = detail.split('id="reorganisation-facts"')[1].split("</dl>")[0]
    assert "Trung tâm Y tế huyện Trảng Bom" in facts and "khu vực Trảng Bom" not in facts
    absorption_row = rows.split("12/QĐ-UBND")[0].rsplit("<tr>", 1)[1]
    assert "Trung tâm Y tế huyện Trảng Bom" in absorption_row and "khu vực" not in absorption_row
    events = unit_page.split('id="unit-reorganisations"')[1].split("</ul>")[0]
    assert "→ Trung tâm Y tế huyện Trảng Bom <span" in events  # the absorption, before the rename
    assert "Trung tâm Y tế huyện Trảng Bom → Trung tâm Y tế khu vực Trảng Bom" in events  # the rename


def test_the_export_names_an_events_units_as_they_were_named_then_after_a_later_rename(client, centres):
    import io

    from openpyxl import load_workbook

    a, b = centres
    office = make_office_user()
    basis = services.LegalBasis(number="12/QĐ-UBND", date=datetime.date(2024, 6, 20), issuer="UBND tỉnh")
    services.reorganisation_merge(
        [b], successor=a, main=None, effective=datetime.date(2024, 7, 1), basis=basis, by=office
    )
    services.reorganisation_rename(
        a,
        new_name="Trung tâm Y tế khu vực Trảng Bom",
        effective=datetime.date(2025, 7, 1),
        basis=services.LegalBasis(number="1566/QĐ-UBND", date=datetime.date(2025, 6, 25), issuer="UBND tỉnh"),
        by=office,
    )
    client.force_login(office)

    response = client.get(reverse("reports:export", args=["reorganisations"]))

    rows = list(
        load_workbook(io.BytesIO(b"".join(response.streaming_content)))
        .worksheets[0]
        .iter_rows(values_only=True)
    )
    headers = rows[0]
    absorption = next(row for row in rows[1:] if row[headers.index("Số quyết định")] == "12/QĐ-UBND")
    assert absorption[headers.index("Đơn vị sau sắp xếp")] == "Trung tâm Y tế huyện Trảng Bom"
