import datetime

import pytest
from django.core.exceptions import ImproperlyConfigured

from notifications import providers
from notifications.providers import Deadline


def test_a_due_date_must_be_a_date_not_a_datetime():
    with pytest.raises(TypeError):
        Deadline(key="plans.PlanTask:1", due_date=datetime.datetime(2022, 3, 31, 17), title="t")


def test_a_class_registers_with_the_decorator_and_unregisters():
    @providers.register
    class Things:
        kind = "things"
        label = "Việc"

        def deadlines(self, today):
            yield Deadline(key="things:1", due_date=today, title="Một việc")

    try:
        (deadline,) = providers.deadlines_of(providers.provider_for("things"), datetime.date(2022, 3, 31))
    finally:
        providers.unregister("things")

    assert deadline.kind == "things"
    assert providers.provider_for("things") is None


def test_two_providers_may_not_share_a_kind():
    class A:
        kind, label = "same", "A"

        def deadlines(self, today):
            return []

    class B(A):
        pass

    with providers.temporarily_registered(A()), pytest.raises(ImproperlyConfigured):
        providers.register(B())


def test_an_object_without_deadlines_is_refused():
    class NotAProvider:
        kind = "nope"

    with pytest.raises(ImproperlyConfigured):
        providers.register(NotAProvider())


def test_earliest_due_covers_the_overdue_offset_and_the_grace(settings):
    settings.REMINDER_OFFSETS_DAYS = [7, 1, -1]
    settings.REMINDER_GRACE_DAYS = 3

    assert providers.earliest_due(datetime.date(2022, 4, 10)) == datetime.date(2022, 4, 6)
