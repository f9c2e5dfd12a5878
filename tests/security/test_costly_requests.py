"""A posted TOTAL_FORMS cannot make a request costly: every formset has a ceiling (the rows that
exist plus a bounded room) and a larger post is refused with one message, no form built past it."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from campaigns.forms import CollectiveLines, CriterionRows, IndividualLines
from tests.factories import PersonFactory, PlanFactory, RegistrationFactory, make_office_user, make_unit_head
from tests.security.helpers import page_values

pytestmark = pytest.mark.django_db

HUGE = 2000


def test_a_registration_posted_with_two_thousand_lines_is_refused_without_building_them(client):
    reg = RegistrationFactory()
    for _ in range(5):
        PersonFactory(unit=reg.unit)
    client.force_login(make_unit_head(reg.unit))
    url = reverse("campaigns:registration-edit", args=[reg.pk])
    data = page_values(client.get(url), "form", "collectives", "individuals")
    data.update({"ind-TOTAL_FORMS": str(HUGE), "col-TOTAL_FORMS": str(HUGE)})
    for i in range(900):  # under DATA_UPLOAD_MAX_NUMBER_FIELDS
        data[f"ind-{i}-note"] = "x"

    with CaptureQueriesContext(connection) as queries:
        response = client.post(url, data)

    assert response.status_code == 200
    individuals = response.context["individuals"]
    assert (
        len(individuals.forms) <= reg.staff_queryset().count() + 50
        and len(response.context["collectives"].forms) <= 50
    )
    assert "Gửi nhiều nhất" in response.content.decode()
    assert len(queries) < 200
    assert reg.individual_lines.count() == 0


def test_a_plan_posted_with_two_thousand_tasks_is_refused(client):
    plan = PlanFactory()
    client.force_login(make_office_user())
    url = reverse("plans:edit", args=[plan.pk])
    page = client.get(url)
    assert page.status_code == 200
    data = page_values(page, "form", "task_formset", "target_formset")
    data.update({"tasks-TOTAL_FORMS": str(HUGE), "targets-TOTAL_FORMS": str(HUGE)})

    response = client.post(url, data)

    assert response.status_code == 200
    assert len(response.context["task_formset"].forms) <= 50
    assert "Gửi nhiều nhất" in response.content.decode()


@pytest.mark.parametrize("formset_class", [IndividualLines, CollectiveLines, CriterionRows])
def test_every_formset_has_a_ceiling_well_under_djangos_default(formset_class):
    kwargs = {"registration": RegistrationFactory()} if formset_class is not CriterionRows else {}
    formset = formset_class({"x-TOTAL_FORMS": str(HUGE), "x-INITIAL_FORMS": "0"}, prefix="x", **kwargs)

    assert formset.absolute_max <= 100 and formset.max_num <= 100
    assert formset.total_form_count() <= 100 and not formset.is_valid()
