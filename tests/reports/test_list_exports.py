"""Every list page exports its rows: the page carries an "Xuất Excel" link to an exporter with the
page's own permission, and each exporter's file, read back with openpyxl, holds the rows the page
shows for the same querystring — Vietnamese headers, dates as dates, numbers as numbers, and a
unit head's file only their unit's rows."""

import datetime
import io
import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from django.views.generic.list import MultipleObjectMixin
from django_filters.views import FilterMixin
from openpyxl import load_workbook

from campaigns.models import Criterion
from council.models import DecisionItem, ProposalPack
from council.services import decision_issue
from notifications.models import ReminderLog
from reports.exporters.base import registry
from tests.factories import (
    AgencyFactory,
    CampaignFactory,
    ClusterFactory,
    CriteriaSetFactory,
    DisclosurePeriodFactory,
    NominationFactory,
    PersonFactory,
    RegistrationFactory,
    RegistrationRoundFactory,
    UnitFactory,
    add_cluster_member,
    add_collective_line,
    add_individual_line,
    award,
    make_council_session,
    make_unit_head,
)
from units.enums import ClusterRole

pytestmark = pytest.mark.django_db

# List pages with no export, and why. Every other list view must link to an exporter.
EXEMPT = {
    "notifications:list": "the user's own inbox of messages, not a register of records",
    "reports:summary-list": "a few reports a year, each downloaded whole as PDF and DOCX",
}
EXPORT_LINK = re.compile(r'href="(?P<url>[^"]*/export/(?P<name>[\w-]+)\.xlsx[^"]*)"')


# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------
def export(client, name, **params):
    response = client.get(reverse("reports:export", args=[name]), params)
    assert response.status_code == 200, response.status_code
    assert "attachment" in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    return sheet, list(rows[0]), rows[1:]


def column(headers, rows, name):
    index = headers.index(name)
    return [row[index] for row in rows]


def number_format(sheet, headers, name, row=2):
    return sheet.cell(row=row, column=headers.index(name) + 1).number_format


# ---------------------------------------------------------------------------
# Every list page links to its export
# ---------------------------------------------------------------------------
def _list_views(resolver=None, prefix=""):
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace == "admin":
                continue
            yield from _list_views(entry, f"{prefix}{entry.namespace}:" if entry.namespace else prefix)
        elif isinstance(entry, URLPattern) and entry.name:
            view_class = getattr(entry.callback, "view_class", None)
            if view_class is not None and issubclass(view_class, MultipleObjectMixin | FilterMixin):
                yield prefix + entry.name, view_class


LIST_VIEWS = sorted(_list_views(), key=lambda item: item[0])


def test_the_walk_finds_the_list_pages():
    names = {name for name, _view in LIST_VIEWS}

    assert {"units:list", "plans:list", "campaigns:list", "awards:nomination-list"} <= names
    assert set(EXEMPT) <= names  # an exemption for a page that is gone must go too


@pytest.mark.parametrize(("name", "view_class"), LIST_VIEWS, ids=[name for name, _v in LIST_VIEWS])
def test_every_list_page_links_to_an_export_of_its_rows(office_client, name, view_class):
    if name in EXEMPT:
        pytest.skip(EXEMPT[name])

    response = office_client.get(reverse(name), {"probe": "1"})

    assert response.status_code == 200
    links = [m.groupdict() for m in EXPORT_LINK.finditer(response.content.decode())]
    assert links, f"{name} has no “Xuất Excel” link"
    for link in links:
        exporter = registry.get(link["name"])
        assert exporter is not None, link["name"]
        assert exporter.permission_required == view_class.permission_required
        assert "probe=1" in link["url"]  # the page's current filters go with the link


# ---------------------------------------------------------------------------
# units: clusters
# ---------------------------------------------------------------------------
def test_cluster_export_holds_the_clusters_of_the_chosen_year_with_leader_and_deputy(office_client):
    leader, deputy, member = UnitFactory(name="BV Trưởng"), UnitFactory(name="BV Phó"), UnitFactory()
    cluster = ClusterFactory(year=2025, name="Cụm bệnh viện tuyến tỉnh")
    add_cluster_member(cluster, leader, ClusterRole.LEADER)
    add_cluster_member(cluster, deputy, ClusterRole.DEPUTY)
    add_cluster_member(cluster, member)
    ClusterFactory(year=2026, name="Cụm năm khác")

    _sheet, headers, rows = export(office_client, "clusters", year=2025)

    assert headers[:3] == ["Tên cụm/khối", "Năm", "Số đơn vị"]
    assert column(headers, rows, "Tên cụm/khối") == ["Cụm bệnh viện tuyến tỉnh"]
    assert column(headers, rows, "Số đơn vị") == [3]
    assert column(headers, rows, "Trưởng cụm/khối") == ["BV Trưởng"]
    assert column(headers, rows, "Phó cụm/khối") == ["BV Phó"]


