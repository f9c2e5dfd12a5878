"""The permission predicates of the organisation, as tables: role x verb -> allowed."""

import pytest
import rules
from django.contrib.auth.models import AnonymousUser

from tests.factories import (
    ClusterFactory,
    PersonFactory,
    UnitFactory,
    make_admin,
    make_council_member,
    make_office_user,
    make_plain_user,
    make_unit_head,
)

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "plain", "office", "head", "council", "admin"]
T, F = True, False


@pytest.fixture
def world():
    own = UnitFactory()
    child = UnitFactory(parent=own, department=True)
    other = UnitFactory()
    users = {
        "anonymous": AnonymousUser(),
        "plain": make_plain_user(own),
        "office": make_office_user(),
        "head": make_unit_head(own),
        "council": make_council_member(),
        "admin": make_admin(),
    }
    objects = {
        None: None,
        "unit:own": own,
        "unit:child": child,
        "unit:other": other,
        "person:own": PersonFactory(unit=own),
        "person:child": PersonFactory(unit=child),
        "person:other": PersonFactory(unit=other),
        "cluster": ClusterFactory(),
    }
    return users, objects


TABLE = [
    # permission, object: anonymous, plain, office, head, council, admin
    ("units.list_unit", None, (F, F, T, T, T, T)),
    ("units.view_unit", "unit:own", (F, F, T, T, T, T)),
    ("units.view_unit", "unit:child", (F, F, T, T, T, T)),
    ("units.view_unit", "unit:other", (F, F, T, F, T, T)),
    ("units.add_unit", None, (F, F, T, F, F, T)),
    ("units.change_unit", "unit:own", (F, F, T, F, F, T)),
    ("units.change_unit", "unit:other", (F, F, T, F, F, T)),
    ("units.delete_unit", "unit:own", (F, F, F, F, F, F)),
    ("units.list_person", None, (F, F, T, T, F, T)),
    ("units.view_person", "person:own", (F, F, T, T, F, T)),
    ("units.view_person", "person:child", (F, F, T, T, F, T)),
    ("units.view_person", "person:other", (F, F, T, F, F, T)),
    ("units.add_person", None, (F, F, T, T, F, T)),
    ("units.change_person", "person:own", (F, F, T, T, F, T)),
    ("units.change_person", "person:child", (F, F, T, T, F, T)),
    ("units.change_person", "person:other", (F, F, T, F, F, T)),
    ("units.delete_person", "person:own", (F, F, F, F, F, F)),
    ("units.view_cluster", "cluster", (F, T, T, T, T, T)),
    ("units.add_cluster", None, (F, F, T, F, F, T)),
    ("units.change_cluster", "cluster", (F, F, T, F, F, T)),
    ("units.delete_cluster", "cluster", (F, F, F, F, F, F)),
    ("units.access_office", None, (F, F, T, F, F, T)),
    ("units.access_admin_site", None, (F, F, T, F, F, T)),
]

CASES = [
    pytest.param(perm, target, role, expected[i], id=f"{perm}-{target}-{role}")
    for perm, target, expected in TABLE
    for i, role in enumerate(ROLES)
]


@pytest.mark.parametrize(("perm", "target", "role", "expected"), CASES)
def test_rule_answers_as_the_table_says(world, perm, target, role, expected):
    users, objects = world

    allowed = rules.has_perm(perm, users[role], objects[target])

    assert allowed is expected


def test_a_deactivated_office_login_has_no_rights(world):
    users, objects = world
    office = users["office"]
    office.is_active = False

    assert not rules.has_perm("units.change_unit", office, objects["unit:own"])
    assert not rules.has_perm("units.list_person", office)


def test_unit_head_scope_follows_a_newly_added_sub_unit_on_a_fresh_user(world):
    users, objects = world
    grandchild = UnitFactory(parent=objects["unit:child"])
    head = type(users["head"]).objects.get(pk=users["head"].pk)

    assert rules.has_perm("units.view_unit", head, grandchild)
