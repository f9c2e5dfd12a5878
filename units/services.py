"""Writes for the organisation. Views, admin, tasks and commands call these; nothing else saves."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .concurrency import check_version
from .enums import ClusterRole, ReorganisationKind, UnitKind
from .models import Cluster, ClusterMembership, Person, Reorganisation, Unit, UnitName
from .refusals import Refused
from .selectors import clusters_to_copy
from .signals import unit_reorganised


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
    seen_updated_at: datetime.datetime | None = None,
    predecessors: Iterable[Unit] | None = None,
) -> Unit:
    """Create or update a unit. Raises Conflict if the row changed since ``seen_updated_at``.

    ``predecessors`` None leaves the predecessor links as they are.
    """
    if unit.pk:
        current = Unit.objects.select_for_update().get(pk=unit.pk)
        _require(by, "units.change_unit", current)
        check_version(current, seen_updated_at)
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
def person_save(person: Person, *, by=None, seen_updated_at: datetime.datetime | None = None) -> Person:
    """Create or update a staff member. A unit head may only do so inside their own units.

    Raises Conflict if the row changed since ``seen_updated_at``, PermissionDenied if
    ``by`` may not touch the person where they were or where they are going.
    """
    if person.pk:
        current = Person.objects.select_for_update().get(pk=person.pk)
        _require(by, "units.change_person", current)
        check_version(current, seen_updated_at)
        reason = "edit"
    else:
        _require(by, "units.add_person")
        reason = "create"
    _require(by, "units.change_person", person)  # the unit it ends up in
    _stamp(person, by=by, reason=reason)
    person.save()
    return person


def person_import_save(person: Person, *, by=None) -> Person:
    """A staff member created or updated by the staff import, which checked the permission once
    and locked the row: each field checked (the unit by the import), saved with the reason "import"."""
    # The unique constraint guards the code inside the import's transaction.
    person.full_clean(exclude=["unit"], validate_unique=False)
    _stamp(person, by=by, reason="import")
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
    seen_updated_at: datetime.datetime | None = None,
) -> Cluster:
    """Create or update a cluster and, when ``members`` is given, its member units and roles.

    Leader and deputy must be members and differ (ValidationError otherwise). ``members`` None
    leaves the memberships alone (the admin edits them inline). Raises Conflict if the row
    changed since ``seen_updated_at``.
    """
    if cluster.pk:
        current = Cluster.objects.select_for_update().get(pk=cluster.pk)
        _require(by, "units.change_cluster", current)
        check_version(current, seen_updated_at)
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
    sources = clusters_to_copy(from_year).prefetch_related("memberships__unit")
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


# ---------------------------------------------------------------------------
# Reorganisations: rename, merger, absorption, split, transfer, dissolution
# ---------------------------------------------------------------------------
@dataclass(frozen=True)
class LegalBasis:
    """The decision a reorganisation rests on: its number, date and issuer."""

    number: str
    date: datetime.date
    issuer: str


def _refuse_basis(basis: LegalBasis, effective: datetime.date | None) -> dict:
    errors = {}
    if not (basis.number or "").strip():
        errors["decision_number"] = _("Nhập số quyết định sắp xếp, tổ chức lại.")
    if basis.date is None:
        errors["decision_date"] = _("Nhập ngày ký quyết định.")
    if not (basis.issuer or "").strip():
        errors["issuer"] = _("Nhập cơ quan ban hành quyết định.")
    if effective is None:
        errors["effective"] = _("Nhập ngày quyết định có hiệu lực.")
    elif basis.date is not None and effective < basis.date:
        errors["effective"] = _("Ngày có hiệu lực không được trước ngày ký quyết định.")
    return errors


def _check_in_force(units: Iterable[Unit], effective: datetime.date, field: str, errors: dict) -> None:
    """Each unit must exist on the day before the event takes effect (it cannot end twice)."""
    for unit in units:
        if unit.valid_to is not None and unit.valid_to < effective:
            errors.setdefault(
                field,
                _(
                    "Đơn vị “%(unit)s” đã hết hiệu lực từ ngày %(day)s, "
                    "không thể sắp xếp lại từ ngày %(effective)s."
                )
                % {
                    "unit": unit.name,
                    "day": unit.valid_to.strftime("%d/%m/%Y"),
                    "effective": effective.strftime("%d/%m/%Y"),
                },
            )
        if unit.valid_from is not None and unit.valid_from >= effective:
            errors.setdefault(
                field,
                _("Đơn vị “%(unit)s” chỉ có hiệu lực từ ngày %(day)s, sau ngày sắp xếp.")
                % {"unit": unit.name, "day": unit.valid_from.strftime("%d/%m/%Y")},
            )


def _end_unit(unit: Unit, effective: datetime.date, *, by, reason: str) -> None:
    """The unit's last day is the day before the event; inactive once that day has passed."""
    unit.valid_to = effective - datetime.timedelta(days=1)
    if effective <= timezone.localdate():
        unit.active = False
    _stamp(unit, by=by, reason=reason)
    unit.save(update_fields=["valid_to", "active", "updated_at"])


