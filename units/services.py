"""Writes for the organisation. Views, admin, tasks and commands call these; nothing else saves."""

import datetime
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .concurrency import check_version
from .enums import ClusterRole
from .models import Cluster, ClusterMembership, Person, Unit
from .refusals import Refused


def _require(by, perm: str, obj=None) -> None:
    """Refuse when a user is given and lacks the permission (None: a system call, no check)."""
    if by is not None and not by.has_perm(perm, obj):
        raise PermissionDenied(perm)


def _stamp(obj, *, by, reason: str) -> None:
    """Author and reason of the history record the next save writes."""
    if by is not None:
        obj._history_user = by
    obj._change_reason = reason


@transaction.atomic
def unit_save(
    unit: Unit,
    *,
    by=None,
    expected_updated_at: datetime.datetime | None = None,
    predecessors: Iterable[Unit] | None = None,
) -> Unit:
    """Create or update a unit. Raises EditConflict if the row changed since ``expected_updated_at``.

    ``predecessors`` None leaves the predecessor links as they are.
    """
    if unit.pk:
        current = Unit.objects.select_for_update().get(pk=unit.pk)
        _require(by, "units.change_unit", current)
        check_version(current, expected_updated_at)
        reason = "edit"
    else:
        _require(by, "units.add_unit")
        reason = "create"
    unit.full_clean(validate_unique=False)
    _stamp(unit, by=by, reason=reason)
    unit.save()
    if predecessors is not None:
        unit.predecessors.set(predecessors)
    return unit


@transaction.atomic
def unit_deactivate(unit: Unit, *, by=None, on: datetime.date | None = None) -> bool:
    """Mark a unit inactive (never deleted: awards and history point at it). False if already so."""
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    if not unit.active:
        return False
    _require(by, "units.change_unit", unit)
    unit.active = False
    unit.valid_to = unit.valid_to or on or timezone.localdate()
    _stamp(unit, by=by, reason="deactivate")
    # updated_at moves too, so an edit form opened before this notices it (concurrency.py).
    unit.save(update_fields=["active", "valid_to", "updated_at"])
    return True


@transaction.atomic
def person_save(person: Person, *, by=None, expected_updated_at: datetime.datetime | None = None) -> Person:
    """Create or update a staff member. A unit head may only do so inside their own units.

    Raises EditConflict if the row changed since ``expected_updated_at``, PermissionDenied if
    ``by`` may not touch the person where they were or where they are going.
    """
    if person.pk:
        current = Person.objects.select_for_update().get(pk=person.pk)
        _require(by, "units.change_person", current)
        check_version(current, expected_updated_at)
        reason = "edit"
    else:
        _require(by, "units.add_person")
        reason = "create"
    _require(by, "units.change_person", person)  # the unit it ends up in
    _stamp(person, by=by, reason=reason)
    person.save()
    return person


@transaction.atomic
def person_deactivate(person: Person, *, by=None) -> bool:
    """Mark a staff member as no longer working here; their login, if any, is locked too."""
    person = Person.objects.select_for_update().get(pk=person.pk)
    if not person.active:
        return False
    _require(by, "units.change_person", person)
    if by is not None and not by.has_perm("units.deactivate_person", person):
        raise Refused(
            _(
                "Cán bộ này có tài khoản Thường trực TĐKT, Hội đồng TĐKT hoặc quản trị hệ thống; "
                "chỉ Thường trực TĐKT hoặc quản trị viên được ghi nhận ngừng công tác."
            )
        )
    person.active = False
    _stamp(person, by=by, reason="deactivate")
    person.save(update_fields=["active", "updated_at"])
    user = getattr(person, "user", None)
    if user is not None and user.is_active:
        user.is_active = False
        _stamp(user, by=by, reason="deactivate")
        user.save(update_fields=["is_active"])
    return True


def units_close_expired(*, today: datetime.date | None = None) -> int:
    """Deactivate every active unit whose validity ended before today (after a merger or split)."""
    today = today or timezone.localdate()
    closed = 0
    for unit in Unit.objects.filter(active=True, valid_to__lt=today):
        closed += unit_deactivate(unit, on=unit.valid_to)
    return closed


def _check_cluster_roles(members: list[Unit], leader: Unit | None, deputy: Unit | None) -> None:
    errors = {}
    member_ids = {unit.pk for unit in members}
    if leader is not None and leader.pk not in member_ids:
        errors["leader"] = _("Đơn vị trưởng cụm/khối phải là một đơn vị thành viên.")
    if deputy is not None and deputy.pk not in member_ids:
        errors["deputy"] = _("Đơn vị phó cụm/khối phải là một đơn vị thành viên.")
    if leader is not None and deputy is not None and leader.pk == deputy.pk:
        errors["deputy"] = _("Đơn vị phó cụm/khối phải khác đơn vị trưởng cụm/khối.")
    if errors:
        raise ValidationError(errors)


