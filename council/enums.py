"""Choices of the council app, with the groups the code asks about and the allowed moves."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SessionStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Đã lên lịch")
    VOTING = "voting", _("Đang biểu quyết")
    CLOSED = "closed", _("Đã kết thúc")


OFFICE = "office"

# Allowed moves, written once: (from, to) -> who. Checked by services.session_transition.
SESSION_TRANSITIONS = {
    (SessionStatus.SCHEDULED, SessionStatus.VOTING): OFFICE,
    (SessionStatus.VOTING, SessionStatus.CLOSED): OFFICE,
}

SESSION_ACTION_LABELS = {
    SessionStatus.VOTING: _("Mở biểu quyết"),
    SessionStatus.CLOSED: _("Kết thúc biểu quyết và kiểm phiếu"),
}


class MemberRole(models.TextChoices):
    CHAIR = "chair", _("Chủ tịch Hội đồng")
    VICE_CHAIR = "vice_chair", _("Phó Chủ tịch Hội đồng")
    MEMBER = "member", _("Ủy viên")
    SECRETARY = "secretary", _("Ủy viên, Thư ký")


class Attendance(models.TextChoices):
    UNKNOWN = "", _("Chưa điểm danh")
    PRESENT = "present", _("Có mặt")
    ABSENT = "absent", _("Vắng mặt")


class Choice(models.TextChoices):
    AGREE = "agree", _("Đồng ý")
    DISAGREE = "disagree", _("Không đồng ý")


class Outcome(models.TextChoices):
    APPROVED = "approved", _("Thông qua")
    REJECTED = "rejected", _("Không thông qua")
    TIE = "tie", _("Số phiếu ngang nhau — chờ ý kiến Chủ tịch Hội đồng")
    NO_QUORUM = "no_quorum", _("Không đủ số thành viên tham dự")


# Outcomes the council's vote settles (the nomination moves on); the others leave it in council.
OUTCOME_SETTLED = frozenset({Outcome.APPROVED, Outcome.REJECTED})


class DecisionKind(models.TextChoices):
    AWARD = "award", _("Quyết định khen thưởng")
    CORRECTION = "correction", _("Quyết định đính chính")
    REVOCATION = "revocation", _("Quyết định thu hồi")


class ProposalStatus(models.TextChoices):
    DRAFT = "draft", _("Đang chuẩn bị")
    SENT = "sent", _("Đã gửi cấp trên")
    DECIDED = "decided", _("Cấp trên đã quyết định")


PROPOSAL_TRANSITIONS = {
    (ProposalStatus.DRAFT, ProposalStatus.SENT): OFFICE,
    (ProposalStatus.SENT, ProposalStatus.DECIDED): OFFICE,
}

# Document symbols (Decree 30/2020 Phụ lục III; the council numbers its minutes in its own series).
MINUTES_SYMBOL = "BB-HĐTĐKT"
DECISION_SYMBOL = "QĐ-SYT"
PROPOSAL_SYMBOL = "TTr-SYT"
