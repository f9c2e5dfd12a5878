"""Change history (django-simple-history) told in Vietnamese sentences, for every history page.

One renderer: a record becomes a ``HistoryEntry`` that says who (a user's name, or "Hệ thống" for
what no user did: the eligibility engine, a scheduled task, an import run by the system), when
(local date and time written out), what was done (the change reason in words, never a code or
the library's "+", "~", "-") and what changed, field by field, with the field's verbose name and
the values as a reader knows them: a choice's label, "Có"/"Không", dd/mm/yyyy, a related record's
name as it was at the time of the change. What only a technician reads (record ids, hashes,
dictionaries of facts) goes to ``details``, which the template folds away.

Models may say how a field is explained by another with ``history_explained_by``: a mapping of a
field to the field whose value is read after it ("Kết quả kiểm tra điều kiện: Không đủ điều kiện —
thiếu …" reads ``eligibility`` then ``eligibility_reasons``).
"""

from __future__ import annotations

import datetime
import decimal
import json
import re
from collections import defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

SYSTEM = gettext_lazy("Hệ thống")
EMPTY = gettext_lazy("(trống)")

# What the services write as the change reason, as a verb phrase ("Lê Lan <verb> <the object>").
REASON_VERBS = {
    "create": gettext_lazy("tạo"),
    "edit": gettext_lazy("sửa"),
    "delete": gettext_lazy("xóa"),
    "deactivate": gettext_lazy("ngừng hoạt động"),
    "copy": gettext_lazy("sao chép từ năm trước"),
    "add": gettext_lazy("thêm thành viên vào"),
    "remove": gettext_lazy("bỏ thành viên khỏi"),
    "role": gettext_lazy("đổi vai trò trong"),
    "rename": gettext_lazy("đổi tên"),
    "reorganise": gettext_lazy("sắp xếp, tổ chức lại"),
    "main": gettext_lazy("chọn đơn vị tiền thân chính cho"),
    "clone": gettext_lazy("sao chép"),
    "new version": gettext_lazy("tạo phiên bản mới của"),
    "replaced": gettext_lazy("thay bằng phiên bản mới"),
    "group": gettext_lazy("giao cho nhóm đơn vị"),
    "import": gettext_lazy("nhập dữ liệu cho"),
    "progress": gettext_lazy("cập nhật tiến độ"),
    "send": gettext_lazy("gửi"),
    "submit": gettext_lazy("gửi"),
    "resubmit": gettext_lazy("gửi lại"),
    "issue": gettext_lazy("ban hành"),
    "issued": gettext_lazy("ban hành"),
    "archive": gettext_lazy("lưu trữ"),
    "archived": gettext_lazy("lưu trữ"),
    "draft": gettext_lazy("đưa về dự thảo"),
    "refresh figures": gettext_lazy("cập nhật số liệu"),
}
TYPE_VERBS = {"+": gettext_lazy("tạo"), "~": gettext_lazy("sửa"), "-": gettext_lazy("xóa")}
# A row of a list (a registration's line, a cluster's member) is added, changed or taken out.
ROW_VERBS = {"+": gettext_lazy("thêm"), "~": gettext_lazy("sửa"), "-": gettext_lazy("bỏ")}
# Never shown as a change: bookkeeping every save touches.
SKIPPED_FIELDS = {"updated_at", "created_at", "modified_at"}
# Shown among the technical details only.
TECHNICAL_NAME = re.compile(r"(sha256|hash|digest|fingerprint|checksum|token|_facts$|^facts$)")
CODE = re.compile(r"^[a-z_ ]+$")


@dataclass
class FieldChange:
    label: str
    old: str
    new: str
    note: str = ""  # what explains the new value ("thiếu …"), after a dash

    @property
    def sentence(self) -> str:
        text = f"{self.label}: {self.old} → {self.new}" if self.old else f"{self.label}: {self.new}"
        return f"{text} — {self.note}" if self.note else text


