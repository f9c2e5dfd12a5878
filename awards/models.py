"""Rule sets, yearly evaluations, initiatives, the award history and nominations.

Every number of the law lives here as versioned data, defaults an office can change rather than
constants (the decrees and circulars that set them change, and provinces add their own rules):
a ``RuleSet`` is in force for a period and holds one ``AwardRule`` per award type; the
alternatives a rule accepts ("HTXSNV, or an initiative, or a research work") are its
``AwardRulePath`` rows. The engine that reads them is ``awards.eligibility``.
"""

import datetime
import os
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rules.contrib.models import RulesModelBase, RulesModelMixin
from simple_history.models import HistoricalRecords

from catalog.enums import AchievementKind, DocumentKind
from catalog.models import UNCONFIRMED_NOTE, award_type_field
from units.fastpaths import pk_address
from units.models import DocumentHeading
from units.numbering import format_number
from units.rules import office_keeps
from units.uploads import ALLOWED_EXTENSIONS, validate_document_file

from . import rules as r
from .enums import (
    COMMENT_STATUS_BADGES,
    DISCLOSURE_SYMBOL,
    NOMINATION_EDITABLE,
    NOMINATION_FINAL,
    CommentStatus,
    Comparison,
    EligibilityStatus,
    EvaluationLevel,
    EvaluationSource,
    HolidayKind,
    InitiativeKind,
    InitiativeKindFilter,
    InitiativeScope,
    NominationStatus,
    PathSubject,
    PredecessorYears,
    QuotaScope,
    RecordSource,
    Rounding,
    ThresholdBase,
    VoteMethod,
)

OFFICE_EDITS = {
    "view": r.is_office_staff,
    "add": r.is_office_staff,
    "change": r.is_office_staff,
    "delete": r.is_nobody,
}

SHARE_VALIDATORS = [MinValueValidator(0), MaxValueValidator(1)]

# Working days the office has to verify a nomination when no rule of the year says otherwise: 10
# working days from a complete dossier, the time set for a Giấy khen under the old regime
# (Nghị định 91/2017/NĐ-CP); the current time is the province's rule under Nghị định 152/2025/NĐ-CP.
DEFAULT_VERIFICATION_WORKING_DAYS = 10


# One nomination of a nominee for an award and year, a rejected one aside (``Nomination`` constraints).
NOMINATED_ALREADY = {
    "person": _("Cá nhân này đã được đề nghị danh hiệu/hình thức này cho năm này."),
    "unit": _("Tập thể này đã được đề nghị danh hiệu/hình thức này cho năm này."),
}


def _exactly_one_subject(prefix: str):
    """A check constraint: exactly one of person / unit is set."""
    return models.CheckConstraint(
        condition=(Q(person__isnull=False) & Q(unit__isnull=True))
        | (Q(person__isnull=True) & Q(unit__isnull=False)),
        name=f"{prefix}_exactly_one_subject",
        violation_error_message=_("Chọn đúng một đối tượng: một cá nhân hoặc một tập thể."),
    )


def subject_snapshot(person, unit) -> tuple[str, str, str]:
    """Name, position and unit of a person or a collective as they are now: what a record keeps
    "as issued" when it is written (a later rename, move or promotion does not touch it)."""
    if person is not None:
        return person.full_name, person.position, person.unit.name if person.unit_id else ""
    if unit is not None:
        return unit.name, "", unit.parent.name if unit.parent_id else ""
    return "", "", ""


def subject_fields(*, related_name: str) -> tuple[models.ForeignKey, models.ForeignKey]:
    """Who an evaluation, a nomination or an award is about: a person (cá nhân) or a unit (tập
    thể), each field empty for the other (``one_subject``)."""
    options = {"null": True, "blank": True, "on_delete": models.PROTECT, "related_name": related_name}
    return (
        models.ForeignKey("units.Person", verbose_name=_("cá nhân"), **options),
        models.ForeignKey("units.Unit", verbose_name=_("tập thể"), **options),
    )


class SubjectMixin:
    """Shared helpers of the rows that belong to a person or to a unit."""

    @property
    def subject(self):
        return self.person if self.person_id else self.unit

    @property
    def is_collective(self) -> bool:
        return self.unit_id is not None and self.person_id is None

    def clean_subject(self):
        if bool(self.person_id) == bool(self.unit_id):
            raise ValidationError(_("Chọn đúng một đối tượng: một cá nhân hoặc một tập thể."))


# ---------------------------------------------------------------------------
# Rule sets
# ---------------------------------------------------------------------------
class RuleSetQuerySet(models.QuerySet):
    def active(self):
        return self.filter(active=True)

    def in_force_on(self, day: datetime.date):
        return self.active().filter(
            Q(effective_from__lte=day), Q(effective_to__isnull=True) | Q(effective_to__gte=day)
        )


