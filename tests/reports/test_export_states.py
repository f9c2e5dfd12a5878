"""The state and number columns of three exports, read back from the real .xlsx with openpyxl, for
a row in each state: the disclosure periods (state on the day, number of the issued notice), the
calls for nominations (open, overdue, closed) and the proposals upward (the tờ trình's number once
sent, and the higher authority's decision)."""

import datetime
import io
import zoneinfo

import pytest
import time_machine
from django.urls import reverse
from openpyxl import load_workbook

from awards.enums import DISCLOSURE_SYMBOL
from awards.models import NominationCall
from awards.services import disclosure_issue
from council.enums import PROPOSAL_SYMBOL, ProposalStatus
from council.services import proposal_create, proposal_mark_sent, proposal_record_decision
from tests.factories import DisclosurePeriodFactory, NominationFactory, award

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("agency")]  # the letterhead the exports read

ZONE = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
TODAY = datetime.date(2026, 3, 10)  # a Tuesday
DAY = datetime.timedelta(days=1)


@pytest.fixture(autouse=True)
def on_today():
    """The whole test happens on TODAY at 06:30 in Vietnam, when it is still the day before in UTC:
    the states follow the local day."""
    with time_machine.travel(datetime.datetime.combine(TODAY, datetime.time(6, 30), ZONE), tick=False):
        yield


def export_rows(client, name) -> dict:
    """The sheet's data rows as {value of the key column: {header: value}}."""
    response = client.get(reverse("reports:export", args=[name]))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).worksheets[0]
    header, *rows = sheet.iter_rows(values_only=True)
    return [dict(zip(header, row, strict=True)) for row in rows]


def by(rows, column) -> dict:
    return {row[column]: row for row in rows}


def test_the_disclosure_export_writes_each_periods_state_on_the_day_and_the_issued_number(
    office_client, office
):
    periods = {
        "sắp mở": DisclosurePeriodFactory(year=2025, opens=TODAY + DAY, closes=TODAY + 10 * DAY),
        "mở từ hôm nay": DisclosurePeriodFactory(year=2025, opens=TODAY, closes=TODAY + 9 * DAY),
        "hết hạn hôm nay": DisclosurePeriodFactory(year=2025, opens=TODAY - 9 * DAY, closes=TODAY),
        "đã kết thúc": DisclosurePeriodFactory(year=2024, opens=TODAY - 20 * DAY, closes=TODAY - DAY),
    }
    for note, period in periods.items():
        period.note = note
        period.save()
    issued = periods["hết hạn hôm nay"]
    assert disclosure_issue(issued, by=office, day=TODAY - 9 * DAY)

    rows = by(export_rows(office_client, "disclosures"), "Thông báo")

    assert {note: row["Tình trạng"] for note, row in rows.items()} == {
        "sắp mở": "Sắp mở",
        "mở từ hôm nay": "Đang nhận ý kiến",
        "hết hạn hôm nay": "Đang nhận ý kiến",
        "đã kết thúc": "Đã kết thúc",
    }
    assert rows["hết hạn hôm nay"]["Số thông báo"] == f"{issued.number:02d}/{DISCLOSURE_SYMBOL}"
    assert rows["hết hạn hôm nay"]["Ngày ban hành"] == datetime.datetime.combine(
        TODAY - 9 * DAY, datetime.time()
    )
    for note in ("sắp mở", "mở từ hôm nay", "đã kết thúc"):
        assert rows[note]["Số thông báo"] is None and rows[note]["Ngày ban hành"] is None


def test_the_call_export_says_which_open_calls_are_overdue(office_client):
    for year, deadline, active, note in [
        (2025, TODAY, True, "hạn hôm nay"),
        (2024, TODAY - DAY, True, "quá hạn hôm qua"),
        (2023, TODAY + 5 * DAY, False, "đóng trước hạn"),
        (2022, TODAY - 30 * DAY, False, "đóng sau hạn"),
    ]:
        NominationCall.objects.create(year=year, deadline=deadline, active=active, note=note)

    rows = by(export_rows(office_client, "calls"), "Ghi chú, hướng dẫn")

    assert {note: row["Tình trạng"] for note, row in rows.items()} == {
        "hạn hôm nay": "Đang nhận đề nghị",
        "quá hạn hôm qua": "Đã quá hạn",
        "đóng trước hạn": "Đã đóng",
        "đóng sau hạn": "Đã đóng",
    }


def test_the_proposal_export_numbers_a_tờ_trình_once_sent_and_keeps_the_reply(office_client, office):
    def proposal(title):
        nomination = NominationFactory(award_type=award("BK_UBND"), status="approved")
        return proposal_create(
            authority="province_chair", year=2025, nominations=[nomination], title=title, by=office
        )

    proposal("Dự thảo")
    sent, decided = proposal("Đã gửi"), proposal("Đã có quyết định")
    assert proposal_mark_sent(sent, sent_on=TODAY - 5 * DAY, by=office)
    assert proposal_mark_sent(decided, sent_on=TODAY - 20 * DAY, by=office)
    proposal_record_decision(
        decided, number="321/QĐ-UBND", date=TODAY - DAY, authority_name="Chủ tịch UBND tỉnh", by=office
    )

    rows = by(export_rows(office_client, "proposals"), "Trích yếu")

    assert {title: row["Trạng thái"] for title, row in rows.items()} == {
        "Dự thảo": ProposalStatus.DRAFT.label,
        "Đã gửi": ProposalStatus.SENT.label,
        "Đã có quyết định": ProposalStatus.DECIDED.label,
    }
    assert sent.number != decided.number
    assert rows["Dự thảo"]["Số tờ trình"] is None and rows["Dự thảo"]["Ngày gửi"] is None
    for pack in (sent, decided):
        assert rows[pack.title]["Số tờ trình"] == f"{pack.number:02d}/{PROPOSAL_SYMBOL}"
        assert rows[pack.title]["Ngày gửi"] == datetime.datetime.combine(pack.sent_on, datetime.time())
    assert rows["Đã có quyết định"]["Số quyết định của cấp trên"] == "321/QĐ-UBND"
    assert rows["Đã gửi"]["Số quyết định của cấp trên"] is None