@dataclass
class HistoryEntry:
    when: datetime.datetime
    user: object
    actor: str
    is_system: bool
    action: str  # the verb phrase, or the reason as written in words
    headline: str  # the whole sentence: "Lê Lan sửa đề nghị khen thưởng."
    changes: list[FieldChange] = field(default_factory=list)
    details: list[tuple[str, str]] = field(default_factory=list)

    @property
    def when_text(self) -> str:
        return when_text(self.when)


def when_text(moment: datetime.datetime) -> str:
    """'lúc 15:40 ngày 06/12/2026', in the local time zone."""
    local = timezone.localtime(moment) if timezone.is_aware(moment) else moment
    return _("lúc %(time)s ngày %(date)s") % {
        "time": local.strftime("%H:%M"),
        "date": local.strftime("%d/%m/%Y"),
    }


def actor_name(user) -> str:
    if user is None:
        return str(SYSTEM)
    return user.get_full_name() or user.username


# ---------------------------------------------------------------------------
# Values
# ---------------------------------------------------------------------------
def _messages(value) -> list[str] | None:
    """A JSON list of reasons or words as lines, or None when it is not such a list."""
    if not isinstance(value, list):
        return None
    lines = []
    for item in value:
        if isinstance(item, str):
            lines.append(item)
        elif isinstance(item, dict) and isinstance(item.get("message") or item.get("text"), str):
            lines.append(item.get("message") or item.get("text"))
        elif isinstance(item, int | float | decimal.Decimal) and not isinstance(item, bool):
            lines.append(str(item))
        else:
            return None
    return lines


def is_technical(model_field, value=None) -> bool:
    if TECHNICAL_NAME.search(model_field.name):
        return True
    if isinstance(model_field, models.JSONField):
        return value not in (None, "", [], {}) and _messages(value) is None
    return False


def display(model_field, value, names=None) -> str:
    """A stored value as the reader knows it; never ``None``, ``True``, a code or a repr."""
    if value in (None, "", [], {}):
        return str(EMPTY)
    if model_field.is_relation:
        return (names or {}).get(value) or str(EMPTY)
    if model_field.choices:
        label = dict(model_field.flatchoices).get(value)
        return str(label) if label is not None else str(value)
    if isinstance(value, bool):
        return str(_("Có") if value else _("Không"))
    if isinstance(value, datetime.datetime):
        local = timezone.localtime(value) if timezone.is_aware(value) else value
        return local.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, list | dict):
        lines = _messages(value)
        if lines is not None:
            return "; ".join(lines) if lines else str(EMPTY)
        return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
    if isinstance(value, decimal.Decimal):
        return format(value.normalize(), "f").replace(".", ",")
    return str(value)


class _NamesAsTheyWere:
    """The names of related records as they were at each change: from their own history when they
    have one (the latest version at or before the moment), else as they are now. One query per
    related model."""

    def __init__(self):
        self.wanted: dict[type, set] = defaultdict(set)
        self.versions: dict[tuple[type, object], list] = {}
        self.current: dict[tuple[type, object], str] = {}

    def want(self, model, value):
        if value not in (None, ""):
            self.wanted[model].add(value)

    def load(self):
        for model, ids in self.wanted.items():
            history = getattr(model, "history", None)
            if history is not None and hasattr(history, "model"):
                pk = model._meta.pk.attname
                rows = history.filter(**{f"{pk}__in": ids}).order_by("history_date", "history_id")
                for row in rows:
                    self.versions.setdefault((model, getattr(row, pk)), []).append(row)
            for related in model._default_manager.filter(pk__in=ids):
                self.current[(model, related.pk)] = str(related)

    def name(self, model, value, moment) -> str:
        versions = self.versions.get((model, value), [])
        chosen = None
        for version in versions:
            if version.history_date <= moment:
                chosen = version
        if chosen is not None:
            try:
                return str(chosen.instance)
            except ObjectDoesNotExist:  # a version whose own relations are gone: today's name
                chosen = None
        return self.current.get((model, value)) or _("bản ghi đã xóa")


