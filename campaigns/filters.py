import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from catalog.models import AwardType
from units.choices import NameChoiceFilter
from units.models import Cluster, Unit

from .enums import CampaignKind, CampaignStatus, RegistrationStatus
from .models import Campaign, Registration


class CampaignFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(field_name="name", lookup_expr="icontains", label=_("Tên phong trào"))
    status = django_filters.ChoiceFilter(choices=CampaignStatus.choices, label=_("Trạng thái"))
    kind = django_filters.ChoiceFilter(choices=CampaignKind.choices, label=_("Hình thức"))

    class Meta:
        model = Campaign
        fields = ["q", "status", "kind"]


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
