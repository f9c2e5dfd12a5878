"""Deadline providers: how plans, campaigns and awards tell the reminder scan what is due.

The notifications app sits on the lowest floor and never imports the apps above it. Each of
them registers a *provider* here from its ``AppConfig.ready()``; the daily scan
(:func:`notifications.services.reminders_scan`) and the personal calendar feed ask every
registered provider for its open deadlines and do the rest: pick the reminders due today (the
offsets in ``settings.REMINDER_OFFSETS_DAYS``), record each one once in the reminder log, and
send it through :func:`notifications.services.notify`.

A provider is any object with

- ``kind``: a short unique name, e.g. ``"plan_task"`` (shown in the office's log and its filter);
- ``label``: what the office reads for that kind, e.g. ``_("Nhiệm vụ kế hoạch")``;
- ``deadlines(today) -> Iterable[Deadline]``: every item that is still *open* (not done, not
  submitted, not cancelled) with its due date and the people to remind. Items done are left
  out, which is how reminders stop. The provider may skip items due before
  ``earliest_due(today)``, which the scan can no longer remind about (the calendar feed then
  omits them too).

Example, in ``plans/reminders.py`` (imported by ``PlansConfig.ready()``)::

    from django.urls import reverse
    from django.utils.translation import gettext_lazy as _

    from notifications.providers import Deadline, earliest_due, office_staff, register

    from .models import PlanTask


    @register
    class PlanTaskDeadlines:
        kind = "plan_task"
        label = _("Nhiệm vụ kế hoạch")

        def deadlines(self, today):
            tasks = PlanTask.objects.open().filter(due_date__gte=earliest_due(today))
            office = office_staff()
            for task in tasks.select_related("lead_unit").prefetch_related("lead_unit__heads"):
                yield Deadline(
                    key=f"plans.PlanTask:{task.pk}",
                    due_date=task.due_date,
                    title=task.short_title,
                    url=reverse("plans:task-detail", args=[task.pk]),
                    recipients=[u for u in task.lead_unit.heads.all() if u.is_active],
                    escalate_to=office,
                    summary=task.lead_unit.name,
                )

A submission request ("every unit sends its plan before 31/3") is one deadline whose
``recipients`` are the heads of the units that have *not* submitted yet: a unit that submits
drops out of the next reminders, the others keep getting them.

Rules the scan relies on:

- ``key`` names the item, unique across providers and stable for its life: ``"<app>.<Model>:<pk>"``.
- ``due_date`` is a ``date`` (a day in Vietnam), never a ``datetime``.
- Moving a due date is enough: the reminder log is keyed on (key, due date, offset, recipient),
  so the reminders of the new date go out on the new schedule; those already sent are not
  repeated for the old date.
"""

from __future__ import annotations

import contextlib
import datetime
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured


@dataclass(frozen=True)
class Deadline:
    """One open item with a due date, as a provider reports it."""

    key: str
    due_date: datetime.date
    title: str
    url: str = ""
    recipients: Sequence = ()
    escalate_to: Sequence = ()
    summary: str = ""
    kind: str = field(default="", compare=False)  # filled in from the provider by the scan

    def __post_init__(self):
        if isinstance(self.due_date, datetime.datetime) or not isinstance(self.due_date, datetime.date):
            raise TypeError(
                f"Deadline {self.key}: due_date must be a date, not {type(self.due_date).__name__}"
            )
        if not self.key:
            raise ValueError("Deadline.key must not be empty")


@runtime_checkable
class DeadlineProvider(Protocol):
    kind: str
    label: str

    def deadlines(self, today: datetime.date) -> Iterable[Deadline]: ...


_registry: dict[str, DeadlineProvider] = {}


def register(provider):
    """Register a provider instance, or a class (instantiated without arguments; a class decorator)."""
    instance = provider() if isinstance(provider, type) else provider
    if not isinstance(instance, DeadlineProvider) or not instance.kind:
        raise ImproperlyConfigured(f"{provider!r} is not a deadline provider (kind, label, deadlines(today))")
    current = _registry.get(instance.kind)
    if current is not None and type(current) is not type(instance):
        raise ImproperlyConfigured(f"Two deadline providers with kind {instance.kind!r}")
    _registry[instance.kind] = instance
    return provider


def unregister(kind: str) -> None:
    _registry.pop(kind, None)


def registered() -> list[DeadlineProvider]:
    return list(_registry.values())


def provider_for(kind: str) -> DeadlineProvider | None:
    return _registry.get(kind)


@contextlib.contextmanager
def temporarily_registered(provider) -> Iterator[DeadlineProvider]:
    """Register a provider for the duration of a block (tests, one-off scripts)."""
    instance = provider() if isinstance(provider, type) else provider
    register(instance)
    try:
        yield instance
    finally:
        unregister(instance.kind)


def deadlines_of(provider: DeadlineProvider, today: datetime.date) -> Iterator[Deadline]:
    """The provider's deadlines, each tagged with the provider's kind."""
    for deadline in provider.deadlines(today):
        yield deadline if deadline.kind else _with_kind(deadline, provider.kind)


def _with_kind(deadline: Deadline, kind: str) -> Deadline:
    from dataclasses import replace

    return replace(deadline, kind=kind)


def earliest_due(today: datetime.date) -> datetime.date:
    """The oldest due date the scan can still remind about today (overdue offset plus grace)."""
    after = max([-offset for offset in settings.REMINDER_OFFSETS_DAYS if offset < 0] or [0])
    return today - datetime.timedelta(days=after + settings.REMINDER_GRACE_DAYS)


def office_staff() -> list:
    """Active office staff (Thường trực TĐKT): whom overdue items escalate to."""
    return list(get_user_model().objects.filter(is_active=True, is_office_staff=True).order_by("pk"))
