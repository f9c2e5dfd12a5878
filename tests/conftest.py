"""The common actors of the test tree, defined once: the department, its office, two units with
their heads, a council member and an administrator. Each is created only when a test asks for it;
an app's conftest keeps only what is its own (a nomination maker, a plan importer's staff)."""

import pytest

from tests.factories import (
    AgencyFactory,
    UnitFactory,
    make_admin,
    make_council_member,
    make_office_user,
    make_unit_head,
)


@pytest.fixture
def agency(db):
    """The department, with the signer its plans and documents carry by default."""
    return AgencyFactory(signer_name="Lê Quang Trung", signer_position="Phó Giám đốc")


@pytest.fixture
def office(db):
    """A member of the department's emulation and commendation office."""
    return make_office_user(username="vanphong")


@pytest.fixture
def office_client(client, office):
    """The test client, logged in as the office."""
    client.force_login(office)
    return client


@pytest.fixture
def unit(db):
    return UnitFactory(code="BVDK", name="Bệnh viện Đa khoa tỉnh")


@pytest.fixture
def head(unit):
    """The head of `unit`."""
    return make_unit_head(unit, username="thutruong")


@pytest.fixture
def other_unit(db):
    return UnitFactory(name="Trung tâm Kiểm soát bệnh tật", short_name="CDC")


@pytest.fixture
def other_head(other_unit):
    """The head of `other_unit`: an outsider to everything of `unit`."""
    return make_unit_head(other_unit, username="thutruongkhac")


@pytest.fixture
def council_member(db):
    return make_council_member(username="hoidong")


@pytest.fixture
def admin_user(db):
    """A superuser (in place of pytest-django's own `admin_user`)."""
    return make_admin(username="quantri")
