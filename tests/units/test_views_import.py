"""The staff import pages: template download, upload and preview, confirm; who may use them."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from tests.factories import (
    STAFF_IMPORT_HEADERS,
    PersonFactory,
    UserFactory,
    make_office_user,
    make_plain_user,
    make_staff_xlsx,
    make_unit_head,
)
from units.models import Person
from units.views_import import SESSION_KEY

pytestmark = pytest.mark.django_db

UPLOAD = reverse("units:staff-import")
CONFIRM = reverse("units:staff-import-confirm")
TEMPLATE = reverse("units:staff-import-template")


def row(code, name="Nguyễn Văn An", unit="BVDK", birth="27/01/1980"):
    return [code, name, "Nam", birth, unit, "Bác sĩ", "", "", "", ""]


def xlsx(rows, name="can-bo.xlsx"):
    return SimpleUploadedFile(name, make_staff_xlsx(rows))


def upload(client, file, **extra):
    return client.post(UPLOAD, {"file": file, **extra})


def preview(client, response):
    assert response.status_code == 302, response.content.decode()[:2000]
    return client.get(response.url)


def confirm_data(page, **extra):
    form = page.context["confirm_form"]
    data = {name: form[name].value() for name in ("token", "fingerprint", "update_existing")}
    data.update(extra)
    return data


# ---------------------------------------------------------------------------
# Who may
# ---------------------------------------------------------------------------
@pytest.mark.parametrize("url", [UPLOAD, TEMPLATE])
def test_anonymous_is_sent_to_login(client, url):
    response = client.get(url)

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize("make_user", [make_unit_head, make_plain_user, UserFactory])
@pytest.mark.parametrize(
    ("method", "url"), [("get", UPLOAD), ("get", TEMPLATE), ("post", UPLOAD), ("post", CONFIRM)]
)
def test_everyone_but_the_office_gets_403(client, unit, make_user, method, url):
    client.force_login(make_user())

    response = getattr(client, method)(url, {"file": xlsx([row("CB001")])} if method == "post" else {})

    assert response.status_code == 403
    assert not Person.objects.filter(staff_code="CB001").exists()


# ---------------------------------------------------------------------------
# Template
# ---------------------------------------------------------------------------
def test_template_download_opens_with_headers_and_units(office_client, unit):
    response = office_client.get(TEMPLATE)

    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.spreadsheetml")
    assert "attachment" in response["Content-Disposition"]
    wb = load_workbook(io.BytesIO(response.content))
    assert [c.value for c in wb["Cán bộ"][1]] == STAFF_IMPORT_HEADERS
    assert ("BVDK", "Bệnh viện Đa khoa tỉnh") in [
        r[:2] for r in wb["Đơn vị"].iter_rows(min_row=2, values_only=True)
    ]


def test_upload_page_links_the_template(office_client):
    response = office_client.get(UPLOAD)

    assert response.status_code == 200
    assert TEMPLATE in response.content.decode()


# ---------------------------------------------------------------------------
# Upload and preview
# ---------------------------------------------------------------------------
def test_upload_shows_a_preview_and_imports_nothing_yet(office_client, unit):
    page = preview(office_client, upload(office_client, xlsx([row("CB001"), row("CB002")])))

    body = page.content.decode()
    assert page.status_code == 200
    assert page.context["report"].new_count == 2
    assert "Cả 2 dòng đều hợp lệ" in body
    assert not Person.objects.exists()


def test_preview_lists_row_errors_in_vietnamese(office_client, unit):
    page = preview(
        office_client, upload(office_client, xlsx([row("CB001"), row("CB002", birth="31/02/1980")]))
    )

    body = page.content.decode()
    assert "Ngày sinh &#x27;31/02/1980&#x27; không hợp lệ" in body
    assert "Chỉ nhập các dòng hợp lệ" in body
    assert [r.number for r in page.context["report"].invalid_rows] == [3]


def test_text_file_renamed_xlsx_is_refused_on_the_form(office_client):
    response = upload(office_client, SimpleUploadedFile("danh-sach.xlsx", "Mã cán bộ,Họ và tên\n".encode()))

    assert response.status_code == 200
    assert "không phải là tệp Excel .xlsx" in response.content.decode()
    assert SESSION_KEY not in office_client.session


def test_other_extension_is_refused(office_client, unit):
    response = upload(office_client, xlsx([row("CB001")], name="can-bo.csv"))

    assert "Chỉ nhận tệp Excel .xlsx" in response.content.decode()


def test_empty_file_is_refused(office_client):
    response = upload(office_client, SimpleUploadedFile("rong.xlsx", b""))

    assert "Tệp rỗng" in response.content.decode()


def test_oversized_file_is_refused(office_client, unit, settings):
    settings.UPLOAD_MAX_BYTES = 1024

    response = upload(office_client, xlsx([row(f"CB{n:03d}") for n in range(50)]))

    assert response.status_code == 200
    assert "Tệp quá lớn" in response.content.decode()


def test_missing_columns_are_named_on_the_form(office_client):
    file = SimpleUploadedFile(
        "x.xlsx", make_staff_xlsx([["CB001", "An"]], headers=["Mã cán bộ", "Họ và tên"])
    )

    response = upload(office_client, file)

    assert "Tệp thiếu cột bắt buộc: Giới tính, Mã đơn vị" in response.content.decode()


def test_someone_else_cannot_preview_my_upload(office_client, unit):
    response = upload(office_client, xlsx([row("CB001")]))
    colleague = Client()
    colleague.force_login(make_office_user())

    page = colleague.get(response.url, follow=True)

    assert "report" not in page.context
    assert "hết hạn" in page.content.decode()


# ---------------------------------------------------------------------------
# Confirm
# ---------------------------------------------------------------------------
def test_confirm_imports_and_goes_to_the_staff_list(office_client, unit):
    page = preview(office_client, upload(office_client, xlsx([row("CB001"), row("CB002")])))

    response = office_client.post(CONFIRM, confirm_data(page), follow=True)

    assert response.redirect_chain[-1][0] == reverse("units:person-list")
    assert "Đã nhập 2 cán bộ mới, cập nhật 0 cán bộ." in response.content.decode()
    assert Person.objects.count() == 2
    assert SESSION_KEY not in office_client.session


def test_confirm_with_an_invalid_row_imports_nothing_without_valid_only(office_client, unit):
    page = preview(office_client, upload(office_client, xlsx([row("CB001"), row("CB002", unit="KHONGCO")])))

    response = office_client.post(CONFIRM, confirm_data(page), follow=True)

    assert "Tệp còn 1 dòng lỗi" in response.content.decode()
    assert not Person.objects.exists()


def test_confirm_with_valid_only_imports_the_valid_rows(office_client, unit):
    page = preview(office_client, upload(office_client, xlsx([row("CB001"), row("CB002", unit="KHONGCO")])))

    response = office_client.post(CONFIRM, confirm_data(page, valid_only="on"), follow=True)

    assert "Đã nhập 1 cán bộ mới, cập nhật 0 cán bộ. Bỏ qua 1 dòng lỗi." in response.content.decode()
    assert list(Person.objects.values_list("staff_code", flat=True)) == ["CB001"]


def test_update_existing_ticked_on_upload_updates(office_client, unit):
    PersonFactory(staff_code="CB001", full_name="Tên Cũ", unit=unit)
    page = preview(
        office_client,
        upload(office_client, xlsx([row("CB001", "Tên Mới"), row("CB002")]), update_existing="on"),
    )

    response = office_client.post(CONFIRM, confirm_data(page), follow=True)

    assert "Đã nhập 1 cán bộ mới, cập nhật 1 cán bộ." in response.content.decode()
    assert Person.objects.get(staff_code="CB001").full_name == "Tên Mới"


def test_existing_code_without_update_is_reported_and_can_be_rechecked(office_client, unit):
    PersonFactory(staff_code="CB001", full_name="Tên Cũ", unit=unit)
    response = upload(office_client, xlsx([row("CB001", "Tên Mới")]))
    first = preview(office_client, response)

    rechecked = office_client.get(
        UPLOAD, {"t": first.context["recheck_form"]["t"].value(), "update_existing": "on"}
    )

    assert "đã tồn tại" in first.content.decode()
    assert "confirm_form" in first.context and not first.context["report"].valid_rows
    assert rechecked.context["report"].update_count == 1


def test_data_changed_since_the_preview_sends_back_to_the_preview(office_client, unit):
    page = preview(office_client, upload(office_client, xlsx([row("CB001"), row("CB002")])))
    PersonFactory(staff_code="CB002", unit=unit)

    response = office_client.post(CONFIRM, confirm_data(page), follow=True)

    assert "Dữ liệu đã thay đổi kể từ lúc kiểm tra" in response.content.decode()
    assert response.context["report"].error_count == 1
    assert list(Person.objects.values_list("staff_code", flat=True)) == ["CB002"]


def test_confirm_twice_imports_once(office_client, unit):
    page = preview(office_client, upload(office_client, xlsx([row("CB001")])))
    office_client.post(CONFIRM, confirm_data(page))

    response = office_client.post(CONFIRM, confirm_data(page), follow=True)

    assert "hết hạn" in response.content.decode()
    assert Person.objects.count() == 1


def test_get_on_confirm_changes_nothing(office_client, unit):
    preview(office_client, upload(office_client, xlsx([row("CB001")])))

    response = office_client.get(CONFIRM)

    assert response.status_code == 405
    assert not Person.objects.exists()


@pytest.mark.django_db
def test_the_staff_list_offers_the_import_to_the_office_only(client):
    from tests.factories import make_office_user, make_unit_head

    client.force_login(make_office_user())
    office_page = client.get(reverse("units:person-list")).content.decode()
    client.force_login(make_unit_head())
    head_page = client.get(reverse("units:person-list")).content.decode()

    assert reverse("units:staff-import") in office_page
    assert reverse("units:staff-import") not in head_page
