import datetime

import pytest
from django.urls import reverse

from tests.factories import (
    PersonFactory,
    UnitFactory,
    UserFactory,
    make_council_member,
    make_office_user,
    make_unit_head,
)
from tests.queries import page_queries
from units import services
from units.concurrency import version_token
from units.enums import Gender
from units.models import Person

pytestmark = pytest.mark.django_db


def person_data(unit, person=None, **overrides):
    data = {
        "staff_code": person.staff_code if person else "CB-MOI",
        "full_name": person.full_name if person else "Nguyễn Thị Mai",
        "gender": person.gender if person else Gender.FEMALE,
        "birth_date": "27/01/1985",
        "unit": unit.pk,
        "position": "Điều dưỡng",
        "rank": "",
        "email": "",
        "phone": "",
        "joined_sector": "",
    }
    if person is not None:
        data["seen_updated_at"] = version_token(person.updated_at)
    data.update(overrides)
    return data


# --- list ---------------------------------------------------------------------------------------
def test_person_list_query_count_does_not_grow_with_the_rows(client):
    client.force_login(make_office_user())
    url = reverse("units:person-list")
    PersonFactory(unit=UnitFactory(parent=UnitFactory()))
    one = page_queries(client, url)

    PersonFactory(unit=UnitFactory(parent=UnitFactory()))
    UserFactory(person=PersonFactory())
    three = page_queries(client, url)

    assert one == three


def test_person_list_for_a_unit_head_shows_own_staff_only(client):
    PersonFactory(full_name="Người Đơn Vị Khác")
    head = make_unit_head()
    PersonFactory(full_name="Người Khoa Mình", unit=UnitFactory(parent=head.head_of_unit))
    client.force_login(head)

    body = client.get(reverse("units:person-list")).content.decode()

    assert "Người Khoa Mình" in body
    assert head.person.full_name in body
    assert "Người Đơn Vị Khác" not in body


def test_person_list_unit_filter_offers_only_units_in_scope(client):
    UnitFactory(name="Trung tâm Láng giềng")
    head = make_unit_head()
    client.force_login(head)

    body = client.get(reverse("units:person-list")).content.decode()

    assert "Trung tâm Láng giềng" not in body


def test_person_list_searches_by_name_and_staff_code_and_filters_by_gender(client):
    PersonFactory(full_name="Lê Văn Tâm", staff_code="BS-001", gender=Gender.MALE)
    PersonFactory(full_name="Phạm Thị Hạnh", staff_code="DD-002", gender=Gender.FEMALE)
    client.force_login(make_office_user())
    url = reverse("units:person-list")

    by_code = client.get(url, {"q": "bs-001"}).content.decode()
    by_gender = client.get(url, {"gender": Gender.FEMALE}).content.decode()

    assert "Lê Văn Tâm" in by_code and "Phạm Thị Hạnh" not in by_code
    assert "Phạm Thị Hạnh" in by_gender and "Lê Văn Tâm" not in by_gender


def test_person_list_is_refused_to_a_council_member(client):
    client.force_login(make_council_member())

    response = client.get(reverse("units:person-list"))

    assert response.status_code == 403


# --- scope --------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["units:person-detail", "units:person-edit", "units:person-deactivate"])
def test_another_units_person_is_a_404_for_a_unit_head(client, name):
    stranger = PersonFactory()
    client.force_login(make_unit_head())

    get = client.get(reverse(name, args=[stranger.pk]))
    post = client.post(reverse(name, args=[stranger.pk]), person_data(stranger.unit, stranger))

    assert (get.status_code, post.status_code) == (404, 404)
    assert Person.objects.get(pk=stranger.pk).active


def test_unit_head_creates_a_person_in_own_unit(client):
    head = make_unit_head()
    client.force_login(head)

    response = client.post(reverse("units:person-create"), person_data(head.head_of_unit))

    person = Person.objects.get(staff_code="CB-MOI")
    assert response.status_code == 302
    assert person.unit == head.head_of_unit
    assert person.birth_date == datetime.date(1985, 1, 27)


def test_unit_head_cannot_create_a_person_in_another_unit(client):
    other = UnitFactory(name="Bệnh viện Không phải của tôi")
    head = make_unit_head()
    client.force_login(head)

    form_page = client.get(reverse("units:person-create")).content.decode()
    response = client.post(reverse("units:person-create"), person_data(other))

    assert "Bệnh viện Không phải của tôi" not in form_page
    assert response.status_code == 200
    assert response.context["form"].errors["unit"] == [
        "Đơn vị này không có trong danh sách đơn vị bạn được quản lý. Vui lòng chọn lại."
    ]
    assert not Person.objects.filter(staff_code="CB-MOI").exists()


def test_unit_head_cannot_move_own_staff_to_another_unit(client):
    head = make_unit_head()
    person = PersonFactory(unit=head.head_of_unit)
    other = UnitFactory()
    client.force_login(head)

    response = client.post(reverse("units:person-edit", args=[person.pk]), person_data(other, person))

    assert "unit" in response.context["form"].errors
    assert Person.objects.get(pk=person.pk).unit == head.head_of_unit


