"""Services: storing verdicts on nominations, and one initiative for one achievement."""

import pytest
from django.core.exceptions import ValidationError

from awards import services
from awards.enums import EligibilityStatus
from awards.models import InitiativeClaim
from tests.factories import PersonFactory, add_initiative_author

from .builders import evaluate, give, initiative, message_of, nominate

pytestmark = pytest.mark.django_db


@pytest.fixture
def person():
    return PersonFactory()


def test_the_verdict_is_stored_with_its_reasons_and_rule_set(person):
    evaluate(person, 2025, "HTNV")
    nomination = nominate(person, "LDTT")

    services.nomination_check_eligibility(nomination)

    nomination.refresh_from_db()
    assert nomination.eligibility == EligibilityStatus.NOT_ELIGIBLE
    assert nomination.eligibility_reasons[0]["code"] == "evaluation_below"
    assert "dưới mức Hoàn thành tốt nhiệm vụ" in nomination.eligibility_reasons[0]["message"]
    assert nomination.rule_set.name.startswith("Mặc định")
    assert nomination.eligibility_checked_at is not None


def test_verdicts_of_a_batch_are_stored_in_bulk(person):
    other = PersonFactory()
    evaluate(person, 2025, "HTTNV")
    first, second = nominate(person, "LDTT"), nominate(other, "LDTT")

    verdicts = services.nominations_check_eligibility([first, second])

    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.eligibility, second.eligibility) == ("eligible", "not_eligible")
    assert verdicts[second.pk].codes == ["evaluation_missing"]


def test_an_author_claims_an_initiative_for_a_nomination(person):
    item = initiative(person, 2025)
    nomination = nominate(person, "CSTDCS")

    claim = services.initiative_claim(nomination, item)

    assert claim.person == person
    assert list(nomination.claimed_initiatives.all()) == [item]


def test_claiming_again_for_the_same_nomination_is_harmless(person):
    item = initiative(person, 2025)
    nomination = nominate(person, "CSTDCS")

    services.initiative_claim(nomination, item)
    services.initiative_claim(nomination, item)

    assert InitiativeClaim.objects.count() == 1


def test_an_initiative_justifies_one_achievement_only(person):
    item = initiative(person, 2025, title="Cải tiến quy trình tiếp đón người bệnh")
    services.initiative_claim(nominate(person, "CSTDCS"), item)

    with pytest.raises(ValidationError) as excinfo:
        services.initiative_claim(nominate(person, "BK_UBND"), item)

    assert excinfo.value.messages == [
        "Sáng kiến “Cải tiến quy trình tiếp đón người bệnh” đã được dùng làm căn cứ cho đề nghị "
        "Chiến sĩ thi đua cơ sở năm 2025; mỗi sáng kiến chỉ làm căn cứ cho một thành tích."
    ]


def test_a_co_author_may_claim_the_same_initiative_for_their_own_achievement(person):
    colleague = PersonFactory(unit=person.unit)
    item = initiative(person, 2025)
    add_initiative_author(item, colleague)
    services.initiative_claim(nominate(person, "CSTDCS"), item)

    claim = services.initiative_claim(nominate(colleague, "CSTDCS"), item)

    assert claim.person == colleague


def test_someone_who_is_not_an_author_cannot_claim_it(person):
    item = initiative(PersonFactory(), 2025, title="Sáng kiến của người khác")

    with pytest.raises(ValidationError, match="không phải là tác giả của sáng kiến"):
        services.initiative_claim(nominate(person, "CSTDCS"), item)


def test_a_collective_nomination_cannot_claim_an_initiative(person):
    item = initiative(person, 2025)

    with pytest.raises(ValidationError, match="Chỉ đề nghị khen thưởng cá nhân"):
        services.initiative_claim(nominate(person.unit, "TTLDXS"), item)


def test_a_claim_of_a_rejected_nomination_is_released(person):
    item = initiative(person, 2025)
    rejected = nominate(person, "CSTDCS")
    services.initiative_claim(rejected, item)
    rejected.status = "rejected"
    rejected.save()

    claim = services.initiative_claim(nominate(person, "BK_UBND"), item)

    assert claim.nomination.award_type.code == "BK_UBND"
    assert InitiativeClaim.objects.count() == 1


def test_release_claims_frees_the_initiatives_of_a_rejected_nomination(person):
    item = initiative(person, 2025)
    nomination = nominate(person, "CSTDCS")
    services.initiative_claim(nomination, item)

    assert services.nomination_release_claims(nomination) == 0
    nomination.status = "rejected"
    assert services.nomination_release_claims(nomination) == 1


def test_an_initiative_claimed_by_another_nomination_does_not_count_for_eligibility(person):
    evaluate(person, 2025, "HTTNV")
    give(person, "LDTT", 2025)
    item = initiative(person, 2025, title="Phần mềm nhắc lịch tái khám")
    services.initiative_claim(nominate(person, "GK_GD"), item)

    verdict = services.nomination_check_eligibility(nominate(person, "CSTDCS"))

    assert verdict.status == EligibilityStatus.NOT_ELIGIBLE
    assert (
        "không tính “Phần mềm nhắc lịch tái khám”: đã dùng làm căn cứ cho đề nghị "
        "Giấy khen của Giám đốc Sở Y tế năm 2025" in message_of(verdict, "no_path_met")
    )


def test_an_initiative_claimed_by_the_nomination_itself_counts(person):
    evaluate(person, 2025, "HTTNV")
    give(person, "LDTT", 2025)
    item = initiative(person, 2025)
    nomination = nominate(person, "CSTDCS")
    services.initiative_claim(nomination, item)

    assert services.nomination_check_eligibility(nomination).status == EligibilityStatus.ELIGIBLE


def test_a_nomination_saved_after_the_same_one_was_filed_meanwhile_is_refused_on_its_field(head, staff):
    from awards.forms import NominationForm
    from awards.models import Nomination
    from tests.factories import NominationFactory, award
    from units.refusals import Refused

    data = {"year": 2025, "person": staff.pk, "award_type": award("LDTT").pk, "achievement_kind": "annual"}
    form = NominationForm(data, user=head)
    assert form.is_valid(), form.errors
    NominationFactory(person=staff, award_type=award("LDTT"), year=2025)  # filed by someone else meanwhile

    with pytest.raises(Refused) as refused:
        services.nomination_save(form, by=head)

    assert "đã được đề nghị danh hiệu/hình thức này cho năm này" in str(refused.value.message_dict["person"])
    assert Nomination.objects.filter(person=staff).count() == 1
