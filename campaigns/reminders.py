"""The campaigns app's deadlines for the reminder scan. Registered from CampaignsConfig.ready().

Each open registration round is one deadline per unit expected to register whose registration
is not submitted yet (none, a draft, or returned to them), to that unit's heads and naming that
unit only; a unit that submits drops out of the next reminders. The office's deadline of the
round lists every such unit, and reaches the office staff as the escalation the day after.
A round that refuses late submissions no longer reminds the units once it is over (they could
not act on it); the office still gets the escalation.

A round is open while its campaign (if any) is launched or under way and, when it has an opening
day, that day has come.
"""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from notifications.providers import Deadline, earliest_due, office_staff, register
from units.selectors import unit_heads

from .enums import CAMPAIGN_OPEN, RegistrationStatus
from .models import Registration, RegistrationRound
from .selectors import units_expected_to_register

NOT_SUBMITTED = frozenset({RegistrationStatus.DRAFT, RegistrationStatus.RETURNED})


def open_rounds(today) -> list[RegistrationRound]:
    return list(
        RegistrationRound.objects.filter(deadline__gte=earliest_due(today))
        .filter(Q(campaign__isnull=True) | Q(campaign__status__in=CAMPAIGN_OPEN))
        .filter(Q(opens_on__isnull=True) | Q(opens_on__lte=today))
        .order_by("deadline", "pk")
    )


@register
class RegistrationRoundDeadlines:
    kind = "registration_round"
    label = _("Hạn đăng ký thi đua")

    def deadlines(self, today):
        rounds = open_rounds(today)
        if not rounds:
            return
        expected = {unit.pk: unit for unit in units_expected_to_register()}
        done = defaultdict(set)  # round id -> ids of units whose registration is submitted or accepted
        for round_id, unit_id in (
            Registration.objects.filter(round__in=rounds)
            .exclude(status__in=NOT_SUBMITTED)
            .values_list("round_id", "unit_id")
        ):
            done[round_id].add(unit_id)
        heads = unit_heads(expected)
        office = office_staff()
        for round_ in rounds:
            pending = [unit_id for unit_id in expected if unit_id not in done[round_.pk]]
            if not pending:
                continue
            closed_to_units = round_.refuses_late and today > round_.deadline
            title = str(_("Đăng ký thi đua: %(name)s") % {"name": round_.name})
            if not closed_to_units:
                # each unit head hears of their own unit only (the mail, the bell and the calendar
                # feed show what the head's pages show)
                for unit_id in pending:
                    if not heads[unit_id]:
                        continue
                    yield Deadline(
                        key=f"campaigns.RegistrationRound:{round_.pk}:unit:{unit_id}",
                        due_date=round_.deadline,
                        title=title,
                        url=round_.get_absolute_url(),
                        recipients=heads[unit_id],
                        summary=str(_("%(unit)s chưa gửi đăng ký.") % {"unit": expected[unit_id].name}),
                    )
            # the office hears once, with every unit that has not sent
            yield Deadline(
                key=f"campaigns.RegistrationRound:{round_.pk}",
                due_date=round_.deadline,
                title=title,
                url=round_.get_absolute_url(),
                escalate_to=office,
                summary=str(
                    _("%(n)d đơn vị chưa gửi đăng ký: %(units)s")
                    % {"n": len(pending), "units": ", ".join(expected[pk].name for pk in pending)}
                ),
            )