class RuleSet(RulesModelMixin, models.Model, metaclass=RulesModelBase):
    """The machine-checked parameters in force for a period, with the documents that set them.

    A year of achievement is judged by the rule set in force on **31 December of that year**
    (the day the year's achievement is complete; see ``judging_day``).
    """

    name = models.CharField(_("tên bộ quy tắc"), max_length=255)
    legal_source = models.TextField(
        _("văn bản quy định"),
        help_text=_("Luật, nghị định, thông tư, quy định của tỉnh đặt ra các tiêu chuẩn này."),
    )
    effective_from = models.DateField(_("hiệu lực từ ngày"))
    effective_to = models.DateField(_("hiệu lực đến ngày"), null=True, blank=True)
    confirmed = models.BooleanField(
        _("đã xác nhận"),
        default=False,
        help_text=_("Bỏ chọn khi các giá trị chưa được Thường trực đối chiếu với văn bản chính thức."),
    )
    confirmation_note = models.TextField(_("ghi chú xác nhận"), blank=True)
    predecessor_years = models.CharField(
        _("năm của đơn vị tiền thân"),
        max_length=5,
        choices=PredecessorYears.choices,
        default=PredecessorYears.MAIN,
        help_text=_(
            "Khi xét tập thể hình thành sau hợp nhất, sáp nhập, chia tách: năm của đơn vị tiền thân có được "
            "tính vào số năm liên tục không. Luật TĐKT 2022 và Nghị định hướng dẫn không quy định; mặc định "
            "tính chuỗi của đơn vị tiền thân chính, chưa xác nhận."
        ),
    )
    active = models.BooleanField(_("đang sử dụng"), default=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    objects = RuleSetQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("bộ quy tắc xét khen thưởng")
        verbose_name_plural = _("bộ quy tắc xét khen thưởng")
        ordering = ["-effective_from", "name"]
        rules_permissions = OFFICE_EDITS
        constraints = [
            models.CheckConstraint(
                condition=Q(effective_to__isnull=True) | Q(effective_to__gte=F("effective_from")),
                name="rule_set_valid_range",
                violation_error_message=_("Ngày hết hiệu lực phải từ ngày bắt đầu hiệu lực trở đi."),
            ),
        ]

    def __str__(self):
        return self.name

    @staticmethod
    def judging_day(year: int) -> datetime.date:
        """The day whose rule set judges a year of achievement: 31 December of that year."""
        return datetime.date(year, 12, 31)

    def covers(self, day: datetime.date) -> bool:
        return self.effective_from <= day and (self.effective_to is None or day <= self.effective_to)

    @property
    def unconfirmed_note(self):
        return "" if self.confirmed else UNCONFIRMED_NOTE

    def clean(self):
        if self.effective_to and self.effective_from and self.effective_to < self.effective_from:
            raise ValidationError(
                {"effective_to": _("Ngày hết hiệu lực phải từ ngày bắt đầu hiệu lực trở đi.")}
            )
        if not self.active or not self.effective_from:
            return
        overlapping = (
            RuleSet.objects.active()
            .exclude(pk=self.pk)
            .filter(Q(effective_to__isnull=True) | Q(effective_to__gte=self.effective_from))
        )
        if self.effective_to:
            overlapping = overlapping.filter(effective_from__lte=self.effective_to)
        clash = overlapping.first()
        if clash:
            raise ValidationError(
                _("Thời gian hiệu lực trùng với bộ quy tắc “%(name)s”; hãy đặt ngày hết hiệu lực cho bộ cũ.")
                % {"name": clash.name}
            )


class AwardRule(RulesModelMixin, models.Model, metaclass=RulesModelBase):
    """What one award type requires under one rule set.

    Read as: every condition set on this row must hold, and — when the rule has paths — at least
    one of its paths (trường hợp) must hold as well. Empty fields ask for nothing.
    """

    rule_set = models.ForeignKey(
        RuleSet, verbose_name=_("bộ quy tắc"), on_delete=models.CASCADE, related_name="rules"
    )
    award_type = award_type_field(related_name="rules")
    legal_basis = models.CharField(
        _("căn cứ"),
        max_length=255,
        blank=True,
        help_text=_(
            "Luật, nghị định, thông tư và điều, khoản đặt ra tiêu chuẩn; được dẫn trong lý do kiểm tra."
        ),
    )
    quota_legal_basis = models.CharField(
        _("căn cứ của tỷ lệ"),
        max_length=255,
        blank=True,
        help_text=_("Văn bản và điều, khoản đặt ra tỷ lệ tối đa; được dẫn trong lý do vượt tỷ lệ."),
    )
    vote_legal_basis = models.CharField(
        _("căn cứ của cách biểu quyết"),
        max_length=255,
        blank=True,
        help_text=_("Văn bản và điều, khoản đặt ra cách biểu quyết; được dẫn trong kết quả của Hội đồng."),
    )

    # --- the nominee in the year of achievement -------------------------------------------
    min_evaluation = models.CharField(
        _("đánh giá tối thiểu trong năm xét"),
        max_length=10,
        choices=EvaluationLevel.choices[:3],
        blank=True,
        help_text=_("Của cá nhân hoặc của tập thể được đề nghị. Để trống nếu không yêu cầu."),
    )
    requires_same_year_title = models.ForeignKey(
        "catalog.AwardType",
        verbose_name=_("cần danh hiệu cùng năm"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_(
            "Đã được tặng trong năm xét, hoặc đang được đề nghị trong cùng đợt (ví dụ CSTĐCS cần LĐTT)."
        ),
    )
    requires_cluster_ranking = models.BooleanField(
        _("cần kết quả dẫn đầu cụm/khối"),
        default=False,
        help_text=_("Tập thể dẫn đầu cụm, khối thi đua hoặc phong trào thi đua theo chuyên đề (Cờ thi đua)."),
    )

    # --- collectives: the members as of the year ------------------------------------------
    member_min_evaluation = models.CharField(
        _("đánh giá tối thiểu của thành viên"), max_length=10, choices=EvaluationLevel.choices[:3], blank=True
    )
    member_min_evaluation_share = models.DecimalField(
        _("tỷ lệ thành viên đạt mức đánh giá"),
        max_digits=5,
        decimal_places=4,
        null=True,
        blank=True,
        validators=SHARE_VALIDATORS,
        help_text=_("Ví dụ 1 = 100% thành viên (từ mức trở lên)."),
    )
    share_title = models.ForeignKey(
        "catalog.AwardType",
        verbose_name=_("danh hiệu tính tỷ lệ thành viên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Ví dụ: Lao động tiên tiến."),
    )
    share_title_min = models.DecimalField(
        _("tỷ lệ tối thiểu"),
        max_digits=5,
        decimal_places=4,
        null=True,
        blank=True,
        validators=SHARE_VALIDATORS,
        help_text=_("Ví dụ 0,7 = 70%."),
    )
    share_title_comparison = models.CharField(
        _("cách so sánh tỷ lệ"), max_length=5, choices=Comparison.choices, default=Comparison.GTE
    )
    member_required_title = models.ForeignKey(
        "catalog.AwardType",
        verbose_name=_("thành viên phải có danh hiệu"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Ví dụ: có ít nhất một Chiến sĩ thi đua cơ sở."),
    )
    member_required_count = models.PositiveSmallIntegerField(
        _("số thành viên tối thiểu có danh hiệu"), default=1
    )

    # --- what counts as a basis -----------------------------------------------------------
    excludes_thematic = models.BooleanField(
        _("không tính khen thưởng theo chuyên đề"),
        default=True,
        help_text=_("Khen thưởng theo chuyên đề không được tính làm căn cứ (NĐ 152/2025)."),
    )
    excludes_ad_hoc = models.BooleanField(_("không tính khen thưởng đột xuất"), default=True)

    # --- quota ----------------------------------------------------------------------------
    quota_base_title = models.ForeignKey(
        "catalog.AwardType",
        verbose_name=_("tỷ lệ tính trên danh hiệu"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Để trống nếu không giới hạn số lượng. Ví dụ: 15% số Lao động tiên tiến."),
    )
    quota_share = models.DecimalField(
        _("tỷ lệ tối đa"), max_digits=5, decimal_places=4, null=True, blank=True, validators=SHARE_VALIDATORS
    )
    quota_scope = models.CharField(
        _("phạm vi tính tỷ lệ"), max_length=10, choices=QuotaScope.choices, default=QuotaScope.UNIT
    )
    quota_rounding = models.CharField(
        _("cách làm tròn"), max_length=10, choices=Rounding.choices, default=Rounding.FLOOR
    )
    quota_minimum = models.PositiveSmallIntegerField(
        _("tối thiểu (khi có danh hiệu làm cơ sở)"),
        default=1,
        help_text=_("Số đề nghị được phép ít nhất khi đơn vị có từ 1 danh hiệu làm cơ sở trở lên."),
    )

    # --- the council's vote ---------------------------------------------------------------
    vote_method = models.CharField(
        _("hình thức biểu quyết"), max_length=20, choices=VoteMethod.choices, default=VoteMethod.SHOW_OF_HANDS
    )
    quorum_numerator = models.PositiveSmallIntegerField(_("số thành viên có mặt tối thiểu: tử số"), default=2)
    quorum_denominator = models.PositiveSmallIntegerField(_("mẫu số"), default=3)
    threshold_numerator = models.PositiveSmallIntegerField(_("tỷ lệ đồng ý: tử số"), default=1)
    threshold_denominator = models.PositiveSmallIntegerField(_("mẫu số"), default=2)
    threshold_comparison = models.CharField(
        _("cách so sánh tỷ lệ đồng ý"), max_length=5, choices=Comparison.choices, default=Comparison.GT
    )
    threshold_base = models.CharField(
        _("tỷ lệ tính trên"), max_length=15, choices=ThresholdBase.choices, default=ThresholdBase.PRESENT
    )
    tie_rule = models.TextField(_("khi số phiếu ngang nhau"), blank=True)

    # --- the office's verification (thẩm định) ------------------------------------------------
    verification_working_days = models.PositiveSmallIntegerField(
        _("thời hạn thẩm định (ngày làm việc)"),
        default=DEFAULT_VERIFICATION_WORKING_DAYS,
        validators=[MinValueValidator(1)],
        help_text=_(
            "Số ngày làm việc Thường trực thẩm định kể từ ngày nhận đề nghị có đủ hồ sơ "
            "(không tính thứ Bảy, Chủ nhật, ngày nghỉ lễ, Tết). Mặc định 10 ngày làm việc "
            "theo thủ tục hành chính tặng Giấy khen trước đây; chưa xác nhận theo quy định hiện hành."
        ),
    )

    # --- confidence: whether each part was checked against the legal text in force ----------
    criteria_confirmed = models.BooleanField(_("tiêu chuẩn đã xác nhận"), default=False)
    quota_confirmed = models.BooleanField(_("tỷ lệ đã xác nhận"), default=False)
    vote_confirmed = models.BooleanField(_("biểu quyết đã xác nhận"), default=False)
    note = models.TextField(_("ghi chú"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("quy tắc xét")
        verbose_name_plural = _("quy tắc xét")
        ordering = ["rule_set", "award_type__order"]
        rules_permissions = OFFICE_EDITS
        constraints = [
            models.UniqueConstraint(fields=["rule_set", "award_type"], name="award_rule_once_per_set"),
            models.CheckConstraint(
                condition=Q(quorum_denominator__gt=0) & Q(threshold_denominator__gt=0),
                name="award_rule_fractions_have_denominators",
            ),
            models.CheckConstraint(
                condition=Q(quorum_numerator__lte=F("quorum_denominator"))
                & Q(threshold_numerator__lte=F("threshold_denominator")),
                name="award_rule_fractions_at_most_one",
            ),
            models.CheckConstraint(
                condition=Q(quota_base_title__isnull=True) | Q(quota_share__isnull=False),
                name="award_rule_quota_has_share",
                violation_error_message=_("Có danh hiệu làm cơ sở thì phải có tỷ lệ tối đa."),
            ),
            models.CheckConstraint(
                condition=Q(share_title__isnull=True) | Q(share_title_min__isnull=False),
                name="award_rule_share_title_has_min",
                violation_error_message=_("Có danh hiệu tính tỷ lệ thì phải có tỷ lệ tối thiểu."),
            ),
        ]

    def __str__(self):
        return f"{self.award_type} — {self.rule_set}"

    @property
    def has_quota(self) -> bool:
        return self.quota_base_title_id is not None

    @property
    def fully_confirmed(self) -> bool:
        return self.criteria_confirmed and self.quota_confirmed and self.vote_confirmed

    # The council's arithmetic, exact (fractions of integers, never floats): 2/3 of 9 is 6.
    def quorum_met(self, *, present: int, members: int) -> bool:
        return members > 0 and present * self.quorum_denominator >= self.quorum_numerator * members

    def threshold_base_count(self, *, members: int, present: int) -> int:
        """How many members the threshold is a share of: all the council's, or those present."""
        return members if self.threshold_base == ThresholdBase.ALL_MEMBERS else present

    def threshold_met(self, *, agree: int, members: int, present: int) -> bool:
        base = self.threshold_base_count(members=members, present=present)
        if base <= 0:
            return False
        left, right = agree * self.threshold_denominator, self.threshold_numerator * base
        return left > right if self.threshold_comparison == Comparison.GT else left >= right

    def is_tie(self, *, agree: int, disagree: int) -> bool:
        return agree == disagree

    def clean(self):
        if self.quota_base_title_id and self.quota_share is None:
            raise ValidationError({"quota_share": _("Có danh hiệu làm cơ sở thì phải có tỷ lệ tối đa.")})
        if self.share_title_id and self.share_title_min is None:
            raise ValidationError(
                {"share_title_min": _("Có danh hiệu tính tỷ lệ thì phải có tỷ lệ tối thiểu.")}
            )
        if self.quorum_denominator == 0 or self.threshold_denominator == 0:
            raise ValidationError(_("Mẫu số phải lớn hơn 0."))


class AwardRulePath(models.Model):
    """One alternative (trường hợp) a rule accepts: all conditions set on the row must hold.

    E.g. Bằng khen UBND tỉnh, điểm d: (1) 02 consecutive years CSTĐCS; or (2) 02 consecutive
    years HTXSNV and 02 initiatives of cơ sở scope in those years.
    """

    rule = models.ForeignKey(
        AwardRule, verbose_name=_("quy tắc"), on_delete=models.CASCADE, related_name="paths"
    )
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=1)
    label = models.CharField(_("căn cứ / tên trường hợp"), max_length=255, blank=True)
    applies_to = models.CharField(
        _("áp dụng cho"), max_length=12, choices=PathSubject.choices, default=PathSubject.ANY
    )

    # Yearly evaluation: `evaluation_years` consecutive years ending with the year of achievement.
    evaluation_level = models.CharField(
        _("mức đánh giá"), max_length=10, choices=EvaluationLevel.choices[:3], blank=True
    )
    evaluation_years = models.PositiveSmallIntegerField(_("số năm liên tục đạt mức đánh giá"), default=1)

    # A title held `title_count` consecutive times, every `title_interval` years, ending with the year.
    title = models.ForeignKey(
        "catalog.AwardType",
        verbose_name=_("danh hiệu liên tục"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    title_count = models.PositiveSmallIntegerField(_("số lần liên tục"), default=1)
    title_interval = models.PositiveSmallIntegerField(
        _("cách nhau (năm)"),
        default=1,
        help_text=_("1 = các năm liền nhau; 3 = hai lần liên tục của một danh hiệu xét 3 năm một lần."),
    )

    # A prior award (any of the listed), held in a year at least `prior_award_years_before` earlier.
    prior_award_types = models.ManyToManyField(
        "catalog.AwardType", verbose_name=_("đã có một trong các khen thưởng"), blank=True, related_name="+"
    )
    prior_award_years_before = models.PositiveSmallIntegerField(_("trước năm xét ít nhất (năm)"), default=1)

    # Initiatives / research works the nominee authored in the window ending with the year.
    initiative_scope = models.CharField(
        _("phạm vi sáng kiến tối thiểu"), max_length=10, choices=InitiativeScope.choices, blank=True
    )
    initiative_kind = models.CharField(
        _("loại"), max_length=12, choices=InitiativeKindFilter.choices, default=InitiativeKindFilter.ANY
    )
    initiative_count = models.PositiveSmallIntegerField(_("số sáng kiến/đề tài"), default=0)
    initiative_years = models.PositiveSmallIntegerField(
        _("trong số năm gần nhất"), default=1, help_text=_("1 = chỉ năm xét; 2 = năm xét và năm trước đó.")
    )

    confirmed = models.BooleanField(_("đã xác nhận"), default=False)
    note = models.CharField(_("ghi chú"), max_length=500, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("trường hợp đáp ứng")
        verbose_name_plural = _("các trường hợp đáp ứng (chỉ cần một)")
        ordering = ["rule", "order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(evaluation_years__gte=1)
                & Q(title_count__gte=1)
                & Q(title_interval__gte=1)
                & Q(initiative_years__gte=1),
                name="award_rule_path_positive_counts",
            ),
        ]

    def __str__(self):
        return self.label or f"{self.rule} #{self.order}"

    @property
    def lookback_years(self) -> int:
        """How many years before the year of achievement this path looks at."""
        spans = [
            self.evaluation_years - 1 if self.evaluation_level else 0,
            (self.title_count - 1) * self.title_interval if self.title_id else 0,
            self.initiative_years - 1 if self.initiative_count else 0,
        ]
        return max(spans)

    def clean(self):
        if self.initiative_count and not self.initiative_scope:
            raise ValidationError({"initiative_scope": _("Chọn phạm vi tối thiểu của sáng kiến.")})


# ---------------------------------------------------------------------------
# Evaluations (never inferred)
# ---------------------------------------------------------------------------
class Evaluation(SubjectMixin, RulesModelMixin, models.Model, metaclass=RulesModelBase):
    """The yearly classification of a person or a unit, entered or imported — never inferred."""

    person, unit = subject_fields(related_name="evaluations")
    year = models.PositiveSmallIntegerField(_("năm"))
    level = models.CharField(_("mức xếp loại"), max_length=10, choices=EvaluationLevel.choices)
    points = models.DecimalField(_("điểm"), max_digits=5, decimal_places=2, null=True, blank=True)
    decided_by = models.CharField(_("cấp đánh giá / văn bản"), max_length=255, blank=True)
    decided_on = models.DateField(_("ngày đánh giá"), null=True, blank=True)
    source = models.CharField(
        _("nguồn"), max_length=10, choices=EvaluationSource.choices, default=EvaluationSource.ENTERED
    )
    subject_name = models.CharField(_("tên người/tập thể khi đánh giá"), max_length=255, blank=True)
    subject_position = models.CharField(_("chức vụ khi đánh giá"), max_length=255, blank=True)
    subject_unit_name = models.CharField(_("đơn vị khi đánh giá"), max_length=255, blank=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kết quả đánh giá, xếp loại")
        verbose_name_plural = _("kết quả đánh giá, xếp loại")
        ordering = ["-year", "pk"]
        rules_permissions = OFFICE_EDITS
        constraints = [
            _exactly_one_subject("evaluation"),
            models.UniqueConstraint(
                fields=["person", "year"],
                condition=Q(person__isnull=False),
                name="evaluation_person_once_a_year",
                violation_error_message=_("Cá nhân này đã có kết quả đánh giá của năm này."),
            ),
            models.UniqueConstraint(
                fields=["unit", "year"],
                condition=Q(unit__isnull=False),
                name="evaluation_unit_once_a_year",
                violation_error_message=_("Tập thể này đã có kết quả đánh giá của năm này."),
            ),
        ]
        indexes = [models.Index(fields=["year", "person"]), models.Index(fields=["year", "unit"])]

    def __str__(self):
        return f"{self.subject_name or self.subject} — {self.year}: {self.get_level_display()}"

    def clean(self):
        self.clean_subject()

    def save(self, *args, **kwargs):
        if not self.subject_name and (self.person_id or self.unit_id):
            self.subject_name, self.subject_position, self.subject_unit_name = subject_snapshot(
                self.person, self.unit
            )
        super().save(*args, **kwargs)


# ---------------------------------------------------------------------------
# Initiatives and research works
# ---------------------------------------------------------------------------
class Initiative(RulesModelMixin, models.Model, metaclass=RulesModelBase):
    """A recognised sáng kiến or research work; it justifies one achievement of each author only."""

    title = models.CharField(_("tên sáng kiến / đề tài"), max_length=500)
    kind = models.CharField(
        _("loại"), max_length=12, choices=InitiativeKind.choices, default=InitiativeKind.INITIATIVE
    )
    year = models.PositiveSmallIntegerField(_("năm công nhận"))
    field = models.CharField(_("lĩnh vực"), max_length=200, blank=True)
    recognised_by = models.CharField(_("cơ quan, hội đồng công nhận"), max_length=255, blank=True)
    decision_number = models.CharField(_("số quyết định công nhận"), max_length=50, blank=True)
    decision_date = models.DateField(_("ngày quyết định"), null=True, blank=True)
    scope = models.CharField(_("phạm vi ảnh hưởng"), max_length=10, choices=InitiativeScope.choices)
    authors = models.ManyToManyField(
        "units.Person", through="InitiativeAuthor", related_name="initiatives", verbose_name=_("tác giả")
    )
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("sáng kiến, đề tài")
        verbose_name_plural = _("sáng kiến, đề tài")
        ordering = ["-year", "title"]
        rules_permissions = OFFICE_EDITS
        indexes = [models.Index(fields=["year"])]

    def __str__(self):
        return f"{self.title} ({self.year})"


class InitiativeAuthor(models.Model):
    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="authorships")
    person = models.ForeignKey(
        "units.Person", verbose_name=_("tác giả"), on_delete=models.PROTECT, related_name="+"
    )
    share = models.DecimalField(
        _("tỷ lệ đóng góp (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("tác giả")
        verbose_name_plural = _("tác giả")
        constraints = [
            models.UniqueConstraint(fields=["initiative", "person"], name="initiative_author_once"),
            models.CheckConstraint(
                condition=Q(share__isnull=True) | (Q(share__gt=0) & Q(share__lte=100)),
                name="initiative_author_share_range",
            ),
        ]

    def __str__(self):
        return f"{self.person} — {self.initiative}"


class InitiativeClaim(models.Model):
    """A nomination names an initiative as its basis. One claim per author and initiative.

    The unique constraint is the last line of defence; ``services.initiative_claim`` checks first
    and says which nomination already holds it. Claims of a rejected nomination are released.
    """

    nomination = models.ForeignKey("Nomination", on_delete=models.CASCADE, related_name="claims")
    initiative = models.ForeignKey(Initiative, on_delete=models.PROTECT, related_name="claims")
    person = models.ForeignKey("units.Person", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("lúc"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("sáng kiến dùng làm căn cứ")
        verbose_name_plural = _("sáng kiến dùng làm căn cứ")
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "person"], name="initiative_claimed_once_per_author"
            ),
        ]

    def __str__(self):
        return f"{self.initiative} → {self.nomination}"


# ---------------------------------------------------------------------------
# Award history
# ---------------------------------------------------------------------------
class AwardRecordQuerySet(models.QuerySet):
    def standing(self):
        return self.filter(revoked=False)


class AwardRecord(SubjectMixin, RulesModelMixin, models.Model, metaclass=RulesModelBase):
    """Who received what, for which year of achievement, by which decision — as printed."""

    person, unit = subject_fields(related_name="award_records")
    award_type = award_type_field(related_name="records")
    name_as_issued = models.CharField(
        _("tên khen thưởng như trên quyết định"),
        max_length=255,
        blank=True,
        help_text=_(
            "Giữ nguyên tên cũ (ví dụ “Chiến sĩ thi đua cấp tỉnh”); loại tương ứng ở trên dùng để xét."
        ),
    )
    year = models.PositiveSmallIntegerField(_("năm thành tích"))
    achievement_kind = models.CharField(
        _("loại hình khen thưởng"),
        max_length=15,
        choices=AchievementKind.choices,
        default=AchievementKind.ANNUAL,
    )
    decision_number = models.CharField(_("số quyết định"), max_length=50, blank=True)
    decision_date = models.DateField(_("ngày quyết định"), null=True, blank=True)
    authority = models.CharField(_("cấp quyết định"), max_length=255, blank=True)
    recipient_name = models.CharField(_("tên người/tập thể như in"), max_length=255, blank=True)
    recipient_position = models.CharField(_("chức vụ như in"), max_length=255, blank=True)
    recipient_unit_name = models.CharField(_("đơn vị như in"), max_length=255, blank=True)
    source = models.CharField(
        _("nguồn"), max_length=10, choices=RecordSource.choices, default=RecordSource.ENTERED
    )
    nomination = models.ForeignKey(
        "Nomination",
        verbose_name=_("đề nghị"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    revoked = models.BooleanField(_("đã thu hồi"), default=False)
    revoking_decision = models.CharField(_("quyết định thu hồi"), max_length=255, blank=True)
    revoked_on = models.DateField(_("ngày thu hồi"), null=True, blank=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    objects = AwardRecordQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("khen thưởng đã nhận")
        verbose_name_plural = _("lịch sử khen thưởng")
        ordering = ["-year", "pk"]
        rules_permissions = OFFICE_EDITS
        constraints = [
            _exactly_one_subject("award_record"),
            models.CheckConstraint(
                condition=Q(revoked=False) | ~Q(revoking_decision=""),
                name="award_record_revocation_has_decision",
                violation_error_message=_("Ghi số, ngày quyết định thu hồi."),
            ),
        ]
        indexes = [
            models.Index(fields=["year", "award_type"]),
            models.Index(fields=["person", "year"]),
            models.Index(fields=["unit", "year"]),
        ]

    def __str__(self):
        return f"{self.recipient_name or self.subject} — {self.name_as_issued or self.award_type} {self.year}"

    def clean(self):
        self.clean_subject()
        if self.revoked and not self.revoking_decision:
            raise ValidationError({"revoking_decision": _("Ghi số, ngày quyết định thu hồi.")})

    def save(self, *args, **kwargs):
        if not self.name_as_issued and self.award_type_id:
            self.name_as_issued = self.award_type.name
        if not self.recipient_name and (self.person_id or self.unit_id):
            name, position, unit_name = subject_snapshot(self.person, self.unit)
            self.recipient_name = name
            self.recipient_position = self.recipient_position or position
            self.recipient_unit_name = self.recipient_unit_name or unit_name
        super().save(*args, **kwargs)


# ---------------------------------------------------------------------------
# Nominations (core fields; dossiers, workflow services and the council come next)
# ---------------------------------------------------------------------------
class Nomination(SubjectMixin, RulesModelMixin, models.Model, metaclass=RulesModelBase):
    year = models.PositiveSmallIntegerField(_("năm thành tích"))
    award_type = models.ForeignKey(
        "catalog.AwardType",
        verbose_name=_("đề nghị tặng"),
        on_delete=models.PROTECT,
        related_name="nominations",
    )
    achievement_kind = models.CharField(
        _("loại hình khen thưởng"),
        max_length=15,
        choices=AchievementKind.choices,
        default=AchievementKind.ANNUAL,
    )
    person, unit = subject_fields(related_name="nominations")
    proposing_unit = models.ForeignKey(
        "units.Unit",
        verbose_name=_("đơn vị đề nghị"),
        on_delete=models.PROTECT,
        related_name="proposed_nominations",
    )
    status = models.CharField(
        _("trạng thái"), max_length=12, choices=NominationStatus.choices, default=NominationStatus.DRAFT
    )
    achievements = models.TextField(_("tóm tắt thành tích"), blank=True)
    leads_cluster = models.BooleanField(
        _("dẫn đầu cụm/khối thi đua"),
        null=True,
        blank=True,
        help_text=_(
            "Theo biên bản xếp hạng cụm/khối (hoặc dẫn đầu phong trào theo chuyên đề). Để trống nếu chưa có."
        ),
    )
    claimed_initiatives = models.ManyToManyField(
        Initiative,
        through=InitiativeClaim,
        blank=True,
        related_name="+",
        verbose_name=_("sáng kiến dùng làm căn cứ"),
    )

    eligibility = models.CharField(
        _("kết quả kiểm tra điều kiện"), max_length=15, choices=EligibilityStatus.choices, blank=True
    )
    eligibility_reasons = models.JSONField(_("lý do"), default=list, blank=True)
    eligibility_checked_at = models.DateTimeField(_("kiểm tra lúc"), null=True, blank=True)
    eligibility_facts = models.JSONField(
        _("căn cứ dữ liệu của kết quả kiểm tra"),
        default=dict,
        blank=True,
        help_text=_(
            "Mã các khen thưởng, kết quả đánh giá, sáng kiến và phiên bản quy tắc đã đọc khi kiểm tra, "
            "với dấu vân tay SHA-256 của chúng."
        ),
    )
    rule_set = models.ForeignKey(
        RuleSet,
        verbose_name=_("bộ quy tắc đã áp dụng"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="nominations",
    )

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("người tạo"),
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    proposed_initiatives = models.ManyToManyField(
        Initiative,
        blank=True,
        related_name="+",
        verbose_name=_("sáng kiến, đề tài đề nghị làm căn cứ"),
        help_text=_("Chỉ với đề nghị cho cá nhân; được giữ làm căn cứ khi gửi đề nghị."),
    )
    submitted_at = models.DateTimeField(_("gửi lúc"), null=True, blank=True, editable=False)
    verification_due = models.DateField(
        _("hạn thẩm định"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Tính theo ngày làm việc từ ngày gửi đề nghị (awards.workdays)."),
    )

    # What the mark "verdict lapsed since it was sent" reads (selectors._lapsed), written by the
    # services that write its sources, so that the lists read two columns instead of three
    # subqueries per row: the verdict the nomination was last sent with (its SUBMITTED event's;
    # for one sent before events were kept, the verdict before its first change after
    # submission; NULL while neither exists, "" when it was sent unchecked), and when its verdict
    # last became "not eligible" after it was sent (that VerdictChange's time).
    eligibility_when_sent = models.CharField(
        _("kết quả kiểm tra điều kiện lúc gửi"),
        max_length=15,
        choices=EligibilityStatus.choices,
        null=True,
        blank=True,
        editable=False,
    )
    not_eligible_since = models.DateTimeField(
        _("chuyển sang không đủ điều kiện sau khi gửi lúc"), null=True, blank=True, editable=False
    )

    history = HistoricalRecords(
        excluded_fields=[
            "eligibility_checked_at",
            "eligibility_facts",
            "eligibility_when_sent",
            "not_eligible_since",
        ]
    )
    # The change history tells the verdict with its reasons: "…: Không đủ điều kiện — thiếu …".
    history_explained_by = {"eligibility": "eligibility_reasons"}

    class Meta:
        verbose_name = _("đề nghị khen thưởng")
        verbose_name_plural = _("đề nghị khen thưởng")
        ordering = ["-year", "created_at", "pk"]
        rules_permissions = {
            "view": r.can_view_nomination,
            "add": r.has_nomination_access,
            "change": r.can_change_nomination,
            "delete": r.is_nobody,
        }
        constraints = [
            _exactly_one_subject("nomination"),
            models.UniqueConstraint(
                fields=["person", "award_type", "year"],
                condition=Q(person__isnull=False) & ~Q(status=NominationStatus.REJECTED),
                name="nomination_person_once_per_award_year",
                violation_error_message=NOMINATED_ALREADY["person"],
            ),
            models.UniqueConstraint(
                fields=["unit", "award_type", "year"],
                condition=Q(unit__isnull=False) & ~Q(status=NominationStatus.REJECTED),
                name="nomination_unit_once_per_award_year",
                violation_error_message=NOMINATED_ALREADY["unit"],
            ),
        ]
        indexes = [
            models.Index(fields=["year", "award_type", "status"]),
            # The verification queue, oldest submission first (selectors.VERIFY_ORDER): the home
            # panel's first rows are read from it instead of sorting every waiting nomination.
            models.Index(
                fields=["submitted_at", "id"],
                condition=Q(status=NominationStatus.SUBMITTED),
                name="awards_nomination_to_verify",
            ),
            # Sent, still open and "not eligible" now (selectors._may_have_lapsed): the count of
            # lapsed verdicts on the home page, the nomination list and the dashboard read these
            # few rows instead of every nomination (a sequential scan of 52 ms at 30,000 a year).
            models.Index(
                fields=["year"],
                condition=Q(eligibility=EligibilityStatus.NOT_ELIGIBLE)
                & ~Q(status__in=sorted([*NOMINATION_EDITABLE, *NOMINATION_FINAL])),
                name="awards_nomination_may_lapse",
            ),
        ]

    def __str__(self):
        return f"{self.subject} — {self.award_type} {self.year}"

    def clean(self):
        self.clean_subject()

    @property
    def reasons_text(self) -> list[str]:
        return [item.get("message", "") for item in self.eligibility_reasons or []]

    @property
    def nominee_name(self) -> str:
        return self.person.full_name if self.person_id else self.unit.name

    @property
    def is_editable(self) -> bool:
        return self.status in NOMINATION_EDITABLE

    @property
    def awaits_verification(self) -> bool:
        return self.status == NominationStatus.SUBMITTED and self.verification_due is not None

    def verification_overdue_on(self, day: datetime.date | None = None) -> bool:
        """Submitted and not verified (or returned) by the end of its due day."""
        day = day or timezone.localdate()
        return self.awaits_verification and day > self.verification_due

    @property
    def verification_overdue(self) -> bool:
        return self.verification_overdue_on()

    @property
    def verification_due_today(self) -> bool:
        return self.awaits_verification and timezone.localdate() == self.verification_due

    def get_absolute_url(self):
        return pk_address("awards:nomination-detail", self.pk)


def acting_user():
    """Who made a logged move or change: empty when the system did it or the account is gone."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thực hiện"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )


class NominationEvent(models.Model):
    """One move of a nomination: who, from which state to which, why and when (the action log)."""

    nomination = models.ForeignKey(Nomination, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(_("từ trạng thái"), max_length=12, choices=NominationStatus.choices)
    to_status = models.CharField(_("sang trạng thái"), max_length=12, choices=NominationStatus.choices)
    by = acting_user()
    reason = models.TextField(_("lý do, ghi chú"), blank=True)
    eligibility = models.CharField(
        _("kết quả kiểm tra điều kiện lúc đó"), max_length=15, choices=EligibilityStatus.choices, blank=True
    )
    at = models.DateTimeField(_("lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("nhật ký xử lý đề nghị")
        verbose_name_plural = _("nhật ký xử lý đề nghị")
        ordering = ["at", "pk"]
        indexes = [models.Index(fields=["nomination", "at"])]

    def __str__(self):
        return f"{self.nomination_id}: {self.from_status} → {self.to_status}"


class VerdictChange(models.Model):
    """A verdict of the eligibility check that changed: from what, to what, why and when.

    Written when a nomination is judged again (a fact it reads changed, or a step of the workflow
    checked it first); ``by`` is empty when the system did it.
    """

    nomination = models.ForeignKey(Nomination, on_delete=models.CASCADE, related_name="verdict_changes")
    old_eligibility = models.CharField(
        _("kết quả trước"), max_length=15, choices=EligibilityStatus.choices, blank=True
    )
    new_eligibility = models.CharField(_("kết quả mới"), max_length=15, choices=EligibilityStatus.choices)
    old_reasons = models.JSONField(_("lý do trước"), default=list, blank=True)
    new_reasons = models.JSONField(_("lý do mới"), default=list, blank=True)
    cause = models.CharField(_("nguyên nhân kiểm tra lại"), max_length=500, blank=True)
    status = models.CharField(_("trạng thái đề nghị lúc đó"), max_length=12, choices=NominationStatus.choices)
    after_submission = models.BooleanField(_("sau khi gửi"), default=False)
    by = acting_user()
    at = models.DateTimeField(_("lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("thay đổi kết quả kiểm tra điều kiện")
        verbose_name_plural = _("thay đổi kết quả kiểm tra điều kiện")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["nomination", "at"])]

    def __str__(self):
        return f"{self.nomination_id}: {self.old_eligibility} → {self.new_eligibility}"

    @property
    def new_reasons_text(self) -> list[str]:
        return [item.get("message", "") for item in self.new_reasons or []]


def dossier_upload_to(instance, filename):
    """Stored under a random name: the original name is kept on the row, never in the path."""
    extension = os.path.splitext(filename)[1].lower()
    return (
        f"awards/dossiers/{instance.nomination.year}/{instance.nomination_id}/{uuid.uuid4().hex}{extension}"
    )


class DossierFile(RulesModelMixin, models.Model, metaclass=RulesModelBase):
    """One document of a nomination's dossier (hồ sơ), checked by content and size, with a checksum.

    Never served from a public media URL: ``awards:dossier-download`` checks who may see the
    nomination first.
    """

    nomination = models.ForeignKey(
        Nomination, verbose_name=_("đề nghị"), on_delete=models.CASCADE, related_name="files"
    )
    kind = models.CharField(_("loại tài liệu"), max_length=12, choices=DocumentKind.choices)
    file = models.FileField(
        _("tệp"), upload_to=dossier_upload_to, max_length=255, validators=[validate_document_file]
    )
    original_name = models.CharField(_("tên tệp gốc"), max_length=255)
    checksum = models.CharField(_("mã kiểm tra SHA-256"), max_length=64)
    size = models.PositiveBigIntegerField(_("dung lượng (byte)"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người tải lên"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("tải lên lúc"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("tệp hồ sơ")
        verbose_name_plural = _("tệp hồ sơ")
        ordering = ["nomination", "kind", "uploaded_at", "pk"]
        rules_permissions = {
            "view": r.can_view_nomination,
            "add": r.can_change_nomination,
            "change": r.is_nobody,
            "delete": r.can_change_nomination,
        }

    def __str__(self):
        return f"{self.get_kind_display()}: {self.original_name}"

    def get_download_url(self):
        return reverse("awards:dossier-download", args=[self.nomination_id, self.pk])

    @property
    def file_type(self) -> str:
        """'pdf', 'docx', 'xlsx' or 'image' (the content was checked at upload; the name says which)."""
        return ALLOWED_EXTENSIONS.get(os.path.splitext(self.original_name)[1].lower().lstrip("."), "")

    @property
    def previewable(self) -> bool:
        """A PDF or an image is shown in the browser (``awards:dossier-preview``); others download."""
        return self.file_type in ("pdf", "image")

    @property
    def joins_a_pdf_pack(self) -> bool:
        """A PDF or an image can be printed inside a PDF pack; a DOCX is sent beside it."""
        return self.file_type in ("pdf", "image")


# ---------------------------------------------------------------------------
# Public disclosure (công khai)
# ---------------------------------------------------------------------------
class DisclosurePeriodQuerySet(models.QuerySet):
    def open_on(self, day: datetime.date):
        return self.filter(opens__lte=day, closes__gte=day)


class DisclosurePeriod(RulesModelMixin, DocumentHeading, metaclass=RulesModelBase):
    """The verified nominees of a year, published for comment between two dates."""

    year = models.PositiveSmallIntegerField(_("năm thành tích"))
    opens = models.DateField(_("nhận ý kiến từ ngày"))
    closes = models.DateField(_("đến hết ngày"))
    note = models.TextField(_("thông báo"), blank=True)
    number = models.PositiveIntegerField(
        _("số thông báo"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Cấp từ sổ đăng ký văn bản khi ban hành thông báo công khai."),
    )
    issued_on = models.DateField(_("ngày ban hành"), null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    objects = DisclosurePeriodQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("đợt công khai")
        verbose_name_plural = _("đợt công khai")
        ordering = ["-year", "-opens", "-pk"]
        rules_permissions = office_keeps(r.is_authenticated)
        constraints = [
            models.CheckConstraint(
                condition=Q(closes__gte=F("opens")),
                name="disclosure_period_valid_range",
                violation_error_message=_("Ngày kết thúc phải từ ngày bắt đầu trở đi."),
            ),
        ]

    def __str__(self):
        return _("Công khai danh sách đề nghị khen thưởng năm %(year)s") % {"year": self.year}

    def get_absolute_url(self):
        return reverse("awards:disclosure-detail", args=[self.pk])

    def is_open(self, day: datetime.date | None = None) -> bool:
        day = day or timezone.localdate()
        return self.opens <= day <= self.closes

    @property
    def number_text(self) -> str:
        """'Số: 05/TB-SYT', or a blank number while the notice is not issued yet."""
        return format_number(self.number, DISCLOSURE_SYMBOL)

    def clean(self):
        if self.opens and self.closes and self.closes < self.opens:
            raise ValidationError({"closes": _("Ngày kết thúc phải từ ngày bắt đầu trở đi.")})


class DisclosureComment(models.Model):
    """An opinion sent while a list is published; its text is never edited.

    The office moderates each comment before anyone else reads it: a pending comment reaches the
    council only once accepted; a rejected one keeps the reason, and its author sees both.
    """

    period = models.ForeignKey(
        DisclosurePeriod, verbose_name=_("đợt công khai"), on_delete=models.PROTECT, related_name="comments"
    )
    nomination = models.ForeignKey(
        Nomination,
        verbose_name=_("về đề nghị"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="disclosure_comments",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người góp ý"), on_delete=models.PROTECT, related_name="+"
    )
    text = models.TextField(_("nội dung ý kiến"))
    created_at = models.DateTimeField(_("gửi lúc"), auto_now_add=True)
    status = models.CharField(
        _("tình trạng duyệt"),
        max_length=10,
        choices=CommentStatus.choices,
        default=CommentStatus.PENDING,
        db_index=True,
    )
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người duyệt"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    moderated_at = models.DateTimeField(_("duyệt lúc"), null=True, blank=True)
    moderation_reason = models.TextField(_("lý do"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("ý kiến góp ý")
        verbose_name_plural = _("ý kiến góp ý")
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=CommentStatus.REJECTED, moderation_reason=""),
                name="disclosure_comment_rejected_has_reason",
                violation_error_message=_("Nêu lý do không tiếp nhận ý kiến."),
            ),
        ]

    def __str__(self):
        return f"{self.author} — {self.created_at:%d/%m/%Y}"

    @property
    def status_badge(self) -> str:
        return COMMENT_STATUS_BADGES.get(self.status, "secondary")

    @property
    def is_pending(self) -> bool:
        return self.status == CommentStatus.PENDING


# ---------------------------------------------------------------------------
# Public holidays (for time limits counted in working days)
# ---------------------------------------------------------------------------
class Holiday(RulesModelMixin, models.Model, metaclass=RulesModelBase):
    """A dated day off (or a Saturday made a working day) for counting working days.

    The fixed solar holidays (1/1, 30/4, 1/5, 2/9) and the day off in lieu of one that falls on a
    weekend are known without a row (``awards.workdays``); Tết and the Hùng Kings' day follow the
    lunar calendar and the government sets each year's days off, so they are entered here.
    """

    date = models.DateField(_("ngày"), unique=True)
    name = models.CharField(_("tên ngày lễ, Tết"), max_length=200)
    kind = models.CharField(
        _("loại"), max_length=10, choices=HolidayKind.choices, default=HolidayKind.DAY_OFF
    )
    source = models.CharField(
        _("căn cứ"),
        max_length=255,
        blank=True,
        help_text=_("Bộ luật Lao động, thông báo nghỉ lễ, Tết của Thủ tướng / Bộ Nội vụ trong năm."),
    )
    confirmed = models.BooleanField(
        _("đã xác nhận"),
        default=False,
        help_text=_("Bỏ chọn khi lịch nghỉ của năm chưa được công bố chính thức."),
    )
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("ngày nghỉ lễ, Tết")
        verbose_name_plural = _("ngày nghỉ lễ, Tết")
        ordering = ["date"]
        rules_permissions = {
            "view": r.is_office_staff,
            "add": r.is_office_staff,
            "change": r.is_office_staff,
            "delete": r.is_office_staff,
        }

    def __str__(self):
        return f"{self.date:%d/%m/%Y} — {self.name}"


# ---------------------------------------------------------------------------
# Calls for nominations (đợt đề nghị khen thưởng)
# ---------------------------------------------------------------------------
class NominationCall(RulesModelMixin, models.Model, metaclass=RulesModelBase):
    """The office asks the units to file a year's nominations, with complete dossiers, by a day.

    While it is open, the heads of the units that still have nominations in draft or returned, or
    sent ones missing a required document (and, when ``remind_units_without_nominations``, the
    units with no nomination at all) are reminded before and after the deadline
    (``awards.reminders.NominationCallDeadlines``).
    """

    year = models.PositiveSmallIntegerField(
        _("năm thành tích"), validators=[MinValueValidator(1975), MaxValueValidator(2100)]
    )
    deadline = models.DateField(
        _("hạn gửi đề nghị"),
        help_text=_("Ngày cuối cùng đơn vị gửi đề nghị khen thưởng kèm hồ sơ đầy đủ."),
    )
    note = models.TextField(_("ghi chú, hướng dẫn"), blank=True)
    remind_units_without_nominations = models.BooleanField(
        _("nhắc cả đơn vị chưa có đề nghị nào"),
        default=False,
        help_text=_("Chọn khi mọi đơn vị đều phải gửi đề nghị (hoặc báo không có) trong đợt này."),
    )
    active = models.BooleanField(
        _("đang mở"), default=True, help_text=_("Bỏ chọn để đóng đợt và dừng nhắc việc.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người tạo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("đợt đề nghị khen thưởng")
        verbose_name_plural = _("đợt đề nghị khen thưởng")
        ordering = ["-year", "-deadline", "-pk"]
        rules_permissions = OFFICE_EDITS

    def __str__(self):
        return _("Đợt đề nghị khen thưởng năm %(year)s") % {"year": self.year}

    def get_absolute_url(self):
        return reverse("awards:call-detail", args=[self.pk])

    def days_left(self, day: datetime.date | None = None) -> int:
        """Calendar days from ``day`` (today) to the deadline: 0 on the day, negative after it."""
        return (self.deadline - (day or timezone.localdate())).days

    @property
    def is_overdue(self) -> bool:
        return self.days_left() < 0
