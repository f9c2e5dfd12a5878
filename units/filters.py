"""List filters of the management pages (django-filter). Querysets come scoped from selectors."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from units.choices import NameChoiceFilter

from .enums import Gender, UnitKind
from .models import Person, Unit
from .selectors import unit_parents_visible_to, units_visible_to

ACTIVE_CHOICES = [("true", _("Đang hoạt động")), ("false", _("Ngừng hoạt động"))]
STAFF_ACTIVE_CHOICES = [("true", _("Đang công tác")), ("false", _("Đã nghỉ, chuyển công tác"))]


def _search(queryset, fields, value):
    value = value.strip()
    if not value:
        return queryset
    condition = Q()
    for name in fields:
        condition |= Q(**{f"{name}__icontains": value})
    return queryset.filter(condition)


def _active(queryset, name, value):
    if value in ("true", "false"):
        return queryset.filter(**{name: value == "true"})
    return queryset


class UnitFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Tìm kiếm"), method="search")
    kind = django_filters.ChoiceFilter(
        label=_("Loại đơn vị"), choices=UnitKind.choices, empty_label=_("Tất cả")
    )
    active = django_filters.ChoiceFilter(
        label=_("Trạng thái"), choices=ACTIVE_CHOICES, empty_label=_("Tất cả"), method=_active
    )
    parent = NameChoiceFilter(
        label=_("Đơn vị cấp trên"),
        queryset=lambda request: unit_parents_visible_to(request.user) if request else Unit.objects.none(),
        empty_label=_("Tất cả"),
    )

    class Meta:
        model = Unit
        fields = ["q", "kind", "active", "parent"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.form.fields["q"].widget.attrs["placeholder"] = _("Tên, mã hoặc tên viết tắt")

    def search(self, queryset, name, value):
        return _search(queryset, ["name", "code", "short_name"], value)


class PersonFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Tìm kiếm"), method="search")
    unit = NameChoiceFilter(
        label=_("Đơn vị"),
        queryset=lambda request: units_visible_to(request.user) if request else Unit.objects.none(),
        empty_label=_("Tất cả"),
    )
    gender = django_filters.ChoiceFilter(
        label=_("Giới tính"), choices=Gender.choices, empty_label=_("Tất cả")
    )
    active = django_filters.ChoiceFilter(
        label=_("Trạng thái"), choices=STAFF_ACTIVE_CHOICES, empty_label=_("Tất cả"), method=_active
    )
    position = django_filters.CharFilter(label=_("Chức vụ"), lookup_expr="icontains")

    class Meta:
        model = Person
        fields = ["q", "unit", "gender", "active", "position"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.form.fields["q"].widget.attrs["placeholder"] = _("Họ tên hoặc mã cán bộ")

    def search(self, queryset, name, value):
        return _search(queryset, ["full_name", "staff_code"], value)
