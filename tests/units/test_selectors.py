import pytest
from django.utils import timezone

from tests.factories import (
    PersonFactory,
    UnitFactory,
    make_cluster,
    make_council_member,
    make_office_user,
    make_unit_head,
)
from units import selectors, services
from units.models import Person

pytestmark = pytest.mark.django_db


def test_units_visible_to_a_unit_head_are_their_unit_and_its_sub_units_only():
    own = UnitFactory()
    child = UnitFactory(parent=own)
    grandchild = UnitFactory(parent=child)
    other = UnitFactory()
    UnitFactory(parent=other)
    head = make_unit_head(own)

    visible = set(selectors.units_visible_to(head))

    assert visible == {own, child, grandchild}


def test_units_visible_to_office_and_council_are_all_units():
    units = {UnitFactory(), UnitFactory()}

    assert set(selectors.units_visible_to(make_office_user())) == units
    assert set(selectors.units_visible_to(make_council_member())) == units


def test_persons_visible_to_a_unit_head_exclude_other_units():
    head = make_unit_head()
    mine = PersonFactory(unit=UnitFactory(parent=head.head_of_unit))
    PersonFactory()

    visible = set(selectors.persons_visible_to(head))

    assert visible == {mine, head.person}


def test_units_for_list_counts_active_staff_only():
    unit = UnitFactory()
    PersonFactory.create_batch(2, unit=unit)
    PersonFactory(unit=unit, inactive=True)

    (row,) = selectors.units_for_list(make_office_user())

    assert row.staff_count == 2


def test_cluster_years_offer_this_and_next_year_and_every_year_with_clusters():
    make_cluster(year=2019)
    this_year = timezone.localdate().year

    years = selectors.cluster_years()

    assert years[:2] == [this_year + 1, this_year]
    assert 2019 in years


def test_history_of_a_person_says_who_changed_which_field_from_what_to_what():
    office = make_office_user(first_name="Lan", last_name="Lê")
    old_unit, new_unit = UnitFactory(name="Khoa Nội"), UnitFactory(name="Khoa Ngoại")
    person = PersonFactory(unit=old_unit, position="Bác sĩ")
    person = Person.objects.get(pk=person.pk)
    person.position = "Trưởng khoa"
    person.unit = new_unit
    services.person_save(person, by=office)

    latest = selectors.history_of(person)[0]

    assert latest.user == office
    changes = {c.label: (c.old, c.new) for c in latest.changes}
    assert changes["Chức vụ"] == ("Bác sĩ", "Trưởng khoa")
    assert changes["Đơn vị"] == ("Khoa Nội", "Khoa Ngoại")
    assert "Cập nhật lúc" not in changes


def test_cluster_membership_history_lists_added_and_removed_units():
    office = make_office_user()
    a, b = UnitFactory(name="Bệnh viện A"), UnitFactory(name="Bệnh viện B")
    cluster = make_cluster(members=[a])

    services.cluster_save(cluster, members=[b], by=office)

    entries = selectors.cluster_membership_history(cluster)
    said = [e.headline for e in entries[:2]]
    assert f"{office.username} thêm thành viên cụm/khối «Bệnh viện B — Thành viên»." in said
    assert f"{office.username} bỏ thành viên cụm/khối «Bệnh viện A — Thành viên»." in said


def test_unit_heads_gives_every_unit_asked_its_active_heads_in_order_in_one_query(django_assert_num_queries):
    from tests.factories import UnitFactory, make_unit_head
    from units.selectors import heads_of_unit, unit_heads

    two, none, locked = UnitFactory(), UnitFactory(), UnitFactory()
    first, second = make_unit_head(two), make_unit_head(two)
    make_unit_head(locked, is_active=False)
    make_unit_head(UnitFactory())  # a unit not asked for

    with django_assert_num_queries(1):
        heads = unit_heads([two.pk, none.pk, locked.pk])
        names = [user.get_full_name() for user in heads[two.pk]]  # the names come with the heads

    assert heads == {two.pk: [first, second], none.pk: [], locked.pk: []}
    assert names == [first.person.full_name, second.person.full_name]
    assert heads_of_unit(two.pk) == [first, second]
