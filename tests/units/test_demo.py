import io

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from units.demo import LOGINS, demo_load
from units.enums import ClusterRole, UnitKind
from units.models import Agency, Cluster, ClusterMembership, Person, Unit, User

pytestmark = pytest.mark.django_db

SNAPSHOT_MODELS = [Agency, Unit, Cluster, ClusterMembership, Person, User]


@pytest.fixture
def demo():
    return demo_load()


def counts_of_every_model():
    tables = set(connection.introspection.table_names())
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.db_table in tables
    }


def snapshot():
    return {
        model._meta.label: sorted(model._default_manager.values_list(), key=repr) for model in SNAPSHOT_MODELS
    }


def test_loading_twice_creates_nothing_the_second_time(demo):
    counts, values = counts_of_every_model(), snapshot()

    second = demo_load()

    assert demo["persons"] > 0 and demo["units"] > 0 and demo["users"] == len(LOGINS)
    assert set(second.values()) == {0}
    assert counts_of_every_model() == counts
    assert snapshot() == values


def test_the_data_is_the_same_on_every_load(demo):
    first = sorted(Person.objects.values_list("staff_code", "full_name", "birth_date", "position", "rank"))
    Person.objects.all().delete()
    User.objects.update(person=None)

    demo_load()

    assert (
        sorted(Person.objects.values_list("staff_code", "full_name", "birth_date", "position", "rank"))
        == first
    )


def test_about_three_hundred_staff_with_vietnamese_names(demo):
    names = list(Person.objects.values_list("full_name", flat=True))

    assert 280 <= len(names) <= 320
    assert any(name.startswith("Nguyễn ") for name in names)
    assert any(" Thị " in name for name in names)
    assert all(len(name.split()) >= 3 for name in names)
    assert len(set(Person.objects.values_list("staff_code", flat=True))) == len(names)


def test_the_agency_is_the_dong_nai_health_department(demo):
    agency = Agency.load()

    assert (agency.name, agency.short_name) == ("Sở Y tế", "SYT")
    assert agency.governing_body == "UBND tỉnh Đồng Nai"
    assert agency.place_name == "Đồng Nai"
    assert agency.letterhead.splitlines() == ["UBND TỈNH ĐỒNG NAI", "SỞ Y TẾ"]
    assert agency.signer_name == Person.objects.get(position="Giám đốc Sở").full_name


def test_an_edited_agency_is_left_alone():
    Agency.objects.create(name="Sở Y tế", governing_body="UBND tỉnh Bình Phước", place_name="Bình Phước")

    demo_load()

    agency = Agency.load()
    assert Agency.objects.count() == 1
    assert (agency.governing_body, agency.place_name) == ("UBND tỉnh Bình Phước", "Bình Phước")
    assert agency.letterhead == "" and agency.signer_name == ""


def test_a_bare_agency_row_is_filled_in():
    Agency.load()  # what the first page view does before the demo is loaded

    demo_load()

    agency = Agency.load()
    assert Agency.objects.count() == 1
    assert agency.governing_body == "UBND tỉnh Đồng Nai" and agency.letterhead


def test_units_of_every_kind_and_sub_units_under_a_hospital(demo):
    kinds = set(Unit.objects.values_list("kind", flat=True))
    hospital = Unit.objects.get(code="BVDK-DN")

    assert kinds == set(UnitKind.values) - {UnitKind.OTHER}
    assert hospital.name == "Bệnh viện Đa khoa Đồng Nai"
    assert hospital.kind == UnitKind.HOSPITAL
    assert "Khoa Hồi sức tích cực - Chống độc" in set(hospital.children.values_list("name", flat=True))
    assert not Unit.objects.filter(kind=UnitKind.SUB_UNIT, parent__isnull=True).exists()
    assert Unit.objects.get(code="TTYT-BH").name == "Trung tâm Y tế thành phố Biên Hòa"
    assert Unit.objects.filter(kind=UnitKind.HEALTH_CENTRE).count() == 11


