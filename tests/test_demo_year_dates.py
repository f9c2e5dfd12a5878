"""The demo year reads the same on any day it is loaded: its dates are counted from that day and
kept within the year, so even on the second day of January every state is there."""

import datetime
import io
import zoneinfo

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from awards.enums import NominationStatus
from awards.models import Nomination
from campaigns.enums import RegistrationStatus
from campaigns.models import Registration
from council.enums import SessionStatus
from council.models import CouncilSession, Decision

pytestmark = pytest.mark.django_db

HO_CHI_MINH = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")


def test_the_demo_year_loaded_on_the_second_day_of_january_has_every_state():
    with time_machine.travel(datetime.datetime(2027, 1, 2, 9, 0, tzinfo=HO_CHI_MINH)):
        call_command("load_demo", stdout=io.StringIO())
        year = timezone.localdate().year

    nominations = Nomination.objects.filter(year=year)
    assert year == 2027
    assert set(nominations.values_list("status", flat=True)) == set(NominationStatus.values)
    assert set(
        Registration.objects.filter(round__year=year, round__campaign__isnull=False).values_list(
            "status", flat=True
        )
    ) == set(RegistrationStatus.values)
    assert set(CouncilSession.objects.filter(year=year).values_list("status", flat=True)) == {
        SessionStatus.CLOSED,
        SessionStatus.VOTING,
    }
    assert Decision.objects.filter(session__year=year).exists()