# ---------------------------------------------------------------------------
# Entries
# ---------------------------------------------------------------------------
def _headline(record, model, actor: str, is_system: bool, subject: str) -> tuple[str, str]:
    """(the action in words, the sentence)."""
    reason = (record.history_change_reason or "").strip()
    noun = subject or str(model._meta.verbose_name)
    if subject:
        verb = str(ROW_VERBS.get(record.history_type, ROW_VERBS["~"]))
        return verb, f"{actor} {verb} {noun}."
    if reason and reason in REASON_VERBS:
        verb = str(REASON_VERBS[reason])
        return verb, f"{actor} {verb} {noun}."
    if reason and not CODE.match(reason):
        # Written in words by the service: a status label, "Hệ thống kiểm tra lại điều kiện: …".
        status_field = _field(model, "status")
        status = getattr(record, "status", None)
        if status_field is not None and status_field.choices and status is not None:
            label = dict(status_field.flatchoices).get(status)
            if label is not None and str(label) == reason:
                action = _("chuyển %(noun)s sang «%(label)s»") % {"noun": noun, "label": label}
                return action, f"{actor} {action}."
        if is_system and reason.startswith(str(SYSTEM)):
            return reason[len(str(SYSTEM)) :].strip(), reason if reason.endswith(".") else f"{reason}."
        return reason, f"{actor}: {reason}" + ("" if reason.endswith(".") else ".")
    verb = str(TYPE_VERBS.get(record.history_type, TYPE_VERBS["~"]))
    return verb, f"{actor} {verb} {noun}."


def _field(model, name):
    try:
        return model._meta.get_field(name)
    except Exception:  # noqa: BLE001 — a field the model no longer has
        return None


def entries_from_records(
    records, *, limit: int = 50, named: bool = False, parent_fields=(), row_fields=()
) -> list[HistoryEntry]:
    """Entries for historical records (newest first, possibly of several models).

    Each record is compared with the next older record of the same object in ``records``; fetch
    one more than ``limit`` so the oldest shown has its previous version. ``named``: rows of a
    list (registration lines, memberships) name the row they are about in the sentence: its related
    records but ``parent_fields`` (the list it belongs to), then ``row_fields``."""
    records = list(records)
    previous: dict[int, object] = {}
    seen: dict[tuple[type, object], int] = {}
    for index in range(len(records) - 1, -1, -1):
        record = records[index]
        key = (record.instance_type, _object_id(record))
        if key in seen:
            previous[index] = records[seen[key]]
        seen[key] = index

    names = _NamesAsTheyWere()
    plans = []
    for index, record in enumerate(records[:limit]):
        model = record.instance_type
        older = previous.get(index)
        diff = []
        if older is not None and record.history_type == "~":
            diff = _diff(record, older, model)
        if named:
            for f in _row_fields(model, parent_fields, row_fields):
                if f.is_relation:
                    names.want(f.related_model, getattr(record, f.attname, None))
        for change in diff:
            model_field = _field(model, change.field)
            if model_field is not None and model_field.is_relation:
                names.want(model_field.related_model, change.old)
                names.want(model_field.related_model, change.new)
        plans.append((record, model, diff))
    names.load()

    entries = []
    for record, model, diff in plans:
        user = record.history_user
        is_system = user is None
        actor = actor_name(user)
        subject = _row_subject(record, model, names, parent_fields, row_fields) if named else ""
        action, headline = _headline(record, model, actor, is_system, subject)
        changes, details = _changes(record, model, diff, names)
        details.insert(0, (_("Mã bản ghi lịch sử"), str(record.history_id)))
        details.insert(1, (_("Mã đối tượng"), str(_object_id(record))))
        entries.append(
            HistoryEntry(
                when=record.history_date,
                user=user,
                actor=actor,
                is_system=is_system,
                action=action,
                headline=headline,
                changes=changes,
                details=details,
            )
        )
    return entries


