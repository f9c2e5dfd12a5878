import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import (
    ClusterFactory,
    UnitFactory,
    make_cluster,
    make_office_user,
    make_unit_head,
)
from tests.queries import page_queries
from units import services
from units.concurrency import version_token
from units.enums import ClusterRole
from units.models import Cluster, ClusterMembership

pytestmark = pytest.mark.django_db


def cluster_data(members, leader=None, deputy=None, **overrides):
    data = {
        "name": "Cụm các bệnh viện tuyến tỉnh",
        "year": 2026,
        "description": "",
        "pact": "",
        "members": [u.pk for u in members],
        "leader": leader.pk if leader else "",
        "deputy": deputy.pk if deputy else "",
    }
    data.update(overrides)
    return data


def test_cluster_list_shows_the_current_year_with_members_leader_and_deputy(client):
    year = timezone.localdate().year
    leader, deputy = UnitFactory(name="Bệnh viện Trưởng"), UnitFactory(name="Bệnh viện Phó")
    make_cluster(
        year=year, name="Cụm năm nay", members=[leader, deputy, UnitFactory()], leader=leader, deputy=deputy
    )
    make_cluster(year=year - 1, name="Cụm năm trước")
    client.force_login(make_office_user())

    response = client.get(reverse("units:cluster-list"))

    body = response.content.decode()
    (row,) = response.context["clusters"]
    assert row.member_count == 3
    assert "Cụm năm nay" in body and "Cụm năm trước" not in body
    assert "Bệnh viện Trưởng" in body and "Bệnh viện Phó" in body


def test_cluster_list_filters_by_the_chosen_year(client):
    make_cluster(year=2024, name="Cụm 2024")
    make_cluster(year=2025, name="Cụm 2025")
    client.force_login(make_office_user())

    body = client.get(reverse("units:cluster-list"), {"year": 2024}).content.decode()

    assert "Cụm 2024" in body and "Cụm 2025" not in body
    # the year picker posts back what it shows: digits, not "2.024" (which the view would ignore)
    assert '<option value="2024" selected>2024</option>' in body
    assert "Cụm, khối thi đua năm 2024" in body


def test_cluster_list_query_count_does_not_grow_with_the_rows(client):
    client.force_login(make_office_user())
    url = reverse("units:cluster-list") + "?year=2026"
    make_cluster(
        year=2026, members=[UnitFactory(), UnitFactory()], leader=UnitFactory(), deputy=UnitFactory()
    )
    one = page_queries(client, url)

    for _ in range(2):
        make_cluster(year=2026, members=[UnitFactory()], leader=UnitFactory(), deputy=UnitFactory())
    three = page_queries(client, url)

    assert one == three


def test_office_creates_a_cluster_with_members_leader_and_deputy(client):
    a, b, c = UnitFactory(), UnitFactory(), UnitFactory()
    client.force_login(make_office_user())

    response = client.post(reverse("units:cluster-create"), cluster_data([a, b, c], leader=a, deputy=b))

    cluster = Cluster.objects.get(name="Cụm các bệnh viện tuyến tỉnh")
    assert response.status_code == 302
    assert response.url == cluster.get_absolute_url()
    roles = dict(ClusterMembership.objects.filter(cluster=cluster).values_list("unit_id", "role"))
    assert roles == {a.pk: ClusterRole.LEADER, b.pk: ClusterRole.DEPUTY, c.pk: ClusterRole.MEMBER}


def test_cluster_leader_must_be_a_member(client):
    a, outsider = UnitFactory(), UnitFactory()
    client.force_login(make_office_user())

    response = client.post(reverse("units:cluster-create"), cluster_data([a], leader=outsider))

    assert response.status_code == 200
    assert response.context["form"].errors["leader"] == [
        "Đơn vị trưởng cụm/khối phải là một đơn vị thành viên."
    ]
    assert not Cluster.objects.exists()


def test_cluster_leader_and_deputy_must_differ(client):
    a, b = UnitFactory(), UnitFactory()
    client.force_login(make_office_user())

    response = client.post(reverse("units:cluster-create"), cluster_data([a, b], leader=a, deputy=a))

    assert response.context["form"].errors["deputy"] == [
        "Đơn vị phó cụm/khối phải khác đơn vị trưởng cụm/khối."
    ]
    assert not Cluster.objects.exists()


def test_cluster_name_must_be_unique_within_a_year(client):
    ClusterFactory(year=2026, name="Cụm 1")
    client.force_login(make_office_user())

    response = client.post(reverse("units:cluster-create"), cluster_data([UnitFactory()], name="Cụm 1"))

    assert "Năm này đã có một cụm/khối cùng tên." in response.content.decode()
    assert Cluster.objects.count() == 1