def _move_staff_and_children(sources: Iterable[Unit], target: Unit, *, by, reason: str) -> None:
    """Active staff and sub-units of the ending units go to the unit that continues them; each
    person keeps their own award history (it is theirs, not their unit's)."""
    source_ids = [unit.pk for unit in sources if unit.pk != target.pk]
    for person in Person.objects.select_for_update().filter(unit_id__in=source_ids, active=True):
        person.unit = target
        _stamp(person, by=by, reason=reason)
        person.save(update_fields=["unit", "updated_at"])
    for child in Unit.objects.select_for_update().filter(parent_id__in=source_ids):
        child.parent = target
        _stamp(child, by=by, reason=reason)
        child.save(update_fields=["parent", "updated_at"])


def _event(kind, *, effective, basis: LegalBasis, by, note: str = "", **fields) -> Reorganisation:
    event = Reorganisation(
        kind=kind,
        effective=effective,
        decision_number=basis.number.strip(),
        decision_date=basis.date,
        issuer=basis.issuer.strip(),
        note=note,
        created_by=by,
        **fields,
    )
    _stamp(event, by=by, reason="create")
    event.save()
    return event


def _announce(event: Reorganisation) -> None:
    """Tell the floors above, inside the transaction, which units the event touched."""
    unit_ids = set(event.before.values_list("pk", flat=True)) | set(event.after.values_list("pk", flat=True))
    if event.department_id:
        unit_ids.add(event.department_id)
    unit_reorganised.send(sender=Reorganisation, unit_ids=sorted(unit_ids), effective=event.effective)


def _raise(errors: dict) -> None:
    if errors:
        raise Refused(errors)


@transaction.atomic
def reorganisation_rename(
    unit: Unit,
    *,
    new_name: str,
    new_short_name: str | None = None,
    effective: datetime.date,
    basis: LegalBasis,
    by=None,
    note: str = "",
) -> Reorganisation:
    """Rename a unit from ``effective``: the row (and everything pointing at it) stays; the old name
    is kept with the days it was borne, so records of those days print it."""
    _require(by, "units.add_reorganisation")
    errors = _refuse_basis(basis, effective)
    new_name = (new_name or "").strip()
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    if not new_name:
        errors["new_name"] = _("Nhập tên mới của đơn vị.")
    elif new_name == unit.name:
        errors["new_name"] = _("Tên mới trùng với tên hiện tại của đơn vị.")
    if effective is not None:
        _check_in_force([unit], effective, "units_before", errors)
        last = unit.former_names.order_by("-valid_to").first()
        if last is not None and last.valid_to >= effective:
            errors["effective"] = _(
                "Đơn vị đã đổi tên có hiệu lực từ ngày %(day)s; ngày đổi tên mới phải sau ngày đó."
            ) % {"day": (last.valid_to + datetime.timedelta(days=1)).strftime("%d/%m/%Y")}
    _raise(errors)
    last = unit.former_names.order_by("-valid_to").first()
    started = last.valid_to + datetime.timedelta(days=1) if last is not None else unit.valid_from
    event = _event(
        ReorganisationKind.RENAME,
        effective=effective,
        basis=basis,
        by=by,
        note=note,
        old_name=unit.name,
        new_name=new_name,
    )
    UnitName.objects.create(
        unit=unit,
        name=unit.name,
        short_name=unit.short_name,
        valid_from=started,
        valid_to=effective - datetime.timedelta(days=1),
        reorganisation=event,
    )
    unit.name = new_name
    if new_short_name is not None:
        unit.short_name = new_short_name.strip()
    _stamp(unit, by=by, reason="rename")
    unit.save(update_fields=["name", "short_name", "updated_at"])
    event.before.set([unit])
    event.after.set([unit])
    _announce(event)
    return event


