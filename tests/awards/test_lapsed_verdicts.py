"""The office sees, in its queues, the nominations whose verdict became "not eligible" after they
were sent: a badge in words with the day it changed on each row, a filter, a count at the top of
the list, of the verification queue and of the office's home panel, and a mark in the council's
agenda picker. The award relied on is revoked through the real decision service."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from awards import selectors
from awards.enums import EligibilityStatus, NominationStatus
from awards.models import Nomination, VerdictChange
from awards.services import nomination_recheck, nomination_transition
from council.services import agenda_add
from tests.factories import (
    PersonFactory,
    make_council_session,
)
from units.refusals import Refused

from .builders import evaluate, give, revoke, send

pytestmark = pytest.mark.django_db

BADGE = "Kết luận đã đổi: không đủ điều kiện"


def bk_ubnd_nominee(head, name):
    """CSTĐCS 2024 and 2025: eligible for the province's Bằng khen; returns the 2024 title too."""
    person = PersonFactory(unit=head.head_of_unit, full_name=name)
    cstdcs_2024 = give(person, "CSTDCS", 2024)
    give(person, "CSTDCS", 2025)
    return person, cstdcs_2024


@pytest.fixture
def world(office, head):
    """Two nominations sent eligible; the award the first relied on is then revoked. A third
    sent already failing (the office decides on it as before: no mark)."""
    lapsing_person, cstdcs_2024 = bk_ubnd_nominee(head, "Đỗ Minh Khoa")
    lapsed = send(lapsing_person, "BK_UBND", by=head)
    kept_person, _ = bk_ubnd_nominee(head, "Trần Thu Hà")
    kept = send(kept_person, "BK_UBND", by=head)
    failing_person = PersonFactory(unit=head.head_of_unit, full_name="Ngô Văn Sáu")
    evaluate(failing_person, 2025, "HTNV")
    failing = send(failing_person, "LDTT", by=head)
    assert (lapsed.eligibility, kept.eligibility) == (EligibilityStatus.ELIGIBLE, EligibilityStatus.ELIGIBLE)
    assert failing.eligibility == EligibilityStatus.NOT_ELIGIBLE

    revoke(cstdcs_2024, by=office)

    return {"lapsed": lapsed, "kept": kept, "failing": failing}


def row_of(page: str, name: str) -> str:
    """The table row (``<tr>…</tr>``) of the list that names ``name``."""
    rows = [row for row in re.findall(r"<tr>.*?</tr>", page, flags=re.S) if name in row]
    assert len(rows) == 1, f"{len(rows)} rows name {name}"
    return rows[0]


def changed_on(nomination) -> str:
    change = VerdictChange.objects.get(nomination=nomination, after_submission=True)
    return timezone.localtime(change.at).strftime("%d/%m/%Y")


def test_a_nomination_whose_award_was_revoked_after_sending_shows_the_badge_with_its_day(
    client, office, world
):
    client.force_login(office)

    page = client.get(reverse("awards:nomination-list")).content.decode()

    lapsed_row = row_of(page, "Đỗ Minh Khoa")
    assert f"{BADGE} (ngày {changed_on(world['lapsed'])})" in lapsed_row
    assert BADGE not in row_of(page, "Trần Thu Hà")
    assert BADGE not in row_of(page, "Ngô Văn Sáu")  # sent already failing: no change since


def test_the_list_filter_finds_the_nominations_whose_verdict_changed_since_sending(client, office, world):
    client.force_login(office)
    url = reverse("awards:nomination-list")

    changed = client.get(url, {"verdict_lapsed": "true"}).context["nominations"]
    unchanged = client.get(url, {"verdict_lapsed": "false"}).context["nominations"]

    assert [n.pk for n in changed] == [world["lapsed"].pk]
    assert {n.pk for n in unchanged} == {world["kept"].pk, world["failing"].pk}


