import pytest
from django.urls import reverse

from tests.factories import (
    AgencyFactory,
    PersonFactory,
    UnitFactory,
    make_admin,
    make_cluster,
    make_office_user,
    make_unit_head,
)
from units.models import Unit

pytestmark = pytest.mark.django_db

CHANGELISTS = ["unit", "person", "cluster", "user", "agency"]


@pytest.fixture
def catalogue():
    AgencyFactory()
    unit = UnitFactory()
    person = PersonFactory(unit=unit)
    cluster = make_cluster(members=[unit], leader=unit)
    return {"unit": unit, "person": person, "cluster": cluster}


@pytest.mark.parametrize("model", CHANGELISTS)
def test_admin_changelist_loads_for_an_administrator(client, catalogue, model):
    client.force_login(make_admin())

    response = client.get(reverse(f"admin:units_{model}_changelist"))

    assert response.status_code == 200


@pytest.mark.parametrize("model", ["unit", "person", "cluster"])
def test_admin_change_page_loads_for_an_administrator(client, catalogue, model):
    client.force_login(make_admin())

    response = client.get(reverse(f"admin:units_{model}_change", args=[catalogue[model].pk]))

    assert response.status_code == 200


@pytest.mark.parametrize(
    ("model", "expected"), [("unit", 200), ("person", 200), ("cluster", 200), ("user", 403)]
)
def test_office_staff_manage_the_catalogue_but_not_the_logins(client, catalogue, model, expected):
    client.force_login(make_office_user())

    response = client.get(reverse(f"admin:units_{model}_changelist"))

    assert response.status_code == expected


@pytest.mark.parametrize("model", CHANGELISTS)
def test_admin_is_refused_to_a_unit_head(client, catalogue, model):
    client.force_login(make_unit_head())

    response = client.get(reverse(f"admin:units_{model}_changelist"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


@pytest.mark.parametrize("model", ["unit", "person", "cluster"])
def test_admin_is_refused_to_a_unit_head_even_with_the_staff_flag(client, catalogue, model):
    client.force_login(make_unit_head(is_staff=True))

    response = client.get(reverse(f"admin:units_{model}_changelist"))

    assert response.status_code == 403


@pytest.mark.parametrize("model", ["unit", "person", "cluster"])
def test_admin_never_deletes_units_staff_or_clusters_even_for_an_administrator(client, catalogue, model):
    client.force_login(make_admin())
    obj = catalogue[model]

    response = client.post(reverse(f"admin:units_{model}_delete", args=[obj.pk]), {"post": "yes"})

    assert response.status_code == 403
    assert type(obj).objects.filter(pk=obj.pk).exists()


def test_admin_offers_deactivate_instead_of_delete(client, catalogue):
    client.force_login(make_admin())

    response = client.get(reverse("admin:units_unit_changelist"))

    actions = dict(response.context["action_form"].fields["action"].choices)
    assert "delete_selected" not in actions
    assert any(name.startswith("deactivate_") for name in actions)


def test_admin_unit_edit_goes_through_the_service_and_records_the_author(client, catalogue):
    admin_user = make_admin()
    unit = catalogue["unit"]
    client.force_login(admin_user)
    data = {
        "code": unit.code,
        "name": "Tên sửa trong trang quản trị",
        "short_name": unit.short_name,
        "kind": unit.kind,
        "parent": "",
        "address": "",
        "email": "",
        "phone": "",
        "active": "on",
        "order": 0,
    }

    response = client.post(reverse("admin:units_unit_change", args=[unit.pk]), data)

    assert response.status_code == 302
    record = Unit.objects.get(pk=unit.pk).history.latest()
    assert record.name == "Tên sửa trong trang quản trị"
    assert record.history_user == admin_user
    assert record.history_change_reason == "edit"