@dataclass
class _Change:
    field: str
    old: object
    new: object


def _diff(record, older, model) -> list[_Change]:
    """What differs between two versions, every tracked field included (simple-history's own diff
    leaves out the fields forms do not edit: a status, a submission date)."""
    changes = []
    for tracked in older.tracked_fields:
        if tracked.name in SKIPPED_FIELDS or _field(model, tracked.name) is None:
            continue
        old, new = getattr(older, tracked.attname, None), getattr(record, tracked.attname, None)
        if old != new:
            changes.append(_Change(tracked.name, old, new))
    return changes


def _object_id(record):
    return getattr(record, record.instance_type._meta.pk.attname)


def _row_fields(model, parent_fields, row_fields) -> list:
    if row_fields:
        return [f for f in (_field(model, name) for name in row_fields) if f is not None]
    return [f for f in model._meta.fields if f.is_relation and f.name not in parent_fields]


def _row_subject(record, model, names, parent_fields, row_fields) -> str:
    """The row a list's record is about ("dòng đăng ký «Nguyễn Văn An — Lao động tiên tiến»"),
    named from its related records as they were."""
    parts = []
    for f in _row_fields(model, parent_fields, row_fields):
        value = getattr(record, f.attname, None)
        if value in (None, ""):
            continue
        if f.is_relation:
            parts.append(names.name(f.related_model, value, record.history_date))
        else:
            parts.append(display(f, value))
    noun = str(model._meta.verbose_name)
    return f"{noun} «{' — '.join(parts)}»" if parts else noun


def _changes(record, model, diff, names) -> tuple[list[FieldChange], list[tuple[str, str]]]:
    explained_by = getattr(model, "history_explained_by", {})
    explanations = set(explained_by.values())
    by_field = {c.field: c for c in diff}
    changes, details = [], []
    for change in diff:
        model_field = _field(model, change.field)
        if model_field is None:
            continue
        label = capfirst(str(model_field.verbose_name))
        if is_technical(model_field, change.new) or is_technical(model_field, change.old):
            details.append((label, display(model_field, change.new)))
            continue
        if change.field in explanations and any(
            by_field.get(k) for k, v in explained_by.items() if v == change.field
        ):
            continue  # told after the field it explains
        if model_field.is_relation:
            old = names.name(model_field.related_model, change.old, record.history_date) if change.old else ""
            new = names.name(model_field.related_model, change.new, record.history_date) if change.new else ""
            old, new = old or str(EMPTY), new or str(EMPTY)
        else:
            old, new = display(model_field, change.old), display(model_field, change.new)
        note = ""
        companion = explained_by.get(change.field)
        if companion:
            companion_field = _field(model, companion)
            value = getattr(record, companion_field.attname, None) if companion_field else None
            if value not in (None, "", [], {}):
                note = display(companion_field, value)
        changes.append(FieldChange(label=label, old=old, new=new, note=note))
    return changes, details


def history_of(obj, *, limit: int = 50) -> list[HistoryEntry]:
    """Who changed what and when on one object, newest first."""
    records = obj.history.select_related("history_user", "history_user__person").order_by(
        "-history_date", "-history_id"
    )[: limit + 1]
    return entries_from_records(records, limit=limit)


def history_of_rows(*querysets, limit: int = 100, parent_fields=(), row_fields=()) -> list[HistoryEntry]:
    """The history of the rows of a list (lines of a registration, members of a cluster), newest
    first, each entry naming its row (see ``entries_from_records``)."""
    records = []
    for qs in querysets:
        records.extend(
            qs.select_related("history_user", "history_user__person").order_by(
                "-history_date", "-history_id"
            )[: limit * 2]
        )
    records.sort(key=lambda r: (r.history_date, r.history_id), reverse=True)
    return entries_from_records(
        records, limit=limit, named=True, parent_fields=parent_fields, row_fields=row_fields
    )
