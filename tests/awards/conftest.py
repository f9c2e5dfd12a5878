"""The nomination workflow's own fixtures; its people (unit, head, office, outsiders) are the
common actors of tests/conftest.py."""

import pytest

from tests.factories import NominationFactory, PersonFactory, award


@pytest.fixture
def staff(unit):
    return PersonFactory(unit=unit, full_name="Nguyễn Thị Hồng Nhung", position="Điều dưỡng trưởng")


@pytest.fixture
def make_nomination(staff):
    def _make(status="draft", code="LDTT", **kwargs):
        kwargs.setdefault("person", staff)
        return NominationFactory(status=status, award_type=award(code), **kwargs)

    return _make
