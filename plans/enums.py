"""Choices of the plans app, with the groups the code asks about and the allowed moves."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from units.enums import SignerPrefix  # noqa: F401  (re-exported: plans import it from here)

from . import parsed


class PlanKind(models.TextChoices):
    ANNUAL = "annual", _("Kế hoạch công tác thi đua, khen thưởng năm")
    REVIEW = "review", _("Kế hoạch sơ kết, tổng kết")
    CAMPAIGN = "campaign", _("Kế hoạch phát động phong trào thi đua")
    THEMATIC = "thematic", _("Kế hoạch chuyên đề")
    OTHER = "other", _("Kế hoạch khác")


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    ISSUED = "issued", _("Đã ban hành")
    ARCHIVED = "archived", _("Đã lưu trữ")


# The states in which the plan's text may change; an issued plan only tracks its tasks' progress.
PLAN_EDITABLE = frozenset({PlanStatus.DRAFT})
PLAN_TRACKED = frozenset({PlanStatus.ISSUED})
PLAN_FINAL = frozenset({PlanStatus.ARCHIVED})

# Allowed moves, written once: (from, to) -> who. Checked by services.plan_transition.
PLAN_TRANSITIONS = {
    (PlanStatus.DRAFT, PlanStatus.ISSUED): "office",
    (PlanStatus.ISSUED, PlanStatus.ARCHIVED): "office",
}


class BlockKind(models.TextChoices):
    """Mirrors plans.parsed.BlockKind (the importer's contract)."""

    HEADING = parsed.BlockKind.HEADING, _("Tiêu đề mục")
    PARAGRAPH = parsed.BlockKind.PARAGRAPH, _("Đoạn văn")
    BULLET = parsed.BlockKind.BULLET, _("Gạch đầu dòng")
    TABLE = parsed.BlockKind.TABLE, _("Bảng")
    TASK = parsed.BlockKind.TASK, _("Nhiệm vụ")
    TASKS_TABLE = parsed.BlockKind.TASKS_TABLE, _("Bảng thời gian – nội dung công việc")
    TARGETS = parsed.BlockKind.TARGETS, _("Bảng chỉ tiêu")


class PeriodKind(models.TextChoices):
    NONE = "", _("Không xác định")
    QUARTER = "quarter", _("Quý")
    MONTH = "month", _("Tháng")
    RANGE = "range", _("Khoảng thời gian")


class UnitGroup(models.TextChoices):
    """A task addressed to a group of units rather than to one ("các đơn vị trực thuộc"): each
    unit of the group gets its own assignment and status (PlanTaskAssignment)."""

    NONE = "", _("Một đơn vị chủ trì")
    ALL = "all", _("Các đơn vị trực thuộc")
    HOSPITALS = "hospitals", _("Các bệnh viện")
    HEALTH_CENTRES = "health_centres", _("Các trung tâm y tế")
    OFFICES = "offices", _("Các phòng thuộc Sở")


# The unit kinds of each group (top-level active units); ALL takes every top-level unit.
UNIT_GROUP_KINDS = {
    UnitGroup.HOSPITALS: ("hospital",),
    UnitGroup.HEALTH_CENTRES: ("health_centre",),
    UnitGroup.OFFICES: ("office",),
}


class Recurrence(models.TextChoices):
    NONE = "", _("Một lần")
    MONTHLY = "monthly", _("Hằng tháng")
    QUARTERLY = "quarterly", _("Hằng quý")
    HALF_YEARLY = "half_yearly", _("Định kỳ 6 tháng")


class TaskStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Chưa thực hiện")
    IN_PROGRESS = "in_progress", _("Đang thực hiện")
    DONE = "done", _("Hoàn thành")


class TaskDisplayStatus(models.TextChoices):
    """TaskStatus plus OVERDUE, which is derived from the due date when read, never stored."""

    NOT_STARTED = TaskStatus.NOT_STARTED.value, TaskStatus.NOT_STARTED.label
    IN_PROGRESS = TaskStatus.IN_PROGRESS.value, TaskStatus.IN_PROGRESS.label
    DONE = TaskStatus.DONE.value, TaskStatus.DONE.label
    OVERDUE = "overdue", _("Quá hạn")


class SubmissionStatus(models.TextChoices):
    """Derived per unit from the due date and the time received; never stored."""

    PENDING = "pending", _("Chưa nộp")
    ON_TIME = "on_time", _("Đúng hạn")
    LATE = "late", _("Nộp muộn")
    OVERDUE = "overdue", _("Quá hạn, chưa nộp")


class SubmissionAudience(models.TextChoices):
    ALL_TOP_LEVEL = "all", _("Tất cả đơn vị trực thuộc đang hoạt động")
    CHOSEN = "chosen", _("Các đơn vị được chọn")


STATUS_BADGES = {
    PlanStatus.DRAFT: "secondary",
    PlanStatus.ISSUED: "success",
    PlanStatus.ARCHIVED: "dark",
    TaskDisplayStatus.NOT_STARTED: "secondary",
    TaskDisplayStatus.IN_PROGRESS: "primary",
    TaskDisplayStatus.DONE: "success",
    TaskDisplayStatus.OVERDUE: "danger",
    SubmissionStatus.PENDING: "secondary",
    SubmissionStatus.ON_TIME: "success",
    SubmissionStatus.LATE: "warning",
    SubmissionStatus.OVERDUE: "danger",
}


class LetterStatus(models.TextChoices):
    """An official letter (công văn) is drafted, then issued with the next number of its series."""

    DRAFT = "draft", _("Dự thảo")
    ISSUED = "issued", _("Đã ban hành")


STATUS_BADGES[LetterStatus.DRAFT] = "secondary"
STATUS_BADGES[LetterStatus.ISSUED] = "success"
