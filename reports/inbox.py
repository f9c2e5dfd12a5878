"""The office's inbox item of the reports app (registered in units.inbox)."""

from django.utils.translation import gettext_lazy as _

from units.enums import Role
from units.inbox import item as inbox_item
from units.inbox import register_inbox, url_with

from .enums import SummaryStatus
from .selectors import summaries_drafted


@register_inbox(Role.OFFICE, order=60)
def office_inbox(user, *, today):
    if not user.has_perm("reports.list_summaryreport"):
        return
    yield inbox_item(
        "summaries_drafted",
        _("Báo cáo sơ kết, tổng kết dự thảo chưa ban hành"),
        summaries_drafted().count(),
        url_with("reports:summary-list", status=SummaryStatus.DRAFT),
        today=today,
    )
