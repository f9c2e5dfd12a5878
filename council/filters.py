"""List filters of the council's pages (django-filter)."""

import django_filters
from django.utils.translation import gettext_lazy as _

from units.listing import SearchFilter, SortFilter, YearFilter, folded

from .enums import DecisionKind
from .models import CouncilSession, Decision, ProposalPack


class DecisionFilter(django_filters.FilterSet):
    q = SearchFilter(fields=["title", "symbol"], placeholder=_("Trích yếu hoặc ký hiệu"))
    year = YearFilter(label=_("Năm ban hành"))
    kind = django_filters.ChoiceFilter(label=_("Loại"), choices=DecisionKind.choices, empty_label=_("Tất cả"))
    sort = SortFilter(
        keys={
            "number": (_("Số"), ("year", "number")),
            "date": (_("Ngày"), "date"),
            "kind": (_("Loại"), "kind"),
            "title": (_("Trích yếu"), folded("title")),
            "items": (_("Số dòng"), "item_count"),
        }
    )

    class Meta:
        model = Decision
        fields = ["q", "year", "kind"]


class SessionFilter(django_filters.FilterSet):
    """The council sessions' search, year of the awards considered and order; the state of a
    home-page link (``?status=``) is read by the selector the count reads."""

    q = SearchFilter(fields=["title", "place"], placeholder=_("Tên phiên họp hoặc địa điểm"))
    year = YearFilter(label=_("Năm xét khen thưởng"))
    sort = SortFilter(
        keys={
            "title": (_("Phiên họp"), folded("title")),
            "starts": (_("Thời gian"), "starts_at"),
            "place": (_("Địa điểm"), folded("place")),
            "status": (_("Trạng thái"), "status"),
        }
    )

    class Meta:
        model = CouncilSession
        fields = ["q", "year"]


class ProposalFilter(django_filters.FilterSet):
    q = SearchFilter(fields=["title", "reply_number"], placeholder=_("Trích yếu hoặc số quyết định"))
    year = YearFilter(label=_("Năm thành tích"))
    sort = SortFilter(
        keys={
            "title": (_("Trích yếu"), folded("title")),
            "authority": (_("Cấp có thẩm quyền"), "authority"),
            "sent": (_("Số, ngày gửi"), ("sent_on", "number")),
            "count": (_("Đề nghị"), "nomination_count"),
            "status": (_("Trạng thái"), "status"),
        }
    )

    class Meta:
        model = ProposalPack
        fields = ["q", "year"]
