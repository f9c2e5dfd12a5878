"""The home page kept in the cache on a real PostgreSQL: a bulk update committed by another
connection (another worker) shows on the next page; one rolled back changes nothing shown."""

import threading

import pytest
from django.db import connection, transaction
from django.urls import reverse

from campaigns.models import Registration
from tests.factories import RegistrationFactory, make_office_user
from units import generations

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def to_accept(client) -> int:
    response = client.get(reverse("home"))
    items = {item.key: item.count for item in response.context["sections"][0]["inbox"]}
    return items.get("registrations_to_accept", 0)


def in_another_connection(work):
    failures = []

    def run():
        try:
            work()
        except Exception as exc:  # reported to the test below
            failures.append(exc)
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    if failures:
        raise failures[0]


def test_a_bulk_update_committed_elsewhere_shows_on_the_next_page(client):
    office = make_office_user()
    first, _second = RegistrationFactory.create_batch(2, submitted=True)
    client.force_login(office)
    assert to_accept(client) == 2

    def accept():
        with transaction.atomic():
            Registration.objects.filter(pk=first.pk).update(status="accepted")

    in_another_connection(accept)

    assert to_accept(client) == 1


def test_a_bulk_update_rolled_back_elsewhere_keeps_what_is_shown(client):
    office = make_office_user()
    first, _second = RegistrationFactory.create_batch(2, submitted=True)
    client.force_login(office)
    assert to_accept(client) == 2
    before = generations.generation()

    def accept_then_undo():
        with pytest.raises(RuntimeError), transaction.atomic():
            Registration.objects.filter(pk=first.pk).update(status="accepted")
            raise RuntimeError

    in_another_connection(accept_then_undo)

    assert generations.generation() != before  # renewed at the write: computed afresh, the same
    assert to_accept(client) == 2
