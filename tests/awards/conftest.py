"""Shared people for the nomination workflow tests: a unit with its head, the office, outsiders."""

import pytest

from tests.factories import (
    NominationFactory,
    PersonFactory,
    UnitFactory,
    award,
    make_admin,
    make_council_member,
    make_office_user,
    make_unit_head,
)


@pytest.fixture
def unit(db):
    return UnitFactory(name="Bệnh viện Đa khoa tỉnh")


@pytest.fixture
def head(unit):
    return make_unit_head(unit, username="thutruong")


@pytest.fixture
def office(db):
    return make_office_user(username="vanphong")


@pytest.fixture
def other_head(db):
    return make_unit_head(UnitFactory(name="Trung tâm Y tế huyện"), username="thutruongkhac")


@pytest.fixture
def council_member(db):
    return make_council_member(username="hoidong")


@pytest.fixture
def admin_user(db):
    return make_admin(username="quantri")


@pytest.fixture
def staff(unit):
    return PersonFactory(unit=unit, full_name="Nguyễn Thị Hồng Nhung", position="Điều dưỡng trưởng")


@pytest.fixture
def make_nomination(staff):
    def _make(status="draft", code="LDTT", **kwargs):
        kwargs.setdefault("person", staff)
        return NominationFactory(status=status, award_type=award(code), **kwargs)

    return _make
