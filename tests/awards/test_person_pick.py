"""The nomination form's person pick: a search box asking the server (htmx) instead of a select
of every staff member of the province, the chosen person's initiatives only, and the same page
without JavaScript ("Tìm" posts the form, which comes back as typed with the matches offered).

The factories name people at random from a list of common Vietnamese names (the unit heads'
own records among them): the names searched for here are words that list never holds ("Nhung",
"Khúc", "Cường"), or they are searched together with one.
"""

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from awards.models import Nomination
from awards.selectors import PERSON_SEARCH_LIMIT
from tests.factories import (
    InitiativeFactory,
    NominationFactory,
    PersonFactory,
    UnitFactory,
    add_initiative_author,
    award,
    make_plain_user,
)

pytestmark = pytest.mark.django_db

CREATE = reverse("awards:nomination-create")
SEARCH = reverse("awards:nomination-person-search")
INITIATIVES = reverse("awards:nomination-initiatives")


def search(client, text):
    response = client.get(SEARCH, {"person_q": text})
    assert response.status_code == 200
    return response


def found(response) -> list[int]:
    """The people a search answered with, in order (the ids of the buttons that pick them)."""
    return [int(v) for v in re.findall(r'value="(\d+)"[^>]*data-person-choice', response.content.decode())]


def person_options(response) -> list[tuple[str, bool]]:
    """The options of the form's person select: (value, selected)."""
    html = response.content.decode()
    select = re.search(r'<select name="person".*?</select>', html, re.S).group(0)
    return [(v, bool(sel)) for v, sel in re.findall(r'<option value="(\d*)"( selected)?', select)]


def initiative_boxes(response) -> list[tuple[str, bool]]:
    """The initiative check boxes the page writes: (value, checked)."""
    html = response.content.decode()
    boxes = re.findall(r'<input type="checkbox"[^>]*name="proposed_initiatives"[^>]*>', html)
    return [(re.search(r'value="(\d+)"', b).group(1), " checked" in b) for b in boxes]


@pytest.fixture
def ward(unit):
    return UnitFactory(parent=unit, department=True, name="Khoa Hồi sức tích cực")


@pytest.fixture
def stranger(other_head):
    return PersonFactory(unit=other_head.head_of_unit, full_name="Lò Thị Nhung", position="Bác sĩ")


# ---------------------------------------------------------------------------
# The search endpoint
# ---------------------------------------------------------------------------
def test_a_name_typed_without_accents_finds_the_accented_name_whatever_the_case(client, office, staff):
    client.force_login(office)

    for text in ("nguyen nhung", "NGUYỄN NHUNG", "hong nhung", "nhung nguyen", "yen thi hong nhu"):
        assert found(search(client, text)) == [staff.pk], text


def test_a_letter_typed_with_its_accent_finds_that_letter_only(client, office, unit):
    le = PersonFactory(unit=unit, full_name="Khúc Văn Lê")
    le_dot = PersonFactory(unit=unit, full_name="Khúc Thị Lệ")
    client.force_login(office)

    assert found(search(client, "khuc lê")) == [le.pk]
    assert set(found(search(client, "khuc le"))) == {le.pk, le_dot.pk}


def test_each_result_names_the_person_their_position_and_unit(client, office, staff):
    client.force_login(office)

    body = search(client, "nhung").content.decode()

    assert "Nguyễn Thị Hồng Nhung — Điều dưỡng trưởng (Bệnh viện Đa khoa tỉnh)" in body


def test_names_whose_words_begin_with_what_was_typed_come_first(client, office, unit):
    inside = PersonFactory(unit=unit, full_name="Khúc Thị Lan")
    beginning = PersonFactory(unit=unit, full_name="Khúc Văn An")
    client.force_login(office)

    # By name alone "Khúc Thị Lan" comes first; "an" begins a word of "Khúc Văn An" only.
    assert found(search(client, "khuc an")) == [beginning.pk, inside.pk]


def test_fewer_than_two_letters_ask_for_more_and_find_nobody(client, office, staff):
    client.force_login(office)

    for text in ("n", "  n ", "", "--"):
        response = search(client, text)
        assert found(response) == [], text
        assert "Gõ ít nhất 2 chữ" in response.content.decode()


