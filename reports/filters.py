"""List filters of the reports app (django-filter)."""

import django_filters
from django.utils.translation import gettext_lazy as _

from units.listing import SearchFilter, SortFilter, YearFilter

from .models import SummaryReport


class SummaryFilter(django_filters.FilterSet):
    """The summary reports: search by the symbol and the text written, the year, order."""

    q = SearchFilter(
        fields=["symbol", "general_situation", "campaign_results", "commendation_work", "next_tasks"],
        placeholder=_("Ký hiệu hoặc nội dung báo cáo"),
    )
    year = YearFilter()
    sort = SortFilter(
        keys={
            "report": (_("Báo cáo"), ("year", "kind")),
            "number": (_("Số, ký hiệu"), ("number", "symbol")),
            "issued": (_("Ngày ban hành"), "issue_date"),
            "status": (_("Trạng thái"), "status"),
        }
    )

    class Meta:
        model = SummaryReport
        fields = ["q", "year"]
