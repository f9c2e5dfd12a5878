"""Deadlines the awards app registers with the reminder scan (``notifications.providers``).

A disclosure period (công khai) closes on a set day: the office is reminded to collect the
comments for the council before then.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from notifications.providers import Deadline, earliest_due, office_staff, register

from .models import DisclosurePeriod


@register
class DisclosureDeadlines:
    kind = "awards_disclosure"
    label = _("Hết hạn công khai danh sách khen thưởng")

    def deadlines(self, today):
        periods = DisclosurePeriod.objects.filter(closes__gte=earliest_due(today)).order_by("closes")
        office = None
        for period in periods:
            if office is None:
                office = office_staff()
            yield Deadline(
                key=f"awards.DisclosurePeriod:{period.pk}",
                due_date=period.closes,
                title=str(
                    _(
                        "Kết thúc công khai danh sách đề nghị khen thưởng năm %(year)s; "
                        "tổng hợp ý kiến cho Hội đồng"
                    )
                    % {"year": period.year}
                ),
                url=reverse("awards:disclosure-detail", args=[period.pk]),
                recipients=office,
                summary=str(_("%(n)s ý kiến đã nhận") % {"n": period.comments.count()}),
            )
