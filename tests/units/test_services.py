import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.factories import (
    ClusterFactory,
    PersonFactory,
    UnitFactory,
    UserFactory,
    add_cluster_member,
    make_cluster,
    make_office_user,
    make_unit_head,
)
from units import services
from units.enums import ClusterRole
from units.models import Cluster, ClusterMembership, Person, Unit
from units.refusals import Conflict

pytestmark = pytest.mark.django_db


def roles_of(cluster):
    return {m.unit_id: m.role for m in ClusterMembership.objects.filter(cluster=cluster)}


# --- units --------------------------------------------------------------------------------------
def test_unit_save_records_author_and_reason_in_history():
    office = make_office_user()
    unit = Unit(code="BV-X", name="Bệnh viện X", kind="hospital")

    services.unit_save(unit, by=office)

    record = unit.history.latest()
    assert record.history_user == office
    assert record.history_change_reason == "create"


def test_unit_save_with_a_stale_version_raises_and_keeps_the_other_change():
    office = make_office_user()
    unit = UnitFactory(name="Tên cũ")
    seen = unit.updated_at
    other = Unit.objects.get(pk=unit.pk)
    other.name = "Tên do người khác sửa"
    services.unit_save(other, by=office)
    unit.name = "Tên của tôi"

    with pytest.raises(Conflict):
        services.unit_save(unit, by=office, seen_updated_at=seen)

    assert Unit.objects.get(pk=unit.pk).name == "Tên do người khác sửa"


def test_unit_save_with_the_current_version_saves():
    office = make_office_user()
    unit = UnitFactory(name="Tên cũ")
    unit.name = "Tên mới"

    services.unit_save(unit, by=office, seen_updated_at=unit.updated_at)

    assert Unit.objects.get(pk=unit.pk).name == "Tên mới"


def test_unit_save_by_a_unit_head_is_refused():
    head = make_unit_head()
    unit = head.head_of_unit
    unit.name = "Đổi tên"

    with pytest.raises(PermissionDenied):
        services.unit_save(unit, by=head)

    assert Unit.objects.get(pk=unit.pk).name != "Đổi tên"


def test_unit_deactivate_moves_updated_at_so_an_open_edit_form_notices():
    office = make_office_user()
    unit = UnitFactory()
    seen = unit.updated_at

    services.unit_deactivate(unit, by=office)

    unit.refresh_from_db()
    assert not unit.active
    assert unit.updated_at != seen
    with pytest.raises(Conflict):
        services.unit_save(unit, by=office, seen_updated_at=seen)


def test_unit_deactivate_twice_is_a_no_op_the_second_time():
    unit = UnitFactory()
    services.unit_deactivate(unit, on=datetime.date(2026, 1, 31))
    records = unit.history.count()

    again = services.unit_deactivate(unit)

    assert again is False
    assert unit.history.count() == records
    assert Unit.objects.get(pk=unit.pk).valid_to == datetime.date(2026, 1, 31)


# --- staff --------------------------------------------------------------------------------------
def test_person_save_by_unit_head_into_another_unit_is_refused():
    head = make_unit_head()
    other = UnitFactory()
    person = Person(staff_code="CB-NEW", full_name="Nguyễn Văn A", gender="M", unit=other)

    with pytest.raises(PermissionDenied):
        services.person_save(person, by=head)

    assert not Person.objects.filter(staff_code="CB-NEW").exists()


def test_person_save_by_unit_head_cannot_move_own_staff_out_of_scope():
    head = make_unit_head()
    person = PersonFactory(unit=head.head_of_unit)
    person.unit = UnitFactory()

    with pytest.raises(PermissionDenied):
        services.person_save(person, by=head)

    assert Person.objects.get(pk=person.pk).unit_id == head.head_of_unit_id


def test_person_save_by_unit_head_in_a_sub_unit_is_allowed():
    head = make_unit_head()
    sub_unit = UnitFactory(parent=head.head_of_unit, department=True)
    person = Person(staff_code="CB-SUB", full_name="Trần Thị B", gender="F", unit=sub_unit)

    services.person_save(person, by=head)

    assert Person.objects.get(staff_code="CB-SUB").history.latest().history_user == head


def test_person_deactivate_locks_the_login_and_a_repeat_is_a_no_op():
    office = make_office_user()
    person = PersonFactory()
    login = UserFactory(person=person)

    first = services.person_deactivate(person, by=office)
    second = services.person_deactivate(person, by=office)

    login.refresh_from_db()
    assert (first, second) == (True, False)
    assert not Person.objects.get(pk=person.pk).active
    assert not login.is_active


