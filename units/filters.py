"""List filters of the management pages (django-filter). Querysets come scoped from selectors."""

import django_filters
from django.utils.translation import gettext_lazy as _

from units.choices import NameChoiceFilter
from units.listing import SearchFilter, SortFilter, YearFilter, folded

from .enums import Gender, UnitKind
from .models import Cluster, Person, Reorganisation, Unit
from .selectors import unit_parents_visible_to, units_visible_to

ACTIVE_CHOICES = [("true", _("Đang hoạt động")), ("false", _("Ngừng hoạt động"))]
STAFF_ACTIVE_CHOICES = [("true", _("Đang công tác")), ("false", _("Đã nghỉ, chuyển công tác"))]


def _active(queryset, name, value):
    if value in ("true", "false"):
        return queryset.filter(**{name: value == "true"})
    return queryset


class UnitFilter(django_filters.FilterSet):
    q = SearchFilter(fields=["name", "code", "short_name"], placeholder=_("Tên, mã hoặc tên viết tắt"))
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
    sort = SortFilter(
        keys={
            "code": (_("Mã"), "code"),
            "name": (_("Tên đơn vị"), folded("name")),
            "kind": (_("Loại"), "kind"),
            "parent": (_("Đơn vị cấp trên"), folded("parent__name")),
            "staff": (_("Cán bộ đang công tác"), "staff_count"),
        }
    )

    class Meta:
        model = Unit
        fields = ["q", "kind", "active", "parent"]


class PersonFilter(django_filters.FilterSet):
    q = SearchFilter(fields=["full_name", "staff_code"], placeholder=_("Họ tên hoặc mã cán bộ"))
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
    position = SearchFilter(fields=["position"], label=_("Chức vụ"))
    sort = SortFilter(
        keys={
            "code": (_("Mã cán bộ"), "staff_code"),
            "name": (_("Họ và tên"), folded("full_name")),
            "birth": (_("Ngày sinh"), "birth_date"),
            "position": (_("Chức vụ"), folded("position")),
            "unit": (_("Đơn vị"), folded("unit__name")),
        }
    )

    class Meta:
        model = Person
        fields = ["q", "unit", "gender", "active", "position"]


class ClusterFilter(django_filters.FilterSet):
    """A year's clusters (the year is the page's own, ``?year=``): search by name or note, order."""

    q = SearchFilter(fields=["name", "description"], placeholder=_("Tên cụm/khối hoặc ghi chú"))
    sort = SortFilter(
        keys={
            "name": (_("Tên cụm/khối"), folded("name")),
            "members": (_("Số đơn vị"), "member_count"),
            "leader": (_("Trưởng cụm/khối"), folded("leader_name")),
            "deputy": (_("Phó cụm/khối"), folded("deputy_name")),
            "active": (_("Trạng thái"), "-active"),
        }
    )

    class Meta:
        model = Cluster
        fields = ["q"]


class ReorganisationFilter(django_filters.FilterSet):
    """The reorganisations: search by the names, the decision and its issuer; the year it took
    effect; order."""

    q = SearchFilter(
        fields=[
            "old_name",
            "new_name",
            "decision_number",
            "issuer",
            "main_predecessor__name",
            "department__name",
        ],
        placeholder=_("Tên đơn vị, số quyết định hoặc cơ quan ban hành"),
    )
    year = YearFilter(field_name="effective__year")
    sort = SortFilter(
        keys={
            "effective": (_("Ngày có hiệu lực"), "effective"),
            "kind": (_("Hình thức"), "kind"),
            "decision": (_("Căn cứ"), ("decision_date", "decision_number")),
        }
    )

    class Meta:
        model = Reorganisation
        fields = ["q", "year"]
