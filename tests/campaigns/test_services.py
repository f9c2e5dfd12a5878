import pytest

from campaigns.enums import CampaignStatus, RegistrationStatus
from campaigns.models import Campaign, RegistrationEvent
from campaigns.services import (
    IndividualLine,
    campaign_transition,
    registration_add_all_staff,
    registration_open,
    registration_save,
    registration_transition,
)
from tests.factories import (
    CampaignFactory,
    PersonFactory,
    RegistrationFactory,
    RegistrationRoundFactory,
    UnitFactory,
    add_individual_line,
    award,
    make_office_user,
    make_unit_head,
)
from units.refusals import Conflict, Refused

pytestmark = pytest.mark.django_db


def _save(reg, by, lines, commitments="", version=None):
    return registration_save(
        reg,
        commitments=commitments,
        individual_lines=lines,
        collective_lines=[],
        by=by,
        seen_updated_at=version,
    )


def test_full_cycle_with_a_return_and_a_resubmission():
    head = make_unit_head()
    office = make_office_user()
    staff = PersonFactory(unit=head.head_of_unit)
    round_ = RegistrationRoundFactory()
    reg, created = registration_open(round_, head.head_of_unit, by=head)
    _save(reg, head, [IndividualLine(staff, award("LDTT"))], commitments="Hoàn thành 100% chỉ tiêu.")

    registration_transition(reg, to=RegistrationStatus.SUBMITTED, by=head)
    registration_transition(reg, to=RegistrationStatus.RETURNED, by=office, reason="Thiếu tập thể khoa.")
    _save(reg, head, [IndividualLine(staff, award("CSTDCS"))])
    registration_transition(reg, to=RegistrationStatus.SUBMITTED, by=head)
    registration_transition(reg, to=RegistrationStatus.ACCEPTED, by=office)

    reg.refresh_from_db()
    assert created
    assert reg.status == RegistrationStatus.ACCEPTED
    assert reg.return_reason == "Thiếu tập thể khoa."
    assert reg.individual_lines.get().award_type.code == "CSTDCS"
    moves = list(
        RegistrationEvent.objects.filter(registration=reg).values_list("from_status", "to_status", "by")
    )
    assert moves == [
        ("draft", "submitted", head.pk),
        ("submitted", "returned", office.pk),
        ("returned", "submitted", head.pk),
        ("submitted", "accepted", office.pk),
    ]
    assert reg.history.count() >= 5


def test_a_repeated_transition_is_a_no_op_saying_already_done():
    office = make_office_user()
    reg = RegistrationFactory(submitted=True)
    add_individual_line(reg)
    registration_transition(reg, to=RegistrationStatus.ACCEPTED, by=office)

    again = registration_transition(reg, to=RegistrationStatus.ACCEPTED, by=office)

    assert again is False
    assert reg.events.count() == 1


def test_a_unit_head_cannot_accept_their_own_registration():
    reg = RegistrationFactory(submitted=True)
    head = make_unit_head(reg.unit)

    with pytest.raises(Refused, match="Chỉ Thường trực TĐKT"):
        registration_transition(reg, to=RegistrationStatus.ACCEPTED, by=head)

    reg.refresh_from_db()
    assert reg.status == RegistrationStatus.SUBMITTED


def test_a_unit_head_cannot_submit_another_units_registration():
    reg = RegistrationFactory()
    add_individual_line(reg)
    stranger = make_unit_head()

    with pytest.raises(Refused):
        registration_transition(reg, to=RegistrationStatus.SUBMITTED, by=stranger)

    reg.refresh_from_db()
    assert reg.status == RegistrationStatus.DRAFT


def test_returning_needs_a_reason():
    reg = RegistrationFactory(submitted=True)

    with pytest.raises(Refused, match="lý do"):
        registration_transition(reg, to=RegistrationStatus.RETURNED, by=make_office_user(), reason="  ")


def test_an_empty_registration_cannot_be_submitted():
    reg = RegistrationFactory()

    with pytest.raises(Refused, match="chưa có tập thể hay cá nhân"):
        registration_transition(reg, to=RegistrationStatus.SUBMITTED, by=make_unit_head(reg.unit))


def test_an_accepted_registration_is_locked_for_the_unit_head():
    reg = RegistrationFactory(accepted=True)
    head = make_unit_head(reg.unit)
    person = PersonFactory(unit=reg.unit)

    with pytest.raises(Refused, match="không sửa được"):
        _save(reg, head, [IndividualLine(person, award("LDTT"))])

    assert reg.individual_lines.count() == 0


def test_reopening_is_an_office_action_kept_in_the_log():
    office = make_office_user()
    reg = RegistrationFactory(accepted=True)
    head = make_unit_head(reg.unit)

    with pytest.raises(Refused):
        registration_transition(reg, to=RegistrationStatus.DRAFT, by=head, reason="Xin sửa")
    registration_transition(reg, to=RegistrationStatus.RETURNED, by=office, reason="Bổ sung 2 cá nhân.")

    reg.refresh_from_db()
    event = reg.events.get()
    assert reg.status == RegistrationStatus.RETURNED
    assert (event.from_status, event.to_status, event.reason) == (
        "accepted",
        "returned",
        "Bổ sung 2 cá nhân.",
    )
    _save(reg, head, [IndividualLine(PersonFactory(unit=reg.unit), award("LDTT"))])
    assert reg.individual_lines.count() == 1


