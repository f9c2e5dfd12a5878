import pytest
from playwright.sync_api import expect

from notifications import services
from tests.factories import make_unit_head

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_a_unit_head_reads_the_notifications_from_the_bell(login):
    head = make_unit_head(username="bvdk")
    for title in ("Nhắc việc: Gửi kế hoạch TĐKT năm 2022", "Kế hoạch 12/KH-SYT đã ban hành"):
        services.notify("plan_issued", to=head, title=title, url="/")
    page = login("bvdk")

    expect(page.locator("#notification-count")).to_have_text("2")
    page.locator("#notification-bell a").click()

    expect(page.locator("h1")).to_have_text("Thông báo")
    expect(page.locator("#notification-list")).to_contain_text("Gửi kế hoạch TĐKT năm 2022")
    expect(page.locator("#notification-list .list-group-item-primary")).to_have_count(2)
    page.get_by_role("button", name="Đánh dấu tất cả đã đọc").click()

    expect(page.get_by_text("Đã đánh dấu 2 thông báo là đã đọc.")).to_be_visible()
    expect(page.locator("#notification-count")).to_have_count(0)
    expect(page.locator("#notification-list .list-group-item-primary")).to_have_count(0)