# --- create, edit -------------------------------------------------------------------------------
def test_duplicate_staff_code_names_who_already_has_it(client):
    holder = PersonFactory(staff_code="CB-0001", full_name="Trần Văn Hùng")
    client.force_login(make_office_user())

    response = client.post(reverse("units:person-create"), person_data(holder.unit, staff_code="cb-0001"))

    (error,) = response.context["form"].errors["staff_code"]
    assert error.startswith("Mã cán bộ này đã được dùng cho Trần Văn Hùng")
    assert Person.objects.count() == 1


def test_duplicate_staff_code_does_not_reveal_another_units_person_to_a_unit_head(client):
    PersonFactory(staff_code="CB-0001", full_name="Trần Văn Hùng")
    head = make_unit_head()
    client.force_login(head)

    response = client.post(
        reverse("units:person-create"), person_data(head.head_of_unit, staff_code="CB-0001")
    )

    (error,) = response.context["form"].errors["staff_code"]
    assert error.startswith("Mã cán bộ này đã được dùng cho một cán bộ của đơn vị khác")
    assert "Trần Văn Hùng" not in response.content.decode()


def test_birth_date_in_another_format_gets_a_vietnamese_error(client):
    client.force_login(make_office_user())

    response = client.post(
        reverse("units:person-create"), person_data(UnitFactory(), birth_date="1985/27/01")
    )

    assert response.context["form"].errors["birth_date"] == [
        "Nhập ngày theo dạng ngày/tháng/năm, ví dụ 27/01/1980."
    ]


def test_person_edit_form_shows_the_birth_date_as_day_month_year(client):
    person = PersonFactory(birth_date=datetime.date(1980, 3, 9))
    client.force_login(make_office_user())

    body = client.get(reverse("units:person-edit", args=[person.pk])).content.decode()

    assert 'value="09/03/1980"' in body


def test_person_edit_detects_a_concurrent_change_and_keeps_the_users_input(client):
    office = make_office_user()
    person = PersonFactory(position="Bác sĩ")
    form_data = person_data(person.unit, person, position="Phó trưởng khoa")
    meanwhile = Person.objects.get(pk=person.pk)
    meanwhile.position = "Trưởng khoa"
    services.person_save(meanwhile, by=make_office_user())
    client.force_login(office)

    response = client.post(reverse("units:person-edit", args=[person.pk]), form_data)

    assert "Bản ghi này vừa được người khác sửa lúc" in response.content.decode()
    assert 'value="Phó trưởng khoa"' in response.content.decode()
    assert Person.objects.get(pk=person.pk).position == "Trưởng khoa"


def test_person_edit_saves_and_the_detail_history_names_the_author(client):
    office = make_office_user(first_name="Thu", last_name="Võ")
    person = PersonFactory(position="Bác sĩ")
    client.force_login(office)

    response = client.post(
        reverse("units:person-edit", args=[person.pk]),
        person_data(person.unit, person, position="Trưởng khoa"),
        follow=True,
    )

    body = response.content.decode()
    assert "Đã lưu thay đổi của cán bộ" in body
    assert "Bác sĩ → Trưởng khoa" in body
    assert office.get_full_name() in body


# --- deactivate ---------------------------------------------------------------------------------
def test_person_deactivate_get_changes_nothing_post_deactivates_and_locks_the_login(client):
    head = make_unit_head()
    person = PersonFactory(unit=head.head_of_unit)
    login = UserFactory(person=person)
    client.force_login(head)
    url = reverse("units:person-deactivate", args=[person.pk])

    client.get(url)
    still_active = Person.objects.get(pk=person.pk).active
    client.post(url)
    repeat = client.post(url, follow=True)

    login.refresh_from_db()
    assert still_active
    assert not Person.objects.get(pk=person.pk).active
    assert not login.is_active
    assert "đã ngừng công tác từ trước" in repeat.content.decode()


@pytest.mark.parametrize("role", ["is_office_staff", "is_council_member", "is_superuser"])
def test_a_unit_head_cannot_deactivate_a_person_whose_login_reaches_beyond_the_unit(client, role):
    head = make_unit_head()
    person = PersonFactory(unit=head.head_of_unit)
    login = UserFactory(person=person, **{role: True})
    client.force_login(head)

    response = client.post(reverse("units:person-deactivate", args=[person.pk]), follow=True)

    login.refresh_from_db()
    assert response.status_code == 200
    assert "chỉ Thường trực TĐKT hoặc quản trị viên được ghi nhận ngừng công tác" in response.content.decode()
    assert Person.objects.get(pk=person.pk).active and login.is_active


def test_the_office_deactivates_a_council_members_staff_record_and_login(client):
    from tests.factories import make_office_user

    head = make_unit_head()
    person = PersonFactory(unit=head.head_of_unit)
    login = UserFactory(person=person, is_council_member=True)
    client.force_login(make_office_user())

    client.post(reverse("units:person-deactivate", args=[person.pk]))

    login.refresh_from_db()
    assert not Person.objects.get(pk=person.pk).active and not login.is_active


@pytest.mark.django_db
def test_person_and_unit_pages_link_to_their_award_history(client):
    from tests.factories import PersonFactory, make_office_user

    person = PersonFactory()
    client.force_login(make_office_user())

    person_page = client.get(reverse("units:person-detail", args=[person.pk])).content.decode()
    unit_page = client.get(reverse("units:detail", args=[person.unit_id])).content.decode()

    assert reverse("awards:person-history", args=[person.pk]) in person_page
    assert reverse("awards:unit-history", args=[person.unit_id]) in unit_page
