"""Choices of the campaigns app, with the groups the code asks about and the allowed moves."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CampaignKind(models.TextChoices):
    REGULAR = "regular", _("Thi đua thường xuyên")
    THEMATIC = "thematic", _("Thi đua theo chuyên đề")
    # "Theo đợt" is no longer a form under the 2022 law; kept for older campaigns and documents.
    BY_PHASE = "by_phase", _("Thi đua theo đợt")


class CampaignStatus(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    LAUNCHED = "launched", _("Đã phát động")
    UNDER_WAY = "under_way", _("Đang triển khai")
    REVIEWING = "reviewing", _("Đang sơ kết, tổng kết")
    CLOSED = "closed", _("Đã kết thúc")


CAMPAIGN_EDITABLE = frozenset({CampaignStatus.DRAFT, CampaignStatus.LAUNCHED, CampaignStatus.UNDER_WAY})
CAMPAIGN_PUBLISHED = frozenset(set(CampaignStatus) - {CampaignStatus.DRAFT})
CAMPAIGN_OPEN = frozenset({CampaignStatus.LAUNCHED, CampaignStatus.UNDER_WAY})

# Allowed moves, written once: (from, to) -> who. Checked by services.campaign_transition.
CAMPAIGN_TRANSITIONS = {
    (CampaignStatus.DRAFT, CampaignStatus.LAUNCHED): "office",
    (CampaignStatus.LAUNCHED, CampaignStatus.UNDER_WAY): "office",
    (CampaignStatus.LAUNCHED, CampaignStatus.REVIEWING): "office",
    (CampaignStatus.UNDER_WAY, CampaignStatus.REVIEWING): "office",
    (CampaignStatus.REVIEWING, CampaignStatus.UNDER_WAY): "office",
    (CampaignStatus.REVIEWING, CampaignStatus.CLOSED): "office",
}

CAMPAIGN_ACTION_LABELS = {
    CampaignStatus.LAUNCHED: _("Phát động"),
    CampaignStatus.UNDER_WAY: _("Chuyển sang đang triển khai"),
    CampaignStatus.REVIEWING: _("Bắt đầu sơ kết, tổng kết"),
    CampaignStatus.CLOSED: _("Kết thúc phong trào"),
}


class LatePolicy(models.TextChoices):
    ACCEPT_MARK_LATE = "accept", _("Vẫn nhận, đánh dấu nộp muộn")
    REFUSE = "refuse", _("Không nhận sau hạn")


class RegistrationStatus(models.TextChoices):
    DRAFT = "draft", _("Đang soạn")
    SUBMITTED = "submitted", _("Đã gửi, chờ duyệt")
    ACCEPTED = "accepted", _("Đã chấp nhận")
    RETURNED = "returned", _("Bị trả lại")


# The states in which the unit may change its registration; an accepted one is locked.
REGISTRATION_EDITABLE = frozenset({RegistrationStatus.DRAFT, RegistrationStatus.RETURNED})
REGISTRATION_FINAL = frozenset({RegistrationStatus.ACCEPTED})

UNIT, OFFICE = "unit", "office"

# Allowed moves, written once: (from, to) -> who ("unit": the unit's head or the office on its
# behalf; "office": the standing office only). Checked by services.registration_transition.
REGISTRATION_TRANSITIONS = {
    (RegistrationStatus.DRAFT, RegistrationStatus.SUBMITTED): UNIT,
    (RegistrationStatus.RETURNED, RegistrationStatus.SUBMITTED): UNIT,
    (RegistrationStatus.SUBMITTED, RegistrationStatus.ACCEPTED): OFFICE,
    (RegistrationStatus.SUBMITTED, RegistrationStatus.RETURNED): OFFICE,
    # Reopening an accepted registration is an office action, recorded with its reason.
    (RegistrationStatus.ACCEPTED, RegistrationStatus.DRAFT): OFFICE,
    (RegistrationStatus.ACCEPTED, RegistrationStatus.RETURNED): OFFICE,
}

REASON_REQUIRED = frozenset(
    {
        (RegistrationStatus.SUBMITTED, RegistrationStatus.RETURNED),
        (RegistrationStatus.ACCEPTED, RegistrationStatus.DRAFT),
        (RegistrationStatus.ACCEPTED, RegistrationStatus.RETURNED),
    }
)

REGISTRATION_ACTION_LABELS = {
    (RegistrationStatus.DRAFT, RegistrationStatus.SUBMITTED): _("Gửi đăng ký"),
    (RegistrationStatus.RETURNED, RegistrationStatus.SUBMITTED): _("Gửi lại đăng ký"),
    (RegistrationStatus.SUBMITTED, RegistrationStatus.ACCEPTED): _("Chấp nhận"),
    (RegistrationStatus.SUBMITTED, RegistrationStatus.RETURNED): _("Trả lại"),
    (RegistrationStatus.ACCEPTED, RegistrationStatus.DRAFT): _("Mở lại về đang soạn"),
    (RegistrationStatus.ACCEPTED, RegistrationStatus.RETURNED): _("Mở lại, trả đơn vị sửa"),
}


class OverviewState(models.TextChoices):
    """A unit's place in a registration round, for the office overview (derived, never stored)."""

    MISSING = "missing", _("Chưa đăng ký")
    DRAFT = RegistrationStatus.DRAFT.value, _("Đang soạn, chưa gửi")
    SUBMITTED = RegistrationStatus.SUBMITTED.value, RegistrationStatus.SUBMITTED.label
    RETURNED = RegistrationStatus.RETURNED.value, RegistrationStatus.RETURNED.label
    ACCEPTED = RegistrationStatus.ACCEPTED.value, RegistrationStatus.ACCEPTED.label


STATUS_BADGES = {
    CampaignStatus.DRAFT: "secondary",
    CampaignStatus.LAUNCHED: "primary",
    CampaignStatus.UNDER_WAY: "info",
    CampaignStatus.REVIEWING: "warning",
    CampaignStatus.CLOSED: "dark",
    RegistrationStatus.DRAFT: "secondary",
    RegistrationStatus.SUBMITTED: "primary",
    RegistrationStatus.ACCEPTED: "success",
    RegistrationStatus.RETURNED: "danger",
    OverviewState.MISSING: "light text-dark border",
}


class LaunchForm(models.TextChoices):
    """The document that launches a campaign, chosen when it is created: a plan (kế hoạch), an
    official letter (công văn), or both (a letter sending the plan)."""

    PLAN = "plan", _("Kế hoạch")
    LETTER = "letter", _("Công văn")
    BOTH = "both", _("Kế hoạch và công văn")
