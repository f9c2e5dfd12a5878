import pytest
from django.urls import reverse

from tests.factories import (
    PersonFactory,
    UnitFactory,
    make_cluster,
    make_council_member,
    make_office_user,
    make_plain_user,
    make_unit_head,
)
from tests.queries import page_queries
from units import services
from units.concurrency import version_token
from units.enums import UnitKind
from units.models import Unit

pytestmark = pytest.mark.django_db


def unit_data(unit=None, **overrides):
    data = {
        "code": unit.code if unit else "BV-MOI",
        "name": unit.name if unit else "Bệnh viện mới",
        "short_name": unit.short_name if unit else "BVM",
        "kind": unit.kind if unit else UnitKind.HOSPITAL,
        "parent": (unit.parent_id or "") if unit else "",
        "valid_from": "",
        "valid_to": "",
        "address": "",
        "email": "",
        "phone": "",
        "order": 0,
    }
    if unit is not None:
        data["seen_updated_at"] = version_token(unit.updated_at)
    data.update(overrides)
    return data


# --- access -------------------------------------------------------------------------------------
def test_unit_list_sends_anonymous_users_to_the_login_page(client):
    response = client.get(reverse("units:list"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_unit_list_is_refused_to_a_user_without_a_role(client):
    client.force_login(make_plain_user())

    response = client.get(reverse("units:list"))

    assert response.status_code == 403


def test_unit_list_query_count_does_not_grow_with_the_rows(client):
    client.force_login(make_office_user())
    url = reverse("units:list")
    PersonFactory(unit=UnitFactory(parent=UnitFactory()))
    one = page_queries(client, url)

    for _ in range(2):
        PersonFactory(unit=UnitFactory(parent=UnitFactory()))
    three = page_queries(client, url)

    assert one == three


def test_unit_list_for_a_unit_head_shows_own_unit_and_sub_units_only(client):
    UnitFactory(name="Bệnh viện Láng giềng")
    own = UnitFactory(name="Bệnh viện Của tôi")
    UnitFactory(name="Khoa Nhi của tôi", parent=own)
    client.force_login(make_unit_head(own))

    body = client.get(reverse("units:list")).content.decode()

    assert "Bệnh viện Của tôi" in body
    assert "Khoa Nhi của tôi" in body
    assert "Bệnh viện Láng giềng" not in body


def test_unit_list_searches_name_code_and_short_name(client):
    UnitFactory(name="Bệnh viện Phổi", code="BV-PHOI", short_name="BVP")
    UnitFactory(name="Trung tâm Kiểm soát bệnh tật", code="CDC", short_name="CDC")
    client.force_login(make_office_user())

    by_code = client.get(reverse("units:list"), {"q": "bv-phoi"}).content.decode()
    by_name = client.get(reverse("units:list"), {"q": "Kiểm soát"}).content.decode()

    assert "Bệnh viện Phổi" in by_code and "Trung tâm Kiểm soát" not in by_code
    assert "Trung tâm Kiểm soát" in by_name and "Bệnh viện Phổi" not in by_name


def test_unit_list_filters_by_kind_active_and_parent(client):
    hospital = UnitFactory(name="Bệnh viện Đa khoa", kind=UnitKind.HOSPITAL)
    UnitFactory(name="Khoa Cấp cứu", parent=hospital, department=True)
    UnitFactory(name="Khoa Đã giải thể", parent=hospital, department=True, inactive=True)
    UnitFactory(name="Trung tâm Y tế huyện", kind=UnitKind.HEALTH_CENTRE)
    client.force_login(make_office_user())

    body = client.get(
        reverse("units:list"), {"kind": UnitKind.SUB_UNIT, "active": "true", "parent": hospital.pk}
    ).content.decode()

    assert "Khoa Cấp cứu" in body
    assert "Khoa Đã giải thể" not in body
    assert "Trung tâm Y tế huyện" not in body


def test_unit_list_pagination_keeps_the_filter_in_the_links(client, settings):
    settings.PAGINATE_BY = 2
    for i in range(3):
        UnitFactory(name=f"Bệnh viện số {i}", kind=UnitKind.HOSPITAL)
    client.force_login(make_office_user())

    response = client.get(reverse("units:list"), {"kind": UnitKind.HOSPITAL})

    assert len(response.context["units"]) == 2
    assert "?kind=hospital&amp;page=2" in response.content.decode()


# --- detail -------------------------------------------------------------------------------------
def test_unit_detail_shows_sub_units_clusters_and_staff_count(client):
    unit = UnitFactory(name="Bệnh viện Đa khoa")
    UnitFactory(name="Khoa Hồi sức", parent=unit)
    PersonFactory.create_batch(2, unit=unit)
    make_cluster(year=2026, name="Cụm các bệnh viện tuyến tỉnh", members=[unit], leader=unit)
    client.force_login(make_office_user())

    body = client.get(reverse("units:detail", args=[unit.pk])).content.decode()

    assert "Khoa Hồi sức" in body
    assert "Cụm các bệnh viện tuyến tỉnh" in body
    assert "Trưởng cụm/khối" in body
    assert "2 cán bộ đang công tác" in body


def test_unit_detail_of_another_unit_is_a_404_for_a_unit_head(client):
    other = UnitFactory()
    client.force_login(make_unit_head())

    response = client.get(reverse("units:detail", args=[other.pk]))

    assert response.status_code == 404


def test_council_member_sees_a_unit_without_edit_buttons(client):
    unit = UnitFactory()
    client.force_login(make_council_member())

    response = client.get(reverse("units:detail", args=[unit.pk]))

    assert response.status_code == 200
    assert reverse("units:edit", args=[unit.pk]) not in response.content.decode()


def test_unit_detail_history_shows_what_changed_and_who_changed_it(client):
    office = make_office_user(first_name="Hoa", last_name="Nguyễn")
    unit = UnitFactory(name="Tên cũ")
    unit = Unit.objects.get(pk=unit.pk)
    unit.name = "Tên mới"
    services.unit_save(unit, by=office)
    client.force_login(office)

    body = client.get(reverse("units:detail", args=[unit.pk])).content.decode()

    assert "Tên cũ → Tên mới" in body
    assert office.get_full_name() in body


# --- create, edit -------------------------------------------------------------------------------
def test_office_creates_a_unit_and_is_redirected_with_a_message(client):
    office = make_office_user()
    client.force_login(office)

    response = client.post(reverse("units:create"), unit_data(), follow=True)

    unit = Unit.objects.get(code="BV-MOI")
    assert response.redirect_chain[-1][0] == unit.get_absolute_url()
    assert "Đã thêm đơn vị Bệnh viện mới." in response.content.decode()
    assert unit.history.latest().history_user == office


def test_unit_form_with_errors_keeps_the_input_and_says_why_in_vietnamese(client):
    UnitFactory(code="TRUNG")
    client.force_login(make_office_user())

    response = client.post(reverse("units:create"), unit_data(code="TRUNG", name="Tên tôi đã gõ"))

    body = response.content.decode()
    assert response.status_code == 200
    assert "Mã đơn vị này đã được dùng cho một đơn vị khác." in body
    assert "Tên tôi đã gõ" in body


def test_unit_create_and_edit_are_refused_to_a_unit_head(client):
    head = make_unit_head()
    client.force_login(head)

    create = client.post(reverse("units:create"), unit_data())
    edit = client.post(reverse("units:edit", args=[head.head_of_unit_id]), unit_data(head.head_of_unit))

    assert (create.status_code, edit.status_code) == (403, 403)
    assert not Unit.objects.filter(code="BV-MOI").exists()


def test_unit_edit_detects_a_concurrent_change_and_keeps_the_users_input(client):
    office, colleague = make_office_user(), make_office_user(first_name="Bình", last_name="Trần")
    unit = UnitFactory(name="Tên ban đầu")
    form_data = unit_data(unit, name="Tên tôi gõ")  # the version seen when the page was loaded
    meanwhile = Unit.objects.get(pk=unit.pk)
    meanwhile.name = "Tên đồng nghiệp sửa"
    services.unit_save(meanwhile, by=colleague)
    client.force_login(office)

    response = client.post(reverse("units:edit", args=[unit.pk]), form_data)

    body = response.content.decode()
    assert response.status_code == 200
    assert "Bản ghi này vừa được người khác sửa lúc" in body
    assert "Bình" in body
    assert 'value="Tên tôi gõ"' in body
    assert Unit.objects.get(pk=unit.pk).name == "Tên đồng nghiệp sửa"


def test_unit_edit_after_a_conflict_saves_on_the_second_submit(client):
    office = make_office_user()
    unit = UnitFactory()
    form_data = unit_data(unit, name="Tên tôi gõ")
    services.unit_save(Unit.objects.get(pk=unit.pk), by=office)
    client.force_login(office)
    conflict = client.post(reverse("units:edit", args=[unit.pk]), form_data)

    resubmit = client.post(
        reverse("units:edit", args=[unit.pk]),
        {**form_data, "seen_updated_at": conflict.context["form"]["seen_updated_at"].value()},
    )

    assert resubmit.status_code == 302
    assert Unit.objects.get(pk=unit.pk).name == "Tên tôi gõ"


def test_unit_edit_cannot_make_a_unit_its_own_parent(client):
    parent = UnitFactory()
    child = UnitFactory(parent=parent)
    client.force_login(make_office_user())

    response = client.post(reverse("units:edit", args=[parent.pk]), unit_data(parent, parent=child.pk))

    assert response.status_code == 200
    assert Unit.objects.get(pk=parent.pk).parent_id is None


# --- deactivate ---------------------------------------------------------------------------------
def test_unit_deactivate_get_asks_and_changes_nothing(client):
    unit = UnitFactory()
    client.force_login(make_office_user())

    response = client.get(reverse("units:deactivate", args=[unit.pk]))

    assert response.status_code == 200
    assert "ngừng hoạt động" in response.content.decode()
    assert Unit.objects.get(pk=unit.pk).active


def test_unit_deactivate_post_deactivates_and_a_repeat_is_a_no_op(client):
    unit = UnitFactory()
    client.force_login(make_office_user())
    url = reverse("units:deactivate", args=[unit.pk])

    first = client.post(url, follow=True)
    records = unit.history.count()
    second = client.post(url, follow=True)

    assert not Unit.objects.get(pk=unit.pk).active
    assert Unit.objects.filter(pk=unit.pk).exists()
    assert "đã ngừng hoạt động." in first.content.decode()
    assert "đã ngừng hoạt động từ trước" in second.content.decode()
    assert unit.history.count() == records


def test_unit_deactivate_is_refused_to_a_council_member(client):
    unit = UnitFactory()
    client.force_login(make_council_member())

    response = client.post(reverse("units:deactivate", args=[unit.pk]))

    assert response.status_code == 403
    assert Unit.objects.get(pk=unit.pk).active