def test_every_top_level_unit_is_in_exactly_one_cluster_of_the_year(demo):
    year = timezone.localdate().year

    for unit in Unit.objects.top_level():
        assert ClusterMembership.objects.filter(unit=unit, cluster__year=year).count() == 1, unit.name
    assert not ClusterMembership.objects.filter(unit__parent__isnull=False).exists()


def test_every_cluster_has_one_leader_and_one_deputy(demo):
    clusters = Cluster.objects.filter(year=timezone.localdate().year).prefetch_related("memberships")

    assert clusters.count() == 4
    for cluster in clusters:
        roles = sorted(m.role for m in cluster.memberships.all() if m.role != ClusterRole.MEMBER)
        assert roles == [ClusterRole.DEPUTY, ClusterRole.LEADER], cluster.name


def test_clusters_of_another_year_and_rotating_leaders():
    demo_load(year=2025)
    demo_load(year=2026)

    leaders = {
        year: Cluster.objects.get(year=year, name="Khối bệnh viện tuyến tỉnh").leader for year in (2025, 2026)
    }
    assert leaders[2025] != leaders[2026]


def test_logins_are_linked_to_their_people_and_units(demo):
    bvdk = User.objects.get(username="bvdk")
    ttytbh = User.objects.get(username="ttytbh")
    vanphong = User.objects.get(username="vanphong")
    hoidong = User.objects.get(username="hoidong")
    admin = User.objects.get(username="admin")

    assert bvdk.head_of_unit.code == "BVDK-DN" and bvdk.person.position == "Giám đốc"
    assert bvdk.person.unit == bvdk.head_of_unit
    assert ttytbh.head_of_unit.code == "TTYT-BH" and ttytbh.person.position == "Giám đốc"
    assert vanphong.is_office_staff and vanphong.is_staff and vanphong.person.unit.code == "VP-SYT"
    assert hoidong.is_council_member and hoidong.person.position == "Phó Giám đốc Sở"
    assert admin.is_superuser and admin.is_staff


@pytest.mark.parametrize(
    ("username", "section"),
    [
        ("admin", "section-admin"),
        ("vanphong", "section-office"),
        ("bvdk", "section-unit_head"),
        ("ttytbh", "section-unit_head"),
        ("hoidong", "section-council"),
    ],
)
def test_each_demo_login_signs_in_with_the_demo_password(client, demo, username, section):
    response = client.post(
        reverse("login"), {"username": username, "password": settings.DEMO_PASSWORD}, follow=True
    )

    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == reverse("home")
    assert f'id="{section}"' in response.content.decode()


def test_a_changed_password_survives_a_reload(demo):
    user = User.objects.get(username="vanphong")
    user.set_password("Mat-khau-moi-2026")
    user.save()

    demo_load()

    user.refresh_from_db()
    assert user.check_password("Mat-khau-moi-2026")


def test_load_demo_command_reports_in_vietnamese():
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    call_command("load_demo", stdout=out)

    text = out.getvalue()
    assert "Đã nạp dữ liệu mẫu" in text and "cán bộ" in text
    assert "không tạo thêm bản ghi nào" in text


def test_demo_logins_prints_the_url_the_logins_and_the_password(demo):
    out = io.StringIO()
    call_command("demo_logins", "--url", "http://127.0.0.1:8000/", stdout=out)

    text = out.getvalue()
    assert "http://127.0.0.1:8000/" in text
    assert settings.DEMO_PASSWORD in text
    for login in LOGINS:
        assert login.username in text
    assert "Thủ trưởng đơn vị" in text and "Bệnh viện Đa khoa Đồng Nai" in text


def test_demo_logins_says_when_the_demo_is_not_loaded():
    out = io.StringIO()
    call_command("demo_logins", stdout=out)

    assert "load_demo" in out.getvalue()
