"""What the reports' figures tests share: the two hospitals their fixture years are written for."""

import pytest

from tests.factories import UnitFactory


@pytest.fixture
def two_hospitals():
    """Two hospitals, listed in this order (``Unit.order``): every table of figures has a line each."""
    return UnitFactory(name="Bệnh viện Đa khoa A", order=1), UnitFactory(name="Bệnh viện Đa khoa B", order=2)