# ---------------------------------------------------------------------------
# campaigns
# ---------------------------------------------------------------------------
def test_campaign_export_follows_the_filters_and_writes_dates_as_dates(office_client):
    CampaignFactory(name="Thi đua chuyển đổi số", kind="thematic", start_date=datetime.date(2026, 3, 1))
    CampaignFactory(name="Thi đua thường xuyên 2026", kind="regular")
    CampaignFactory(name="Dự thảo phong trào", draft=True)

    sheet, headers, rows = export(office_client, "campaigns", kind="thematic", status="launched")

    assert column(headers, rows, "Tên phong trào") == ["Thi đua chuyển đổi số"]
    assert column(headers, rows, "Hình thức") == ["Thi đua theo chuyên đề"]
    assert column(headers, rows, "Ngày bắt đầu") == [datetime.datetime(2026, 3, 1)]
    assert number_format(sheet, headers, "Ngày bắt đầu") == "dd/mm/yyyy"
    assert column(headers, rows, "Trạng thái") == ["Đã phát động"]


def test_a_unit_heads_campaign_and_round_exports_leave_out_draft_campaigns(client):
    draft = CampaignFactory(name="Dự thảo phong trào", draft=True)
    launched = CampaignFactory(name="Phong trào đã phát động")
    RegistrationRoundFactory(name="Đợt của dự thảo", campaign=draft)
    RegistrationRoundFactory(name="Đợt đã mở", campaign=launched, opens_on=datetime.date(2026, 1, 5))
    client.force_login(make_unit_head())

    _sheet, headers, campaigns = export(client, "campaigns")
    sheet, round_headers, rounds = export(client, "rounds")

    assert column(headers, campaigns, "Tên phong trào") == ["Phong trào đã phát động"]
    assert column(round_headers, rounds, "Đợt đăng ký") == ["Đợt đã mở"]
    assert column(round_headers, rounds, "Phong trào") == ["Phong trào đã phát động"]
    assert column(round_headers, rounds, "Nhận đăng ký từ ngày") == [datetime.datetime(2026, 1, 5)]
    assert isinstance(column(round_headers, rounds, "Hạn đăng ký")[0], datetime.datetime)
    assert column(round_headers, rounds, "Số bản đăng ký") == [0]


def test_registration_list_export_has_one_row_per_registration_filtered_by_status(office_client):
    round_ = RegistrationRoundFactory(year=2026, name="Đăng ký thi đua năm 2026")
    accepted = RegistrationFactory(round=round_, unit=UnitFactory(name="Đơn vị đã duyệt"), accepted=True)
    add_collective_line(accepted)
    add_individual_line(accepted)
    add_individual_line(accepted)
    RegistrationFactory(round=round_, unit=UnitFactory(name="Đơn vị đang soạn"))

    _sheet, headers, rows = export(office_client, "registration-list", status="accepted")

    assert column(headers, rows, "Đơn vị") == ["Đơn vị đã duyệt"]
    assert column(headers, rows, "Tập thể") == [1]
    assert column(headers, rows, "Cá nhân") == [2]
    assert column(headers, rows, "Năm thi đua") == [2026]
    assert column(headers, rows, "Trạng thái") == ["Đã chấp nhận"]


def test_a_unit_heads_registration_list_export_holds_only_their_unit(client):
    round_ = RegistrationRoundFactory(year=2026)
    RegistrationFactory(round=round_, unit=UnitFactory(name="Đơn vị khác"), submitted=True)
    mine = UnitFactory(name="Đơn vị của tôi")
    sent = timezone.make_aware(datetime.datetime(2026, 2, 3, 9, 30))
    RegistrationFactory(round=round_, unit=mine, submitted=True, submitted_at=sent)
    client.force_login(make_unit_head(mine))

    sheet, headers, rows = export(client, "registration-list")

    assert column(headers, rows, "Đơn vị") == ["Đơn vị của tôi"]
    assert column(headers, rows, "Gửi lúc") == [datetime.datetime(2026, 2, 3, 9, 30)]
    assert number_format(sheet, headers, "Gửi lúc") == "dd/mm/yyyy hh:mm"


