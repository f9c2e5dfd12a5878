"""Home-page panels of the plans app: what is due for the office and for a unit."""

from django.utils.translation import gettext_lazy as _

from units.enums import Role
from units.home import register_panel

from . import selectors
from .enums import STATUS_BADGES


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
        **selectors.office_submission_summary(),
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
