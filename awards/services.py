"""Writes of the awards app: storing eligibility verdicts and claiming initiatives.

The nomination workflow (``nomination_transition`` over ``enums.NOMINATION_TRANSITIONS``),
dossiers, the council and decisions come with the next rounds of issue 5.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import eligibility
from .enums import NOMINATION_STANDING
from .models import Initiative, InitiativeClaim, Nomination

ELIGIBILITY_FIELDS = ["eligibility", "eligibility_reasons", "eligibility_checked_at", "rule_set"]


def _apply(nomination: Nomination, verdict: eligibility.Verdict, now) -> None:
    nomination.eligibility = verdict.status
    nomination.eligibility_reasons = verdict.reasons_as_json()
    nomination.eligibility_checked_at = now
    nomination.rule_set = verdict.rule_set


def nomination_check_eligibility(nomination: Nomination, *, save: bool = True) -> eligibility.Verdict:
    """Judge one nomination and store the verdict with its reasons and the rule set used."""
    verdict = eligibility.check(nomination)
    _apply(nomination, verdict, timezone.now())
    if save and nomination.pk:
        nomination.save(update_fields=[*ELIGIBILITY_FIELDS, "updated_at"])
    return verdict


def nominations_check_eligibility(nominations, *, batch_size: int = 500) -> dict[int, eligibility.Verdict]:
    """Judge many saved nominations at once and store the verdicts (bulk update, no history rows)."""
    nominations = list(nominations)
    verdicts = eligibility.check_many(nominations)
    now = timezone.now()
    for nomination in nominations:
        _apply(nomination, verdicts[nomination.pk], now)
    Nomination.objects.bulk_update(nominations, ELIGIBILITY_FIELDS, batch_size=batch_size)
    return verdicts


def initiative_claim(nomination: Nomination, initiative: Initiative) -> InitiativeClaim:
    """Name an initiative as the basis of a nomination. One initiative justifies one achievement
    of each author: a second claim by the same author is refused with the nomination that holds it.
    A claim held by a rejected nomination is released and taken over. Claiming twice for the same
    nomination returns the existing claim."""
    if not nomination.person_id:
        raise ValidationError(_("Chỉ đề nghị khen thưởng cá nhân mới dùng sáng kiến làm căn cứ."))
    if not initiative.authorships.filter(person_id=nomination.person_id).exists():
        raise ValidationError(
            _("%(person)s không phải là tác giả của sáng kiến “%(title)s”.")
            % {"person": nomination.person.full_name, "title": initiative.title}
        )
    with transaction.atomic():
        Initiative.objects.select_for_update().filter(pk=initiative.pk).first()
        existing = (
            InitiativeClaim.objects.select_related("nomination", "nomination__award_type")
            .filter(initiative=initiative, person_id=nomination.person_id)
            .first()
        )
        if existing is not None:
            if existing.nomination_id == nomination.pk:
                return existing
            if existing.nomination.status in NOMINATION_STANDING:
                raise ValidationError(
                    _(
                        "Sáng kiến “%(title)s” đã được dùng làm căn cứ cho đề nghị %(award)s năm %(year)s; "
                        "mỗi sáng kiến chỉ làm căn cứ cho một thành tích."
                    )
                    % {
                        "title": initiative.title,
                        "award": existing.nomination.award_type.name,
                        "year": existing.nomination.year,
                    }
                )
            existing.delete()  # held by a rejected nomination: released
        try:
            with transaction.atomic():
                return InitiativeClaim.objects.create(
                    nomination=nomination, initiative=initiative, person_id=nomination.person_id
                )
        except IntegrityError as exc:  # a concurrent claim won the race
            raise ValidationError(
                _("Sáng kiến “%(title)s” vừa được dùng làm căn cứ cho một đề nghị khác.")
                % {"title": initiative.title}
            ) from exc


def nomination_release_claims(nomination: Nomination) -> int:
    """Free the initiatives a nomination claimed (when it is rejected or withdrawn)."""
    if nomination.status in NOMINATION_STANDING:
        return 0
    deleted, _details = InitiativeClaim.objects.filter(nomination=nomination).delete()
    return deleted
