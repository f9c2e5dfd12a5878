"""A call's table of units reads each unit's heads through ``units.selectors.unit_heads``: the
units with at least one active login heading them, every such head listed in the order the logins
were made — an inactive login, an inactive unit or a unit without a head is not in the table — and
the same number of queries for one unit as for many."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from awards.models import NominationCall
from awards.selectors import call_unit_status
from tests.factories import UnitFactory, make_unit_head

pytestmark = pytest.mark.django_db


@pytest.fixture
def call():
    return NominationCall.objects.create(year=2025, deadline=datetime.date(2026, 1, 15))


def test_the_call_table_lists_every_active_head_of_each_active_unit(call):
    two_heads = UnitFactory(name="Đơn vị hai thủ trưởng")
    first, second = make_unit_head(two_heads), make_unit_head(two_heads)
    make_unit_head(two_heads, is_active=False)
    make_unit_head(UnitFactory(name="Đơn vị ngừng hoạt động", active=False))
    only_inactive = UnitFactory(name="Đơn vị chỉ có tài khoản khóa")
    make_unit_head(only_inactive, is_active=False)
    UnitFactory(name="Đơn vị chưa có thủ trưởng")

    statuses = {item.unit_name: item.heads for item in call_unit_status(call)}

    assert statuses == {"Đơn vị hai thủ trưởng": [first, second]}


def test_the_call_table_takes_as_many_queries_for_one_unit_as_for_three(call):
    make_unit_head(UnitFactory())

    with CaptureQueriesContext(connection) as one:
        assert len(call_unit_status(call)) == 1
    make_unit_head(UnitFactory())
    make_unit_head(UnitFactory())
    with CaptureQueriesContext(connection) as three:
        assert len(call_unit_status(call)) == 3

    assert len(three.captured_queries) == len(one.captured_queries)
