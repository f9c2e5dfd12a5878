"""Plans (kế hoạch), their body, tasks and key targets, and requests for units to send files."""

import calendar
import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Case, CharField, F, Q, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from rules.contrib.models import RulesModelBase, RulesModelMixin
from simple_history.models import HistoricalRecords

from units import vn
from units.fastpaths import pk_address
from units.models import DocumentHeading
from units.numbering import format_number
from units.rules import office_keeps
from units.uploads import validate_document_file

from . import rules as r
from .enums import (
    STATUS_BADGES,
    BlockKind,
    LetterStatus,
    PeriodKind,
    PlanKind,
    PlanStatus,
    Recurrence,
    SubmissionAudience,
    SubmissionStatus,
    TaskDisplayStatus,
    TaskStatus,
    UnitGroup,
)


# ---------------------------------------------------------------------------
# Uploaded files: PDF, DOCX, XLSX or an image, judged by content, not by name
# ---------------------------------------------------------------------------
# ---------------------------------------------------------------------------
# Periods
# ---------------------------------------------------------------------------
def period_default_due(year: int, kind: str, value: int | None, end_date: datetime.date | None = None):
    """The last day of the quarter or month, or the end of the range; None when there is no period."""
    if kind == PeriodKind.QUARTER and value and 1 <= value <= 4:
        month = value * 3
        return datetime.date(year, month, calendar.monthrange(year, month)[1])
    if kind == PeriodKind.MONTH and value and 1 <= value <= 12:
        return datetime.date(year, value, calendar.monthrange(year, value)[1])
    if kind == PeriodKind.RANGE:
        return end_date
    return None


def shift_year(day: datetime.date | None, years: int) -> datetime.date | None:
    """The same day ``years`` later; 29 February becomes 28 February in a common year."""
    if day is None or not years:
        return day
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


# ---------------------------------------------------------------------------
# Plan
# ---------------------------------------------------------------------------
class PlanQuerySet(models.QuerySet):
    def drafts(self):
        return self.filter(status=PlanStatus.DRAFT)

    def published(self):
        return self.exclude(status=PlanStatus.DRAFT)