def test_a_search_that_finds_nobody_says_so(client, office, staff):
    client.force_login(office)

    response = search(client, "xyz")

    assert found(response) == []
    assert "Không tìm thấy cán bộ nào có họ tên chứa “xyz”" in response.content.decode()


def test_at_most_twenty_people_are_shown_and_the_page_says_there_are_more(client, office, unit):
    PersonFactory.create_batch(PERSON_SEARCH_LIMIT + 3, unit=unit, full_name="Khúc Văn Hùng")
    client.force_login(office)

    response = search(client, "khuc hung")

    assert len(found(response)) == PERSON_SEARCH_LIMIT
    assert "gõ thêm để thu hẹp" in response.content.decode()


def test_staff_who_left_are_not_found(client, office, unit):
    PersonFactory(unit=unit, full_name="Võ Thị Nghỉ Hưu", active=False)
    client.force_login(office)

    assert found(search(client, "nghi huu")) == []


def test_a_unit_head_finds_their_unit_and_sub_units_staff_only(client, head, office, staff, ward, stranger):
    nurse = PersonFactory(unit=ward, full_name="Khúc Thị Nhung")
    client.force_login(head)

    assert set(found(search(client, "nhung"))) == {staff.pk, nurse.pk}
    assert "Lò Thị Nhung" not in search(client, "lo thi nhung").content.decode()
    # The office finds the other unit's staff member: the absence above is the scope's work.
    client.force_login(office)
    assert set(found(search(client, "nhung"))) == {staff.pk, nurse.pk, stranger.pk}


def test_the_search_is_for_unit_heads_and_the_office(client, council_member, staff):
    assert client.get(SEARCH, {"person_q": "nhung"}).status_code == 302  # to the login page
    assert reverse("login") in client.get(SEARCH, {"person_q": "nhung"})["Location"]

    for user in (council_member, make_plain_user(unit=staff.unit, username="nhanvien")):
        client.force_login(user)
        response = client.get(SEARCH, {"person_q": "nhung"})
        assert response.status_code == 403
        assert "Nhung" not in response.content.decode()


# ---------------------------------------------------------------------------
# The chosen person's initiatives (htmx, when a person is chosen)
# ---------------------------------------------------------------------------
def test_choosing_a_person_loads_their_initiatives_only(client, head, staff, unit):
    own = InitiativeFactory(title="Quy trình chăm sóc người bệnh thở máy")
    add_initiative_author(own, staff)
    colleague = PersonFactory(unit=unit)
    add_initiative_author(InitiativeFactory(title="Sáng kiến của đồng nghiệp"), colleague)
    client.force_login(head)

    response = client.get(INITIATIVES, {"person": staff.pk})

    assert response.status_code == 200
    assert initiative_boxes(response) == [(str(own.pk), False)]
    assert "Quy trình chăm sóc người bệnh thở máy" in response.content.decode()


def test_no_person_or_another_units_person_has_no_initiatives(client, head, stranger):
    add_initiative_author(InitiativeFactory(title="Sáng kiến của đơn vị khác"), stranger)
    client.force_login(head)

    for person in ("", stranger.pk, "abc"):
        response = client.get(INITIATIVES, {"person": person})
        assert response.status_code == 200
        assert initiative_boxes(response) == []
        assert "Sáng kiến của đơn vị khác" not in response.content.decode()
        assert "Chọn cán bộ trước" in response.content.decode()


def test_the_initiatives_are_for_unit_heads_and_the_office(client, council_member, staff):
    client.force_login(council_member)

    assert client.get(INITIATIVES, {"person": staff.pk}).status_code == 403


# ---------------------------------------------------------------------------
# The form page
# ---------------------------------------------------------------------------
def test_the_form_does_not_list_the_staff_or_their_initiatives(client, office, unit):
    for n in range(60):
        person = PersonFactory(unit=unit, full_name=f"Khúc Văn Số {n}")
        if n % 2:
            add_initiative_author(InitiativeFactory(title=f"Sáng kiến số {n}"), person)
    client.force_login(office)

    response = client.get(CREATE + "?subject=individual")

    body = response.content.decode()
    assert response.status_code == 200
    assert person_options(response) == [("", True)]
    assert initiative_boxes(response) == []
    assert "Khúc Văn Số" not in body
    assert "Sáng kiến số" not in body
    assert 'id="id_person_q"' in body  # the search box instead