def _new_or_existing(unit: Unit, effective: datetime.date, *, by) -> Unit:
    """A successor given unsaved is created valid from ``effective``."""
    if unit.pk:
        return unit
    unit.valid_from = effective
    unit.full_clean(validate_unique=False)
    _stamp(unit, by=by, reason="reorganise")
    unit.save()
    return unit


def _check_new_unit(unit: Unit, errors: dict, field: str) -> None:
    if unit.pk:
        return
    if not (unit.code or "").strip() or not (unit.name or "").strip():
        errors[field] = _("Nhập mã và tên của đơn vị mới.")
    elif Unit.objects.filter(code=unit.code.strip()).exists():
        errors[field] = _("Mã đơn vị “%(code)s” đã có; chọn mã khác.") % {"code": unit.code}


@transaction.atomic
def reorganisation_merge(
    predecessors: Iterable[Unit],
    *,
    successor: Unit,
    main: Unit | None,
    effective: datetime.date,
    basis: LegalBasis,
    by=None,
    move_staff: bool = True,
    note: str = "",
) -> Reorganisation:
    """Merge units into one. ``successor`` unsaved: a merger (hợp nhất) into a new unit, created
    from ``effective``; saved: an absorption (sáp nhập) into an existing unit, which then counts
    itself among the units before. Every predecessor ends the day before; ``main`` (one of the
    predecessors) is the unit whose chain of years the successor continues."""
    _require(by, "units.add_reorganisation")
    predecessors = list(Unit.objects.select_for_update().filter(pk__in=[u.pk for u in predecessors]))
    errors = _refuse_basis(basis, effective)
    absorbing = bool(successor.pk)
    ending = [u for u in predecessors if u.pk != successor.pk]
    if len(ending) < (1 if absorbing else 2):
        errors["units_before"] = (
            _("Chọn ít nhất một đơn vị được sáp nhập (khác đơn vị nhận sáp nhập).")
            if absorbing
            else _("Chọn ít nhất hai đơn vị được hợp nhất.")
        )
    _check_new_unit(successor, errors, "new_units")
    if main is not None and main.pk not in {u.pk for u in predecessors} | (
        {successor.pk} if absorbing else set()
    ):
        errors["main_predecessor"] = _("Đơn vị tiền thân chính phải là một trong các đơn vị trước sắp xếp.")
    if main is None and not absorbing and ending:
        errors["main_predecessor"] = _(
            "Chọn đơn vị tiền thân chính mà đơn vị mới tiếp nối chuỗi năm thi đua."
        )
    if effective is not None:
        _check_in_force(ending, effective, "units_before", errors)
        if absorbing:
            _check_in_force([successor], effective, "units_after", errors)
    _raise(errors)
    successor = _new_or_existing(successor, effective, by=by)
    kind = ReorganisationKind.ABSORPTION if absorbing else ReorganisationKind.MERGER
    main_id = main.pk if main is not None and main.pk != successor.pk else None
    event = _event(kind, effective=effective, basis=basis, by=by, note=note, main_predecessor_id=main_id)
    for unit in ending:
        _end_unit(unit, effective, by=by, reason="reorganise")
    if move_staff:
        _move_staff_and_children(ending, successor, by=by, reason="reorganise")
    successor.predecessors.add(*ending)
    event.before.set(ending + ([successor] if absorbing else []))
    event.after.set([successor])
    _announce(event)
    return event


