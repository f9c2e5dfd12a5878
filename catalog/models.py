"""The catalog of titles (danh hiệu thi đua) and commendation forms (hình thức khen thưởng).

Floor 1 (beside units), so that campaigns (registrations) and awards (nominations, rule sets)
both point at the same rows. The values are defaults from Luật Thi đua, khen thưởng 2022 and its
decrees; entries whose facts are only believed or uncertain carry ``confirmed=False`` and say so
on screen.
"""

import unicodedata

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from rules.contrib.models import RulesModelBase, RulesModelMixin
from simple_history.models import HistoricalRecords

from units.rules import office_keeps

from . import rules as r
from .enums import (
    FOR_COLLECTIVES,
    FOR_INDIVIDUALS,
    AchievementKind,
    Authority,
    AwardKind,
    DocumentKind,
    Subject,
)

UNCONFIRMED_NOTE = _("chưa xác nhận — Thường trực kiểm tra theo quy định của tỉnh")


def normalize_name(name: str) -> str:
    """Case-, space- and Unicode-form-insensitive key for matching award names."""
    return " ".join(unicodedata.normalize("NFC", name or "").casefold().split())


def award_type_field(*, related_name: str) -> models.ForeignKey:
    """The award type (danh hiệu / hình thức) a rule, an award record or a decision line is for:
    required, and an award type something names is never deleted."""
    return models.ForeignKey(
        "catalog.AwardType",
        verbose_name=_("danh hiệu / hình thức"),
        on_delete=models.PROTECT,
        related_name=related_name,
    )


class AwardTypeQuerySet(models.QuerySet):
    def active(self):
        return self.filter(active=True)

    def registrable(self):
        return self.filter(active=True, registrable=True)

    def for_individuals(self):
        return self.filter(subject__in=FOR_INDIVIDUALS)

    def for_collectives(self):
        return self.filter(subject__in=FOR_COLLECTIVES)

    def titles(self):
        return self.filter(kind=AwardKind.TITLE)

    def forms(self):
        return self.filter(kind=AwardKind.FORM)

    def resolve(self, name: str):
        """The award type a name stands for: its code, name, short name or an old name; or None."""
        key = normalize_name(name)
        if not key:
            return None
        match = self.filter(Q(code__iexact=name.strip()) | Q(short_name__iexact=name.strip())).first()
        if match:
            return match
        for award in self.all():
            if normalize_name(award.name) == key:
                return award
        alias = AwardTypeAlias.objects.filter(key=key).select_related("award_type").first()
        return alias.award_type if alias else None