def test_criteria_set_export_counts_the_criteria_of_each_set(office_client):
    criteria_set = CriteriaSetFactory(name="Bảng chấm điểm khối bệnh viện", year=2026)
    for code in ("1", "2", "3"):
        Criterion.objects.create(
            criteria_set=criteria_set, code=code, title=f"Tiêu chí {code}", max_points=10
        )

    _sheet, headers, rows = export(office_client, "criteria-sets")

    assert column(headers, rows, "Bảng tiêu chí") == ["Bảng chấm điểm khối bệnh viện"]
    assert column(headers, rows, "Số tiêu chí") == [3]
    assert column(headers, rows, "Cụm, khối") == ["Mọi cụm, khối của năm"]


# ---------------------------------------------------------------------------
# awards
# ---------------------------------------------------------------------------
def test_nomination_export_follows_the_list_filters(office_client):
    unit = UnitFactory(name="Bệnh viện Đa khoa")
    NominationFactory(year=2025, person=PersonFactory(unit=unit, full_name="Nguyễn Thị Xuất Sắc"))
    NominationFactory(year=2024, person=PersonFactory(unit=unit, full_name="Năm khác"))
    NominationFactory(year=2025, person=None, unit=UnitFactory(name="Khoa Nội"), award_type=award("TTLDTT"))

    _sheet, headers, rows = export(office_client, "nominations", year=2025, q="Xuất Sắc")
    _sheet, _headers, collectives = export(
        office_client, "nominations", year=2025, award_type=award("TTLDTT").pk
    )
    _sheet, _headers, invalid = export(office_client, "nominations", year="không phải năm")

    assert column(headers, rows, "Cá nhân / tập thể") == ["Nguyễn Thị Xuất Sắc"]
    assert column(headers, rows, "Đối tượng") == ["Cá nhân"]
    assert column(headers, rows, "Năm thành tích") == [2025]
    assert column(headers, rows, "Đơn vị đề nghị") == ["Bệnh viện Đa khoa"]
    assert column(headers, rows, "Trạng thái") == ["Đang soạn"]
    assert column(headers, collectives, "Cá nhân / tập thể") == ["Khoa Nội"]
    assert column(headers, collectives, "Đối tượng") == ["Tập thể"]
    assert invalid == []  # the list page shows nothing for an invalid filter, nor does its file


def test_a_unit_heads_nomination_export_holds_only_their_units_nominations(client):
    NominationFactory(person=PersonFactory(unit=UnitFactory(), full_name="Người đơn vị khác"))
    mine = UnitFactory()
    NominationFactory(person=PersonFactory(unit=mine, full_name="Người của tôi"))
    client.force_login(make_unit_head(mine))

    _sheet, headers, rows = export(client, "nominations")

    assert column(headers, rows, "Cá nhân / tập thể") == ["Người của tôi"]


def test_verify_queue_export_holds_the_submitted_nominations_only(office_client):
    sent = timezone.make_aware(datetime.datetime(2026, 1, 12, 8, 0))
    NominationFactory(person=PersonFactory(full_name="Đã gửi"), submitted=True, submitted_at=sent)
    NominationFactory(person=PersonFactory(full_name="Đang soạn"))

    sheet, headers, rows = export(office_client, "verify-queue")

    assert column(headers, rows, "Cá nhân / tập thể") == ["Đã gửi"]
    assert column(headers, rows, "Gửi lúc") == [datetime.datetime(2026, 1, 12, 8, 0)]
    assert number_format(sheet, headers, "Gửi lúc") == "dd/mm/yyyy hh:mm"


