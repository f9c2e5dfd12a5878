"""The office keeps rule sets, evaluations, initiatives and the award history in the admin."""

import pytest
from django.urls import reverse

from awards.models import AwardRule, Nomination, RuleSet
from tests.factories import PersonFactory, make_office_user, make_unit_head

from .builders import evaluate, give, initiative, nominate

pytestmark = pytest.mark.django_db

MODELS = ["ruleset", "awardrule", "evaluation", "initiative", "awardrecord", "nomination"]


@pytest.fixture
def rows():
    person = PersonFactory()
    evaluate(person, 2025, "HTNV")
    give(person, "LDTT", 2024)
    initiative(person, 2025)
    nomination = nominate(person, "LDTT")
    return {
        "ruleset": RuleSet.objects.first(),
        "awardrule": AwardRule.objects.first(),
        "evaluation": person.evaluations.first(),
        "initiative": person.initiatives.first(),
        "awardrecord": person.award_records.first(),
        "nomination": nomination,
    }


@pytest.mark.parametrize("model", MODELS)
def test_changelist_and_change_page_load_for_the_office(client, rows, model):
    client.force_login(make_office_user())

    listing = client.get(reverse(f"admin:awards_{model}_changelist"))
    change = client.get(reverse(f"admin:awards_{model}_change", args=[rows[model].pk]))

    assert listing.status_code == 200
    assert change.status_code == 200


def test_a_unit_head_does_not_reach_the_awards_admin(client, rows):
    client.force_login(make_unit_head(is_staff=True))

    response = client.get(reverse("admin:awards_ruleset_changelist"))

    assert response.status_code == 403


def test_saving_a_nomination_in_the_admin_checks_its_eligibility(client, rows):
    client.force_login(make_office_user())
    nomination = rows["nomination"]
    url = reverse("admin:awards_nomination_change", args=[nomination.pk])
    data = {
        "year": 2025,
        "award_type": nomination.award_type_id,
        "achievement_kind": "annual",
        "person": nomination.person_id,
        "unit": "",
        "proposing_unit": nomination.proposing_unit_id,
        "achievements": "Hoàn thành tốt nhiệm vụ được giao.",
        "leads_cluster": "unknown",
        "claims-TOTAL_FORMS": 0,
        "claims-INITIAL_FORMS": 0,
    }

    response = client.post(url, data)

    assert response.status_code == 302, response.content.decode()[:2000]
    nomination = Nomination.objects.get(pk=nomination.pk)
    assert nomination.eligibility == "not_eligible"
    page = client.get(url).content.decode()
    assert "dưới mức Hoàn thành tốt nhiệm vụ" in page