@transaction.atomic
def reorganisation_split(
    unit: Unit,
    *,
    successors: Iterable[Unit],
    effective: datetime.date,
    basis: LegalBasis,
    by=None,
    note: str = "",
) -> Reorganisation:
    """Split a unit into several (new ones given unsaved, created from ``effective``; existing ones
    receive a part). The unit ends the day before; each successor names it as its predecessor and
    continues its chain. Staff stay where they are until the office moves each person."""
    _require(by, "units.add_reorganisation")
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    successors = list(successors)
    errors = _refuse_basis(basis, effective)
    if len(successors) < 2:
        errors["new_units"] = _("Chia tách cần ít nhất hai đơn vị sau sắp xếp.")
    if any(s.pk == unit.pk for s in successors):
        errors["units_after"] = _("Đơn vị bị chia tách không thể là đơn vị sau sắp xếp.")
    for successor in successors:
        _check_new_unit(successor, errors, "new_units")
    if effective is not None:
        _check_in_force([unit], effective, "units_before", errors)
    _raise(errors)
    successors = [_new_or_existing(s, effective, by=by) for s in successors]
    event = _event(
        ReorganisationKind.SPLIT, effective=effective, basis=basis, by=by, note=note, main_predecessor=unit
    )
    _end_unit(unit, effective, by=by, reason="reorganise")
    for successor in successors:
        successor.predecessors.add(unit)
    event.before.set([unit])
    event.after.set(successors)
    _announce(event)
    return event


@transaction.atomic
def reorganisation_transfer(
    department: Unit,
    *,
    to_parent: Unit,
    effective: datetime.date,
    basis: LegalBasis,
    by=None,
    note: str = "",
) -> Reorganisation:
    """Move a department (khoa, phòng) and its staff under another unit from ``effective``; its own
    history moves with it, being its own."""
    _require(by, "units.add_reorganisation")
    department = Unit.objects.select_for_update().get(pk=department.pk)
    errors = _refuse_basis(basis, effective)
    if department.parent_id is None:
        errors["department"] = _("Chỉ điều chuyển được khoa, phòng đang trực thuộc một đơn vị.")
    elif to_parent.pk == department.parent_id:
        errors["units_after"] = _("Khoa, phòng này đã trực thuộc “%(unit)s”.") % {"unit": to_parent.name}
    elif to_parent.pk == department.pk or to_parent.pk in department.subtree_ids():
        errors["units_after"] = _("Không thể chuyển khoa, phòng vào chính nó hoặc đơn vị trực thuộc nó.")
    if effective is not None:
        _check_in_force([department], effective, "department", errors)
        _check_in_force([to_parent], effective, "units_after", errors)
    _raise(errors)
    old_parent = department.parent
    event = _event(
        ReorganisationKind.TRANSFER, effective=effective, basis=basis, by=by, note=note, department=department
    )
    department.parent = to_parent
    _stamp(department, by=by, reason="reorganise")
    department.save(update_fields=["parent", "updated_at"])
    event.before.set([old_parent])
    event.after.set([to_parent])
    _announce(event)
    return event


@transaction.atomic
def reorganisation_dissolve(
    unit: Unit, *, effective: datetime.date, basis: LegalBasis, by=None, note: str = ""
) -> Reorganisation:
    """Dissolve a unit: it ends the day before ``effective``; no unit continues it."""
    _require(by, "units.add_reorganisation")
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    errors = _refuse_basis(basis, effective)
    if effective is not None:
        _check_in_force([unit], effective, "units_before", errors)
        if Person.objects.filter(unit=unit, active=True).exists():
            errors["units_before"] = _(
                "Đơn vị “%(unit)s” còn cán bộ đang công tác; "
                "chuyển cán bộ sang đơn vị khác trước khi giải thể."
            ) % {"unit": unit.name}
    _raise(errors)
    event = _event(ReorganisationKind.DISSOLUTION, effective=effective, basis=basis, by=by, note=note)
    _end_unit(unit, effective, by=by, reason="reorganise")
    event.before.set([unit])
    _announce(event)
    return event