def test_verify_queue_export_follows_the_queues_due_and_overdue_filters(office_client):
    today = timezone.localdate()
    late, due_soon = today - datetime.timedelta(days=3), today + datetime.timedelta(days=5)
    NominationFactory(
        person=PersonFactory(full_name="Quá hạn thẩm định"), submitted=True, verification_due=late
    )
    NominationFactory(person=PersonFactory(full_name="Còn hạn"), submitted=True, verification_due=due_soon)

    sheet, headers, overdue = export(office_client, "verify-queue", overdue="1")
    _sheet, _headers, on_the_day = export(office_client, "verify-queue", due=due_soon.isoformat())

    assert column(headers, overdue, "Cá nhân / tập thể") == ["Quá hạn thẩm định"]
    assert column(headers, overdue, "Hạn thẩm định") == [datetime.datetime.combine(late, datetime.time())]
    assert number_format(sheet, headers, "Hạn thẩm định") == "dd/mm/yyyy"
    assert column(headers, on_the_day, "Cá nhân / tập thể") == ["Còn hạn"]


def test_the_verify_queue_export_is_the_offices(client):
    client.force_login(make_unit_head())

    response = client.get(reverse("reports:export", args=["verify-queue"]))

    assert response.status_code == 403


def test_disclosure_export_writes_the_period_dates_as_dates(office_client):
    DisclosurePeriodFactory(year=2025, opens=datetime.date(2026, 1, 5), closes=datetime.date(2026, 1, 15))

    sheet, headers, rows = export(office_client, "disclosures")

    assert column(headers, rows, "Năm thành tích") == [2025]
    assert column(headers, rows, "Nhận ý kiến từ ngày") == [datetime.datetime(2026, 1, 5)]
    assert column(headers, rows, "Đến hết ngày") == [datetime.datetime(2026, 1, 15)]
    assert number_format(sheet, headers, "Đến hết ngày") == "dd/mm/yyyy"


def test_call_export_writes_the_deadline_as_a_date_and_the_state_of_each_call(office_client):
    from awards.models import NominationCall

    today = timezone.localdate()
    NominationCall.objects.create(
        year=2025, deadline=today + datetime.timedelta(days=10), note="Gửi kèm hồ sơ."
    )
    NominationCall.objects.create(year=2024, deadline=datetime.date(2025, 1, 15), active=False)

    sheet, headers, rows = export(office_client, "calls")

    assert column(headers, rows, "Năm thành tích") == [2025, 2024]
    assert column(headers, rows, "Hạn gửi đề nghị")[1] == datetime.datetime(2025, 1, 15)
    assert number_format(sheet, headers, "Hạn gửi đề nghị") == "dd/mm/yyyy"
    assert column(headers, rows, "Tình trạng") == ["Đang nhận đề nghị", "Đã đóng"]
    assert column(headers, rows, "Nhắc cả đơn vị chưa có đề nghị") == ["Không", "Không"]


def test_the_call_export_is_the_offices(client):
    client.force_login(make_unit_head())

    assert client.get(reverse("reports:export", args=["calls"])).status_code == 403


# ---------------------------------------------------------------------------
# council
# ---------------------------------------------------------------------------
def test_session_export_for_a_member_holds_only_the_sessions_they_sit_on(client):
    starts = timezone.make_aware(datetime.datetime(2026, 1, 20, 8, 0))
    theirs = make_council_session(size=3, year=2025, starts_at=starts, title="Phiên họp tháng Một")
    make_council_session(size=3, year=2025, title="Phiên họp khác")
    client.force_login(theirs.members[1])

    sheet, headers, rows = export(client, "sessions")

    assert column(headers, rows, "Phiên họp") == ["Phiên họp tháng Một"]
    assert column(headers, rows, "Thời gian") == [datetime.datetime(2026, 1, 20, 8, 0)]
    assert column(headers, rows, "Thành viên") == [3]
    assert column(headers, rows, "Chủ trì") == [str(theirs.members[0])]
    assert column(headers, rows, "Trạng thái") == ["Đã lên lịch"]


def test_decision_export_writes_the_date_as_a_date_and_the_reward_total_as_a_number(office_client, office):
    AgencyFactory()
    nominations = [
        NominationFactory(award_type=award("LDTT"), status="approved", year=2025),
        NominationFactory(award_type=award("LDTT"), status="approved", year=2025),
    ]
    decision_issue(
        nominations,
        date=datetime.date(2026, 1, 10),
        signer_name="Lê Quang Trung",
        signer_position="Giám đốc",
        by=office,
    )

    sheet, headers, rows = export(office_client, "decisions")

    (number,) = column(headers, rows, "Số, ký hiệu")
    assert re.fullmatch(r"\d{2,}/QĐ-SYT", number)
    assert column(headers, rows, "Ngày ký") == [datetime.datetime(2026, 1, 10)]
    assert column(headers, rows, "Số dòng") == [2]
    assert column(headers, rows, "Tổng tiền thưởng (đồng)") == [
        sum(item.amount for item in DecisionItem.objects.all())
    ]
    assert column(headers, rows, "Loại quyết định") == ["Quyết định khen thưởng"]