def _queries(client, url, params=None) -> int:
    cache.clear()  # the page computed afresh, as after a write (units.generations)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, params or {}).status_code == 200
    return len(queries)


def _staff_with_initiatives(unit, count, start):
    for n in range(count):
        person = PersonFactory(unit=unit, full_name=f"Nguyễn Văn Số {start + n}")
        add_initiative_author(InitiativeFactory(), person)
    return person


@pytest.mark.parametrize("role", ["office", "head"])
def test_the_form_page_runs_as_many_queries_for_50_people_as_for_5(client, request, role, unit):
    client.force_login(request.getfixturevalue(role))
    _staff_with_initiatives(unit, 5, 0)
    url = CREATE + "?subject=individual"
    _queries(client, url)  # the session and the like, once
    few = _queries(client, url)

    _staff_with_initiatives(unit, 45, 5)

    assert _queries(client, url) == few


def test_the_edit_page_runs_as_many_queries_for_50_people_as_for_5(client, head, staff, unit):
    nomination = NominationFactory(person=staff, award_type=award("LDTT"), status="draft")
    url = reverse("awards:nomination-edit", args=[nomination.pk])
    client.force_login(head)
    _staff_with_initiatives(unit, 5, 0)
    _queries(client, url)
    few = _queries(client, url)

    _staff_with_initiatives(unit, 45, 5)

    assert _queries(client, url) == few


def test_the_search_runs_as_many_queries_for_50_matches_as_for_5(client, office, unit):
    client.force_login(office)
    _staff_with_initiatives(unit, 5, 0)
    _queries(client, SEARCH, {"person_q": "nguyen"})
    few = _queries(client, SEARCH, {"person_q": "nguyen"})

    _staff_with_initiatives(unit, 45, 5)

    assert _queries(client, SEARCH, {"person_q": "nguyen"}) == few


def test_the_initiatives_run_as_many_queries_for_a_person_with_1_as_with_20(client, office, staff):
    client.force_login(office)
    add_initiative_author(InitiativeFactory(), staff)
    _queries(client, INITIATIVES, {"person": staff.pk})
    few = _queries(client, INITIATIVES, {"person": staff.pk})

    for _n in range(19):
        add_initiative_author(InitiativeFactory(), staff)

    assert _queries(client, INITIATIVES, {"person": staff.pk}) == few


def _post(client, url=CREATE, **data):
    return client.post(
        url,
        {
            "subject": "individual",
            "year": 2025,
            "award_type": award("LDTT").pk,
            "achievement_kind": "annual",
            "achievements": "Hoàn thành xuất sắc nhiệm vụ năm 2025.",
            **data,
        },
    )


def test_after_an_error_the_form_comes_back_with_the_chosen_person_and_their_initiatives(
    client, head, staff, unit
):
    own = InitiativeFactory(title="Sáng kiến của người được chọn")
    add_initiative_author(own, staff)
    add_initiative_author(InitiativeFactory(title="Sáng kiến của đồng nghiệp"), PersonFactory(unit=unit))
    client.force_login(head)

    response = _post(client, person=staff.pk, proposed_initiatives=[own.pk], award_type="")

    assert response.status_code == 200
    assert "award_type" in response.context["form"].errors
    assert person_options(response) == [("", False), (str(staff.pk), True)]
    assert "Nguyễn Thị Hồng Nhung — Điều dưỡng trưởng" in response.content.decode()
    assert initiative_boxes(response) == [(str(own.pk), True)]
    assert not Nomination.objects.exists()


def test_a_colleagues_initiative_posted_by_hand_is_refused_and_shown_with_the_message(
    client, head, staff, unit
):
    theirs = InitiativeFactory(title="Sáng kiến của đồng nghiệp")
    add_initiative_author(theirs, PersonFactory(unit=unit))
    client.force_login(head)

    response = _post(client, person=staff.pk, proposed_initiatives=[theirs.pk])

    errors = " ".join(response.context["form"].errors["proposed_initiatives"])
    assert "Nguyễn Thị Hồng Nhung không phải là tác giả của “Sáng kiến của đồng nghiệp”" in errors
    assert initiative_boxes(response) == [(str(theirs.pk), True)]
    assert not Nomination.objects.exists()


