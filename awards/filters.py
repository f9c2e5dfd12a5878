"""List filters of the awards app (django-filter)."""

import datetime

import django_filters
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from catalog.models import AwardType
from units.choices import NameChoiceFilter
from units.listing import SearchFilter, SortFilter, YearFilter, folded
from units.selectors import units_visible_to

from .enums import EligibilityStatus, NominationStatus
from .models import DisclosurePeriod, Nomination, NominationCall
from .selectors import verdict_lapsed


def _year_choices():
    this_year = timezone.localdate().year
    years = set(Nomination.objects.order_by().values_list("year", flat=True).distinct())
    years.update({this_year - 1, this_year})
    return [(y, str(y)) for y in sorted(years, reverse=True)]


class NominationFilter(django_filters.FilterSet):
    year = django_filters.TypedChoiceFilter(label=_("Năm thành tích"), choices=_year_choices, coerce=int)
    award_type = NameChoiceFilter(label=_("Danh hiệu / hình thức"), queryset=AwardType.objects.active())
    status = django_filters.ChoiceFilter(label=_("Trạng thái"), choices=NominationStatus.choices)
    unit = NameChoiceFilter(
        label=_("Đơn vị đề nghị"), field_name="proposing_unit", queryset=None, method="filter_unit"
    )
    eligibility = django_filters.ChoiceFilter(
        label=_("Điều kiện"), choices=EligibilityStatus.choices, empty_label=_("Tất cả")
    )
    verdict_lapsed = django_filters.BooleanFilter(
        label=_("Kết luận đổi sau khi gửi"),
        method="filter_verdict_lapsed",
        widget=forms.Select(
            choices=[
                ("", _("Tất cả")),
                ("true", _("Đã đổi sang không đủ điều kiện")),
                ("false", _("Không đổi")),
            ]
        ),
    )
    q = SearchFilter(
        fields=["person__full_name", "unit__name", "proposing_unit__name"],
        label=_("Tìm theo tên"),
        placeholder=_("Tên cá nhân, tập thể hoặc đơn vị đề nghị"),
    )
    sort = SortFilter(
        keys={
            "nominee": (_("Đối tượng"), (folded("person__full_name"), folded("unit__name"))),
            "award": (_("Đề nghị tặng"), ("award_type__order", "award_type__name")),
            "year": (_("Năm"), "year"),
            "unit": (_("Đơn vị đề nghị"), folded("proposing_unit__name")),
            "status": (_("Trạng thái"), "status"),
        }
    )

    class Meta:
        model = Nomination
        fields = ["year", "award_type", "status", "unit", "eligibility", "verdict_lapsed", "q"]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        if "unit" not in self.filters:  # the verification queue: search, year and order only
            return
        self.filters["year"].extra["choices"] = _year_choices()  # one query, not one per use
        user = getattr(request, "user", None)
        self.filters["unit"].queryset = units_visible_to(user).filter(active=True).order_by("order", "name")

    def filter_unit(self, queryset, name, value):
        """The unit's own nominations and those of the units below it (a hospital's wards)."""
        if not value:
            return queryset
        return queryset.filter(proposing_unit_id__in=value.subtree_ids())

    def filter_verdict_lapsed(self, queryset, name, value):
        """Sent "eligible" (or "to be reviewed") and "not eligible" since (or, "false", not)."""
        if value is None:
            return queryset
        return verdict_lapsed(queryset, lapsed=value)


def verify_queue_params(params) -> dict:
    """The verification queue's own filters from a querystring, as its page and its export read
    them: ``?due=YYYY-MM-DD`` (a malformed day is no filter), ``?overdue=1`` and ``?lapsed=1``
    (a verdict changed to "not eligible" since the nomination was sent)."""
    try:
        due = datetime.date.fromisoformat(params.get("due", ""))
    except ValueError:
        due = None
    return {"due": due, "overdue": params.get("overdue") == "1", "lapsed": params.get("lapsed") == "1"}


class VerifyQueueFilter(NominationFilter):
    """The verification queue: the list's search and order, and the year typed (its ``due``,
    ``overdue`` and ``lapsed`` are ``verify_queue_params``, which its export reads too)."""

    year = YearFilter(label=_("Năm thành tích"))
    award_type = status = unit = eligibility = verdict_lapsed = None

    class Meta:
        model = Nomination
        fields = ["q", "year"]


class _YearNoticeFilter(django_filters.FilterSet):
    """The notices the office gives for a year of achievements (calls for nominations,
    disclosure periods): search in their note, the year, order (``sort_by_year_or``)."""

    year = YearFilter(label=_("Năm thành tích"))

    class Meta:
        fields = ["q", "year"]


def sort_by_year_or(**keys) -> SortFilter:
    """The order of a list of notices: by their year of achievements, or by one of ``keys``."""
    return SortFilter(keys={"year": (_("Năm thành tích"), "year"), **keys})


class CallFilter(_YearNoticeFilter):
    """The calls for nominations: search in their note, the year, order."""

    q = SearchFilter(fields=["note"], placeholder=_("Ghi chú, hướng dẫn của đợt"))
    sort = sort_by_year_or(deadline=(_("Hạn gửi đề nghị"), "deadline"), active=(_("Trạng thái"), "-active"))

    class Meta(_YearNoticeFilter.Meta):
        model = NominationCall


class DisclosureFilter(_YearNoticeFilter):
    """The disclosure periods: search in their notice, the year, order."""

    q = SearchFilter(fields=["note"], placeholder=_("Nội dung thông báo"))
    sort = sort_by_year_or(opens=(_("Nhận ý kiến từ ngày"), "opens"), closes=(_("Đến hết ngày"), "closes"))

    class Meta(_YearNoticeFilter.Meta):
        model = DisclosurePeriod