class IssuableDocument(models.Model):
    """Who wrote a document the office issues (a plan, a công văn), who issued it and when."""

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    issued_at = models.DateTimeField(_("ban hành lúc"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        abstract = True


class Plan(RulesModelMixin, DocumentHeading, IssuableDocument, metaclass=RulesModelBase):
    """A Kế hoạch: header, legal bases, ordered body, signature block and recipients."""

    number = models.PositiveIntegerField(_("số"), null=True, blank=True, editable=False)
    symbol = models.CharField(
        _("ký hiệu"), max_length=50, default="KH-SYT", help_text=_("Ví dụ: KH-SYT, KH-HĐTĐKT")
    )
    year = models.PositiveSmallIntegerField(_("năm kế hoạch"))
    kind = models.CharField(
        _("loại kế hoạch"), max_length=20, choices=PlanKind.choices, default=PlanKind.ANNUAL
    )
    title = models.CharField(_("trích yếu"), max_length=500)
    issue_date = models.DateField(_("ngày ban hành"), null=True, blank=True)
    issue_month = models.PositiveSmallIntegerField(
        _("tháng ban hành"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
        help_text=_("Khi chưa có ngày ban hành: dự thảo in “ngày … tháng 3 năm 2022”."),
    )
    period_start = models.DateField(
        _("thực hiện từ ngày"),
        null=True,
        blank=True,
        help_text=_("Để trống nếu kế hoạch thực hiện trong năm kế hoạch."),
    )
    period_end = models.DateField(_("thực hiện đến ngày"), null=True, blank=True)
    legal_bases = models.JSONField(_("căn cứ ban hành"), default=list, blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=PlanStatus.choices, default=PlanStatus.DRAFT, editable=False
    )
    previous_version = models.ForeignKey(
        "self",
        verbose_name=_("thay thế kế hoạch"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="next_versions",
        editable=False,
    )
    notes = models.TextField(
        _("ghi chú nội bộ"), blank=True, help_text=_("Không in ra văn bản. Ghi lại những điểm cần kiểm tra.")
    )

    objects = PlanQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["created_at"])

    class Meta:
        verbose_name = _("kế hoạch")
        verbose_name_plural = _("kế hoạch")
        ordering = ["-year", "-pk"]
        indexes = [models.Index(fields=["year", "status"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__isnull=True)
                | Q(period_start__isnull=True)
                | Q(period_end__gte=F("period_start")),
                name="plan_period_range",
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(number__isnull=False),
                name="plan_issued_has_number",
            ),
            models.CheckConstraint(
                condition=Q(issue_month__isnull=True) | Q(issue_month__gte=1, issue_month__lte=12),
                name="plan_issue_month_range",
            ),
        ]
        rules_permissions = {
            "view": r.can_view_plan,
            "add": r.is_office_staff,
            "change": r.can_change_plan,
            "delete": r.is_nobody,
            "issue": r.is_office_staff & r.can_be_issued,
            "archive": r.is_office_staff & r.can_be_archived,
            "clone": r.is_office_staff,
            "version": r.is_office_staff & r.can_be_versioned,
        }

    def __str__(self):
        if self.number:
            return f"{self.number:02d}/{self.symbol} — {self.title}"
        return f"{self.title} ({self.get_status_display().lower()})"

    def get_absolute_url(self):
        return pk_address("plans:detail", self.pk)

    @property
    def number_label(self) -> str:
        return format_number(self.number, self.symbol)

    @property
    def place_date_line(self) -> str:
        """'Đồng Nai, ngày 27 tháng 01 năm 2021'; a draft leaves the day blank, and the month too
        unless it is known: from its date, or from ``issue_month`` ('Hà Nam, ngày      tháng 3 năm 2022')."""
        if self.status != PlanStatus.DRAFT and self.issue_date:
            return vn.place_date(self.place, self.issue_date)
        if self.issue_date:
            return vn.place_date(self.place, self.issue_date, blank_day=True)
        return vn.place_date(self.place, None, year=self.year, month=self.issue_month)

    @property
    def is_editable(self) -> bool:
        return self.status == PlanStatus.DRAFT

    @property
    def status_badge(self) -> str:
        return STATUS_BADGES.get(self.status, "secondary")

    @property
    def period_bounds(self) -> tuple[datetime.date, datetime.date]:
        start = self.period_start or datetime.date(self.year, 1, 1)
        end = self.period_end or datetime.date(self.year, 12, 31)
        return start, end

    def due_date_error(self, day: datetime.date | None) -> str | None:
        """The Vietnamese message when a due date lies outside the plan's period, else None."""
        if day is None or not self.year:
            return None
        start, end = self.period_bounds
        if start <= day <= end:
            return None
        if self.period_start or self.period_end:
            return gettext(
                "Hạn hoàn thành phải nằm trong thời gian của kế hoạch (từ %(start)s đến %(end)s)."
            ) % {
                "start": date_format(start, "d/m/Y"),
                "end": date_format(end, "d/m/Y"),
            }
        return gettext("Hạn hoàn thành phải nằm trong năm %(year)s của kế hoạch.") % {"year": self.year}

    def clean(self):
        errors = {}
        if self.period_start and self.period_end and self.period_end < self.period_start:
            errors["period_end"] = _("Ngày kết thúc phải sau ngày bắt đầu thực hiện.")
        if self.year and not 2000 <= self.year <= 2100:
            errors["year"] = _("Năm kế hoạch không hợp lệ.")
        if errors:
            raise ValidationError(errors)


# ---------------------------------------------------------------------------
# Tasks
# ---------------------------------------------------------------------------
class PlanTaskQuerySet(models.QuerySet):
    def with_display_status(self, today: datetime.date | None = None):
        """Annotate ``display_status``: the stored status, or OVERDUE when open and past due."""
        today = today or timezone.localdate()
        return self.annotate(
            display_status=Case(
                When(
                    ~Q(status=TaskStatus.DONE) & Q(due_date__lt=today),
                    then=Value(TaskDisplayStatus.OVERDUE.value),
                ),
                default=F("status"),
                output_field=CharField(),
            )
        )

    def open(self):
        return self.exclude(status=TaskStatus.DONE)

    def overdue(self, today: datetime.date | None = None):
        return self.open().filter(due_date__lt=today or timezone.localdate())

    def due_within(self, days: int, today: datetime.date | None = None):
        today = today or timezone.localdate()
        return self.open().filter(due_date__gte=today, due_date__lte=today + datetime.timedelta(days=days))

    def tracked(self):
        """Tasks of issued plans: the ones units are working on."""
        return self.filter(plan__status=PlanStatus.ISSUED)


def _evidence_path(instance, filename):
    return f"plans/evidence/{instance.plan.year}/{instance.plan_id}/{filename}"


class PlanTask(RulesModelMixin, models.Model, metaclass=RulesModelBase):
    plan = models.ForeignKey(Plan, verbose_name=_("kế hoạch"), on_delete=models.CASCADE, related_name="tasks")
    order = models.PositiveIntegerField(_("thứ tự"), default=0)
    period_kind = models.CharField(
        _("thời gian thực hiện"),
        max_length=10,
        choices=PeriodKind.choices,
        blank=True,
        default=PeriodKind.NONE,
    )
    period_value = models.PositiveSmallIntegerField(
        _("quý / tháng"), null=True, blank=True, help_text=_("1–4 cho quý, 1–12 cho tháng.")
    )
    start_date = models.DateField(_("từ ngày"), null=True, blank=True)
    end_date = models.DateField(_("đến ngày"), null=True, blank=True)
    content = models.TextField(_("nội dung nhiệm vụ"))
    lead_unit = models.ForeignKey(
        "units.Unit",
        verbose_name=_("đơn vị chủ trì"),
        on_delete=models.PROTECT,
        related_name="lead_plan_tasks",
    )
    coordinating_units = models.ManyToManyField(
        "units.Unit", verbose_name=_("đơn vị phối hợp"), blank=True, related_name="coordinated_plan_tasks"
    )
    unit_group = models.CharField(
        _("giao cho nhóm đơn vị"),
        max_length=20,
        choices=UnitGroup.choices,
        blank=True,
        default=UnitGroup.NONE,
        help_text=_(
            "Nhiệm vụ giao cho cả nhóm (ví dụ “các đơn vị trực thuộc”): mỗi đơn vị có tình trạng riêng; "
            "đơn vị chủ trì là nơi theo dõi, tổng hợp."
        ),
    )
    lead_unit_text = models.CharField(
        _("đơn vị chủ trì theo văn bản"),
        max_length=200,
        blank=True,
        help_text=_("Tên đơn vị như văn bản ghi, khi chưa khớp với danh mục đơn vị."),
    )
    recurrence = models.CharField(
        _("lặp lại"), max_length=15, choices=Recurrence.choices, blank=True, default=Recurrence.NONE
    )
    due_date = models.DateField(
        _("hạn hoàn thành"), null=True, blank=True, help_text=_("Để trống: cuối quý / cuối tháng thực hiện.")
    )
    status = models.CharField(
        _("tình trạng"), max_length=15, choices=TaskStatus.choices, default=TaskStatus.NOT_STARTED
    )
    progress_note = models.TextField(_("kết quả thực hiện"), blank=True)
    evidence = models.FileField(
        _("tệp minh chứng"),
        upload_to=_evidence_path,
        blank=True,
        max_length=255,
        validators=[validate_document_file],
        help_text=_("PDF, DOCX, XLSX hoặc ảnh JPG, PNG."),
    )
    completed_at = models.DateTimeField(_("hoàn thành lúc"), null=True, blank=True, editable=False)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    objects = PlanTaskQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("nhiệm vụ")
        verbose_name_plural = _("nhiệm vụ")
        ordering = ["plan", "order", "pk"]
        indexes = [models.Index(fields=["due_date", "status"]), models.Index(fields=["lead_unit", "status"])]
        rules_permissions = {
            "view": r.can_view_task,
            "add": r.is_office_staff,
            "change": r.is_office_staff & r.can_be_edited,
            "delete": r.is_office_staff & r.can_be_edited,
            "progress": r.can_report_progress,
        }

    def __str__(self):
        return self.content[:80]

    def get_absolute_url(self):
        return pk_address("plans:task-progress", self.pk)

    @property
    def progress_url(self) -> str:
        """Where the task's progress is reported: its own page, or the unit's share of it when
        the list annotated one (``selectors.with_shares_of``)."""
        share_pk = self.__dict__.get("share_pk")
        if share_pk:
            return pk_address("plans:assignment-progress", share_pk)
        return pk_address("plans:task-progress", self.pk)

    @property
    def evidence_name(self) -> str:
        """The evidence file's own name, without the folders it is kept under."""
        return self.evidence.name.rsplit("/", 1)[-1] if self.evidence else ""

    @property
    def display_status(self) -> str:
        value = self.__dict__.get("_display_status")
        if value is not None:
            return value
        if self.status != TaskStatus.DONE and self.due_date and self.due_date < timezone.localdate():
            return TaskDisplayStatus.OVERDUE.value
        return self.status

    @display_status.setter
    def display_status(self, value):
        self.__dict__["_display_status"] = value

    def get_display_status_display(self) -> str:
        return TaskDisplayStatus(self.display_status).label

    @property
    def status_badge(self) -> str:
        return STATUS_BADGES.get(self.display_status, "secondary")

    @property
    def period_label(self) -> str:
        if self.period_kind == PeriodKind.QUARTER and self.period_value:
            roman = {1: "I", 2: "II", 3: "III", 4: "IV"}.get(self.period_value, str(self.period_value))
            return gettext("Quý %(q)s") % {"q": roman}
        if self.period_kind == PeriodKind.MONTH and self.period_value:
            return gettext("Tháng %(m)s") % {"m": self.period_value}
        if self.period_kind == PeriodKind.RANGE and (self.start_date or self.end_date):
            return "{} – {}".format(
                date_format(self.start_date, "d/m/Y") if self.start_date else "…",
                date_format(self.end_date, "d/m/Y") if self.end_date else "…",
            )
        return ""

    def _plan_or_none(self):
        """The plan, also while it is unsaved (a task added on the page that creates the plan)."""
        plan = self._state.fields_cache.get("plan")
        if plan is None and self.plan_id:
            plan = self.plan
        return plan

    def default_due_date(self) -> datetime.date | None:
        plan = self._plan_or_none()
        if plan is None or not plan.year:
            return None
        return period_default_due(plan.year, self.period_kind, self.period_value, self.end_date)

    def clean(self):
        errors = {}
        kind, value = self.period_kind, self.period_value
        if kind == PeriodKind.QUARTER and not (value and 1 <= value <= 4):
            errors["period_value"] = _("Quý phải là một số từ 1 đến 4.")
        elif kind == PeriodKind.MONTH and not (value and 1 <= value <= 12):
            errors["period_value"] = _("Tháng phải là một số từ 1 đến 12.")
        elif kind == PeriodKind.RANGE:
            if not self.start_date or not self.end_date:
                errors["end_date"] = _("Vui lòng nhập cả ngày bắt đầu và ngày kết thúc.")
            elif self.end_date < self.start_date:
                errors["end_date"] = _("Ngày kết thúc phải sau ngày bắt đầu.")
        plan = self._plan_or_none()
        if plan is not None and "period_value" not in errors and "end_date" not in errors:
            if self.due_date is None:
                self.due_date = self.default_due_date()
            message = plan.due_date_error(self.due_date)
            if message:
                errors["due_date"] = message
        if errors:
            raise ValidationError(errors)


class PlanTaskAssignment(RulesModelMixin, models.Model, metaclass=RulesModelBase):
    """One unit's share of a task addressed to a group of units, with its own status."""

    task = models.ForeignKey(
        PlanTask, verbose_name=_("nhiệm vụ"), on_delete=models.CASCADE, related_name="assignments"
    )
    unit = models.ForeignKey(
        "units.Unit", verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="plan_task_assignments"
    )
    status = models.CharField(
        _("tình trạng"), max_length=15, choices=TaskStatus.choices, default=TaskStatus.NOT_STARTED
    )
    progress_note = models.TextField(_("kết quả thực hiện"), blank=True)
    completed_at = models.DateTimeField(_("hoàn thành lúc"), null=True, blank=True, editable=False)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("phần việc của đơn vị")
        verbose_name_plural = _("phần việc của đơn vị")
        ordering = ["task", "unit__order", "unit__name"]
        constraints = [models.UniqueConstraint(fields=["task", "unit"], name="plan_task_assignment_once")]
        rules_permissions = {
            "view": r.is_office_staff | r.is_council_member | r.is_assigned_unit_head,
            "progress": (r.is_office_staff | r.is_assigned_unit_head) & r.can_track_progress,
            "add": r.is_nobody,
            "delete": r.is_nobody,
        }

    def __str__(self):
        return f"{self.unit} — {self.task}"

    @property
    def plan(self):
        return self.task.plan

    @property
    def status_badge(self) -> str:
        return STATUS_BADGES.get(self.status, "secondary")


# ---------------------------------------------------------------------------
# Body blocks
# ---------------------------------------------------------------------------
class PlanBlock(models.Model):
    """One block of the plan's body, in order; mirrors plans.parsed.ParsedBlock.

    ``marks`` keeps the bold and italic pieces of an imported .docx: [start, end, "b" | "i"] over
    the text (over the task's content for a task block); in a table, [row, column, start, end,
    kind] over that cell (row 0 the header); in the tasks table, [task id, start, end, kind] over
    the content of that task."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="blocks")
    order = models.PositiveIntegerField(_("thứ tự"), default=0)
    kind = models.CharField(_("loại"), max_length=15, choices=BlockKind.choices, default=BlockKind.PARAGRAPH)
    level = models.PositiveSmallIntegerField(
        _("cấp tiêu đề"), default=0, help_text=_("1 cho “I.”, 2 cho “1.”, 3 cho “a)”.")
    )
    numbering = models.CharField(_("số thứ tự"), max_length=20, blank=True, help_text=_("Ví dụ: I., 1., a)"))
    text = models.TextField(_("nội dung"), blank=True)
    rows = models.JSONField(_("các dòng của bảng"), default=list, blank=True)
    marks = models.JSONField(
        _("chữ đậm, nghiêng"),
        default=list,
        blank=True,
        help_text=_("Các đoạn in đậm, in nghiêng của văn bản gốc: [đầu, cuối, “b” hoặc “i”]."),
    )
    task = models.ForeignKey(
        PlanTask,
        verbose_name=_("nhiệm vụ"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="blocks",
    )

    class Meta:
        verbose_name = _("đoạn nội dung")
        verbose_name_plural = _("đoạn nội dung")
        ordering = ["plan", "order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="task") | Q(task__isnull=False), name="plan_block_task_has_task"
            ),
        ]

    def __str__(self):
        return f"{self.numbering} {self.text[:60]}".strip() or self.get_kind_display()


# ---------------------------------------------------------------------------
# Key targets
# ---------------------------------------------------------------------------
class KeyTarget(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="targets")
    order = models.PositiveIntegerField(_("thứ tự"), default=0)
    indicator = models.CharField(_("chỉ tiêu"), max_length=500)
    unit_of_measure = models.CharField(_("đơn vị tính"), max_length=50, blank=True)
    note = models.CharField(_("ghi chú"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("chỉ tiêu")
        verbose_name_plural = _("chỉ tiêu")
        ordering = ["plan", "order", "pk"]

    def __str__(self):
        return self.indicator


class KeyTargetValue(models.Model):
    """One planned value of a target; a target may have several (“Tuyến tỉnh”, “Tuyến huyện”)."""

    target = models.ForeignKey(KeyTarget, on_delete=models.CASCADE, related_name="values")
    order = models.PositiveIntegerField(_("thứ tự"), default=0)
    label = models.CharField(_("chỉ tiêu thành phần"), max_length=200, blank=True)
    planned = models.CharField(
        _("kế hoạch"), max_length=50, blank=True, help_text=_("Ghi như văn bản: 12.884")
    )
    actual = models.CharField(_("thực hiện"), max_length=50, blank=True)
    unit_of_measure = models.CharField(_("đơn vị tính riêng"), max_length=50, blank=True)

    class Meta:
        verbose_name = _("giá trị chỉ tiêu")
        verbose_name_plural = _("giá trị chỉ tiêu")
        ordering = ["target", "order", "pk"]

    def __str__(self):
        return f"{self.label}: {self.planned}" if self.label else self.planned

    @property
    def effective_unit(self) -> str:
        return self.unit_of_measure or self.target.unit_of_measure


# ---------------------------------------------------------------------------
# Submission requests
# ---------------------------------------------------------------------------
def request_published_q(prefix: str = "") -> Q:
    """A submission request has gone to the units: it stands alone, or its plan is no longer a
    draft. A request on a draft plan stays with the office (no reminder, in no unit's list or
    count) until the plan is issued. ``prefix`` reaches the request from a related row
    ("request__")."""
    return Q(**{f"{prefix}plan__isnull": True}) | ~Q(**{f"{prefix}plan__status": PlanStatus.DRAFT})


class SubmissionRequestQuerySet(models.QuerySet):
    def published(self):
        return self.filter(request_published_q())


class SubmissionRequest(RulesModelMixin, models.Model, metaclass=RulesModelBase):
    """“Every unit sends X before date D” — a plan, a 6-month or annual report, a review report."""

    plan = models.ForeignKey(
        Plan,
        verbose_name=_("kế hoạch"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="submission_requests",
    )
    task = models.ForeignKey(
        PlanTask,
        verbose_name=_("nhiệm vụ"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="submission_requests",
    )
    title = models.CharField(
        _("nội dung yêu cầu"), max_length=300, help_text=_("Ví dụ: Kế hoạch TĐKT năm 2022")
    )
    description = models.TextField(_("hướng dẫn"), blank=True)
    due_date = models.DateField(_("hạn gửi"))
    audience = models.CharField(
        _("gửi tới"),
        max_length=10,
        choices=SubmissionAudience.choices,
        default=SubmissionAudience.ALL_TOP_LEVEL,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    objects = SubmissionRequestQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["created_at"])

    class Meta:
        verbose_name = _("yêu cầu gửi báo cáo")
        verbose_name_plural = _("yêu cầu gửi báo cáo")
        ordering = ["-due_date", "-pk"]
        rules_permissions = office_keeps(r.is_office_staff | (r.is_unit_head & r.is_request_published))

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("plans:submission-detail", args=[self.pk])

    @property
    def is_sent(self) -> bool:
        """Sent to the units: on its own, or once its plan is issued. A request on a draft plan
        stays with the office (no reminders, not in the units' lists) until then."""
        return self.plan_id is None or self.plan.status != PlanStatus.DRAFT


class UnitSubmissionQuerySet(models.QuerySet):
    def with_display_status(self, today: datetime.date | None = None):
        today = today or timezone.localdate()
        return self.annotate(
            display_status=Case(
                When(
                    submitted_at__isnull=False,
                    submitted_at__date__lte=F("request__due_date"),
                    then=Value(SubmissionStatus.ON_TIME.value),
                ),
                When(submitted_at__isnull=False, then=Value(SubmissionStatus.LATE.value)),
                When(request__due_date__lt=today, then=Value(SubmissionStatus.OVERDUE.value)),
                default=Value(SubmissionStatus.PENDING.value),
                output_field=CharField(),
            )
        )

    def published(self):
        """The rows of requests that have gone to the units (see ``request_published_q``)."""
        return self.filter(request_published_q("request__"))

    def pending(self):
        return self.filter(submitted_at__isnull=True)

    def overdue(self, today: datetime.date | None = None):
        return self.pending().filter(request__due_date__lt=today or timezone.localdate())

    def late(self):
        return self.filter(submitted_at__isnull=False, submitted_at__date__gt=F("request__due_date"))


def _submission_path(instance, filename):
    return f"plans/submissions/{instance.request.due_date.year}/{instance.request_id}/{filename}"


class UnitSubmission(RulesModelMixin, models.Model, metaclass=RulesModelBase):
    """What one unit sent for one request; its status is derived from the dates."""

    request = models.ForeignKey(
        SubmissionRequest,
        verbose_name=_("yêu cầu"),
        on_delete=models.CASCADE,
        related_name="unit_submissions",
    )
    unit = models.ForeignKey(
        "units.Unit", verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="plan_submissions"
    )
    file = models.FileField(
        _("tệp gửi kèm"),
        upload_to=_submission_path,
        blank=True,
        max_length=255,
        validators=[validate_document_file],
        help_text=_("PDF, DOCX, XLSX hoặc ảnh JPG, PNG."),
    )
    note = models.TextField(_("ghi chú"), blank=True)
    submitted_at = models.DateTimeField(_("gửi lúc"), null=True, blank=True, editable=False)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    objects = UnitSubmissionQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("báo cáo của đơn vị")
        verbose_name_plural = _("báo cáo của đơn vị")
        ordering = ["request", "unit__order", "unit__name"]
        constraints = [models.UniqueConstraint(fields=["request", "unit"], name="unit_submission_once")]
        rules_permissions = {
            "view": r.is_office_staff | r.is_submission_unit_head,
            "upload": r.can_upload_submission,
            "add": r.is_nobody,
            "delete": r.is_nobody,
        }

    def __str__(self):
        return f"{self.unit} — {self.request}"

    @property
    def file_name(self) -> str:
        """The stored file's own name, without the folders it is kept under."""
        return self.file.name.rsplit("/", 1)[-1] if self.file else ""

    @property
    def display_status(self) -> str:
        value = self.__dict__.get("_display_status")
        if value is not None:
            return value
        due = self.request.due_date
        if self.submitted_at:
            received = timezone.localdate(self.submitted_at)
            return SubmissionStatus.ON_TIME.value if received <= due else SubmissionStatus.LATE.value
        if due < timezone.localdate():
            return SubmissionStatus.OVERDUE.value
        return SubmissionStatus.PENDING.value

    @display_status.setter
    def display_status(self, value):
        self.__dict__["_display_status"] = value

    def get_display_status_display(self) -> str:
        return SubmissionStatus(self.display_status).label

    @property
    def status_badge(self) -> str:
        return STATUS_BADGES.get(self.display_status, "secondary")


# ---------------------------------------------------------------------------
# Official letters (công văn)
# ---------------------------------------------------------------------------
class LetterQuerySet(models.QuerySet):
    def issued(self):
        return self.filter(status=LetterStatus.ISSUED)


class Letter(RulesModelMixin, DocumentHeading, IssuableDocument, metaclass=RulesModelBase):
    """A công văn (Decree 30/2020/NĐ-CP, Appendix III, model 1.4): "Số: 15/SYT-TCCB" (no type code:
    the issuer's code and the drafting office's code), "V/v …" under the number, "Kính gửi:" one
    addressee or a dashed list, the body, the signer and Nơi nhận."""

    number = models.PositiveIntegerField(_("số"), null=True, blank=True, editable=False)
    issuer_code = models.CharField(
        _("mã cơ quan ban hành"), max_length=20, default="SYT", help_text=_("Ví dụ: SYT")
    )
    office_code = models.CharField(
        _("mã đơn vị soạn thảo"), max_length=30, help_text=_("Ví dụ: TCCB, VP, NVY: in sau mã cơ quan")
    )
    subject = models.CharField(
        _("trích yếu (V/v)"),
        max_length=500,
        help_text=_("Không cần gõ “V/v”: ví dụ “phát động phong trào thi đua …”"),
    )
    addressees = models.JSONField(_("kính gửi"), default=list, blank=True)
    body = models.TextField(
        _("nội dung"),
        help_text=_("Mỗi đoạn một dòng; dòng bắt đầu bằng “- ” in thành gạch đầu dòng."),
    )
    issue_date = models.DateField(_("ngày ban hành"), null=True, blank=True)
    recipient_units = models.ManyToManyField(
        "units.Unit",
        verbose_name=_("gửi tới đơn vị"),
        blank=True,
        related_name="letters_received",
        help_text=_("Thủ trưởng các đơn vị này đọc được công văn sau khi ban hành."),
    )
    status = models.CharField(
        _("trạng thái"),
        max_length=10,
        choices=LetterStatus.choices,
        default=LetterStatus.DRAFT,
        editable=False,
    )
    notes = models.TextField(_("ghi chú nội bộ"), blank=True, help_text=_("Không in ra văn bản."))

    objects = LetterQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["created_at"])

    class Meta:
        verbose_name = _("công văn")
        verbose_name_plural = _("công văn")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="draft") | Q(number__isnull=False, issue_date__isnull=False),
                name="letter_issued_has_number",
            ),
        ]
        rules_permissions = {
            "view": r.can_view_letter,
            "add": r.is_office_staff,
            "change": r.is_office_staff & r.is_letter_draft,
            "delete": r.is_nobody,
            "issue": r.is_office_staff & r.is_letter_draft,
        }

    def __str__(self):
        label = self.number_label if self.number else gettext("Dự thảo")
        return f"{label} — V/v {self.subject}"

    def get_absolute_url(self):
        return reverse("plans:letter-detail", args=[self.pk])

    @property
    def symbol(self) -> str:
        """'SYT-TCCB': the issuer's code, then the drafting office's (a công văn has no type code)."""
        return f"{self.issuer_code.strip()}-{self.office_code.strip()}".strip("-")

    @property
    def number_label(self) -> str:
        return format_number(self.number if self.status != LetterStatus.DRAFT else None, self.symbol)

    @property
    def year(self) -> int:
        return (self.issue_date or timezone.localdate()).year

    @property
    def place_date_line(self) -> str:
        if self.status != LetterStatus.DRAFT and self.issue_date:
            return vn.place_date(self.place, self.issue_date)
        if self.issue_date:
            return vn.place_date(self.place, self.issue_date, blank_day=True)
        return vn.place_date(self.place, None, year=timezone.localdate().year)

    @property
    def addressee_lines(self) -> list[str]:
        lines = (str(line).strip().lstrip("-–•").strip() for line in self.addressees or [])
        return [line for line in lines if line]

    @property
    def is_editable(self) -> bool:
        return self.status == LetterStatus.DRAFT

    @property
    def status_badge(self) -> str:
        return STATUS_BADGES.get(self.status, "secondary")


