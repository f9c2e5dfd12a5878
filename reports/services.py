"""Writes of the reports app: the summary reports. Views, admin and commands call these.

Every save sets ``_change_reason`` and the acting user for django-simple-history. A draft can be
edited and its figures refreshed; issuing takes the next number of the register and freezes it.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from units.concurrency import check_version
from units.documents import document_issue
from units.enums import IssuedKind
from units.models import Agency, DocumentHeading
from units.refusals import Refused
from units.rules import is_office_staff

from .enums import SummaryKind, SummaryStatus
from .models import SummaryReport
from .summary import summary_defaults, summary_statistics

NARRATIVE_FIELDS = (
    "general_situation",
    "campaign_results",
    "commendation_work",
    "shortcomings",
    "lessons",
    "next_tasks",
    "proposals",
)
HEADER_FIELDS = DocumentHeading.HEADING_FIELDS  # the report's own header and signature
EDITABLE_FIELDS = NARRATIVE_FIELDS + HEADER_FIELDS


def _save(report: SummaryReport, *, by, reason: str, update_fields: Sequence[str] | None = None):
    report._change_reason = reason
    if by is not None and getattr(by, "pk", None):
        report._history_user = by
    if update_fields is None:
        report.save()
    else:
        report.save(update_fields=[*update_fields, "updated_at"])
    return report


def _refuse_unless_office(by) -> None:
    if not is_office_staff(by):
        raise PermissionDenied(_("Chỉ Thường trực TĐKT được lập và ban hành báo cáo sơ kết, tổng kết."))


def _validate(report: SummaryReport) -> None:
    """The model's own checks; what they refuse is a refusal like any other."""
    try:
        report.full_clean()
    except ValidationError as exc:
        raise Refused(exc) from exc


def _ensure_draft(report: SummaryReport) -> None:
    if report.status != SummaryStatus.DRAFT:
        raise Refused(_("Báo cáo đã ban hành nên không thể sửa nội dung hay số liệu."), code="not_editable")


@transaction.atomic
def summary_report_create(*, year: int, kind: str, by, today: datetime.date | None = None) -> SummaryReport:
    """A draft for the year and kind, its header from the agency, its figures computed now."""
    _refuse_unless_office(by)
    if kind not in SummaryKind.values:
        raise Refused({"kind": _("Chọn loại báo cáo.")})
    if SummaryReport.objects.filter(year=year, kind=kind).exists():
        raise _already_exists(year, kind)
    report = SummaryReport(year=year, kind=kind, created_by=by, **summary_defaults(Agency.load()))
    report.statistics = summary_statistics(year, kind, today=today)
    report.statistics_at = timezone.now()
    _validate(report)
    try:
        with transaction.atomic():
            return _save(report, by=by, reason="create")
    except IntegrityError:  # created by someone else between the check and the insert
        raise _already_exists(year, kind) from None


def _already_exists(year: int, kind: str) -> Refused:
    return Refused(
        {"year": _("Năm %(year)s đã có %(kind)s.") % {"year": year, "kind": SummaryKind(kind).label.lower()}},
        code="exists",
    )


@transaction.atomic
def summary_report_update(report: SummaryReport, *, by, fields: dict, seen_updated_at=None) -> SummaryReport:
    """Change the narrative and header of a draft; refused once issued or if someone saved first."""
    _refuse_unless_office(by)
    locked = SummaryReport.objects.select_for_update().get(pk=report.pk)
    _ensure_draft(locked)
    check_version(locked, seen_updated_at)
    changed = []
    for name, value in fields.items():
        if name not in EDITABLE_FIELDS:
            raise ValueError(f"not an editable field of a summary report: {name}")
        if getattr(locked, name) != value:
            setattr(locked, name, value)
            changed.append(name)
    if changed:
        _validate(locked)
        _save(locked, by=by, reason="edit", update_fields=changed)
    report.refresh_from_db()
    return report


@transaction.atomic
def summary_report_refresh(report: SummaryReport, *, by, today: datetime.date | None = None) -> SummaryReport:
    """Compute the figures of a draft again from today's data."""
    _refuse_unless_office(by)
    locked = SummaryReport.objects.select_for_update().get(pk=report.pk)
    _ensure_draft(locked)
    locked.statistics = summary_statistics(locked.year, locked.kind, today=today)
    locked.statistics_at = timezone.now()
    _save(locked, by=by, reason="refresh figures", update_fields=["statistics", "statistics_at"])
    report.refresh_from_db()
    return report


@transaction.atomic
def summary_report_issue(report: SummaryReport, *, by, issue_date: datetime.date | None = None) -> bool:
    """Give the draft the next number of its symbol and the date of issue, and freeze it.
    False when it is already issued (a repeated request)."""
    _refuse_unless_office(by)
    locked = SummaryReport.objects.select_for_update().get(pk=report.pk)
    if locked.status == SummaryStatus.ISSUED:
        report.refresh_from_db()
        return False
    day = issue_date or timezone.localdate()
    if day.year < locked.year:
        raise Refused(
            {
                "issue_date": _("Ngày ban hành không thể trước năm của báo cáo (%(year)s).")
                % {"year": locked.year}
            },
            code="issue_date",
        )
    # The register numbers documents by the calendar year of issue (Decree 30/2020).
    document_issue(
        locked, kind=IssuedKind.SUMMARY, status=SummaryStatus.ISSUED, day=day, subject=locked.title, by=by
    )
    report.refresh_from_db()
    return True