def test_proposal_export_lists_the_packs_with_their_nomination_count(office_client):
    pack = ProposalPack.objects.create(
        authority="province_chair", year=2025, title="Đề nghị Chủ tịch UBND tỉnh tặng Bằng khen"
    )
    pack.nominations.add(NominationFactory(status="approved"), NominationFactory(status="approved"))

    _sheet, headers, rows = export(office_client, "proposals")

    assert column(headers, rows, "Trích yếu") == ["Đề nghị Chủ tịch UBND tỉnh tặng Bằng khen"]
    assert column(headers, rows, "Cấp có thẩm quyền") == ["Chủ tịch UBND tỉnh"]
    assert column(headers, rows, "Số đề nghị") == [2]
    assert column(headers, rows, "Trạng thái") == ["Đang chuẩn bị"]


def test_the_council_exports_are_not_for_unit_heads(client):
    client.force_login(make_unit_head())

    refused = [
        name
        for name in ("decisions", "proposals", "sessions", "reminders")
        if client.get(reverse("reports:export", args=[name])).status_code == 403
    ]

    assert refused == ["decisions", "proposals", "sessions", "reminders"]


# ---------------------------------------------------------------------------
# notifications: reminders sent
# ---------------------------------------------------------------------------
def test_reminder_export_follows_the_log_filters(office_client):
    head = make_unit_head(UnitFactory(), email="truongkhoa@example.vn")
    sent = timezone.make_aware(datetime.datetime(2026, 3, 24, 7, 0))
    common = {"kind": "plan_task", "recipient": head, "due_date": datetime.date(2026, 3, 31)}
    ReminderLog.objects.create(key="task:1", title="Báo cáo quý I", offset_days=7, sent_at=sent, **common)
    ReminderLog.objects.create(
        key="task:2", title="Quá hạn nhiệm vụ", offset_days=-1, escalation=True, sent_at=sent, **common
    )

    sheet, headers, rows = export(office_client, "reminders", escalation="false")

    assert column(headers, rows, "Nội dung") == ["Báo cáo quý I"]
    assert column(headers, rows, "Lần nhắc") == ["7 ngày trước hạn"]
    assert column(headers, rows, "Gửi lúc") == [datetime.datetime(2026, 3, 24, 7, 0)]
    assert column(headers, rows, "Hạn") == [datetime.datetime(2026, 3, 31)]
    assert number_format(sheet, headers, "Hạn") == "dd/mm/yyyy"
    assert column(headers, rows, "Người nhận") == [str(head)]
    assert column(headers, rows, "Thư điện tử") == ["truongkhoa@example.vn"]


def test_letter_export_numbers_issued_letters_and_leaves_a_drafts_number_blank(office_client):
    from plans.services import letter_issue
    from tests.factories import LetterFactory, make_office_user

    draft = LetterFactory(subject="mời dự hội nghị tổng kết")
    issued = LetterFactory(addressees=["Bệnh viện Đa khoa tỉnh", "Trung tâm Y tế huyện"])
    letter_issue(issued, by=make_office_user(), issue_date=datetime.date(2026, 3, 5))
    issued.refresh_from_db()

    _sheet, headers, rows = export(office_client, "letters")

    by_subject = {row[headers.index("Trích yếu")]: dict(zip(headers, row, strict=True)) for row in rows}
    first = by_subject["V/v phát động phong trào thi đua năm 2026"]
    second = by_subject["V/v mời dự hội nghị tổng kết"]
    assert first["Số, ký hiệu"] == f"{issued.number:02d}/SYT-TCCB"
    assert first["Kính gửi"] == "Bệnh viện Đa khoa tỉnh; Trung tâm Y tế huyện"
    assert first["Ngày ban hành"] == datetime.datetime(2026, 3, 5)
    assert first["Người ký"] == "Lê Quang Trung" and first["Trạng thái"] != second["Trạng thái"]
    assert second["Số, ký hiệu"] is None and second["Ngày ban hành"] is None and draft.number is None
