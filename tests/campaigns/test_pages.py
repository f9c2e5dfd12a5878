"""Every page of the app renders for the roles that use it (with data on it)."""

import pytest
from django.urls import reverse

from campaigns.demo import demo_campaigns_load
from campaigns.models import Campaign, CriteriaSet, RegistrationRound
from tests.factories import (
    ClusterFactory,
    RegistrationFactory,
    add_cluster_member,
    add_collective_line,
    add_individual_line,
    make_office_user,
    make_unit_head,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    demo_campaigns_load(year=2026)
    head = make_unit_head()
    add_cluster_member(ClusterFactory(year=2026), head.head_of_unit)
    round_ = RegistrationRound.objects.get()
    reg = RegistrationFactory(round=round_, unit=head.head_of_unit, returned=True)
    add_individual_line(reg)
    add_collective_line(reg)
    return {
        "head": head,
        "office": make_office_user(),
        "campaign": Campaign.objects.get(),
        "round": round_,
        "reg": reg,
        "set": CriteriaSet.objects.get(),
    }


def _urls(w):
    c, r, reg, cs = w["campaign"].pk, w["round"].pk, w["reg"].pk, w["set"].pk
    unit = w["head"].head_of_unit.pk
    return {
        "office": [
            reverse("home"),
            reverse("campaigns:list"),
            reverse("campaigns:create"),
            reverse("campaigns:detail", args=[c]),
            reverse("campaigns:catalog"),
            reverse("campaigns:round-list"),
            reverse("campaigns:round-create"),
            reverse("campaigns:round-detail", args=[r]),
            reverse("campaigns:round-update", args=[r]),
            reverse("campaigns:consolidated", args=[r]),
            reverse("campaigns:consolidated-xlsx", args=[r]),
            reverse("campaigns:registration-list"),
            reverse("campaigns:registration-detail", args=[reg]),
            reverse("campaigns:registration-edit", args=[reg]),
            reverse("campaigns:criteria-list"),
            reverse("campaigns:criteria-create"),
            reverse("campaigns:criteria-detail", args=[cs]),
            reverse("campaigns:criteria-update", args=[cs]),
            reverse("campaigns:score-assess", args=[cs, unit]),
            reverse("campaigns:ranking", args=[cs]),
            reverse("campaigns:ranking-xlsx", args=[cs]),
        ],
        "head": [
            reverse("home"),
            reverse("campaigns:list"),
            reverse("campaigns:detail", args=[c]),
            reverse("campaigns:catalog"),
            reverse("campaigns:round-list"),
            reverse("campaigns:round-detail", args=[r]),
            reverse("campaigns:registration-list"),
            reverse("campaigns:registration-detail", args=[reg]),
            reverse("campaigns:registration-edit", args=[reg]),
            reverse("campaigns:criteria-list"),
            reverse("campaigns:criteria-detail", args=[cs]),
            reverse("campaigns:score-self", args=[cs]),
            reverse("campaigns:ranking", args=[cs]),
        ],
    }


@pytest.mark.parametrize("role", ["office", "head"])
def test_every_page_renders_for_its_roles(client, world, role):
    client.force_login(world[role])

    failures = [(url, client.get(url).status_code) for url in _urls(world)[role]]

    assert [f for f in failures if f[1] != 200] == []


def test_the_catalog_page_says_which_values_are_unconfirmed(client, world):
    client.force_login(world["head"])

    body = client.get(reverse("campaigns:catalog")).content.decode()

    assert "chưa xác nhận — Thường trực kiểm tra theo quy định của tỉnh" in body
    assert "Chiến sĩ thi đua cấp tỉnh" in body  # an old name, shown with its current award


def test_the_unit_head_home_shows_the_returned_registration(client, world):
    client.force_login(world["head"])

    body = client.get(reverse("home")).content.decode()

    assert "Đăng ký thi đua của đơn vị" in body
    assert "xem lý do và sửa" in body


def test_the_admin_lists_campaign_data_for_the_office(client, world):
    client.force_login(world["office"])

    for url in [
        "/admin/campaigns/campaign/",
        f"/admin/campaigns/campaign/{world['campaign'].pk}/change/",
        "/admin/campaigns/registrationround/",
        "/admin/campaigns/criteriaset/",
        "/admin/campaigns/registration/",
        f"/admin/campaigns/registration/{world['reg'].pk}/change/",
    ]:
        assert client.get(url).status_code == 200, url
