"""The council (Hội đồng TĐKT): sessions, the secret ballot, results, decisions and proposals.

The secret ballot keeps nothing per ballot that says what was chosen (the council votes by secret
ballot on the titles that require one, Nghị định 91/2017/NĐ-CP, Article 45 clause 8, and keeps
only the counts per nominee):

- ``BallotCast`` says *who has voted* on an agenda item — unique per (item, member), so a vote is
  counted exactly once;
- ``BallotTally`` is the one running count of an agenda item (how many agreed, how many did not),
  sealed with a key derived from the server's secret and the session (``council.sealing``): the
  database holds only a fixed-length ciphertext, rewritten with a fresh nonce at every ballot.

A ballot increments its item's tally in the transaction that writes its cast. A database reader
(a copy, a replica, a dump taken during the vote) then finds no row per choice to pair with a
cast: not by transaction id, physical order, row id or time — and the one tally row of each item
opens only with the key, which is not in the database. The tallies are opened and counted at
the close; the rows are removed then (the result is ``AgendaResult``).
"""

import uuid
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from rules.contrib.models import RulesModelBase, RulesModelMixin
from simple_history.models import HistoricalRecords

from catalog.enums import Authority
from catalog.models import award_type_field
from units.models import DocumentHeading
from units.numbering import format_number, number_label
from units.rules import office_keeps

from . import rules as r
from .enums import (
    DECISION_SYMBOL,
    MINUTES_SYMBOL,
    PROPOSAL_SYMBOL,
    Attendance,
    DecisionKind,
    MemberRole,
    Outcome,
    ProposalStatus,
    SessionStatus,
)

OFFICE_ONLY = {
    "view": r.is_office_staff,
    "add": r.is_nobody,  # created through the services, never directly in the admin
    "change": r.is_nobody,
    "delete": r.is_nobody,
}


