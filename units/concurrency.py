"""Edit-conflict detection: "someone else saved this record since you opened it".

The edit form carries the ``updated_at`` the user saw when the page was loaded (a hidden field).
The service locks the row (``select_for_update``) and calls :func:`check_version`; if the row
changed meanwhile it raises :class:`units.refusals.Conflict`, the transaction rolls back and the
view re-renders the form with what the user typed and a Vietnamese explanation.

Every writer of a versioned model must let ``updated_at`` move (``auto_now``; when saving with
``update_fields``, include ``"updated_at"``), otherwise its change goes unnoticed here.
"""

import datetime

from django import forms
from django.contrib import messages
from django.http import HttpResponseRedirect
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from .refusals import Conflict

VERSION_FIELD = "seen_updated_at"

CONFLICT_MESSAGE = _(
    "Bản ghi này vừa được người khác sửa lúc %(time)s%(by)s, sau khi bạn mở trang. "
    "Chưa có gì được lưu. Vui lòng xem lại thông tin hiện tại (mở trang chi tiết ở thẻ khác); "
    "nếu vẫn muốn dùng nội dung bạn đã nhập, bấm Lưu lần nữa."
)


def last_history_user(obj):
    """Who made the latest recorded change of ``obj`` (None if unknown)."""
    history = getattr(obj, "history", None)
    if history is None:
        return None
    record = history.select_related("history_user").order_by("-history_date", "-history_id").first()
    return record.history_user if record else None


def version_token(value: datetime.datetime | None) -> str:
    return value.isoformat() if value else ""


def parse_version(token: str | None) -> datetime.datetime | None:
    if not token:
        return None
    try:
        value = datetime.datetime.fromisoformat(token)
    except ValueError:
        return None
    if timezone.is_naive(value):
        value = timezone.make_aware(value, datetime.UTC)
    return value


def seen_version(token: str | None) -> datetime.datetime | None:
    """The version a form's hidden ``seen_updated_at`` names: None when it is empty (nothing to
    check); a token that is not a time counts as "very old", so the save is refused."""
    if not token:
        return None
    return parse_version(token) or datetime.datetime.min.replace(tzinfo=datetime.UTC)


def check_version(current, seen: datetime.datetime | None) -> None:
    """Raise Conflict if ``current`` (the locked row) is not the version the user saw.

    ``seen`` None means the caller does not track versions (admin, commands): no check.
    """
    if seen is not None and current.updated_at != seen:
        changed_by = last_history_user(current)
        when = formats.date_format(timezone.localtime(current.updated_at), "SHORT_DATETIME_FORMAT")
        by = f" ({changed_by})" if changed_by else ""
        raise Conflict(
            CONFLICT_MESSAGE % {"time": when, "by": by}, code="conflict", updated_at=current.updated_at
        )


class VersionedFormMixin:
    """A form mixin adding the hidden ``seen_updated_at`` field for ``self.instance``."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        instance = getattr(self, "instance", None)
        self.fields[VERSION_FIELD] = forms.CharField(widget=forms.HiddenInput, required=False)
        if instance is not None and instance.pk:
            self.fields[VERSION_FIELD].initial = version_token(instance.updated_at)

    def seen_version(self) -> datetime.datetime | None:
        """The version the user saw; for an existing row a missing token counts as "very old"."""
        seen = parse_version(self.cleaned_data.get(VERSION_FIELD))
        instance = getattr(self, "instance", None)
        if seen is None and instance is not None and instance.pk:
            return datetime.datetime.min.replace(tzinfo=datetime.UTC)
        return seen

    def add_conflict_error(self, conflict: Conflict) -> None:
        """Explain the conflict and accept the current version on the next submit."""
        self.add_error(None, conflict)
        if conflict.updated_at is not None:
            data = self.data.copy()
            data[self.add_prefix(VERSION_FIELD)] = version_token(conflict.updated_at)
            self.data = data


class ConflictAwareSaveMixin:
    """A view mixin for create and update views: the save goes through ``perform_save(form)``.

    ``perform_save`` calls a service and returns the saved object; a Conflict re-renders the
    form (the user's input kept), anything else ends in a success message and a redirect.
    """

    success_message = _("Đã lưu.")

    def perform_save(self, form):  # pragma: no cover - every view defines it
        raise NotImplementedError

    def get_success_message(self, obj):
        return self.success_message % {"object": obj}

    def form_valid(self, form):
        try:
            self.object = self.perform_save(form)
        except Conflict as conflict:
            form.add_conflict_error(conflict)
            return self.form_invalid(form)
        messages.success(self.request, self.get_success_message(self.object))
        return HttpResponseRedirect(self.get_success_url())
