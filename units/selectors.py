"""Reads. Every unit-head page takes its queryset from here, so another unit's row is a 404."""

from django.db.models import Count, Q, QuerySet

from .models import Cluster, Person, Unit
from .rules import head_scope_ids, is_council_member, is_office_staff


def units_visible_to(user) -> QuerySet[Unit]:
    qs = Unit.objects.select_related("parent")
    if is_office_staff(user) or is_council_member(user):
        return qs
    return qs.filter(pk__in=head_scope_ids(user))


def persons_visible_to(user) -> QuerySet[Person]:
    qs = Person.objects.select_related("unit", "unit__parent")
    if is_office_staff(user):
        return qs
    return qs.filter(unit_id__in=head_scope_ids(user))


def clusters_with_roles() -> QuerySet[Cluster]:
    return Cluster.objects.prefetch_related("memberships__unit").annotate(
        member_count=Count("memberships", distinct=True)
    )


def unit_staff_counts(unit_ids) -> dict[int, dict[str, int]]:
    rows = (
        Person.objects.filter(unit_id__in=unit_ids)
        .values("unit_id")
        .annotate(total=Count("pk"), active=Count("pk", filter=Q(active=True)))
    )
    return {row["unit_id"]: row for row in rows}