def test_a_late_submission_is_accepted_and_marked_late():
    reg = RegistrationFactory(round=RegistrationRoundFactory(past=True))
    add_individual_line(reg)

    registration_transition(reg, to=RegistrationStatus.SUBMITTED, by=make_unit_head(reg.unit))

    reg.refresh_from_db()
    assert reg.status == RegistrationStatus.SUBMITTED
    assert reg.is_late
    assert reg.events.get().late


def test_a_late_submission_is_refused_when_the_round_says_so():
    reg = RegistrationFactory(round=RegistrationRoundFactory(past=True, refuse_late=True))
    add_individual_line(reg)

    with pytest.raises(Refused, match="quá hạn"):
        registration_transition(reg, to=RegistrationStatus.SUBMITTED, by=make_unit_head(reg.unit))

    reg.refresh_from_db()
    assert reg.status == RegistrationStatus.DRAFT


def test_a_resubmission_after_a_return_past_the_deadline_is_not_refused():
    reg = RegistrationFactory(returned=True, round=RegistrationRoundFactory(past=True, refuse_late=True))
    reg.first_submitted_at = reg.created_at
    reg.save()
    add_individual_line(reg)

    registration_transition(reg, to=RegistrationStatus.SUBMITTED, by=make_unit_head(reg.unit))

    reg.refresh_from_db()
    assert reg.status == RegistrationStatus.SUBMITTED
    assert not reg.is_late


@pytest.mark.parametrize(
    ("make_line", "message"),
    [
        (lambda reg: IndividualLine(PersonFactory(), award("LDTT")), "không thuộc"),
        (
            lambda reg: IndividualLine(PersonFactory(unit=reg.unit, inactive=True), award("LDTT")),
            "nghỉ công tác",
        ),
        (
            lambda reg: IndividualLine(PersonFactory(unit=reg.unit), award("TTLDXS")),
            "không áp dụng cho cá nhân",
        ),
    ],
)
def test_bad_lines_are_refused_by_the_service_too(make_line, message):
    reg = RegistrationFactory()

    with pytest.raises(Refused, match=message):
        _save(reg, make_unit_head(reg.unit), [make_line(reg)])

    assert reg.individual_lines.count() == 0


def test_the_same_person_twice_is_refused():
    reg = RegistrationFactory()
    person = PersonFactory(unit=reg.unit)

    with pytest.raises(Refused, match="hai lần"):
        _save(
            reg,
            make_unit_head(reg.unit),
            [IndividualLine(person, award("LDTT")), IndividualLine(person, award("CSTDCS"))],
        )


def test_a_stale_version_is_refused_as_a_concurrent_edit():
    reg = RegistrationFactory()
    head = make_unit_head(reg.unit)
    stale = reg.updated_at
    _save(reg, head, [IndividualLine(PersonFactory(unit=reg.unit), award("LDTT"))], version=stale)

    with pytest.raises(Conflict, match="người khác cập nhật"):
        _save(reg, head, [], version=stale)

    assert reg.individual_lines.count() == 1


def test_staff_of_a_sub_unit_may_be_registered_by_the_hospital():
    hospital = UnitFactory()
    ward = UnitFactory(parent=hospital, department=True)
    reg = RegistrationFactory(unit=hospital)

    _save(reg, make_unit_head(hospital), [IndividualLine(PersonFactory(unit=ward), award("LDTT"))])

    assert reg.individual_lines.count() == 1


def test_add_all_staff_adds_only_active_staff_not_yet_listed():
    reg = RegistrationFactory()
    listed = PersonFactory(unit=reg.unit)
    PersonFactory(unit=reg.unit)
    PersonFactory(unit=reg.unit, inactive=True)
    add_individual_line(reg, listed, "CSTDCS")

    added = registration_add_all_staff(reg, award_type=award("LDTT"), by=make_unit_head(reg.unit))

    assert added == 2  # the new one and the head's own Person row created by make_unit_head
    assert reg.individual_lines.get(person=listed).award_type.code == "CSTDCS"


def test_campaign_moves_through_its_lifecycle_once():
    office = make_office_user()
    campaign = CampaignFactory(draft=True)

    assert campaign_transition(campaign, to=CampaignStatus.LAUNCHED, by=office) is True
    assert campaign_transition(campaign, to=CampaignStatus.LAUNCHED, by=office) is False
    with pytest.raises(Refused, match="Không thể chuyển"):
        campaign_transition(campaign, to=CampaignStatus.DRAFT, by=office)
    with pytest.raises(Refused):
        campaign_transition(campaign, to=CampaignStatus.UNDER_WAY, by=make_unit_head())
    assert Campaign.objects.get(pk=campaign.pk).status == CampaignStatus.LAUNCHED
