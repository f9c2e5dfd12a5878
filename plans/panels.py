"""Home-page panels of the plans app: what is due for the office and for a unit."""

from django.utils.translation import gettext_lazy as _

from units.enums import Role
from units.home import register_panel
from units.inbox import earliest_item, register_inbox, url_with
from units.inbox import item as inbox_item

from . import selectors
from .enums import STATUS_BADGES, LetterStatus, PlanStatus


@register_panel(Role.OFFICE, order=20)
def office_tasks_due(user):
    summary = selectors.office_task_summary()
    return {
        "title": _("Nhiệm vụ quá hạn và sắp đến hạn"),
        "template": "plans/panels/office_tasks.html",
        "days": selectors.DUE_SOON_DAYS,
        "badges": STATUS_BADGES,
        **summary,
    }


@register_panel(Role.OFFICE, order=21)
def office_submissions_late(user):
    return {
        "title": _("Báo cáo đơn vị gửi về"),
        "template": "plans/panels/office_submissions.html",
        **selectors.office_submission_summary(user),
    }


@register_panel(Role.UNIT_HEAD, order=20)
def unit_tasks_open(user):
    return {
        "title": _("Nhiệm vụ đơn vị chủ trì"),
        "template": "plans/panels/unit_tasks.html",
        "badges": STATUS_BADGES,
        **selectors.unit_open_tasks(user),
    }


@register_panel(Role.UNIT_HEAD, order=21)
def unit_submissions_pending(user):
    return {
        "title": _("Báo cáo cần gửi"),
        "template": "plans/panels/unit_submissions.html",
        "badges": STATUS_BADGES,
        **selectors.unit_pending_submissions(user),
    }


# ---------------------------------------------------------------------------
# The inbox (units.inbox): each count read by the selector the linked list reads
# ---------------------------------------------------------------------------
def _submissions_item(key: str, label, rows, *, status: str, today):
    """The units' reports of ``rows``: how many, and the earliest due date, linked to the list of
    reports in ``status``."""
    url = url_with("plans:submission-list", status=status)
    return earliest_item(
        key, label, rows, url, due_field="request__due_date", today=today, due_label=_("hạn sớm nhất")
    )


@register_inbox(Role.OFFICE, order=10)
def office_inbox(user, *, today):
    yield _submissions_item(
        "submissions_overdue",
        _("Báo cáo của đơn vị quá hạn, chưa gửi"),
        selectors.submissions_overdue(user, today=today),
        status="overdue",
        today=today,
    )
    yield inbox_item(
        "plans_drafted",
        _("Kế hoạch dự thảo chưa ban hành"),
        selectors.plans_drafted(user).count(),
        url_with("plans:list", status=PlanStatus.DRAFT),
        today=today,
    )
    yield inbox_item(
        "letters_drafted",
        _("Công văn dự thảo chưa ban hành"),
        selectors.letters_drafted(user).count(),
        url_with("plans:letter-list", status=LetterStatus.DRAFT),
        today=today,
    )


@register_inbox(Role.UNIT_HEAD, order=10)
def unit_head_inbox(user, *, today):
    yield _submissions_item(
        "submissions_to_send",
        _("Báo cáo cần gửi"),
        selectors.submissions_to_send(user, today=today),
        status="pending",
        today=today,
    )
