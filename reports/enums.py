"""Choices of the reports app: the kinds and states of the summary reports."""

import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _


class SummaryKind(models.TextChoices):
    HALF_YEAR = "half_year", _("Sơ kết 6 tháng đầu năm")
    YEAR_END = "year_end", _("Tổng kết năm")


class SummaryStatus(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    ISSUED = "issued", _("Đã ban hành")


SUMMARY_SYMBOL_TYPE = "BC"  # Báo cáo (Decree 30/2020, Phụ lục III); the issuer follows: BC-SYT


def summary_period(year: int, kind: str) -> tuple[datetime.date, datetime.date]:
    """The months a summary report covers: 1 January to 30 June (sơ kết), or the whole year."""
    end = datetime.date(year, 6, 30) if kind == SummaryKind.HALF_YEAR else datetime.date(year, 12, 31)
    return datetime.date(year, 1, 1), end