def test_the_list_counts_the_changed_verdicts_at_the_top(client, office, world):
    client.force_login(office)

    response = client.get(reverse("awards:nomination-list"))

    assert response.context["lapsed_count"] == 1
    top = response.content.decode().split('id="nominations"')[0]
    assert "1 đề nghị có kết luận đổi sang “Không đủ điều kiện” sau khi gửi" in top


def test_the_verification_queue_marks_counts_and_filters_the_changed_verdicts(client, office, world):
    client.force_login(office)
    url = reverse("awards:verify-queue")

    page = client.get(url).content.decode()
    only = client.get(url, {"lapsed": "1"})

    assert f"{BADGE} (ngày {changed_on(world['lapsed'])})" in row_of(page, "Đỗ Minh Khoa")
    assert BADGE not in row_of(page, "Trần Thu Hà")
    assert f'href="{url}?lapsed=1"' in page
    assert "1 đề nghị có kết luận đổi sang “Không đủ điều kiện” sau khi gửi" in page
    assert [n.pk for n in only.context["nominations"]] == [world["lapsed"].pk]


def test_the_verification_queue_export_keeps_the_filter(client, office, world):
    rows = selectors.nominations_to_verify(office, lapsed=True)

    assert [n.pk for n in rows] == [world["lapsed"].pk]


def test_the_office_home_panel_counts_and_marks_the_changed_verdicts(client, office, world):
    client.force_login(office)

    page = client.get(reverse("home")).content.decode()

    assert "1 đề nghị có kết luận đổi sang “Không đủ điều kiện” sau khi gửi" in page
    assert f"{BADGE} (ngày {changed_on(world['lapsed'])})" in page


def test_a_verdict_that_is_eligible_again_loses_its_mark(client, office, world):
    lapsed = world["lapsed"]
    give(lapsed.person, "CSTDCS", 2024)  # the title recorded again, then checked again
    nomination_recheck(Nomination.objects.get(pk=lapsed.pk), by=office)

    assert not selectors.verdict_lapsed(Nomination.objects.all()).exists()
    client.force_login(office)
    page = client.get(reverse("awards:nomination-list")).content.decode()
    assert BADGE not in page


def test_the_council_agenda_picker_marks_the_changed_verdict_and_adding_it_is_refused(office, head, client):
    person, cstdcs_2024 = bk_ubnd_nominee(head, "Đỗ Minh Khoa")
    nomination = send(person, "BK_UBND", by=head)
    nomination_transition(nomination, to=NominationStatus.VERIFIED, by=office)
    other_person, _ = bk_ubnd_nominee(head, "Trần Thu Hà")
    other = send(other_person, "BK_UBND", by=head)
    nomination_transition(other, to=NominationStatus.VERIFIED, by=office)
    meeting = make_council_session(size=3, office=office)
    revoke(cstdcs_2024, by=office)
    client.force_login(office)

    page = client.get(reverse("council:session-detail", args=[meeting.session.pk])).content.decode()

    picker = page.split('id="agenda-add"')[1].split("</form>")[0]
    lines = {name: next(line for line in picker.split("</div>") if name in line) for name in ("Khoa", "Hà")}
    assert f"{BADGE} (ngày {changed_on(nomination)})" in lines["Khoa"]
    assert BADGE not in lines["Hà"]
    with pytest.raises(Refused):
        agenda_add(meeting.session, Nomination.objects.get(pk=nomination.pk), by=office)


def test_a_unit_heads_list_shows_the_mark_on_their_own_nomination(client, head, world):
    client.force_login(head)

    page = client.get(reverse("awards:nomination-list")).content.decode()

    assert BADGE in row_of(page, "Đỗ Minh Khoa")


def test_the_office_dashboard_counts_the_changed_verdicts_of_the_year_beside_its_nominations(
    client, office, world
):
    client.force_login(office)

    page = client.get(reverse("reports:dashboard"), {"year": 2025}).content.decode()

    block = page.split('id="nominations-table"')[1]
    assert "1 đề nghị có kết luận đổi sang “Không đủ điều kiện” sau khi gửi" in block
    assert "verdict_lapsed=true" in block and "year=2025" in block
