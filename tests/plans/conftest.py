import pytest

from tests.factories import AgencyFactory, UnitFactory, make_office_user, make_unit_head


@pytest.fixture
def agency(db):
    return AgencyFactory(signer_name="Lê Quang Trung", signer_position="Phó Giám đốc")


@pytest.fixture
def office_unit(db):
    return UnitFactory(name="Văn phòng Sở", short_name="VP", kind="office")


@pytest.fixture
def office(db, agency):
    return make_office_user()


@pytest.fixture
def unit(db):
    return UnitFactory(name="Bệnh viện Đa khoa Thống Nhất", short_name="BVTN")


@pytest.fixture
def other_unit(db):
    return UnitFactory(name="Trung tâm Kiểm soát bệnh tật", short_name="CDC")


@pytest.fixture
def head(unit):
    return make_unit_head(unit)


@pytest.fixture
def other_head(other_unit):
    return make_unit_head(other_unit)
