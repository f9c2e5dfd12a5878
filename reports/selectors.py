"""Reads of the reports app that more than one page shares."""

from django.db.models import QuerySet

from .enums import SummaryStatus
from .models import SummaryReport


def summaries_for_list() -> QuerySet[SummaryReport]:
    return SummaryReport.objects.select_related("created_by__person").order_by("-year", "-kind")


def summaries_drafted() -> QuerySet[SummaryReport]:
    """Summary reports written but not issued (the list's ``?status=draft``, the office's inbox)."""
    return summaries_for_list().filter(status=SummaryStatus.DRAFT)