def test_cluster_create_is_refused_to_a_unit_head(client):
    head = make_unit_head()
    client.force_login(head)

    response = client.post(reverse("units:cluster-create"), cluster_data([head.head_of_unit]))

    assert response.status_code == 403
    assert not Cluster.objects.exists()


def test_cluster_edit_detects_a_concurrent_change_and_saves_nothing(client):
    office = make_office_user()
    a, b = UnitFactory(), UnitFactory()
    cluster = make_cluster(year=2026, name="Cụm A", members=[a, b], leader=a)
    seen = version_token(cluster.updated_at)
    services.cluster_save(Cluster.objects.get(pk=cluster.pk), members=[a, b], leader=b, by=office)
    client.force_login(office)

    response = client.post(
        reverse("units:cluster-edit", args=[cluster.pk]),
        cluster_data([a], leader=a, name="Cụm A đổi tên", seen_updated_at=seen),
    )

    assert "Bản ghi này vừa được người khác sửa lúc" in response.content.decode()
    assert 'value="Cụm A đổi tên"' in response.content.decode()
    cluster.refresh_from_db()
    assert cluster.name == "Cụm A"
    assert cluster.leader == b
    assert cluster.memberships.count() == 2


def test_cluster_edit_form_starts_from_the_current_members_and_roles(client):
    a, b, c = UnitFactory(), UnitFactory(), UnitFactory()
    cluster = make_cluster(members=[a, b, c], leader=b, deputy=c)
    client.force_login(make_office_user())

    form = client.get(reverse("units:cluster-edit", args=[cluster.pk])).context["form"]

    assert set(form.initial["members"]) == {a.pk, b.pk, c.pk}
    assert (form.initial["leader"], form.initial["deputy"]) == (b.pk, c.pk)


def test_cluster_copy_get_changes_nothing_and_post_copies_once(client):
    make_cluster(year=2026, name="Cụm 1", members=[UnitFactory()])
    make_cluster(year=2026, name="Cụm 2", members=[UnitFactory()])
    client.force_login(make_office_user())
    url = reverse("units:cluster-copy")

    client.get(url, {"year": 2026})
    before = Cluster.objects.filter(year=2027).count()
    first = client.post(url, {"from_year": 2026, "to_year": 2027}, follow=True)
    second = client.post(url, {"from_year": 2026, "to_year": 2027}, follow=True)

    assert before == 0
    assert Cluster.objects.filter(year=2027).count() == 2
    assert "Đã sao chép 2 cụm/khối sang năm 2027; bỏ qua 0 cụm/khối đã có." in first.content.decode()
    assert "Đã sao chép 0 cụm/khối sang năm 2027; bỏ qua 2 cụm/khối đã có." in second.content.decode()


def test_cluster_copy_is_refused_to_a_unit_head(client):
    make_cluster(year=2026, name="Cụm 1", members=[UnitFactory()])
    client.force_login(make_unit_head())

    response = client.post(reverse("units:cluster-copy"), {"from_year": 2026, "to_year": 2027})

    assert response.status_code == 403
    assert not Cluster.objects.filter(year=2027).exists()


def test_cluster_deactivate_get_changes_nothing_post_deactivates_repeat_is_a_no_op(client):
    cluster = make_cluster(members=[UnitFactory()])
    client.force_login(make_office_user())
    url = reverse("units:cluster-deactivate", args=[cluster.pk])

    client.get(url)
    still_active = Cluster.objects.get(pk=cluster.pk).active
    client.post(url)
    records = cluster.history.count()
    repeat = client.post(url, follow=True)

    assert still_active
    assert not Cluster.objects.get(pk=cluster.pk).active
    assert cluster.history.count() == records
    assert "đã ngừng hoạt động từ trước" in repeat.content.decode()


def test_cluster_form_offers_active_top_level_units_only(client):
    hospital = UnitFactory(name="Bệnh viện Tuyến tỉnh")
    UnitFactory(name="Khoa Nội trú", parent=hospital)
    UnitFactory(name="Trung tâm Đã giải thể", inactive=True)
    client.force_login(make_office_user())

    form = client.get(reverse("units:cluster-create")).context["form"]

    assert list(form.fields["members"].queryset) == [hospital]


@pytest.mark.parametrize("year", ["abc", str(10**23), "-1", ""])
def test_copying_clusters_from_a_year_that_is_not_a_year_is_refused_at_the_field(client, year):
    from tests.factories import make_office_user

    client.force_login(make_office_user())

    response = client.post(reverse("units:cluster-copy"), {"from_year": year, "to_year": "2027"})

    assert response.status_code == 200
    assert response.context["form"].errors["from_year"]
