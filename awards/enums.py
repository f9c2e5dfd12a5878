"""Choices of the awards app, with the groups the code asks about and the allowed moves."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class EvaluationLevel(models.TextChoices):
    """The yearly classification of a person or a unit (NĐ 90/2020/NĐ-CP Điều 13–16,
    NĐ 335/2025/NĐ-CP)."""

    HTXSNV = "HTXSNV", _("Hoàn thành xuất sắc nhiệm vụ")
    HTTNV = "HTTNV", _("Hoàn thành tốt nhiệm vụ")
    HTNV = "HTNV", _("Hoàn thành nhiệm vụ")
    KHTNV = "KHTNV", _("Không hoàn thành nhiệm vụ")

    @classmethod
    def rank(cls, level) -> int:
        """Higher is better: HTXSNV 4 > HTTNV 3 > HTNV 2 > KHTNV 1; unknown or empty 0."""
        return _LEVEL_RANK.get(level, 0)

    @classmethod
    def at_least(cls, level, minimum) -> bool:
        """True when ``level`` reaches ``minimum`` (an empty minimum asks for nothing)."""
        if not minimum:
            return True
        return cls.rank(level) >= cls.rank(minimum)


_LEVEL_RANK = {
    EvaluationLevel.HTXSNV: 4,
    EvaluationLevel.HTTNV: 3,
    EvaluationLevel.HTNV: 2,
    EvaluationLevel.KHTNV: 1,
}


class EvaluationSource(models.TextChoices):
    ENTERED = "entered", _("Nhập trực tiếp")
    IMPORTED = "imported", _("Nhập từ tệp Excel")


class InitiativeKind(models.TextChoices):
    INITIATIVE = "initiative", _("Sáng kiến")
    RESEARCH = "research", _("Đề tài, đề án, công trình khoa học")


class InitiativeKindFilter(models.TextChoices):
    """Which kinds of work a rule accepts."""

    ANY = "any", _("Sáng kiến hoặc đề tài khoa học")
    INITIATIVE = "initiative", _("Chỉ sáng kiến")
    RESEARCH = "research", _("Chỉ đề tài, đề án khoa học")


class InitiativeScope(models.TextChoices):
    """Scope of effect (phạm vi ảnh hưởng) of an initiative or research work."""

    BASE = "base", _("Cấp cơ sở")
    PROVINCE = "province", _("Cấp tỉnh, Bộ")
    NATIONAL = "national", _("Toàn quốc")

    @classmethod
    def rank(cls, scope) -> int:
        return _SCOPE_RANK.get(scope, 0)

    @classmethod
    def at_least(cls, scope, minimum) -> bool:
        if not minimum:
            return True
        return cls.rank(scope) >= cls.rank(minimum)


_SCOPE_RANK = {InitiativeScope.BASE: 1, InitiativeScope.PROVINCE: 2, InitiativeScope.NATIONAL: 3}


class RecordSource(models.TextChoices):
    IMPORTED = "imported", _("Nhập từ dữ liệu cũ")
    ISSUED = "issued", _("Quyết định ban hành trên hệ thống")
    ENTERED = "entered", _("Nhập trực tiếp")


class Comparison(models.TextChoices):
    """How a share is compared with its threshold: "từ 70% trở lên" or "trên 50%"."""

    GTE = "gte", _("từ … trở lên (≥)")
    GT = "gt", _("trên (>)")


class PathSubject(models.TextChoices):
    """Who an alternative path (trường hợp) of a rule applies to."""

    ANY = "any", _("Cá nhân và tập thể")
    INDIVIDUAL = "individual", _("Cá nhân")
    COLLECTIVE = "collective", _("Tập thể")


class QuotaScope(models.TextChoices):
    UNIT = "unit", _("Trong đơn vị đề nghị (kể cả khoa, phòng trực thuộc)")
    AGENCY = "agency", _("Toàn Sở")


class Rounding(models.TextChoices):
    FLOOR = "floor", _("làm tròn xuống")
    CEIL = "ceil", _("làm tròn lên")
    HALF_UP = "half_up", _("làm tròn đến số gần nhất")


class VoteMethod(models.TextChoices):
    SHOW_OF_HANDS = "show_of_hands", _("Biểu quyết giơ tay")
    SECRET_BALLOT = "secret_ballot", _("Bỏ phiếu kín")


class ThresholdBase(models.TextChoices):
    ALL_MEMBERS = "all_members", _("Tổng số thành viên Hội đồng")
    PRESENT = "present", _("Số thành viên có mặt")


class HolidayKind(models.TextChoices):
    DAY_OFF = "off", _("Ngày nghỉ")
    WORKING = "working", _("Ngày làm việc (làm bù, hoán đổi)")


class EligibilityStatus(models.TextChoices):
    ELIGIBLE = "eligible", _("Đủ điều kiện")
    NOT_ELIGIBLE = "not_eligible", _("Không đủ điều kiện")
    FLAGGED = "flagged", _("Cần xem xét")


class NominationStatus(models.TextChoices):
    DRAFT = "draft", _("Đang soạn")
    SUBMITTED = "submitted", _("Đã gửi")
    RETURNED = "returned", _("Bị trả lại")
    VERIFIED = "verified", _("Đã thẩm định")
    IN_COUNCIL = "in_council", _("Đang xét tại Hội đồng")
    APPROVED = "approved", _("Hội đồng thông qua")
    REJECTED = "rejected", _("Không được thông qua")
    DECIDED = "decided", _("Đã có quyết định khen thưởng")


# The states in which the unit may edit its nomination.
NOMINATION_EDITABLE = frozenset({NominationStatus.DRAFT, NominationStatus.RETURNED})
NOMINATION_FINAL = frozenset({NominationStatus.REJECTED, NominationStatus.DECIDED})
# Nominations that still stand: they count as "proposed in the same round" (a title of the same
# year), toward quotas, and they hold the initiatives they claim.
NOMINATION_STANDING = frozenset(set(NominationStatus) - {NominationStatus.REJECTED})

UNIT, OFFICE, COUNCIL = "unit", "office", "council"

# The notice that publishes the verified nominees for comment (Thông báo, Decree 30/2020 Phụ lục III).
DISCLOSURE_SYMBOL = "TB-SYT"
# Who a disclosure notice goes to unless the office says otherwise (printed as set on the notice).
DISCLOSURE_RECIPIENTS = [
    "Các đơn vị trực thuộc;",
    "Thành viên Hội đồng TĐKT;",
    "Trang thông tin điện tử của Sở;",
    "Lưu: VT, VP.",
]

# Allowed moves, written once: (from, to) -> who. "unit": the proposing unit's head (or the office
# on its behalf); "office": the standing office (Thường trực TĐKT); "council": the result of the
# council's vote, written by the session-closing service, never by a person directly.
NOMINATION_TRANSITIONS = {
    (NominationStatus.DRAFT, NominationStatus.SUBMITTED): UNIT,
    (NominationStatus.RETURNED, NominationStatus.SUBMITTED): UNIT,
    # A unit head may recall a submitted nomination until it is verified.
    (NominationStatus.SUBMITTED, NominationStatus.DRAFT): UNIT,
    (NominationStatus.SUBMITTED, NominationStatus.RETURNED): OFFICE,
    (NominationStatus.SUBMITTED, NominationStatus.VERIFIED): OFFICE,
    (NominationStatus.VERIFIED, NominationStatus.RETURNED): OFFICE,
    (NominationStatus.VERIFIED, NominationStatus.IN_COUNCIL): OFFICE,
    (NominationStatus.IN_COUNCIL, NominationStatus.APPROVED): COUNCIL,
    (NominationStatus.IN_COUNCIL, NominationStatus.REJECTED): COUNCIL,
    (NominationStatus.APPROVED, NominationStatus.DECIDED): OFFICE,
}

REASON_REQUIRED = frozenset(
    {
        (NominationStatus.SUBMITTED, NominationStatus.RETURNED),
        (NominationStatus.VERIFIED, NominationStatus.RETURNED),
    }
)

# What the buttons say for each move (the transition view and its confirm page).
NOMINATION_ACTION_LABELS = {
    (NominationStatus.DRAFT, NominationStatus.SUBMITTED): _("Gửi đề nghị"),
    (NominationStatus.RETURNED, NominationStatus.SUBMITTED): _("Gửi lại đề nghị"),
    (NominationStatus.SUBMITTED, NominationStatus.DRAFT): _("Rút lại để sửa"),
    (NominationStatus.SUBMITTED, NominationStatus.RETURNED): _("Trả lại đơn vị"),
    (NominationStatus.SUBMITTED, NominationStatus.VERIFIED): _("Thẩm định đạt"),
    (NominationStatus.VERIFIED, NominationStatus.RETURNED): _("Trả lại đơn vị"),
    (NominationStatus.VERIFIED, NominationStatus.IN_COUNCIL): _("Chuyển Hội đồng xét"),
    (NominationStatus.IN_COUNCIL, NominationStatus.APPROVED): _("Ghi nhận Hội đồng thông qua"),
    (NominationStatus.IN_COUNCIL, NominationStatus.REJECTED): _("Ghi nhận không được thông qua"),
    (NominationStatus.APPROVED, NominationStatus.DECIDED): _("Ghi nhận đã có quyết định"),
}

# Moves a person makes from the nomination page; the council's results are written by the council app.
NOMINATION_MANUAL_MOVES = frozenset(
    move for move, role in NOMINATION_TRANSITIONS.items() if role in (UNIT, OFFICE)
) - {(NominationStatus.APPROVED, NominationStatus.DECIDED)}

# Nominations that passed verification: the ones published for comment (công khai).
NOMINATION_VERIFIED_OR_LATER = frozenset(
    {
        NominationStatus.VERIFIED,
        NominationStatus.IN_COUNCIL,
        NominationStatus.APPROVED,
        NominationStatus.DECIDED,
    }
)

STATUS_BADGES = {
    NominationStatus.DRAFT: "secondary",
    NominationStatus.SUBMITTED: "primary",
    NominationStatus.RETURNED: "danger",
    NominationStatus.VERIFIED: "info",
    NominationStatus.IN_COUNCIL: "warning",
    NominationStatus.APPROVED: "success",
    NominationStatus.REJECTED: "dark",
    NominationStatus.DECIDED: "success",
    EligibilityStatus.ELIGIBLE: "success",
    EligibilityStatus.NOT_ELIGIBLE: "danger",
    EligibilityStatus.FLAGGED: "warning",
}


class PredecessorYears(models.TextChoices):
    """How a successor collective's continuity of years reads its predecessors' records (after a
    merger, absorption or split). The Law on Emulation and Commendation 2022 and its decrees say
    nothing of it: the choice is the rule set's, confirmed by the office."""

    NONE = "none", _("Không tính năm của đơn vị tiền thân")
    MAIN = "main", _("Tính năm của chuỗi đơn vị tiền thân chính")
    ANY = "any", _("Tính năm của bất kỳ đơn vị tiền thân nào")


class CommentStatus(models.TextChoices):
    """Where a disclosure comment stands: the office reads each one before it reaches the council."""

    PENDING = "pending", _("Chờ duyệt")
    ACCEPTED = "accepted", _("Đã tiếp nhận")
    REJECTED = "rejected", _("Không tiếp nhận")


COMMENT_STATUS_BADGES = {
    CommentStatus.PENDING: "warning",
    CommentStatus.ACCEPTED: "success",
    CommentStatus.REJECTED: "secondary",
}
