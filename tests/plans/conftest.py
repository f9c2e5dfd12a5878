import pytest

from tests.factories import UnitFactory


@pytest.fixture
def office_unit(db):
    return UnitFactory(name="Văn phòng Sở", short_name="VP", kind="office")
