"""Reads. Every unit-head page takes its queryset from here, so another unit's row is a 404."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .enums import ClusterRole
from .models import Cluster, ClusterMembership, Person, Unit, User
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


def units_for_list(user) -> QuerySet[Unit]:
    """The units a user may see, with their parent and active staff count (one query for any page)."""
    # Meta.ordering is dropped from aggregated queries: order explicitly for a stable pagination.
    return (
        units_visible_to(user)
        .annotate(staff_count=Count("staff", filter=Q(staff__active=True)))
        .order_by("order", "name", "pk")
    )


def unit_parents_visible_to(user) -> QuerySet[Unit]:
    """Units that have sub-units, for the "parent" filter."""
    return units_visible_to(user).filter(children__isnull=False).distinct()


def unit_memberships(unit: Unit) -> QuerySet[ClusterMembership]:
    """The clusters a unit belongs to, latest year first."""
    return unit.cluster_memberships.select_related("cluster").order_by("-cluster__year", "cluster__name")


def unit_heads(unit_ids) -> dict[int, list[User]]:
    """The active logins heading each of the given units, in the order they were created (a unit
    may have several heads, or none): {unit id: [users]}, every unit asked for present, with the
    staff record read alongside for the names. One query, however many units."""
    heads: dict[int, list[User]] = {unit_id: [] for unit_id in unit_ids}
    users = (
        User.objects.filter(is_active=True, head_of_unit_id__in=list(heads))
        .select_related("person")
        .order_by("pk")
    )
    for user in users:
        heads[user.head_of_unit_id].append(user)
    return heads


def heads_of_unit(unit_id: int) -> list[User]:
    """One unit's active heads (``unit_heads`` for a single unit)."""
    return unit_heads([unit_id])[unit_id]


def persons_for_list(user) -> QuerySet[Person]:
    return (
        persons_visible_to(user)
        .select_related("user")
        .order_by("unit__order", "unit__name", "full_name", "pk")
    )


def _member_unit_name(role: str) -> Subquery:
    memberships = ClusterMembership.objects.filter(cluster=OuterRef("pk"), role=role)
    return Subquery(memberships.values("unit__name")[:1])  # one leader, one deputy (a constraint)


def clusters_for_list(year: int) -> QuerySet[Cluster]:
    """A year's clusters for the list and its export: each with its member count and the names of
    its leader and deputy units, in one query."""
    return (
        Cluster.objects.filter(year=year)
        .annotate(
            member_count=Count("memberships", distinct=True),
            leader_name=_member_unit_name(ClusterRole.LEADER),
            deputy_name=_member_unit_name(ClusterRole.DEPUTY),
        )
        .order_by("name", "pk")
    )


def cluster_years() -> list[int]:
    """Years that have clusters, plus the current and the next year, newest first."""
    this_year = timezone.localdate().year
    years = set(Cluster.objects.order_by().values_list("year", flat=True).distinct())
    return sorted(years | {this_year, this_year + 1}, reverse=True)


# ---------------------------------------------------------------------------
# Change history (django-simple-history), as the detail pages show it
# ---------------------------------------------------------------------------
HISTORY_TYPES = {"+": _("Tạo mới"), "~": _("Sửa"), "-": _("Xóa")}
CHANGE_REASONS = {
    "create": _("Tạo mới"),
    "edit": _("Sửa"),
    "deactivate": _("Ngừng hoạt động"),
    "copy": _("Sao chép từ năm trước"),
    "add": _("Thêm thành viên"),
    "remove": _("Bỏ thành viên"),
    "role": _("Đổi vai trò"),
}
HISTORY_EXCLUDED_FIELDS = ["updated_at"]


@dataclass
class FieldChange:
    label: str
    old: str
    new: str


@dataclass
class HistoryEntry:
    when: datetime.datetime
    user: object
    action: str
    changes: list[FieldChange] = field(default_factory=list)


def _display(model_field, value, fk_names) -> str:
    if value in (None, ""):
        return "—"
    if model_field.is_relation:
        return fk_names.get((model_field.related_model, value), f"#{value}")
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return str(_("Có") if value else _("Không"))
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    return str(value)


def history_of(obj, *, limit: int = 50) -> list[HistoryEntry]:
    """Who changed what and when, newest first: one query for the records, one per related model."""
    records = list(
        obj.history.select_related("history_user", "history_user__person").order_by(
            "-history_date", "-history_id"
        )[: limit + 1]
    )
    opts = obj._meta
    pairs = []
    for i, record in enumerate(records[:limit]):
        previous = records[i + 1] if i + 1 < len(records) else None
        changes = []
        if previous is not None and record.history_type == "~":
            changes = record.diff_against(previous, excluded_fields=HISTORY_EXCLUDED_FIELDS).changes
        pairs.append((record, changes))

    wanted = defaultdict(set)
    for _record, changes in pairs:
        for change in changes:
            model_field = opts.get_field(change.field)
            if model_field.is_relation:
                wanted[model_field.related_model].update(v for v in (change.old, change.new) if v)
    fk_names = {}
    for model, ids in wanted.items():
        for related in model._default_manager.filter(pk__in=ids):
            fk_names[(model, related.pk)] = str(related)

    entries = []
    for record, changes in pairs:
        reason = record.history_change_reason
        action = CHANGE_REASONS.get(reason, reason) if reason else HISTORY_TYPES.get(record.history_type, "")
        entries.append(
            HistoryEntry(
                when=record.history_date,
                user=record.history_user,
                action=action,
                changes=[
                    FieldChange(
                        label=str(opts.get_field(c.field).verbose_name),
                        old=_display(opts.get_field(c.field), c.old, fk_names),
                        new=_display(opts.get_field(c.field), c.new, fk_names),
                    )
                    for c in changes
                ],
            )
        )
    return entries


def cluster_membership_history(cluster: Cluster, *, limit: int = 50) -> list[HistoryEntry]:
    """Units added to or removed from a cluster and role changes, newest first."""
    records = (
        ClusterMembership.history.filter(cluster_id=cluster.pk)
        .select_related("history_user", "history_user__person", "unit")
        .order_by("-history_date", "-history_id")[:limit]
    )
    roles = dict(ClusterRole.choices)
    entries = []
    for record in records:
        if record.history_type == "-":
            action = _("Bỏ thành viên")
        elif record.history_type == "+":
            action = _("Thêm thành viên")
        else:
            action = _("Đổi vai trò")
        unit = record.unit if record.unit_id else None
        entries.append(
            HistoryEntry(
                when=record.history_date,
                user=record.history_user,
                action=action,
                changes=[
                    FieldChange(label=str(unit or "—"), old="", new=str(roles.get(record.role, record.role)))
                ],
            )
        )
    return entries
