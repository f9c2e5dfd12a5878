"""Reads of the reports app that more than one page shares."""

from django.db.models import QuerySet

from units.rules import is_office_staff

from .enums import SummaryStatus
from .models import SummaryReport


def summaries_visible_to(user) -> QuerySet[SummaryReport]:
    """The summary reports (sơ kết, tổng kết): the office's documents, nobody else's to open."""
    qs = SummaryReport.objects.all()
    return qs if is_office_staff(user) else qs.none()


def summaries_for_list() -> QuerySet[SummaryReport]:
    return SummaryReport.objects.select_related("created_by__person").order_by("-year", "-kind")


def summaries_drafted() -> QuerySet[SummaryReport]:
    """Summary reports written but not issued (the list's ``?status=draft``, the office's inbox)."""
    return summaries_for_list().filter(status=SummaryStatus.DRAFT)
