"""The admin site: office staff and administrators; staff status alone opens next to nothing.

Every model registered with the admin is opened (its list) by each role. Nobody without staff
status gets past the admin's login page. A unit head whose login was given staff status by
mistake reads only what every logged-in user reads in the application anyway (the award catalog,
registration rounds, criteria sets, disclosure periods) and changes nothing. The office sees the
project's data but not the logins, the groups, the schedules of the worker or the login-attempt
logs, which are the administrator's.
"""

import pytest
from django.contrib import admin
from django.urls import reverse

from catalog.models import AwardType
from tests.factories import UnitFactory, make_unit_head

from .world import ADMIN, ANONYMOUS, COUNCIL, HEAD, OFFICE, OTHER_HEAD, PLAIN

pytestmark = pytest.mark.django_db

# Read by every logged-in user in the application too, so also in the admin by staff status alone.
READ_BY_EVERYONE = {
    "catalog.awardtype",
    "campaigns.registrationround",
    "campaigns.criteriaset",
    "awards.disclosureperiod",
}
# Models whose admin the office may not open (403): the administrator's alone.
ADMINISTRATOR_ONLY = {
    "auth.group",
    "units.user",
    "django_celery_beat.periodictask",
    "django_celery_beat.clockedschedule",
    "django_celery_beat.crontabschedule",
    "django_celery_beat.solarschedule",
    "django_celery_beat.intervalschedule",
    "axes.accessattempt",
    "axes.accesslog",
    "axes.accessfailurelog",
}


def _changelists():
    for model in admin.site._registry:
        opts = model._meta
        yield opts.label_lower, reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")


def _sent_to_admin_login(response):
    return response.status_code == 302 and response["Location"].startswith(reverse("admin:login"))


@pytest.mark.parametrize("role", [ANONYMOUS, PLAIN, OTHER_HEAD, HEAD, COUNCIL])
def test_nobody_without_staff_status_gets_past_the_admin_login(client, world, role):
    if world.users[role] is not None:
        client.force_login(world.users[role])
    urls = [("index", reverse("admin:index")), *_changelists()]

    let_in = [label for label, url in urls if not _sent_to_admin_login(client.get(url))]

    assert len(urls) > 20
    assert let_in == []


def test_staff_status_given_to_a_unit_head_by_mistake_opens_only_what_everyone_reads(client):
    head = make_unit_head(UnitFactory(), is_staff=True)
    client.force_login(head)
    answers = {label: client.get(url).status_code for label, url in _changelists()}
    award = AwardType.objects.get(code="LDTT")

    change = client.post(reverse("admin:catalog_awardtype_change", args=[award.pk]), {"name": "Đã sửa"})

    award.refresh_from_db()
    assert {label for label, code in answers.items() if code != 403} == READ_BY_EVERYONE
    assert {answers[label] for label in READ_BY_EVERYONE} == {200}
    assert change.status_code == 403 and award.name == "Lao động tiên tiến"


def test_the_office_opens_the_project_data_and_not_the_administrators_models(client, world):
    client.force_login(world.users[OFFICE])
    answers = {label: client.get(url).status_code for label, url in _changelists()}

    wrong = {
        label: code
        for label, code in answers.items()
        if code != (403 if label in ADMINISTRATOR_ONLY else 200)
    }

    assert client.get(reverse("admin:index")).status_code == 200
    assert wrong == {}
    assert set(answers) >= ADMINISTRATOR_ONLY, "a model of ADMINISTRATOR_ONLY is no longer registered"


def test_the_administrator_opens_every_model(client, world):
    client.force_login(world.users[ADMIN])

    refused = {label: code for label, url in _changelists() if (code := client.get(url).status_code) != 200}

    assert refused == {}


def test_a_login_is_changed_by_the_administrator_only(client, world):
    url = reverse("admin:units_user_change", args=[world.head.pk])

    client.force_login(world.users[OFFICE])
    office = client.post(url, {"username": "doi-ten", "is_superuser": "on"})
    client.force_login(world.users[ADMIN])
    administrator = client.get(url)

    world.head.refresh_from_db()
    assert office.status_code == 403
    assert (world.head.username, world.head.is_superuser) == ("truong-a", False)
    assert administrator.status_code == 200
