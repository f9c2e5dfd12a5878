"""Accent-free search and sortable columns in the browser: the office types "nguyen" in the
staff list's search box and sees "Nguyễn"; a click on a column header sorts the rows and says so."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import nav_click
from tests.factories import PersonFactory, UnitFactory, make_office_user

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_office_finds_nguyen_typed_without_accents_and_sorts_by_name(login):
    make_office_user(username="vanphong")
    ward = UnitFactory(name="Khoa Nội")
    for name in ("Nguyễn Thị Hằng", "Trần Văn Bình", "Đặng Nguyên Khôi"):
        PersonFactory(full_name=name, unit=ward)

    page = login("vanphong")
    nav_click(page, "Cán bộ")
    search = page.get_by_role("searchbox", name="Tìm kiếm")
    expect(search).to_be_visible()  # not folded away behind a button
    search.fill("nguyen")
    search.press("Enter")

    table = page.locator("#person-table")
    expect(table).to_contain_text("Nguyễn Thị Hằng")
    expect(table).to_contain_text("Đặng Nguyên Khôi")
    expect(table).not_to_contain_text("Trần Văn Bình")
    expect(page.get_by_role("searchbox", name="Tìm kiếm")).to_have_value("nguyen")

    page.locator("#person-table thead").get_by_role("link", name="Họ và tên").click()
    header = page.locator("#person-table th[aria-sort]")
    expect(header).to_have_attribute("aria-sort", "ascending")
    expect(page.locator("#person-table tbody tr").first).to_contain_text("Đặng Nguyên Khôi")
    page.locator("#person-table thead").get_by_role("link", name="Họ và tên").click()
    expect(header).to_have_attribute("aria-sort", "descending")
    expect(page.locator("#person-table tbody tr").first).to_contain_text("Nguyễn Thị Hằng")
    expect(page.get_by_role("searchbox", name="Tìm kiếm")).to_have_value("nguyen")  # the search stays
