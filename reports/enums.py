"""Choices of the reports app: the kinds and states of the summary reports."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SummaryKind(models.TextChoices):
    HALF_YEAR = "half_year", _("Sơ kết 6 tháng đầu năm")
    YEAR_END = "year_end", _("Tổng kết năm")


class SummaryStatus(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    ISSUED = "issued", _("Đã ban hành")


SUMMARY_SYMBOL_TYPE = "BC"  # Báo cáo (Decree 30/2020, Phụ lục III); the issuer follows: BC-SYT