def _cluster_set_members(cluster: Cluster, members: list[Unit], leader, deputy, *, by) -> None:
    """Bring the membership rows in line, one row at a time so each change has its history."""
    wanted = {unit.pk: ClusterRole.MEMBER for unit in members}
    if leader is not None:
        wanted[leader.pk] = ClusterRole.LEADER
    if deputy is not None:
        wanted[deputy.pk] = ClusterRole.DEPUTY
    existing = {m.unit_id: m for m in ClusterMembership.objects.select_for_update().filter(cluster=cluster)}
    for unit_id, membership in existing.items():
        if unit_id not in wanted:
            _stamp(membership, by=by, reason="remove")
            membership.delete()
    # Free the leader and deputy seats first: one leader and one deputy per cluster at any moment.
    for unit_id, membership in existing.items():
        role = wanted.get(unit_id)
        if role is not None and role != membership.role and membership.role != ClusterRole.MEMBER:
            membership.role = ClusterRole.MEMBER
            _stamp(membership, by=by, reason="role")
            membership.save(update_fields=["role"])
    for unit_id, role in wanted.items():
        membership = existing.get(unit_id)
        if membership is None:
            membership = ClusterMembership(cluster=cluster, unit_id=unit_id, role=role)
            _stamp(membership, by=by, reason="add")
            membership.save()
        elif membership.role != role:
            membership.role = role
            _stamp(membership, by=by, reason="role")
            membership.save(update_fields=["role"])


@transaction.atomic
def cluster_save(
    cluster: Cluster,
    *,
    members: Iterable[Unit] | None = None,
    leader: Unit | None = None,
    deputy: Unit | None = None,
    by=None,
    expected_updated_at: datetime.datetime | None = None,
) -> Cluster:
    """Create or update a cluster and, when ``members`` is given, its member units and roles.

    Leader and deputy must be members and differ (ValidationError otherwise). ``members`` None
    leaves the memberships alone (the admin edits them inline). Raises EditConflict if the row
    changed since ``expected_updated_at``.
    """
    if cluster.pk:
        current = Cluster.objects.select_for_update().get(pk=cluster.pk)
        _require(by, "units.change_cluster", current)
        check_version(current, expected_updated_at)
        reason = "edit"
    else:
        _require(by, "units.add_cluster")
        reason = "create"
    if members is not None:
        members = list(members)
        _check_cluster_roles(members, leader, deputy)
    _stamp(cluster, by=by, reason=reason)
    # The cluster's own row moves even when only its members change, so the conflict check sees it.
    cluster.save()
    if members is not None:
        _cluster_set_members(cluster, members, leader, deputy, by=by)
    return cluster


@transaction.atomic
def cluster_deactivate(cluster: Cluster, *, by=None) -> bool:
    """Mark a cluster inactive (never deleted: rankings point at it). False if already so."""
    cluster = Cluster.objects.select_for_update().get(pk=cluster.pk)
    if not cluster.active:
        return False
    _require(by, "units.change_cluster", cluster)
    cluster.active = False
    _stamp(cluster, by=by, reason="deactivate")
    cluster.save(update_fields=["active", "updated_at"])
    return True


@transaction.atomic
def clusters_copy_to_year(from_year: int, to_year: int, *, by) -> list[Cluster]:
    """Copy the active clusters of ``from_year`` and their active member units to ``to_year``.

    Idempotent: a cluster whose name already exists in ``to_year`` is skipped. Leader and deputy
    are not copied (they rotate every year); every copied unit is a plain member.
    Returns the clusters created.
    """
    _require(by, "units.add_cluster")
    if from_year == to_year:
        raise ValidationError(_("Năm đích phải khác năm nguồn."))
    taken = set(Cluster.objects.filter(year=to_year).values_list("name", flat=True))
    created = []
    sources = Cluster.objects.filter(year=from_year, active=True).prefetch_related("memberships__unit")
    for source in sources:
        if source.name in taken:
            continue
        copy = Cluster(year=to_year, name=source.name, description=source.description, pact=source.pact)
        _stamp(copy, by=by, reason="copy")
        copy.save()
        for membership in source.memberships.all():
            if not membership.unit.active:
                continue
            row = ClusterMembership(cluster=copy, unit=membership.unit, role=ClusterRole.MEMBER)
            _stamp(row, by=by, reason="copy")
            row.save()
        created.append(copy)
    return created
