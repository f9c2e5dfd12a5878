"""Filters of the office's reminder log."""

import django_filters
from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from units.listing import SearchFilter, SortFilter, folded
from units.search import search

from .enums import reminder_offset_label
from .models import Notification, ReminderLog
from .selectors import reminder_kinds


def offset_choices():
    return [
        (str(offset), reminder_offset_label(offset))
        for offset in sorted(set(settings.REMINDER_OFFSETS_DAYS), reverse=True)
    ]


class ReminderLogFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Người nhận hoặc nội dung"), method="filter_q")
    kind = django_filters.ChoiceFilter(label=_("Loại hạn"), choices=reminder_kinds, empty_label=_("Tất cả"))
    offset_days = django_filters.ChoiceFilter(
        label=_("Lần nhắc"),
        empty_label=_("Tất cả"),
        choices=lambda: offset_choices(),
    )
    escalation = django_filters.BooleanFilter(
        label=_("Báo Thường trực"),
        widget=forms.Select(choices=[("", _("Tất cả")), ("true", _("Có")), ("false", _("Không"))]),
    )
    sent_from = django_filters.DateFilter(
        field_name="sent_at",
        lookup_expr="date__gte",
        label=_("Gửi từ ngày"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    sent_to = django_filters.DateFilter(
        field_name="sent_at",
        lookup_expr="date__lte",
        label=_("Đến ngày"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    class Meta:
        model = ReminderLog
        fields = ["q", "kind", "offset_days", "escalation", "sent_from", "sent_to"]

    def filter_q(self, queryset, name, value):
        fields = [
            "recipient__username",
            "recipient__first_name",
            "recipient__last_name",
            "recipient__person__full_name",
            "title",
            "key",
        ]
        return search(queryset, fields, value)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.form.fields.values():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs.setdefault(
                "class", f"{css} form-select-sm" if css == "form-select" else f"{css} form-control-sm"
            )


class NotificationFilter(django_filters.FilterSet):
    """The user's own notifications: search in their title and text, order."""

    q = SearchFilter(fields=["title", "body"], placeholder=_("Tiêu đề hoặc nội dung thông báo"))
    sort = SortFilter(
        keys={
            "created": (_("Thời gian"), "created_at"),
            "title": (_("Tiêu đề"), folded("title")),
        }
    )

    class Meta:
        model = Notification
        fields = ["q"]
