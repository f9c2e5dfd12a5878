"""The units flows on a real PostgreSQL: migrations, constraints, row locks, scoping."""

import threading

import pytest
from django.db import IntegrityError, connection, transaction
from django.urls import reverse

from tests.factories import (
    ClusterFactory,
    PersonFactory,
    UnitFactory,
    add_cluster_member,
    make_office_user,
    make_unit_head,
)
from units import services
from units.enums import ClusterRole
from units.models import IssuedNumber, Unit
from units.numbering import document_number_issue

pytestmark = pytest.mark.integration


@pytest.mark.django_db
def test_the_database_is_postgresql_with_every_migration_applied():
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())

    assert connection.vendor == "postgresql"
    assert plan == []


@pytest.mark.django_db
def test_a_cluster_cannot_have_two_leaders():
    cluster = ClusterFactory()
    add_cluster_member(cluster, UnitFactory(), ClusterRole.LEADER)

    with pytest.raises(IntegrityError), transaction.atomic():
        add_cluster_member(cluster, UnitFactory(), ClusterRole.LEADER)


@pytest.mark.django_db
def test_unit_validity_range_is_checked_by_the_database():
    import datetime

    with pytest.raises(IntegrityError), transaction.atomic():
        UnitFactory(valid_from=datetime.date(2025, 1, 1), valid_to=datetime.date(2024, 1, 1))


@pytest.mark.django_db
def test_deactivating_a_unit_keeps_it_and_its_staff(client):
    unit = UnitFactory()
    PersonFactory.create_batch(3, unit=unit)

    services.unit_deactivate(unit)

    unit.refresh_from_db()
    assert unit.active is False
    assert unit.staff.count() == 3


@pytest.mark.django_db
def test_unit_head_sees_own_unit_and_not_another_on_postgresql(client):
    own, other = UnitFactory(name="Bệnh viện Nhi đồng"), UnitFactory(name="Bệnh viện Phổi")
    PersonFactory(unit=other, full_name="Trần Thị Lộ Ra")
    head = make_unit_head(own)
    client.force_login(head)

    own_page = client.get(reverse("home"))

    assert own_page.status_code == 200
    assert "Bệnh viện Nhi đồng" in own_page.content.decode()
    assert "Trần Thị Lộ Ra" not in own_page.content.decode()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_issuers_never_share_a_document_number():
    make_office_user()
    results, errors = [], []

    def issue():
        try:
            results.append(document_number_issue(symbol="KH-SYT", year=2026))
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=issue) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    assert errors == []
    assert sorted(results) == list(range(1, 9))
    assert IssuedNumber.objects.filter(symbol="KH-SYT", year=2026).count() == 8


@pytest.mark.django_db
def test_units_close_expired_on_postgresql():
    import datetime

    expired = UnitFactory(valid_from=datetime.date(2020, 1, 1), valid_to=datetime.date(2025, 6, 30))
    current = UnitFactory()

    closed = services.units_close_expired(today=datetime.date(2025, 7, 1))

    assert closed == 1
    assert Unit.objects.get(pk=expired.pk).active is False
    assert Unit.objects.get(pk=current.pk).active is True
