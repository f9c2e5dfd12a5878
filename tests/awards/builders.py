"""Short ways to write a history for the eligibility tests: evaluations, titles, initiatives; and
to move a nomination the way the office does (sent by its unit head, an award it relied on revoked)."""

import datetime

from awards import eligibility
from awards.models import Nomination
from tests.factories import (
    AwardRecordFactory,
    EvaluationFactory,
    InitiativeFactory,
    NominationFactory,
    PersonFactory,
    UnitFactory,
    add_initiative_author,
    add_required_documents,
    award,
)

SIGNER = {"signer_name": "Lê Quang Trung", "signer_position": "Giám đốc"}


def evaluate(subject, year, level):
    if hasattr(subject, "staff_code"):
        return EvaluationFactory(person=subject, year=year, level=level)
    return EvaluationFactory(person=None, unit=subject, year=year, level=level)


def evaluate_years(subject, years, level):
    for year in years:
        evaluate(subject, year, level)


def give(subject, code, year, *, kind="annual", **kwargs):
    """An award record: the subject received ``code`` for ``year``."""
    if hasattr(subject, "staff_code"):
        return AwardRecordFactory(
            person=subject, award_type=award(code), year=year, achievement_kind=kind, **kwargs
        )
    return AwardRecordFactory(
        person=None, unit=subject, award_type=award(code), year=year, achievement_kind=kind, **kwargs
    )


def give_years(subject, code, years):
    for year in years:
        give(subject, code, year)


def initiative(person, year=2025, scope="base", kind="initiative", **kwargs):
    item = InitiativeFactory(year=year, scope=scope, kind=kind, **kwargs)
    add_initiative_author(item, person)
    return item


def nominate(subject, code, year=2025, **kwargs) -> Nomination:
    if hasattr(subject, "staff_code"):
        return NominationFactory(person=subject, award_type=award(code), year=year, **kwargs)
    return NominationFactory(person=None, unit=subject, award_type=award(code), year=year, **kwargs)


def verdict_for(subject, code, year=2025, **kwargs):
    """File a nomination and judge it."""
    nomination = nominate(subject, code, year, **kwargs)
    return eligibility.check(nomination)


def unit_with_staff(size, **kwargs):
    unit = UnitFactory(**kwargs)
    staff = PersonFactory.create_batch(size, unit=unit)
    return unit, staff


def collective(size, *, unit_level="HTXSNV", member_level="HTTNV", ldtt=0, cstdcs=0, year=2025):
    """A unit of ``size`` staff, all rated ``member_level``; the first ``ldtt`` hold LĐTT, the
    first ``cstdcs`` of those hold CSTĐCS too; the unit itself rated ``unit_level``."""
    unit, staff = unit_with_staff(size)
    if unit_level:
        evaluate(unit, year, unit_level)
    for person in staff:
        if member_level:
            evaluate(person, year, member_level)
    for person in staff[:ldtt]:
        give(person, "LDTT", year)
    for person in staff[:cstdcs]:
        give(person, "CSTDCS", year)
    return unit, staff


def message_of(verdict, code) -> str:
    matches = [r.message for r in verdict.reasons if r.code == code]
    assert matches, f"no reason {code!r} in {verdict.reasons}"
    return matches[0]


def send(subject, code, *, by, year=2025) -> Nomination:
    """A nomination filed and sent by the unit head ``by``, its required documents attached."""
    from awards.enums import NominationStatus
    from awards.services import nomination_transition

    nomination = nominate(subject, code, year, proposing_unit=by.head_of_unit)
    add_required_documents(nomination)
    nomination_transition(nomination, to=NominationStatus.SUBMITTED, by=by)
    nomination.refresh_from_db()
    return nomination


def revoke(*records, by):
    """The council's decision revoking ``records`` (1 March 2026)."""
    from council.services import decision_revoke

    return decision_revoke(
        list(records), date=datetime.date(2026, 3, 1), reason="Kê khai thành tích không đúng", by=by, **SIGNER
    )
