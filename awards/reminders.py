"""Deadlines the awards app registers with the reminder scan (``notifications.providers``).

- A disclosure period (công khai) closes on a set day: the office is reminded to collect the
  comments for the council before then.
- Submitted nominations must be verified (thẩm định) within the working days of their rule
  (``Nomination.verification_due``): the office is reminded of each due day with the number of
  nominations still waiting, before it and the day after.
"""

from urllib.parse import urlencode

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from notifications.providers import Deadline, earliest_due, office_staff, register

from .enums import NominationStatus
from .models import DisclosurePeriod, Nomination


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


@register
class VerificationDeadlines:
    """One deadline per due day of verification, for the office, while nominations of that day
    still wait: verifying or returning them all ends the reminders."""

    kind = "awards_verification"
    label = _("Hạn thẩm định đề nghị khen thưởng")

    def deadlines(self, today):
        days = list(
            Nomination.objects.filter(
                status=NominationStatus.SUBMITTED, verification_due__gte=earliest_due(today)
            )
            .values("verification_due")
            .annotate(waiting=Count("pk"))
            .order_by("verification_due")
        )
        if not days:
            return
        office = office_staff()
        for row in days:
            due = row["verification_due"]
            yield Deadline(
                key=f"awards.NominationVerification:{due.isoformat()}",
                due_date=due,
                title=str(_("Thẩm định đề nghị khen thưởng đã nhận")),
                url=f"{reverse('awards:verify-queue')}?{urlencode({'due': due.isoformat()})}",
                recipients=office,
                summary=str(_("%(n)d đề nghị chưa thẩm định") % {"n": row["waiting"]}),
            )