# ---------------------------------------------------------------------------
# Sessions
# ---------------------------------------------------------------------------
class CouncilSession(RulesModelMixin, models.Model, metaclass=RulesModelBase):
    title = models.CharField(_("tên phiên họp"), max_length=255)
    year = models.PositiveSmallIntegerField(_("năm xét khen thưởng"))
    starts_at = models.DateTimeField(_("thời gian họp"))
    place = models.CharField(_("địa điểm"), max_length=255)
    chair = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("chủ trì"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    secretary = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("thư ký"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="CouncilMembership",
        related_name="council_sessions",
        verbose_name=_("thành viên"),
    )
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=SessionStatus.choices, default=SessionStatus.SCHEDULED
    )
    notes = models.TextField(_("ý kiến thảo luận, ghi chú biên bản"), blank=True)
    opened_at = models.DateTimeField(_("mở biểu quyết lúc"), null=True, blank=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    closed_at = models.DateTimeField(_("kết thúc lúc"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    minutes_number = models.PositiveIntegerField(_("số biên bản"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("phiên họp Hội đồng TĐKT")
        verbose_name_plural = _("phiên họp Hội đồng TĐKT")
        ordering = ["-starts_at", "-pk"]
        rules_permissions = OFFICE_ONLY

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("council:session-detail", args=[self.pk])

    @property
    def minutes_number_text(self) -> str:
        return format_number(self.minutes_number, MINUTES_SYMBOL)


class CouncilMembership(models.Model):
    session = models.ForeignKey(CouncilSession, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("thành viên"),
        on_delete=models.PROTECT,
        related_name="council_memberships",
    )
    role = models.CharField(
        _("chức danh"), max_length=12, choices=MemberRole.choices, default=MemberRole.MEMBER
    )
    position = models.CharField(_("chức vụ"), max_length=255, blank=True)
    attendance = models.CharField(
        _("điểm danh"), max_length=8, choices=Attendance.choices, default=Attendance.UNKNOWN, blank=True
    )
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("thành viên phiên họp")
        verbose_name_plural = _("thành viên phiên họp")
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["session", "user"], name="council_member_once"),
            models.UniqueConstraint(
                fields=["session"], condition=Q(role=MemberRole.CHAIR), name="council_one_chair"
            ),
        ]

    def __str__(self):
        return f"{self.user} — {self.get_role_display()}"

    @property
    def is_present(self) -> bool:
        return self.attendance == Attendance.PRESENT


class AgendaItem(models.Model):
    session = models.ForeignKey(CouncilSession, on_delete=models.CASCADE, related_name="agenda")
    nomination = models.ForeignKey(
        "awards.Nomination", verbose_name=_("đề nghị"), on_delete=models.PROTECT, related_name="agenda_items"
    )
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    # Recorded when the vote opens: the quorum of the nomination's award rule over the members present.
    members_at_open = models.PositiveSmallIntegerField(_("số thành viên"), null=True, blank=True)
    present_at_open = models.PositiveSmallIntegerField(_("số thành viên có mặt"), null=True, blank=True)
    quorum_met = models.BooleanField(_("đủ số thành viên tham dự"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("đề nghị trong chương trình họp")
        verbose_name_plural = _("chương trình họp")
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["session", "nomination"], name="agenda_nomination_once"),
        ]

    def __str__(self):
        return f"{self.order}. {self.nomination}"


class BallotCast(models.Model):
    """Who has voted on an agenda item — and nothing about what they chose. No timestamp."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    item = models.ForeignKey(AgendaItem, on_delete=models.PROTECT, related_name="casts")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("thành viên"), on_delete=models.PROTECT, related_name="+"
    )
    is_written_opinion = models.BooleanField(_("ý kiến bằng văn bản"), default=False)

    class Meta:
        verbose_name = _("thành viên đã bỏ phiếu")
        verbose_name_plural = _("thành viên đã bỏ phiếu")
        ordering = ["item", "member__username"]
        default_permissions = ("view",)
        constraints = [
            models.UniqueConstraint(
                fields=["item", "member"],
                name="ballot_cast_once_per_member",
                violation_error_message=_("Bạn đã bỏ phiếu cho đề nghị này."),
            ),
        ]

    def __str__(self):
        return f"{self.member} — {self.item.nomination}"


class BallotTally(models.Model):
    """The sealed running count of one agenda item during the vote: no member, no time, one row
    per item written when the vote opens (``council.sealing`` opens it). Never add a per-ballot row."""

    item = models.OneToOneField(AgendaItem, on_delete=models.CASCADE, related_name="tally", primary_key=True)
    sealed = models.BinaryField(_("số phiếu (đã mã hóa)"))

    class Meta:
        verbose_name = _("phiếu")
        verbose_name_plural = _("phiếu")
        default_permissions = ()

    def __str__(self):
        return str(_("Phiếu kín"))


def _opinion_path(instance, filename):
    import os
    import secrets

    extension = os.path.splitext(filename)[1].lower()[:6]
    return f"council/opinions/{instance.session_id}/{secrets.token_hex(16)}{extension}"


class SignedOpinion(models.Model):
    """The signed opinion form (phiếu ý kiến có chữ ký) of a member absent from the session, on
    which the secretary enters that member's written opinions. Kept for the record; no time."""

    session = models.ForeignKey(CouncilSession, on_delete=models.CASCADE, related_name="signed_opinions")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("thành viên"), on_delete=models.PROTECT, related_name="+"
    )
    file = models.FileField(_("phiếu ý kiến có chữ ký"), upload_to=_opinion_path, max_length=255)

    class Meta:
        verbose_name = _("phiếu ý kiến có chữ ký")
        verbose_name_plural = _("phiếu ý kiến có chữ ký")
        default_permissions = ()
        constraints = [
            models.UniqueConstraint(fields=["session", "member"], name="signed_opinion_once_per_member"),
        ]

    def __str__(self):
        return f"{self.member} — {self.session}"


class AgendaResult(models.Model):
    """The tally of one agenda item at the close, and what it means under the award rule."""

    item = models.OneToOneField(AgendaItem, on_delete=models.CASCADE, related_name="result")
    members = models.PositiveSmallIntegerField(_("tổng số thành viên"))
    present = models.PositiveSmallIntegerField(_("có mặt"))
    written = models.PositiveSmallIntegerField(_("ý kiến bằng văn bản"), default=0)
    cast = models.PositiveSmallIntegerField(_("số phiếu"))
    agree = models.PositiveSmallIntegerField(_("đồng ý"))
    disagree = models.PositiveSmallIntegerField(_("không đồng ý"))
    base = models.PositiveSmallIntegerField(_("số tính tỷ lệ"), default=0)
    quorum_met = models.BooleanField(_("đủ số thành viên tham dự"))
    threshold_met = models.BooleanField(_("đạt tỷ lệ"), default=False)
    is_tie = models.BooleanField(_("số phiếu ngang nhau"), default=False)
    outcome = models.CharField(_("kết quả"), max_length=10, choices=Outcome.choices)
    rule_text = models.CharField(_("quy tắc áp dụng"), max_length=500, blank=True)
    tie_rule = models.TextField(_("quy tắc khi ngang phiếu"), blank=True)
    settled_note = models.TextField(_("ý kiến Chủ tịch Hội đồng (khi ngang phiếu)"), blank=True)
    settled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kết quả biểu quyết")
        verbose_name_plural = _("kết quả biểu quyết")
        ordering = ["item__order", "item__pk"]

    def __str__(self):
        return f"{self.item.nomination}: {self.agree}/{self.cast} — {self.get_outcome_display()}"

    @property
    def agree_percent(self) -> str:
        if not self.base:
            return "—"
        value = (Decimal(self.agree) * 100 / self.base).quantize(Decimal("0.01"))
        return f"{value:n}".replace(".", ",") + "%"


# ---------------------------------------------------------------------------
# Base salary (mức lương cơ sở), a dated parameter
# ---------------------------------------------------------------------------
# A reward (coefficient × base salary) is rounded up to the next ten thousand đồng: the rule of
# the decrees under the law on emulation and commendation ("được làm tròn số lên hàng chục nghìn
# đồng"), kept beside the base salary it applies to.
REWARD_ROUNDING = 10_000


class BaseSalary(RulesModelMixin, models.Model, metaclass=RulesModelBase):
    amount = models.PositiveBigIntegerField(_("mức lương cơ sở (đồng/tháng)"))
    effective_from = models.DateField(_("áp dụng từ ngày"), unique=True)
    source = models.CharField(_("văn bản quy định"), max_length=255)
    confirmed = models.BooleanField(_("đã xác nhận"), default=False)
    reward_rounding = models.PositiveIntegerField(
        _("làm tròn tiền thưởng lên đến bội số của (đồng)"),
        default=REWARD_ROUNDING,
        validators=[MinValueValidator(1)],
        help_text=_(
            "Tiền thưởng sau khi nhân hệ số với mức lương cơ sở được làm tròn số lên hàng chục nghìn "
            "đồng (10.000); ghi 1 để không làm tròn. Chưa xác nhận theo nghị định hiện hành."
        ),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("mức lương cơ sở")
        verbose_name_plural = _("mức lương cơ sở")
        ordering = ["-effective_from"]
        rules_permissions = office_keeps(r.is_office_staff)

    def __str__(self):
        return f"{self.amount:,} đ từ {self.effective_from:%d/%m/%Y}".replace(",", ".")

    @classmethod
    def in_force_on(cls, day):
        return cls.objects.filter(effective_from__lte=day).order_by("-effective_from").first()


class SessionMinutes(DocumentHeading):
    """The header and signature of a session's minutes (biên bản), kept apart from the session
    (whose ``place`` is where the council meets): the council HĐTĐKT as issuing body, the place
    of the date line, the chair signing "TM. HỘI ĐỒNG / CHỦ TỊCH" and the recipients, edited until
    the session closes and its minutes are issued; the secretary's signature is printed beside."""

    session = models.OneToOneField(
        CouncilSession, verbose_name=_("phiên họp"), on_delete=models.CASCADE, related_name="minutes_heading"
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("thể thức biên bản họp")
        verbose_name_plural = _("thể thức biên bản họp")

    def __str__(self):
        return str(self.session)


# ---------------------------------------------------------------------------
# Decisions (Quyết định khen thưởng, đính chính, thu hồi)
# ---------------------------------------------------------------------------
class Decision(RulesModelMixin, DocumentHeading, metaclass=RulesModelBase):
    """A decision with its own header and signature (``DocumentHeading``): the department as
    issuing body, the director or a deputy "KT. GIÁM ĐỐC" signing, printed exactly as set."""

    kind = models.CharField(_("loại quyết định"), max_length=12, choices=DecisionKind.choices)
    year = models.PositiveSmallIntegerField(_("năm ban hành"))
    number = models.PositiveIntegerField(_("số"))
    symbol = models.CharField(_("ký hiệu"), max_length=50, default=DECISION_SYMBOL)
    date = models.DateField(_("ngày ký"))
    title = models.CharField(_("trích yếu"), max_length=500)
    achievement_year = models.PositiveSmallIntegerField(_("năm thành tích"), null=True, blank=True)
    authority = models.CharField(
        _("thẩm quyền"), max_length=20, choices=Authority.choices, default=Authority.DIRECTOR
    )
    base_salary = models.PositiveBigIntegerField(_("mức lương cơ sở áp dụng"), null=True, blank=True)
    reason = models.TextField(_("lý do (đính chính, thu hồi)"), blank=True)
    session = models.ForeignKey(
        CouncilSession,
        verbose_name=_("phiên họp Hội đồng"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="decisions",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("quyết định")
        verbose_name_plural = _("quyết định")
        ordering = ["-date", "-number"]
        rules_permissions = OFFICE_ONLY
        constraints = [
            models.UniqueConstraint(fields=["year", "symbol", "number"], name="decision_number_unique"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.number_label}"

    def get_absolute_url(self):
        return reverse("council:decision-detail", args=[self.pk])

    @property
    def number_label(self) -> str:
        return number_label(self.number, self.symbol)

    @property
    def number_text(self) -> str:
        return format_number(self.number, self.symbol)

    @property
    def reference(self) -> str:
        """'Quyết định số 05/QĐ-SYT ngày 10/01/2026' — how other records cite it."""
        return _("Quyết định số %(number)s ngày %(date)s") % {
            "number": self.number_label,
            "date": self.date.strftime("%d/%m/%Y"),
        }

    @property
    def total_amount(self) -> int:
        return sum(item.amount or 0 for item in self.items.all())


class DecisionItem(models.Model):
    """One line of a decision: an award given (with its amount), or a record corrected or revoked."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="items")
    order = models.PositiveSmallIntegerField(_("STT"), default=0)
    nomination = models.ForeignKey(
        "awards.Nomination",
        verbose_name=_("đề nghị"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="decision_items",
    )
    award_type = award_type_field(related_name="+")
    person = models.ForeignKey(
        "units.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    unit = models.ForeignKey("units.Unit", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    recipient_name = models.CharField(_("họ tên / tập thể"), max_length=255)
    recipient_position = models.CharField(_("chức vụ"), max_length=255, blank=True)
    recipient_unit_name = models.CharField(_("đơn vị"), max_length=255, blank=True)
    coefficient = models.DecimalField(_("hệ số"), max_digits=5, decimal_places=2, null=True, blank=True)
    amount = models.PositiveBigIntegerField(_("tiền thưởng (đồng)"), null=True, blank=True)
    award_record = models.ForeignKey(
        "awards.AwardRecord",
        verbose_name=_("khen thưởng được ghi"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    target_record = models.ForeignKey(
        "awards.AwardRecord",
        verbose_name=_("khen thưởng được đính chính / thu hồi"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="corrections",
    )
    note = models.CharField(_("ghi chú"), max_length=500, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("dòng quyết định")
        verbose_name_plural = _("danh sách kèm quyết định")
        ordering = ["decision", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["nomination"],
                condition=Q(nomination__isnull=False, target_record__isnull=True),
                name="decision_item_nomination_decided_once",
                violation_error_message=_("Đề nghị này đã có quyết định khen thưởng."),
            ),
        ]

    def __str__(self):
        return f"{self.order}. {self.recipient_name} — {self.award_type}"


# ---------------------------------------------------------------------------
# Proposals to a higher authority (Tờ trình)
# ---------------------------------------------------------------------------
class ProposalPack(RulesModelMixin, DocumentHeading, metaclass=RulesModelBase):
    """A tờ trình with its own header and signature (``DocumentHeading``), printed exactly as set."""

    authority = models.CharField(_("cấp có thẩm quyền"), max_length=20, choices=Authority.choices)
    year = models.PositiveSmallIntegerField(_("năm thành tích"))
    title = models.CharField(_("trích yếu tờ trình"), max_length=500)
    session = models.ForeignKey(
        CouncilSession,
        verbose_name=_("phiên họp Hội đồng"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="proposals",
    )
    nominations = models.ManyToManyField(
        "awards.Nomination", related_name="proposals", verbose_name=_("đề nghị")
    )
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=ProposalStatus.choices, default=ProposalStatus.DRAFT
    )
    number = models.PositiveIntegerField(_("số tờ trình"), null=True, blank=True)
    sent_on = models.DateField(_("ngày gửi"), null=True, blank=True)
    reply_number = models.CharField(_("số quyết định của cấp trên"), max_length=100, blank=True)
    reply_date = models.DateField(_("ngày quyết định của cấp trên"), null=True, blank=True)
    reply_authority = models.CharField(_("cơ quan quyết định"), max_length=255, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("hồ sơ trình cấp trên")
        verbose_name_plural = _("hồ sơ trình cấp trên")
        ordering = ["-year", "-created_at"]
        rules_permissions = OFFICE_ONLY

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("council:proposal-detail", args=[self.pk])

    @property
    def number_text(self) -> str:
        return format_number(self.number, PROPOSAL_SYMBOL)

    def clean(self):
        if self.authority in (Authority.DIRECTOR, Authority.UNIT_HEAD):
            raise ValidationError(
                {"authority": _("Khen thưởng thuộc thẩm quyền Giám đốc Sở không trình cấp trên.")}
            )


__all__ = [
    "AgendaItem",
    "AgendaResult",
    "BallotCast",
    "BallotTally",
    "BaseSalary",
    "CouncilMembership",
    "CouncilSession",
    "Decision",
    "DecisionItem",
    "ProposalPack",
    "SessionMinutes",
    "SignedOpinion",
]
