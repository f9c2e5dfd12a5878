import datetime

import pytest
from django.core.exceptions import ValidationError

from campaigns.demo import ITEMS, THEME, demo_campaigns_load
from campaigns.models import Campaign, CriteriaSet, RegistrationRound
from campaigns.selectors import campaign_timeline
from tests.factories import CampaignFactory, RegistrationRoundFactory, UnitFactory

pytestmark = pytest.mark.django_db


def test_a_campaign_ending_before_it_starts_is_invalid_in_vietnamese():
    campaign = CampaignFactory.build(
        start_date=datetime.date(2026, 5, 1), end_date=datetime.date(2026, 4, 30)
    )

    with pytest.raises(ValidationError) as exc:
        campaign.full_clean()

    assert (
        "Ngày kết thúc (30/04/2026) không được trước ngày bắt đầu (01/05/2026)."
        in exc.value.message_dict["end_date"]
    )


def test_a_review_before_the_start_is_invalid():
    campaign = CampaignFactory.build(
        start_date=datetime.date(2026, 5, 1), review_date=datetime.date(2026, 1, 1)
    )

    with pytest.raises(ValidationError) as exc:
        campaign.full_clean()

    assert "review_date" in exc.value.message_dict


def test_a_round_deadline_before_its_opening_is_invalid():
    round_ = RegistrationRoundFactory.build(
        opens_on=datetime.date(2026, 3, 1), deadline=datetime.date(2026, 2, 1)
    )

    with pytest.raises(ValidationError, match="Hạn đăng ký không được trước"):
        round_.full_clean()


def test_the_timeline_is_in_date_order():
    campaign = CampaignFactory(
        start_date=datetime.date(2026, 1, 1),
        end_date=datetime.date(2026, 12, 31),
        review_date=datetime.date(2026, 6, 30),
    )
    RegistrationRoundFactory(campaign=campaign, deadline=datetime.date(2026, 2, 1))

    kinds = [e.kind for e in campaign_timeline(campaign)]

    assert kinds == ["start", "deadline", "review", "end"]


def test_the_demo_campaign_carries_seed_002_items_in_order_and_loads_once():
    UnitFactory(code="VP-SYT", name="Văn phòng Sở")

    first = demo_campaigns_load(year=2026)
    second = demo_campaigns_load(year=2026)

    campaign = Campaign.objects.get(name=THEME)
    assert first == {"phong trào": 1, "đợt đăng ký": 1, "bộ tiêu chí": 1}
    assert second == {"phong trào": 0, "đợt đăng ký": 0, "bộ tiêu chí": 0}
    assert [i.label for i in campaign.items.all()] == ["a)", "b)", "c)", "d)", "đ)"]
    assert [i.text for i in campaign.items.all()] == [text for _label, text in ITEMS]
    assert campaign.items.first().text.startswith("Đẩy mạnh phong trào thi đua yêu nước")
    assert "Kế hoạch số 216/KH-UBND ngày 17/6/2024" in campaign.parent_text
    assert [d.assignee_label for d in campaign.duties.all()] == [
        "Văn phòng Sở Y tế",
        "Trung tâm Kiểm soát bệnh tật",
        "Các phòng chuyên môn và các cơ quan, đơn vị trực thuộc Sở Y tế",
    ]
    assert campaign.duties.first().unit.code == "VP-SYT"
    assert (campaign.start_date, campaign.end_date) == (datetime.date(2024, 7, 1), datetime.date(2025, 6, 30))
    assert RegistrationRound.objects.count() == 1
    assert CriteriaSet.objects.get().criteria.filter(parent__isnull=True).count() == 3


def test_a_campaign_launched_by_a_plan_links_to_it(client):
    from plans.models import Plan
    from tests.factories import make_office_user

    plan = Plan.objects.create(title="Kế hoạch phát động phong trào thi đua chuyên đề", year=2026)
    campaign = CampaignFactory(plan=plan, document_number="99/CV-SYT")
    client.force_login(make_office_user())

    body = client.get(campaign.get_absolute_url()).content.decode()

    assert campaign.launching_document == str(plan)
    assert plan.get_absolute_url() in body
    assert "99/CV-SYT" not in body
