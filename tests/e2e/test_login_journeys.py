import pytest
from playwright.sync_api import expect

from tests.factories import UserFactory, make_council_member, make_office_user, make_unit_head

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_office_staff_logs_in_and_sees_the_office_home(login):
    make_office_user(username="vanphong")

    page = login("vanphong")

    expect(page.locator("#section-office")).to_contain_text("Thường trực TĐKT")
    expect(page.locator("#section-unit_head")).to_have_count(0)


def test_unit_head_sees_their_unit_on_the_home_page(login):
    head = make_unit_head(username="bvdk")

    page = login("bvdk")

    expect(page.locator("#section-unit_head")).to_be_visible()
    expect(page.get_by_text(head.head_of_unit.name).first).to_be_visible()


def test_council_member_home_and_logout(login, live_server):
    make_council_member(username="hoidong")
    page = login("hoidong")
    expect(page.locator("#section-council")).to_be_visible()

    page.locator("#user-menu").click()
    page.get_by_role("button", name="Đăng xuất").click()

    expect(page).to_have_url(f"{live_server.url}/accounts/login/")


def test_a_locked_account_gets_the_one_message_of_a_failed_login(login):
    UserFactory(username="nghiviec", is_active=False)

    page = login("nghiviec")

    expect(
        page.get_by_text("Tên đăng nhập hoặc mật khẩu không đúng, hoặc tài khoản đã bị khóa.")
    ).to_be_visible()


def test_switching_to_english_and_back(login):
    make_office_user(username="vanphong")
    page = login("vanphong")

    page.select_option("#language-select", "en")
    page.get_by_role("button", name="Đổi").click()

    expect(page.locator("html")).to_have_attribute("lang", "en")
