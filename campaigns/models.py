"""Campaigns (phong trào thi đua), registrations (đăng ký thi đua), criteria scoring and rankings."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from rules.contrib.models import RulesModelBase, RulesModelMixin
from simple_history.models import HistoricalRecords

from catalog.models import AwardType
from units.fastpaths import pk_address
from units.models import Cluster, DocumentHeading, Person, Unit
from units.rules import office_keeps
from units.uploads import validate_document_file

from . import rules as r
from .enums import (
    CampaignKind,
    CampaignStatus,
    LatePolicy,
    LaunchForm,
    RegistrationStatus,
)


class Rules(RulesModelMixin, models.Model, metaclass=RulesModelBase):
    class Meta:
        abstract = True


# ---------------------------------------------------------------------------
# Campaigns
# ---------------------------------------------------------------------------
class Campaign(Rules, DocumentHeading):
    """A phong trào thi đua: what it asks, of whom, from when to when, launched by which document."""

    name = models.CharField(_("tên phong trào (chủ đề)"), max_length=500)
    kind = models.CharField(_("hình thức thi đua"), max_length=10, choices=CampaignKind.choices)
    purpose = models.TextField(_("mục đích, yêu cầu"), blank=True)
    # The launching document: a plan drafted and issued in this system, or an official letter
    # (công văn) / a plan kept outside it: number and symbol, date, issuer.
    plan = models.ForeignKey(
        "plans.Plan",
        verbose_name=_("kế hoạch phát động"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="campaigns",
        help_text=_("Kế hoạch phát động đã soạn trong hệ thống; để trống nếu phát động bằng công văn."),
    )
    launched_by = models.CharField(
        _("phát động bằng"),
        max_length=10,
        choices=LaunchForm.choices,
        default=LaunchForm.PLAN,
        help_text=_("Văn bản phát động in ra theo hình thức này: kế hoạch, công văn, hoặc cả hai."),
    )
    letter = models.ForeignKey(
        "plans.Letter",
        verbose_name=_("công văn phát động"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="campaigns",
        help_text=_("Công văn đã soạn trong hệ thống; để trống thì công văn in từ nội dung phong trào."),
    )
    # Otherwise the launching document, when it is an official letter (công văn) or a plan kept outside
    # the system: number and symbol, date, issuer.
    document_number = models.CharField(
        _("số, ký hiệu văn bản phát động"), max_length=100, blank=True, help_text=_("Ví dụ: 125/KH-SYT")
    )
    document_date = models.DateField(_("ngày ban hành văn bản"), null=True, blank=True)
    document_issuer = models.CharField(
        _("cơ quan ban hành"), max_length=200, blank=True, help_text=_("Ví dụ: Sở Y tế tỉnh Đồng Nai")
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("phong trào cấp trên"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
    )
    parent_text = models.TextField(
        _("phong trào, văn bản cấp trên"),
        blank=True,
        help_text=_("Ví dụ: Kế hoạch số 216/KH-UBND ngày 17/6/2024 của UBND tỉnh Đồng Nai về phát động ..."),
    )
    start_date = models.DateField(_("ngày bắt đầu"))
    end_date = models.DateField(_("ngày kết thúc"), null=True, blank=True)
    review_date = models.DateField(_("thời gian sơ kết, tổng kết"), null=True, blank=True)
    collective_subjects = models.TextField(_("đối tượng thi đua: tập thể"), blank=True)
    individual_subjects = models.TextField(_("đối tượng thi đua: cá nhân"), blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=CampaignStatus.choices, default=CampaignStatus.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("phong trào thi đua")
        verbose_name_plural = _("phong trào thi đua")
        ordering = ["-start_date", "-pk"]
        rules_permissions = {
            "view": r.can_view_campaign,
            "add": r.is_office_staff,
            "change": r.is_office_staff & r.is_campaign_editable,
            "delete": r.is_nobody,
            "transition": r.is_office_staff,
        }
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="campaign_end_after_start",
            ),
            models.CheckConstraint(
                condition=Q(review_date__isnull=True) | Q(review_date__gte=models.F("start_date")),
                name="campaign_review_after_start",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("campaigns:detail", args=[self.pk])

    def clean(self):
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("Ngày kết thúc (%(end)s) không được trước ngày bắt đầu (%(start)s).") % {
                "end": date_format(self.end_date, "SHORT_DATE_FORMAT"),
                "start": date_format(self.start_date, "SHORT_DATE_FORMAT"),
            }
        if self.start_date and self.review_date and self.review_date < self.start_date:
            errors["review_date"] = _("Thời gian sơ kết, tổng kết không được trước ngày bắt đầu phong trào.")
        if self.parent_id and self.pk and self.parent_id == self.pk:
            errors["parent"] = _("Phong trào không thể là phong trào cấp trên của chính nó.")
        if errors:
            raise ValidationError(errors)

    @property
    def launching_document(self) -> str:
        """'số 125/KH-SYT ngày 05/7/2024 của Sở Y tế' style reference, or ''."""
        if self.plan_id:
            return str(self.plan)
        parts = []
        if self.document_number:
            parts.append(_("số %(n)s") % {"n": self.document_number})
        if self.document_date:
            parts.append(_("ngày %(d)s") % {"d": date_format(self.document_date, "SHORT_DATE_FORMAT")})
        if self.document_issuer:
            parts.append(_("của %(who)s") % {"who": self.document_issuer})
        return " ".join(str(p) for p in parts)


class CampaignItem(models.Model):
    """One content item of a campaign: a), b), ... đ)."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="items")
    order = models.PositiveIntegerField(_("thứ tự"), default=0)
    label = models.CharField(_("ký hiệu"), max_length=10, blank=True, help_text=_("Ví dụ: a)"))
    text = models.TextField(_("nội dung thi đua"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("nội dung thi đua")
        verbose_name_plural = _("nội dung thi đua")
        ordering = ["order", "pk"]

    def __str__(self):
        return f"{self.label} {self.text[:60]}".strip()


class CampaignDuty(models.Model):
    """What one unit (or a group of units written as text) must do for the campaign."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="duties")
    order = models.PositiveIntegerField(_("thứ tự"), default=0)
    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    assignee = models.CharField(
        _("đơn vị thực hiện (ghi bằng chữ)"),
        max_length=300,
        blank=True,
        help_text=_("Dùng khi giao cho một nhóm, ví dụ: Các phòng chuyên môn và các đơn vị trực thuộc."),
    )
    text = models.TextField(_("nhiệm vụ"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("nhiệm vụ tổ chức thực hiện")
        verbose_name_plural = _("nhiệm vụ tổ chức thực hiện")
        ordering = ["order", "pk"]

    def __str__(self):
        return self.assignee_label

    @property
    def assignee_label(self):
        return self.assignee or (self.unit.name if self.unit_id else "")

    def clean(self):
        if not self.unit_id and not self.assignee.strip():
            raise ValidationError({"assignee": _("Chọn một đơn vị hoặc ghi tên đơn vị thực hiện.")})


# ---------------------------------------------------------------------------
# Registration rounds and registrations
# ---------------------------------------------------------------------------
class RegistrationRound(Rules):
    """A call to register (for a year, or for a campaign) with its deadline and late policy."""

    name = models.CharField(_("tên đợt đăng ký"), max_length=300)
    year = models.PositiveSmallIntegerField(_("năm thi đua"))
    campaign = models.ForeignKey(
        Campaign,
        verbose_name=_("phong trào"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="rounds",
        help_text=_("Để trống khi là đăng ký thi đua cả năm."),
    )
    opens_on = models.DateField(_("nhận đăng ký từ ngày"), null=True, blank=True)
    deadline = models.DateField(_("hạn đăng ký"), help_text=_("Hết ngày này là quá hạn."))
    late_policy = models.CharField(
        _("khi nộp sau hạn"), max_length=10, choices=LatePolicy.choices, default=LatePolicy.ACCEPT_MARK_LATE
    )
    note = models.TextField(_("hướng dẫn"), blank=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("đợt đăng ký thi đua")
        verbose_name_plural = _("đợt đăng ký thi đua")
        ordering = ["-year", "-deadline", "-pk"]
        rules_permissions = office_keeps(r.has_any_role)
        constraints = [
            models.CheckConstraint(
                condition=Q(opens_on__isnull=True) | Q(deadline__gte=models.F("opens_on")),
                name="round_deadline_after_opening",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("campaigns:round-detail", args=[self.pk])

    def clean(self):
        if self.opens_on and self.deadline and self.deadline < self.opens_on:
            raise ValidationError({"deadline": _("Hạn đăng ký không được trước ngày bắt đầu nhận đăng ký.")})

    def is_past_deadline(self, at: datetime.datetime | None = None) -> bool:
        """True once the deadline day is over, in the local time zone."""
        at = at or timezone.now()
        return timezone.localdate(at) > self.deadline

    @property
    def refuses_late(self):
        return self.late_policy == LatePolicy.REFUSE


class RegistrationQuerySet(models.QuerySet):
    def with_line_counts(self):
        return self.annotate(
            individual_count=models.Count("individual_lines", distinct=True),
            collective_count=models.Count("collective_lines", distinct=True),
        )


class Registration(Rules):
    """A unit's registration in a round: the titles its collectives and its staff aim at."""

    round = models.ForeignKey(
        RegistrationRound,
        verbose_name=_("đợt đăng ký"),
        on_delete=models.PROTECT,
        related_name="registrations",
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="registrations"
    )
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=RegistrationStatus.choices, default=RegistrationStatus.DRAFT
    )
    commitments = models.TextField(
        _("nội dung cam kết, chỉ tiêu phấn đấu"), blank=True, help_text=_("Các cam kết, chỉ tiêu của đơn vị.")
    )
    first_submitted_at = models.DateTimeField(_("gửi lần đầu lúc"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("gửi lúc"), null=True, blank=True)
    is_late = models.BooleanField(_("nộp muộn"), default=False)
    decided_at = models.DateTimeField(_("duyệt lúc"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    return_reason = models.TextField(_("lý do trả lại / mở lại"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    objects = RegistrationQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("bản đăng ký thi đua")
        verbose_name_plural = _("bản đăng ký thi đua")
        ordering = ["round", "unit__order", "unit__name"]
        constraints = [models.UniqueConstraint(fields=["round", "unit"], name="registration_once_per_unit")]
        indexes = [models.Index(fields=["round", "status"])]
        rules_permissions = {
            "view": r.can_view_registration,
            "add": r.is_office_staff | r.is_unit_head,
            "change": r.can_edit_registration,
            "delete": r.is_nobody,
        }

    def __str__(self):
        return f"{self.unit} — {self.round}"

    def get_absolute_url(self):
        return pk_address("campaigns:registration-detail", self.pk)

    def staff_queryset(self):
        """Who may be registered: the active staff of the unit and of its sub-units."""
        return Person.objects.active().filter(unit_id__in=self.unit.subtree_ids()).select_related("unit")

    def collective_queryset(self):
        """Which collectives may be registered: the unit itself and its active sub-units."""
        return Unit.objects.active().filter(pk__in=self.unit.subtree_ids())


class RegistrationCollectiveLine(models.Model):
    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="collective_lines")
    unit = models.ForeignKey(Unit, verbose_name=_("tập thể"), on_delete=models.PROTECT, related_name="+")
    award_type = models.ForeignKey(
        AwardType, verbose_name=_("danh hiệu / hình thức đăng ký"), on_delete=models.PROTECT, related_name="+"
    )
    note = models.CharField(_("ghi chú"), max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("đăng ký của tập thể")
        verbose_name_plural = _("đăng ký của tập thể")
        ordering = ["unit__order", "unit__name", "award_type__order"]
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "unit", "award_type"], name="registration_collective_line_once"
            )
        ]

    def __str__(self):
        return f"{self.unit} — {self.award_type}"


class RegistrationIndividualLine(models.Model):
    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="individual_lines")
    person = models.ForeignKey(Person, verbose_name=_("cán bộ"), on_delete=models.PROTECT, related_name="+")
    award_type = models.ForeignKey(
        AwardType, verbose_name=_("danh hiệu / hình thức đăng ký"), on_delete=models.PROTECT, related_name="+"
    )
    note = models.CharField(_("ghi chú"), max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("đăng ký của cá nhân")
        verbose_name_plural = _("đăng ký của cá nhân")
        ordering = ["person__full_name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["registration", "person"], name="registration_person_once")
        ]

    def __str__(self):
        return f"{self.person} — {self.award_type}"


class RegistrationEvent(models.Model):
    """The action log: who moved the registration from where to where, why and when."""

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(_("từ trạng thái"), max_length=10, choices=RegistrationStatus.choices)
    to_status = models.CharField(_("sang trạng thái"), max_length=10, choices=RegistrationStatus.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người thực hiện"), null=True, on_delete=models.SET_NULL
    )
    reason = models.TextField(_("lý do"), blank=True)
    late = models.BooleanField(_("nộp muộn"), default=False)
    at = models.DateTimeField(_("thời điểm"), auto_now_add=True)

    class Meta:
        verbose_name = _("nhật ký đăng ký")
        verbose_name_plural = _("nhật ký đăng ký")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.get_from_status_display()} → {self.get_to_status_display()}"


# ---------------------------------------------------------------------------
# Scoring: criteria sets, unit scores, cluster rankings
# ---------------------------------------------------------------------------
class CriteriaSet(Rules):
    """A scoring table (bảng chấm điểm) for a year, for one cluster or for every cluster of the year."""

    name = models.CharField(_("tên bảng tiêu chí"), max_length=300)
    year = models.PositiveSmallIntegerField(_("năm"))
    cluster = models.ForeignKey(
        Cluster,
        verbose_name=_("cụm/khối thi đua"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="criteria_sets",
        help_text=_("Để trống khi áp dụng cho mọi cụm, khối của năm."),
    )
    leaders_per_cluster = models.PositiveSmallIntegerField(
        _("số đơn vị dẫn đầu mỗi cụm/khối"), default=1, validators=[MinValueValidator(1)]
    )
    note = models.TextField(_("ghi chú, hướng dẫn chấm"), blank=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("bảng tiêu chí chấm điểm")
        verbose_name_plural = _("bảng tiêu chí chấm điểm")
        ordering = ["-year", "name"]
        rules_permissions = office_keeps(r.has_any_role)

    def __str__(self):
        return f"{self.name} ({self.year})"

    def get_absolute_url(self):
        return reverse("campaigns:criteria-detail", args=[self.pk])

    def clusters(self):
        if self.cluster_id:
            return Cluster.objects.filter(pk=self.cluster_id)
        return Cluster.objects.filter(year=self.year)

    def scored_unit_ids(self) -> set[int]:
        cached = getattr(self, "_scored_unit_ids", None)
        if cached is None:
            from units.models import ClusterMembership

            cached = set(
                ClusterMembership.objects.filter(cluster__in=self.clusters()).values_list(
                    "unit_id", flat=True
                )
            )
            self._scored_unit_ids = cached
        return cached

    @property
    def max_total(self):
        return sum((c.max_points for c in self.criteria.all() if c.parent_id is None), start=0)


class Criterion(models.Model):
    criteria_set = models.ForeignKey(CriteriaSet, on_delete=models.CASCADE, related_name="criteria")
    parent = models.ForeignKey(
        "self",
        verbose_name=_("tiêu chí cha"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="children",
    )
    code = models.CharField(
        _("mã"), max_length=20, help_text=_("Ví dụ: 1, 1.1, 1.2; mã có dấu chấm là tiêu chí con.")
    )
    title = models.CharField(_("nội dung tiêu chí"), max_length=500)
    max_points = models.DecimalField(
        _("điểm tối đa"), max_digits=6, decimal_places=2, validators=[MinValueValidator(0)]
    )
    guidance = models.TextField(_("hướng dẫn chấm"), blank=True)
    order = models.PositiveIntegerField(_("thứ tự"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("tiêu chí")
        verbose_name_plural = _("tiêu chí")
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["criteria_set", "code"], name="criterion_code_once"),
            models.CheckConstraint(condition=Q(max_points__gte=0), name="criterion_max_not_negative"),
        ]

    def __str__(self):
        return f"{self.code}. {self.title}"

    @property
    def depth(self):
        return self.code.count(".")


def evidence_upload_to(instance, filename):
    return f"scores/{instance.criterion.criteria_set.year}/{instance.unit_id}/{filename}"


class UnitScore(models.Model):
    """A unit's score on one (leaf) criterion: its own, with evidence, and the office's assessment."""

    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="scores")
    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="scores")
    self_score = models.DecimalField(_("điểm tự chấm"), max_digits=6, decimal_places=2, null=True, blank=True)
    evidence_note = models.TextField(_("minh chứng, giải trình"), blank=True)
    evidence_file = models.FileField(
        _("tệp minh chứng"),
        upload_to=evidence_upload_to,
        blank=True,
        max_length=255,
        validators=[validate_document_file],
        help_text=_("PDF, DOCX, XLSX hoặc ảnh JPG, PNG."),
    )
    assessed_score = models.DecimalField(
        _("điểm thẩm định"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    assessment_note = models.TextField(_("ý kiến thẩm định"), blank=True)
    self_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("điểm của đơn vị")
        verbose_name_plural = _("điểm của đơn vị")
        constraints = [
            models.UniqueConstraint(fields=["criterion", "unit"], name="unit_score_once"),
            models.CheckConstraint(
                condition=Q(self_score__isnull=True) | Q(self_score__gte=0),
                name="unit_self_score_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(assessed_score__isnull=True) | Q(assessed_score__gte=0),
                name="unit_assessed_score_not_negative",
            ),
        ]

    def __str__(self):
        return f"{self.unit} — {self.criterion.code}"

    @property
    def effective(self):
        return self.assessed_score if self.assessed_score is not None else self.self_score