def test_another_units_person_posted_by_hand_is_refused_without_showing_them(client, head, stranger):
    client.force_login(head)

    response = _post(client, person=stranger.pk)

    assert "Cán bộ này không thuộc đơn vị của bạn" in " ".join(response.context["form"].errors["person"])
    assert [value for value, _selected in person_options(response)] == [""]
    assert "Lò Thị Nhung" not in response.content.decode()
    assert not Nomination.objects.exists()


def test_the_edit_page_shows_the_saved_person_and_their_ticked_initiatives(client, head, staff):
    own, other = InitiativeFactory(title="Sáng kiến đã chọn"), InitiativeFactory(title="Sáng kiến chưa chọn")
    add_initiative_author(own, staff)
    add_initiative_author(other, staff)
    nomination = NominationFactory(person=staff, award_type=award("LDTT"), status="draft")
    nomination.proposed_initiatives.set([own])
    client.force_login(head)

    response = client.get(reverse("awards:nomination-edit", args=[nomination.pk]))

    assert person_options(response) == [("", False), (str(staff.pk), True)]
    assert sorted(initiative_boxes(response)) == sorted([(str(own.pk), True), (str(other.pk), False)])


def test_an_edit_keeps_the_person_when_it_is_saved_again(client, head, staff):
    nomination = NominationFactory(person=staff, award_type=award("LDTT"), status="draft")
    client.force_login(head)
    page = client.get(reverse("awards:nomination-edit", args=[nomination.pk]))
    token = page.context["form"]["seen_updated_at"].value()

    response = _post(
        client,
        reverse("awards:nomination-edit", args=[nomination.pk]),
        person=staff.pk,
        seen_updated_at=token,
        achievements="Nội dung mới.",
    )

    nomination.refresh_from_db()
    assert response.status_code == 302
    assert (nomination.person, nomination.achievements) == (staff, "Nội dung mới.")


# ---------------------------------------------------------------------------
# Without JavaScript: "Tìm" posts the form, which comes back with the matches in the field
# ---------------------------------------------------------------------------
def test_without_javascript_the_search_offers_the_matches_in_the_field_and_keeps_what_was_typed(
    client, head, staff, unit, stranger
):
    namesake = PersonFactory(unit=unit, full_name="Khúc Thị Nhung")
    client.force_login(head)

    response = _post(client, find_person="1", person_q="nhung", achievements="Đã gõ dở.")

    body = response.content.decode()
    assert response.status_code == 200
    assert not Nomination.objects.exists()
    assert response.context["form"].errors == {}
    assert "is-invalid" not in body
    assert sorted(person_options(response)) == sorted(
        [("", True), (str(staff.pk), False), (str(namesake.pk), False)]
    )
    assert "Lò Thị Nhung" not in body
    assert "Đã gõ dở." in body
    assert 'value="nhung"' in body
    assert "Tìm thấy 2 cán bộ" in body


def test_without_javascript_a_single_match_is_chosen_with_its_initiatives(client, head, staff):
    own = InitiativeFactory(title="Sáng kiến của người duy nhất tìm thấy")
    add_initiative_author(own, staff)
    client.force_login(head)

    response = _post(client, find_person="1", person_q="hong nhung")

    assert person_options(response) == [("", False), (str(staff.pk), True)]
    assert initiative_boxes(response) == [(str(own.pk), False)]
    assert not Nomination.objects.exists()


def test_without_javascript_a_chosen_person_stays_chosen_through_another_search(client, head, staff, unit):
    other = PersonFactory(unit=unit, full_name="Trần Văn Cường")
    client.force_login(head)

    response = _post(client, find_person="1", person_q="cuong", person=staff.pk)

    assert person_options(response) == [("", False), (str(staff.pk), True), (str(other.pk), False)]


def test_without_javascript_the_chosen_person_is_then_saved(client, head, staff):
    client.force_login(head)

    response = _post(client, person=staff.pk, person_q="nhung")

    assert response.status_code == 302
    assert Nomination.objects.get().person == staff