@transaction.atomic
def reorganisation_choose_main(event: Reorganisation, *, main: Unit | None, by=None) -> Reorganisation:
    """The office names which predecessor's chain of years the successor continues (None: the
    successor's own years only, for an absorption)."""
    event = Reorganisation.objects.select_for_update().get(pk=event.pk)
    _require(by, "units.change_reorganisation", event)
    if event.kind not in (ReorganisationKind.MERGER, ReorganisationKind.ABSORPTION):
        raise Refused(_("Chỉ hợp nhất, sáp nhập mới chọn đơn vị tiền thân chính."))
    before = set(event.before.values_list("pk", flat=True))
    after = set(event.after.values_list("pk", flat=True))
    if main is not None and (main.pk not in before or main.pk in after):
        raise Refused(
            {"main_predecessor": _("Đơn vị tiền thân chính phải là một đơn vị được hợp nhất, sáp nhập.")}
        )
    if main is None and event.kind == ReorganisationKind.MERGER:
        raise Refused(
            {"main_predecessor": _("Đơn vị hợp nhất mới phải tiếp nối chuỗi năm của một đơn vị tiền thân.")}
        )
    event.main_predecessor = main
    _stamp(event, by=by, reason="main")
    event.save(update_fields=["main_predecessor", "updated_at"])
    _announce(event)
    return event


def reorganisation_record(
    *,
    kind: str,
    effective: datetime.date,
    basis: LegalBasis,
    units_before: Iterable[Unit] = (),
    units_after: Unit | None = None,
    department: Unit | None = None,
    new_name: str = "",
    new_short_name: str | None = None,
    new_units: Iterable[tuple[str, str]] = (),
    main: Unit | None = None,
    by=None,
    note: str = "",
) -> Reorganisation:
    """Record an event of any kind from one form: each kind goes to its own service. ``new_units``
    are (code, name) pairs of units the event creates (of the kind and under the parent of the
    first unit before)."""
    before = list(units_before)
    first = before[0] if before else None

    def new(code, name):
        return Unit(
            code=code.strip(),
            name=name.strip(),
            kind=first.kind if first is not None else UnitKind.OTHER,
            parent_id=first.parent_id if first is not None else None,
        )

    created = [new(code, name) for code, name in new_units]
    if kind == ReorganisationKind.RENAME:
        if len(before) != 1:
            raise Refused({"units_before": _("Chọn đúng một đơn vị đổi tên.")})
        return reorganisation_rename(
            first,
            new_name=new_name,
            new_short_name=new_short_name,
            effective=effective,
            basis=basis,
            by=by,
            note=note,
        )
    if kind == ReorganisationKind.MERGER:
        if len(created) != 1:
            raise Refused({"new_units": _("Hợp nhất tạo đúng một đơn vị mới: ghi một dòng “mã | tên”.")})
        return reorganisation_merge(
            before, successor=created[0], main=main, effective=effective, basis=basis, by=by, note=note
        )
    if kind == ReorganisationKind.ABSORPTION:
        if units_after is None:
            raise Refused({"units_after": _("Chọn đơn vị nhận sáp nhập.")})
        return reorganisation_merge(
            before, successor=units_after, main=main, effective=effective, basis=basis, by=by, note=note
        )
    if kind == ReorganisationKind.SPLIT:
        if len(before) != 1:
            raise Refused({"units_before": _("Chọn đúng một đơn vị bị chia tách.")})
        successors = created + ([units_after] if units_after is not None else [])
        return reorganisation_split(
            first, successors=successors, effective=effective, basis=basis, by=by, note=note
        )
    if kind == ReorganisationKind.TRANSFER:
        if department is None:
            raise Refused({"department": _("Chọn khoa, phòng được điều chuyển.")})
        if units_after is None:
            raise Refused({"units_after": _("Chọn đơn vị nhận khoa, phòng.")})
        return reorganisation_transfer(
            department, to_parent=units_after, effective=effective, basis=basis, by=by, note=note
        )
    if kind == ReorganisationKind.DISSOLUTION:
        if len(before) != 1:
            raise Refused({"units_before": _("Chọn đúng một đơn vị giải thể.")})
        return reorganisation_dissolve(first, effective=effective, basis=basis, by=by, note=note)
    raise Refused({"kind": _("Chọn hình thức sắp xếp.")})
