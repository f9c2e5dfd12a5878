"""The proposal pack (tờ trình, minutes, a generated report per nominee) reads the database a fixed
number of times, however many nominees it carries: the heads who sign the generated reports are
read once for the whole pack, and their names are printed."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from council.enums import Choice
from council.services import ballot_cast, proposal_create, session_close, session_open_voting
from tests.factories import (
    AgencyFactory,
    PersonFactory,
    UnitFactory,
    make_council_session,
    make_unit_head,
    make_verified_nomination,
)
from tests.reports.readback import pdf_words

pytestmark = pytest.mark.django_db

HEADS = {"Bệnh viện Đa khoa Đồng Nai": "Trần Thị Thu Hà", "Trung tâm Y tế Biên Hòa": "Lê Văn Phúc"}


def make_pack(size: int):
    """A proposal of ``size`` nominees approved by the council, proposed in turn by two units that
    each have a head; no nominee has a report file, so each gets a page made from the summary."""
    units = []
    for name, head in HEADS.items():
        unit = UnitFactory(name=name)
        user = make_unit_head(unit)
        user.person.full_name = head
        user.person.save()
        units.append(unit)
    nominations = [
        make_verified_nomination(
            "BK_UBND",
            person=PersonFactory(unit=units[i % len(units)], full_name=f"Bác sĩ số {i + 1}"),
            achievements="Chủ trì kỹ thuật can thiệp mạch vành cấp cứu.",
        )
        for i in range(size)
    ]
    ctx = make_council_session(3, nominations=nominations)
    session_open_voting(ctx.session, by=ctx.office)
    for nomination in nominations:
        for member in ctx.members:
            ballot_cast(ctx.session, nomination=nomination, member=member, choice=Choice.AGREE)
    session_close(ctx.session, by=ctx.office)
    pack = proposal_create(
        authority="province_chair", year=2025, nominations=nominations, session=ctx.session, by=ctx.office
    )
    return pack, ctx.office


def fetch_pack(client, size: int):
    pack, office = make_pack(size)
    client.force_login(office)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("reports:proposal-pdf", args=[pack.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    return len(queries), pdf_words(response.content)


def test_the_pack_reads_the_database_the_same_number_of_times_for_2_or_8_nominees(client):
    AgencyFactory()
    small, small_text = fetch_pack(client, 2)
    large, large_text = fetch_pack(client, 8)

    assert large == small, f"{small} queries for 2 nominees, {large} for 8"
    # every nominee got their generated page, signed by their proposing unit's head
    assert small_text.count("THỦ TRƯỞNG ĐƠN VỊ") == 2 and large_text.count("THỦ TRƯỞNG ĐƠN VỊ") == 8
    for head in HEADS.values():
        assert large_text.count(head) == 4


def test_a_unit_with_no_active_head_leaves_the_signature_blank(client):
    AgencyFactory()
    pack, office = make_pack(2)
    hospital = pack.nominations.get(person__full_name="Bác sĩ số 1").proposing_unit
    hospital.heads.update(is_active=False)
    client.force_login(office)

    text = pdf_words(client.get(reverse("reports:proposal-pdf", args=[pack.pk])).content)

    assert HEADS["Bệnh viện Đa khoa Đồng Nai"] not in text
    assert HEADS["Trung tâm Y tế Biên Hòa"] in text