# ---------------------------------------------------------------------------
# The department's own report upward: the second level of a submission request
# ---------------------------------------------------------------------------
def _forward_path(instance, filename):
    return f"plans/forwards/{instance.due_date.year}/{instance.request_id}/{filename}"


class SubmissionForward(RulesModelMixin, models.Model, metaclass=RulesModelBase):
    """The units send to the department before D1 (the request's due date); the department
    consolidates and sends to the province or the Ministry before D2: the office's own task, with
    its own status and the list of the units' reports that went into it."""

    request = models.OneToOneField(
        SubmissionRequest, verbose_name=_("yêu cầu"), on_delete=models.CASCADE, related_name="forward"
    )
    recipient = models.CharField(
        _("gửi lên"), max_length=200, help_text=_("Ví dụ: UBND tỉnh (qua Sở Nội vụ), Bộ Y tế")
    )
    due_date = models.DateField(_("hạn gửi lên cấp trên"))
    sent_at = models.DateTimeField(_("đã gửi lúc"), null=True, blank=True, editable=False)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    file = models.FileField(
        _("báo cáo tổng hợp"),
        upload_to=_forward_path,
        blank=True,
        max_length=255,
        validators=[validate_document_file],
        help_text=_("PDF, DOCX, XLSX hoặc ảnh JPG, PNG."),
    )
    note = models.TextField(_("ghi chú"), blank=True)
    submissions = models.ManyToManyField(
        UnitSubmission, verbose_name=_("báo cáo đơn vị đã tổng hợp"), blank=True, related_name="forwards"
    )
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("báo cáo gửi cấp trên")
        verbose_name_plural = _("báo cáo gửi cấp trên")
        rules_permissions = office_keeps(r.is_office_staff)

    def __str__(self):
        return f"{self.request} → {self.recipient}"

    def clean(self):
        request = (
            getattr(self, "request", None) if self.request_id else self._state.fields_cache.get("request")
        )
        if request is not None and self.due_date and self.due_date < request.due_date:
            raise ValidationError(
                {
                    "due_date": _(
                        "Hạn gửi lên cấp trên (%(d2)s) phải từ hạn các đơn vị gửi về (%(d1)s) trở đi."
                    )
                    % {
                        "d2": date_format(self.due_date, "d/m/Y"),
                        "d1": date_format(request.due_date, "d/m/Y"),
                    }
                }
            )

    @property
    def display_status(self) -> str:
        """Derived like a unit's: on time or late once sent, overdue or pending before."""
        if self.sent_at:
            sent = timezone.localdate(self.sent_at)
            return SubmissionStatus.ON_TIME.value if sent <= self.due_date else SubmissionStatus.LATE.value
        if self.due_date < timezone.localdate():
            return SubmissionStatus.OVERDUE.value
        return SubmissionStatus.PENDING.value

    def get_display_status_display(self) -> str:
        return SubmissionStatus(self.display_status).label

    @property
    def status_badge(self) -> str:
        return STATUS_BADGES.get(self.display_status, "secondary")

    @property
    def file_name(self) -> str:
        return self.file.name.rsplit("/", 1)[-1] if self.file else ""