class AwardType(RulesModelMixin, models.Model, metaclass=RulesModelBase):
    """One title or commendation form, with who confers it and what its dossier needs."""

    code = models.SlugField(
        _("mã"),
        max_length=30,
        unique=True,
        allow_unicode=False,
        help_text=_("Mã cố định, ví dụ: LDTT, CSTDCS."),
    )
    name = models.CharField(_("tên"), max_length=255)
    short_name = models.CharField(_("tên viết tắt"), max_length=50, blank=True)
    kind = models.CharField(_("loại"), max_length=10, choices=AwardKind.choices)
    subject = models.CharField(_("đối tượng"), max_length=12, choices=Subject.choices)
    authority = models.CharField(_("thẩm quyền quyết định"), max_length=20, choices=Authority.choices)
    route = models.CharField(
        _("đường trình"), max_length=200, blank=True, help_text=_("Ví dụ: qua Sở Nội vụ; qua Bộ Y tế.")
    )
    achievement_kind = models.CharField(
        _("loại hình khen thưởng"),
        max_length=15,
        choices=AchievementKind.choices,
        default=AchievementKind.ANNUAL,
    )
    required_documents = models.JSONField(
        _("hồ sơ cần có"),
        default=list,
        blank=True,
        help_text=_('Danh sách mã loại tài liệu, ví dụ: ["TOTRINH", "BIENBAN", "BAOCAO"].'),
    )
    reward_coefficient = models.DecimalField(
        _("hệ số tiền thưởng"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Số lần mức lương cơ sở; với hình thức tặng cả cá nhân và tập thể: hệ số của cá nhân."),
    )
    collective_reward_coefficient = models.DecimalField(
        _("hệ số tiền thưởng của tập thể"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_(
            "Khi tập thể được thưởng khác cá nhân (Giấy khen, Bằng khen: gấp 02 lần mức của cá nhân). "
            "Để trống: tập thể nhận hệ số ở ô trên."
        ),
    )
    registrable = models.BooleanField(
        _("cho phép đăng ký thi đua"),
        default=False,
        help_text=_("Hiện trong bản đăng ký thi đua của đơn vị."),
    )
    active = models.BooleanField(_("đang sử dụng"), default=True)
    order = models.PositiveIntegerField(_("thứ tự"), default=0)
    legal_basis = models.CharField(_("căn cứ pháp lý"), max_length=255, blank=True)
    source_note = models.TextField(_("nguồn, ghi chú"), blank=True)
    confirmed = models.BooleanField(
        _("đã xác nhận"),
        default=False,
        help_text=_("Bỏ chọn khi thông tin chưa được Thường trực đối chiếu với quy định hiện hành của tỉnh."),
    )
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    objects = AwardTypeQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("danh hiệu / hình thức khen thưởng")
        verbose_name_plural = _("danh hiệu / hình thức khen thưởng")
        ordering = ["order", "name"]
        rules_permissions = office_keeps(r.is_authenticated)
        constraints = [
            models.CheckConstraint(
                condition=Q(reward_coefficient__isnull=True) | Q(reward_coefficient__gte=0),
                name="award_type_coefficient_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(collective_reward_coefficient__isnull=True)
                | Q(collective_reward_coefficient__gte=0),
                name="award_type_collective_coefficient_not_negative",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def label(self):
        return self.short_name or self.name

    @property
    def applies_to_individuals(self):
        return self.subject in FOR_INDIVIDUALS

    @property
    def applies_to_collectives(self):
        return self.subject in FOR_COLLECTIVES

    def reward_coefficient_for(self, *, collective: bool):
        """The coefficient of the reward for an individual, or for a collective (its own when set)."""
        if collective and self.collective_reward_coefficient is not None:
            return self.collective_reward_coefficient
        return self.reward_coefficient

    @property
    def unconfirmed_note(self):
        return "" if self.confirmed else UNCONFIRMED_NOTE

    def required_document_labels(self):
        labels = dict(DocumentKind.choices)
        return [labels.get(code, code) for code in self.required_documents or []]

    def clean(self):
        docs = self.required_documents
        if not isinstance(docs, list) or not all(isinstance(code, str) for code in docs):
            raise ValidationError(
                {"required_documents": _("Hồ sơ cần có phải là một danh sách mã tài liệu.")}
            )
        unknown = [code for code in docs if code not in DocumentKind.values]
        if unknown:
            raise ValidationError(
                {
                    "required_documents": _(
                        "Mã tài liệu không có trong danh mục: %(codes)s. Mã hợp lệ: %(valid)s."
                    )
                    % {"codes": ", ".join(unknown), "valid": ", ".join(DocumentKind.values)}
                }
            )
        if len(set(docs)) != len(docs):
            raise ValidationError({"required_documents": _("Mỗi loại tài liệu chỉ ghi một lần.")})


class AwardTypeAlias(models.Model):
    """An old or informal name of an award type (e.g. "Chiến sĩ thi đua cấp tỉnh").

    History keeps the name as issued; the alias only tells which current award it counts as.
    """

    award_type = models.ForeignKey(
        AwardType, verbose_name=_("tương ứng với"), on_delete=models.CASCADE, related_name="aliases"
    )
    name = models.CharField(_("tên cũ / tên khác"), max_length=255)
    key = models.CharField(max_length=255, unique=True, editable=False)
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("tên cũ / tên khác")
        verbose_name_plural = _("tên cũ / tên khác")
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} → {self.award_type.label}"

    def clean(self):
        self.key = normalize_name(self.name)
        clash = (
            AwardTypeAlias.objects.filter(key=self.key)
            .exclude(pk=self.pk)
            .select_related("award_type")
            .first()
        )
        if clash:
            raise ValidationError(
                {"name": _("Tên này đã được gán cho “%(award)s”.") % {"award": clash.award_type.name}}
            )

    def save(self, *args, **kwargs):
        self.key = normalize_name(self.name)
        super().save(*args, **kwargs)
