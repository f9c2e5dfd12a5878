"""Writes for the organisation. Views, admin, tasks and commands call these; nothing else saves."""

import datetime

from django.db import transaction
from django.utils import timezone

from .models import Person, Unit


@transaction.atomic
def unit_deactivate(unit: Unit, *, by=None, on: datetime.date | None = None) -> bool:
    """Mark a unit inactive (never deleted: awards and history point at it). False if already so."""
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    if not unit.active:
        return False
    unit.active = False
    unit.valid_to = unit.valid_to or on or timezone.localdate()
    unit._change_reason = "deactivate"
    unit.save(update_fields=["active", "valid_to"])
    return True


@transaction.atomic
def person_deactivate(person: Person, *, by=None) -> bool:
    """Mark a staff member as no longer working here; their login, if any, is locked too."""
    person = Person.objects.select_for_update().get(pk=person.pk)
    if not person.active:
        return False
    person.active = False
    person._change_reason = "deactivate"
    person.save(update_fields=["active"])
    user = getattr(person, "user", None)
    if user is not None and user.is_active:
        user.is_active = False
        user.save(update_fields=["is_active"])
    return True


def units_close_expired(*, today: datetime.date | None = None) -> int:
    """Deactivate every active unit whose validity ended before today (after a merger or split)."""
    today = today or timezone.localdate()
    closed = 0
    for unit in Unit.objects.filter(active=True, valid_to__lt=today):
        closed += unit_deactivate(unit, on=unit.valid_to)
    return closed
