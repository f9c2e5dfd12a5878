"""Each role's inbox on the home page: the item appears with its count, its link leads to where
the work is done, and once done the item leaves the inbox."""

import datetime

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.utils import timezone
from playwright.sync_api import expect

from campaigns.models import Registration
from council.services import session_open_voting
from tests.factories import (
    RegistrationFactory,
    RegistrationRoundFactory,
    add_individual_line,
    make_admin,
    make_council_session,
    make_office_user,
    make_unit_head,
    make_verified_nomination,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def inbox_item(page, key):
    return page.locator(f'[data-inbox="{key}"]')


def soon():
    return timezone.localdate() + datetime.timedelta(days=5)


def test_the_office_accepts_a_registration_from_its_inbox(login, live_server):
    make_office_user(username="vanphong")
    registration = RegistrationFactory(submitted=True, round=RegistrationRoundFactory(deadline=soon()))
    add_individual_line(registration)

    page = login("vanphong")
    item = inbox_item(page, "registrations_to_accept")
    expect(item.locator("[data-count]")).to_have_text("1 việc")
    item.get_by_role("link").click()
    page.get_by_role("row").filter(has_text=registration.unit.name).get_by_role("link").first.click()
    page.get_by_role("button", name="Chấp nhận").click()
    expect(page.locator("#registration-status")).to_contain_text("Đã chấp nhận")

    page.goto(f"{live_server.url}/")
    expect(inbox_item(page, "registrations_to_accept")).to_have_count(0)
    assert Registration.objects.get(pk=registration.pk).status == "accepted"


def test_a_unit_head_sends_a_returned_registration_again_from_the_inbox(login, live_server):
    head = make_unit_head(username="bvdk")
    registration = RegistrationFactory(
        unit=head.head_of_unit, returned=True, round=RegistrationRoundFactory(deadline=soon())
    )
    add_individual_line(registration)

    page = login("bvdk")
    item = inbox_item(page, "registrations_returned")
    expect(item.locator("[data-count]")).to_have_text("1 việc")
    expect(item).to_contain_text("còn 5 ngày")
    item.get_by_role("link").click()
    page.get_by_role("row").filter(has_text=head.head_of_unit.name).get_by_role("link").first.click()
    page.get_by_role("link", name="Sửa bản đăng ký").click()
    page.get_by_role("button", name="Lưu và gửi đăng ký").click()
    expect(page.locator("#registration-status")).to_contain_text("Đã gửi, chờ duyệt")

    page.goto(f"{live_server.url}/")
    expect(inbox_item(page, "registrations_returned")).to_have_count(0)


def test_a_council_member_votes_from_the_inbox_and_the_item_leaves_it(login, live_server):
    office = make_office_user(username="vanphong")
    nominations = [make_verified_nomination("LDTT") for _ in range(2)]
    ctx = make_council_session(3, office=office, nominations=nominations)
    session_open_voting(ctx.session, by=office)
    member = ctx.members[0]
    key = f"vote_{ctx.session.pk}"

    page = login(member.username)
    item = inbox_item(page, key)
    expect(item).to_contain_text("Bỏ phiếu (còn 2)")
    item.get_by_role("link").click()
    for _ in nominations:
        agree = page.get_by_role("button", name="Đồng ý", exact=True)
        page.locator(".agenda-item").filter(has=agree).first.get_by_role(
            "button", name="Đồng ý", exact=True
        ).click()
        page.get_by_role("button", name="Xác nhận: Đồng ý").click()
        page.wait_for_load_state("networkidle")

    page.goto(f"{live_server.url}/")
    expect(inbox_item(page, key)).to_have_count(0)


def test_the_administrator_unlocks_a_login_from_the_inbox(login, live_server):
    make_admin(username="quantri")
    AccessAttempt.objects.create(
        username="bvdk",
        ip_address="203.0.113.7",
        user_agent="test",
        failures_since_start=settings.AXES_FAILURE_LIMIT,
        attempt_time=timezone.now(),
    )

    page = login("quantri")
    item = inbox_item(page, "locked_logins")
    expect(item.locator("[data-count]")).to_have_text("1 việc")
    item.get_by_role("link").click()
    expect(page.locator("#result_list")).to_contain_text("bvdk")
    page.locator("#action-toggle").check()
    page.locator("select[name=action]").select_option("delete_selected")
    page.locator("button[name=index]").click()
    page.locator("form input[type=submit]").first.click()

    page.goto(f"{live_server.url}/")
    expect(inbox_item(page, "locked_logins")).to_have_count(0)
    assert not AccessAttempt.objects.exists()
