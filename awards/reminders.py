"""Deadlines the awards app registers with the reminder scan (``notifications.providers``).

- A disclosure period (công khai) closes on a set day: the office is reminded to collect the
  comments for the council before then (and of the comments still waiting for moderation).
- A call for nominations (đợt đề nghị khen thưởng) has a deadline: the head of each unit that
  still has nominations in draft or returned, or sent ones missing a required document (and, if
  the call says so, each unit with no nomination at all) is reminded before and after it; the
  day after, the office gets one escalation per call naming the units that lag.
- Submitted nominations must be verified (thẩm định) within the working days of their rule
  (``Nomination.verification_due``): the office is reminded of each due day with the number of
  nominations still waiting, before it and the day after.
"""

from urllib.parse import urlencode

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from notifications.providers import Deadline, earliest_due, office_staff, register

from .enums import CommentStatus, NominationStatus
from .models import DisclosurePeriod, Nomination, NominationCall
from .selectors import call_lagging_units


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
                summary=str(
                    _("%(n)s ý kiến đã nhận, %(pending)s ý kiến chờ duyệt")
                    % period.comments.aggregate(
                        n=Count("pk"), pending=Count("pk", filter=Q(status=CommentStatus.PENDING))
                    )
                ),
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


@register
class NominationCallDeadlines:
    kind = "awards_nomination_call"
    label = _("Hạn gửi đề nghị khen thưởng của đơn vị")

    def deadlines(self, today):
        calls = list(
            NominationCall.objects.filter(active=True, deadline__gte=earliest_due(today)).order_by("deadline")
        )
        office = office_staff() if calls else []
        for call in calls:
            title = str(_("Gửi đề nghị khen thưởng năm %(year)s kèm hồ sơ đầy đủ") % {"year": call.year})
            url = f"{reverse('awards:nomination-list')}?{urlencode({'year': call.year})}"
            lagging = call_lagging_units(call)
            for item in lagging:
                yield Deadline(
                    key=f"awards.NominationCall:{call.pk}:unit:{item.unit_id}",
                    due_date=call.deadline,
                    title=title,
                    url=url,
                    recipients=item.heads,
                    summary=f"{item.unit_name}: {item.summary()}",
                )
            if lagging:
                # The office hears once per call, the day after, with the units that lag.
                yield Deadline(
                    key=f"awards.NominationCall:{call.pk}",
                    due_date=call.deadline,
                    title=str(
                        _("Đơn vị chưa hoàn thành đề nghị khen thưởng năm %(year)s") % {"year": call.year}
                    ),
                    url=call.get_absolute_url(),
                    escalate_to=office,
                    summary="; ".join(f"{item.unit_name} ({item.summary()})" for item in lagging),
                )
