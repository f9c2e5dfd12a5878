"""Permission predicates as tables: every state and role -> the expected answer."""

import pytest

from awards.enums import NOMINATION_EDITABLE, NOMINATION_FINAL, NominationStatus
from awards.rules import can_be_edited, can_be_rechecked

pytestmark = pytest.mark.django_db

STATES = list(NominationStatus)


@pytest.mark.parametrize("status", STATES)
def test_can_be_edited_only_while_draft_or_returned(status, make_nomination):
    nomination = make_nomination(status=status)

    assert can_be_edited(None, nomination) is (status in NOMINATION_EDITABLE)


@pytest.mark.parametrize("status", STATES)
def test_can_be_rechecked_until_final(status, make_nomination):
    nomination = make_nomination(status=status)

    assert can_be_rechecked(None, nomination) is (status not in NOMINATION_FINAL)


ROLES = ["head", "office", "other_head", "council_member", "admin_user"]
VIEW = {"head": True, "office": True, "other_head": False, "council_member": False}


@pytest.mark.parametrize("role", ROLES[:-1])
@pytest.mark.parametrize("status", STATES)
def test_who_may_view_and_change_a_nomination(role, status, request, make_nomination):
    user = request.getfixturevalue(role)
    nomination = make_nomination(status=status)
    editable = status in NOMINATION_EDITABLE

    assert user.has_perm("awards.view_nomination", nomination) is VIEW[role]
    assert user.has_perm("awards.change_nomination", nomination) is (VIEW[role] and editable)
    assert user.has_perm("awards.upload_dossier", nomination) is (VIEW[role] and editable)
    assert user.has_perm("awards.delete_nomination", nomination) is False


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("head", False),
        ("office", True),
        ("other_head", False),
        ("council_member", False),
        ("admin_user", True),
    ],
)
def test_only_the_office_verifies_imports_and_opens_disclosures(role, expected, request):
    user = request.getfixturevalue(role)

    assert user.has_perm("awards.verify_nomination") is expected
    assert user.has_perm("awards.import_history") is expected
    assert user.has_perm("awards.add_disclosureperiod") is expected


@pytest.mark.parametrize("status", STATES)
def test_a_superuser_passes_every_permission_but_the_services_still_check_the_state(
    status, admin_user, make_nomination
):
    from awards.services import dossier_file_add
    from tests.factories import make_upload
    from units.refusals import Refused

    nomination = make_nomination(status=status)

    assert admin_user.has_perm("awards.change_nomination", nomination)
    if status not in NOMINATION_EDITABLE:
        with pytest.raises(Refused):
            dossier_file_add(nomination, kind="TOTRINH", file=make_upload(), by=admin_user)


@pytest.mark.parametrize("role", ROLES)
def test_everyone_logged_in_sees_the_disclosure(role, request):
    assert request.getfixturevalue(role).has_perm("awards.view_disclosure") is True


def test_a_head_of_a_parent_unit_sees_the_sub_units_nominations(unit, make_nomination):
    from tests.factories import NominationFactory, PersonFactory, UnitFactory, make_unit_head

    ward = UnitFactory(parent=unit, department=True)
    ward_head = make_unit_head(ward)
    parent_head = make_unit_head(unit)
    nomination = NominationFactory(person=PersonFactory(unit=ward))

    assert parent_head.has_perm("awards.view_nomination", nomination)
    assert ward_head.has_perm("awards.view_nomination", nomination)
