"""The nomination form's person search on PostgreSQL: its patterns are read by PostgreSQL's
regular expressions there (by Python's on SQLite), with the same answers."""

import pytest
from django.db import connection
from django.urls import reverse

from awards.selectors import search_nominable_people
from tests.factories import PersonFactory, UnitFactory, make_office_user, make_unit_head

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def people():
    unit = UnitFactory(name="Bệnh viện Đa khoa tỉnh")
    names = [
        "Nguyễn Thị Hồng Nhung",
        "Khúc Văn Lê",
        "Khúc Thị Lệ",
        "Khúc Thị Lan",
        "Khúc Văn An",
        "ĐINH ĐỨC NHUNG",
    ]
    return unit, {name: PersonFactory(unit=unit, full_name=name) for name in names}


def names(user, text):
    return [p.full_name for p in search_nominable_people(user, text).people]


def test_accents_case_and_word_starts_on_postgresql(people):
    office = make_office_user(username="vanphong")

    assert connection.vendor == "postgresql"
    assert names(office, "nguyen nhung") == ["Nguyễn Thị Hồng Nhung"]
    assert names(office, "NGUYỄN") == ["Nguyễn Thị Hồng Nhung"]
    assert names(office, "dinh duc") == ["ĐINH ĐỨC NHUNG"]  # đ and capital accented letters
    assert names(office, "khuc lê") == ["Khúc Văn Lê"]
    assert sorted(names(office, "khuc le")) == ["Khúc Thị Lệ", "Khúc Văn Lê"]
    # "An" begins a word; "an" is inside "Lan" and "Văn" in the others, which follow by name.
    assert names(office, "khuc an") == ["Khúc Văn An", "Khúc Thị Lan", "Khúc Văn Lê"]


def test_a_unit_head_searches_their_own_unit_only_on_postgresql(client, people):
    unit, by_name = people
    head = make_unit_head(unit, username="thutruong")
    PersonFactory(unit=UnitFactory(), full_name="Lò Thị Nhung")
    client.force_login(head)

    response = client.get(reverse("awards:nomination-person-search"), {"person_q": "nhung"})

    body = response.content.decode()
    assert response.status_code == 200
    assert "Nguyễn Thị Hồng Nhung" in body
    assert "ĐINH ĐỨC NHUNG" in body
    assert "Lò Thị Nhung" not in body