# --- clusters -----------------------------------------------------------------------------------
def test_cluster_save_writes_members_leader_and_deputy():
    office = make_office_user()
    a, b, c = UnitFactory(), UnitFactory(), UnitFactory()
    cluster = Cluster(year=2026, name="Cụm bệnh viện")

    services.cluster_save(cluster, members=[a, b, c], leader=a, deputy=b, by=office)

    assert roles_of(cluster) == {a.pk: ClusterRole.LEADER, b.pk: ClusterRole.DEPUTY, c.pk: ClusterRole.MEMBER}


def test_cluster_save_swaps_leader_and_deputy_and_drops_removed_members():
    office = make_office_user()
    a, b, c = UnitFactory(), UnitFactory(), UnitFactory()
    cluster = make_cluster(members=[a, b, c], leader=a, deputy=b)

    services.cluster_save(cluster, members=[a, b], leader=b, deputy=a, by=office)

    assert roles_of(cluster) == {a.pk: ClusterRole.DEPUTY, b.pk: ClusterRole.LEADER}


def test_cluster_save_refuses_a_leader_who_is_not_a_member_and_saves_nothing():
    office = make_office_user()
    a, outsider = UnitFactory(), UnitFactory()
    cluster = Cluster(year=2026, name="Cụm thử")

    with pytest.raises(ValidationError) as error:
        services.cluster_save(cluster, members=[a], leader=outsider, by=office)

    assert "leader" in error.value.message_dict
    assert not Cluster.objects.filter(name="Cụm thử").exists()


def test_cluster_save_refuses_the_same_unit_as_leader_and_deputy():
    a = UnitFactory()
    cluster = Cluster(year=2026, name="Cụm thử")

    with pytest.raises(ValidationError) as error:
        services.cluster_save(cluster, members=[a], leader=a, deputy=a)

    assert "deputy" in error.value.message_dict


def test_cluster_save_by_a_unit_head_is_refused():
    head = make_unit_head()
    cluster = ClusterFactory(name="Cụm A")
    cluster.name = "Cụm B"

    with pytest.raises(PermissionDenied):
        services.cluster_save(cluster, members=[], by=head)

    assert Cluster.objects.get(pk=cluster.pk).name == "Cụm A"


def test_clusters_copy_to_year_copies_members_but_not_leader_and_deputy():
    office = make_office_user()
    a, b, closed = UnitFactory(), UnitFactory(), UnitFactory(inactive=True)
    make_cluster(year=2026, name="Cụm 1", members=[a, b, closed], leader=a, deputy=b, pact="Giao ước")

    created = services.clusters_copy_to_year(2026, 2027, by=office)

    (copy,) = created
    assert (copy.year, copy.name, copy.pact) == (2027, "Cụm 1", "Giao ước")
    assert roles_of(copy) == {a.pk: ClusterRole.MEMBER, b.pk: ClusterRole.MEMBER}


def test_clusters_copy_to_year_is_idempotent():
    office = make_office_user()
    make_cluster(year=2026, name="Cụm 1", members=[UnitFactory()])
    make_cluster(year=2026, name="Cụm 2", members=[UnitFactory()])
    services.clusters_copy_to_year(2026, 2027, by=office)
    counts = (Cluster.objects.count(), ClusterMembership.objects.count())

    again = services.clusters_copy_to_year(2026, 2027, by=office)

    assert again == []
    assert (Cluster.objects.count(), ClusterMembership.objects.count()) == counts


def test_clusters_copy_to_year_skips_a_name_already_used_and_inactive_clusters():
    office = make_office_user()
    existing = ClusterFactory(year=2027, name="Cụm 1")
    add_cluster_member(existing, UnitFactory())
    make_cluster(year=2026, name="Cụm 1", members=[UnitFactory(), UnitFactory()])
    make_cluster(year=2026, name="Cụm cũ", members=[UnitFactory()], active=False)

    created = services.clusters_copy_to_year(2026, 2027, by=office)

    assert created == []
    assert existing.memberships.count() == 1


def test_clusters_copy_to_year_by_a_unit_head_is_refused():
    make_cluster(year=2026, name="Cụm 1", members=[UnitFactory()])

    with pytest.raises(PermissionDenied):
        services.clusters_copy_to_year(2026, 2027, by=make_unit_head())

    assert not Cluster.objects.filter(year=2027).exists()
