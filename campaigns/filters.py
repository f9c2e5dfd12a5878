import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from catalog.models import AwardType
from units.choices import NameChoiceFilter
from units.listing import SearchFilter, SortFilter, YearFilter, folded
from units.models import Cluster, Unit

from .enums import CampaignKind, CampaignStatus, RegistrationStatus
from .models import Campaign, CriteriaSet, Registration, RegistrationRound


class CampaignFilter(django_filters.FilterSet):
    q = SearchFilter(fields=["name"], label=_("Tên phong trào"), placeholder=_("Tìm theo tên phong trào"))
    year = YearFilter(field_name="start_date__year")
    status = django_filters.ChoiceFilter(choices=CampaignStatus.choices, label=_("Trạng thái"))
    kind = django_filters.ChoiceFilter(choices=CampaignKind.choices, label=_("Hình thức"))
    sort = SortFilter(
        keys={
            "name": (_("Phong trào"), folded("name")),
            "kind": (_("Hình thức"), "kind"),
            "start": (_("Thời gian"), ("start_date", "end_date")),
            "status": (_("Trạng thái"), "status"),
        }
    )

    class Meta:
        model = Campaign
        fields = ["q", "year", "status", "kind"]


class RoundFilter(django_filters.FilterSet):
    q = SearchFilter(fields=["name", "campaign__name"], placeholder=_("Tên đợt đăng ký hoặc phong trào"))
    year = YearFilter(label=_("Năm thi đua"))
    sort = SortFilter(
        keys={
            "name": (_("Đợt đăng ký"), folded("name")),
            "year": (_("Năm"), "year"),
            "deadline": (_("Hạn đăng ký"), "deadline"),
            "count": (_("Số bản đăng ký"), "registration_count"),
        }
    )

    class Meta:
        model = RegistrationRound
        fields = ["q", "year"]


class RegistrationListFilter(django_filters.FilterSet):
    """The registration list's search, year and order; its state (``?status=``) is read by
    ``registrations_for_list`` as the home page's count reads it."""

    q = SearchFilter(fields=["unit__name", "round__name"], placeholder=_("Tên đơn vị hoặc đợt đăng ký"))
    year = YearFilter(field_name="round__year", label=_("Năm thi đua"))
    status = django_filters.ChoiceFilter(
        choices=RegistrationStatus.choices,
        label=_("Trạng thái"),
        empty_label=_("Tất cả"),
        method="by_selector",
    )
    sort = SortFilter(
        keys={
            "round": (_("Đợt đăng ký"), ("round__year", folded("round__name"))),
            "unit": (_("Đơn vị"), folded("unit__name")),
            "status": (_("Trạng thái"), "status"),
            "collectives": (_("Tập thể"), "collective_count"),
            "individuals": (_("Cá nhân"), "individual_count"),
        }
    )

    class Meta:
        model = Registration
        fields = ["q", "year", "status"]

    def by_selector(self, queryset, name, value):
        """The state is already applied by ``registrations_for_list`` (the inbox's own count)."""
        return queryset


class RegistrationFilter(django_filters.FilterSet):
    """Filters of the consolidated registration and of the registration list."""

    unit = NameChoiceFilter(
        queryset=Unit.objects.active().top_level(),
        label=_("Đơn vị"),
        empty_label=_("Tất cả đơn vị"),
    )
    cluster = django_filters.ModelChoiceFilter(
        queryset=Cluster.objects.none(),
        method="filter_cluster",
        label=_("Cụm, khối"),
        empty_label=_("Tất cả"),
    )
    award_type = NameChoiceFilter(
        queryset=AwardType.objects.registrable(),
        method="filter_award_type",
        label=_("Danh hiệu"),
        empty_label=_("Tất cả danh hiệu"),
    )
    status = django_filters.ChoiceFilter(
        choices=RegistrationStatus.choices, label=_("Trạng thái"), empty_label=_("Tất cả trạng thái")
    )

    class Meta:
        model = Registration
        fields = ["unit", "cluster", "award_type", "status"]

    def __init__(self, *args, clusters=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["cluster"].queryset = clusters if clusters is not None else Cluster.objects.all()
        for field in self.form.fields.values():
            field.widget.attrs["data-autosubmit"] = ""
            if isinstance(field.widget, forms.Select):
                field.widget.attrs["class"] = "form-select form-select-sm"

    def filter_cluster(self, queryset, name, value):
        return queryset.filter(unit__cluster_memberships__cluster=value).distinct()

    def filter_award_type(self, queryset, name, value):
        return queryset.filter(
            Q(individual_lines__award_type=value) | Q(collective_lines__award_type=value)
        ).distinct()


class CriteriaSetFilter(django_filters.FilterSet):
    """The criteria sets: search by name or cluster, the year, order."""

    q = SearchFilter(fields=["name", "cluster__name"], placeholder=_("Tên bảng tiêu chí hoặc cụm, khối"))
    year = YearFilter()
    sort = SortFilter(
        keys={
            "name": (_("Bảng tiêu chí"), folded("name")),
            "year": (_("Năm"), "year"),
            "cluster": (_("Cụm, khối"), folded("cluster__name")),
            "count": (_("Số tiêu chí"), "criteria_count"),
        }
    )

    class Meta:
        model = CriteriaSet
        fields = ["q", "year"]
