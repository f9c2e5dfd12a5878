"""Summary reports (báo cáo sơ kết 6 tháng, tổng kết năm): the office writes the narrative, the
figures of the period are computed once into ``statistics`` (a snapshot, refreshed on request
while a draft) so that an issued report never changes when the data does."""

import datetime

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from rules.contrib.models import RulesModelBase, RulesModelMixin
from simple_history.models import HistoricalRecords

from units.models import DocumentHeading
from units.numbering import format_number, number_label

from . import rules as r
from .enums import SummaryKind, SummaryStatus, summary_period


class SummaryReport(RulesModelMixin, DocumentHeading, metaclass=RulesModelBase):
    """A summary report with its own header and signature (``units.models.DocumentHeading``),
    starting from the agency's and printed exactly as set."""

    year = models.PositiveSmallIntegerField(_("năm"))
    kind = models.CharField(_("loại báo cáo"), max_length=10, choices=SummaryKind.choices)
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=SummaryStatus.choices, default=SummaryStatus.DRAFT
    )
    symbol = models.CharField(_("ký hiệu"), max_length=50, default="BC-SYT")
    number = models.PositiveIntegerField(_("số"), null=True, blank=True, editable=False)
    issue_date = models.DateField(_("ngày ban hành"), null=True, blank=True, editable=False)

    general_situation = models.TextField(_("tình hình chung"), blank=True)
    campaign_results = models.TextField(_("kết quả các phong trào thi đua"), blank=True)
    commendation_work = models.TextField(_("công tác khen thưởng"), blank=True)
    shortcomings = models.TextField(_("hạn chế, tồn tại và nguyên nhân"), blank=True)
    lessons = models.TextField(_("bài học kinh nghiệm"), blank=True)
    next_tasks = models.TextField(_("phương hướng, nhiệm vụ kỳ tới"), blank=True)
    proposals = models.TextField(_("đề xuất, kiến nghị"), blank=True)

    statistics = models.JSONField(_("số liệu"), default=dict, blank=True, editable=False)
    statistics_at = models.DateTimeField(_("số liệu tính lúc"), null=True, blank=True, editable=False)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    issued_at = models.DateTimeField(_("ban hành lúc"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("báo cáo sơ kết, tổng kết")
        verbose_name_plural = _("báo cáo sơ kết, tổng kết")
        ordering = ["-year", "-kind"]
        rules_permissions = {
            "view": r.is_office_staff,
            "add": r.is_office_staff,
            "change": r.is_office_staff & r.can_be_edited,
            "delete": r.is_nobody,
        }
        constraints = [
            models.UniqueConstraint(
                fields=["year", "kind"],
                name="summary_report_once_per_year_and_kind",
                violation_error_message=_("Năm này đã có báo cáo loại này."),
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.year}"

    def get_absolute_url(self):
        return reverse("reports:summary-detail", args=[self.pk])

    @property
    def is_draft(self) -> bool:
        return self.status == SummaryStatus.DRAFT

    @property
    def period(self) -> tuple[datetime.date, datetime.date]:
        """The months the report covers: 1 January to 30 June, or the whole year."""
        return summary_period(self.year, self.kind)

    @property
    def number_text(self) -> str:
        return format_number(self.number, self.symbol)

    @property
    def number_label(self) -> str:
        """'03/BC-SYT' once issued, '' before."""
        return number_label(self.number, self.symbol)

    @property
    def title(self) -> str:
        """The trích yếu: 'Sơ kết công tác thi đua, khen thưởng 6 tháng đầu năm 2026'."""
        if self.kind == SummaryKind.HALF_YEAR:
            return _("Sơ kết công tác thi đua, khen thưởng 6 tháng đầu năm %(year)s") % {"year": self.year}
        return _("Tổng kết công tác thi đua, khen thưởng năm %(year)s") % {"year": self.year}
