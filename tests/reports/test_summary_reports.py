"""Summary reports (báo cáo sơ kết 6 tháng, tổng kết năm).

The figures are checked against a known fixture year: every expected number is counted in plain
Python from the rows the fixture wrote (read back one by one), never by the aggregates under
test, and a few are also written out by hand. Then: the snapshot stays as it was when the data
changes until the office refreshes it; issuing numbers the report from the register and freezes
it; the PDF (pypdf) and the DOCX (python-docx) read back with the figures, the headings and the
Vietnamese date; and every page is the office's.
"""

import datetime
import io
from collections import Counter, defaultdict
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone
from docx import Document
from pypdf import PdfReader

from awards.models import Nomination
from campaigns.models import Criterion, UnitScore
from council.models import AgendaItem, AgendaResult, Decision, DecisionItem
from council.services import decision_issue
from plans.models import PlanTask, UnitSubmission
from reports import services
from reports.models import SummaryReport
from reports.summary import NOMINATION_GROUPS, summary_document, summary_statistics, vn_number
from tests.factories import (
    AgencyFactory,
    CampaignFactory,
    CriteriaSetFactory,
    NominationFactory,
    PersonFactory,
    PlanFactory,
    PlanTaskFactory,
    RegistrationFactory,
    RegistrationRoundFactory,
    SubmissionRequestFactory,
    UnitSubmissionFactory,
    add_collective_line,
    add_individual_line,
    award,
    make_cluster,
    make_council_member,
    make_council_session,
    make_office_user,
    make_unit_head,
)
from units.refusals import Refused

pytestmark = pytest.mark.django_db

YEAR = 2026
MID_YEAR = datetime.date(2026, 7, 6)  # the half-year report is written in early July
NEXT_JANUARY = datetime.date(2027, 1, 12)  # the year-end report in January
H1 = (datetime.date(2026, 1, 1), datetime.date(2026, 6, 30))
FULL_YEAR = (datetime.date(2026, 1, 1), datetime.date(2026, 12, 31))


def at(day, hour=10):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def d(month, day, year=YEAR):
    return datetime.date(year, month, day)


# ---------------------------------------------------------------------------
# The fixture year
# ---------------------------------------------------------------------------
@pytest.fixture
def fixture_year(office, two_hospitals):
    """A year of work in two hospitals, with rows on both sides of every period boundary."""
    AgencyFactory(
        name="Sở Y tế",
        short_name="SYT",
        place_name="Đồng Nai",
        signer_name="Lê Quang Trung",
        signer_position="Phó Giám đốc",
    )
    unit_a, unit_b = two_hospitals

    # Plan tasks: (unit, due date, status). Only the issued plan of the year counts.
    plan = PlanFactory(year=YEAR, issued=True)
    for unit, due, status in [
        (unit_a, d(3, 31), "done"),
        (unit_a, d(3, 31), "done"),
        (unit_a, d(5, 31), "not_started"),
        (unit_a, d(6, 30), "in_progress"),
        (unit_b, d(6, 15), "done"),
        (unit_b, d(9, 30), "not_started"),
        (unit_b, None, "not_started"),
        (unit_a, d(12, 31), "in_progress"),
    ]:
        PlanTaskFactory(plan=plan, lead_unit=unit, due_date=due, status=status)
    PlanTaskFactory(plan=PlanFactory(year=YEAR), lead_unit=unit_a, due_date=d(3, 31))  # a draft plan
    PlanTaskFactory(plan=PlanFactory(year=YEAR - 1, issued=True), lead_unit=unit_a, due_date=d(2, 1))

    # Reports the units are asked to send: (request due, unit, sent on).
    requests = {
        due: SubmissionRequestFactory(title=f"Báo cáo hạn {due:%d/%m}", due_date=due)
        for due in (d(2, 28), d(6, 30), d(9, 30), d(12, 20, YEAR - 1))
    }
    for due, unit, sent in [
        (d(2, 28), unit_a, d(2, 27)),
        (d(2, 28), unit_b, d(3, 4)),
        (d(6, 30), unit_a, None),
        (d(6, 30), unit_b, d(6, 30)),
        (d(9, 30), unit_a, None),
        (d(9, 30), unit_b, d(10, 2)),
        (d(12, 20, YEAR - 1), unit_a, None),
    ]:
        UnitSubmissionFactory(request=requests[due], unit=unit, submitted_at=at(sent) if sent else None)

    # Registrations: the first round closes in February, the second in August.
    early = RegistrationRoundFactory(year=YEAR, deadline=d(2, 15))
    late = RegistrationRoundFactory(year=YEAR, deadline=d(8, 31))
    accepted = RegistrationFactory(round=early, unit=unit_a, accepted=True)
    add_collective_line(accepted)
    add_individual_line(accepted)
    add_individual_line(accepted)
    submitted = RegistrationFactory(round=early, unit=unit_b, submitted=True)
    add_individual_line(submitted, code="CSTDCS")
    add_individual_line(RegistrationFactory(round=late, unit=unit_b))
    add_individual_line(RegistrationFactory(round=RegistrationRoundFactory(year=YEAR - 1), unit=unit_a))

    # Campaigns: launched on their document's date, else on their first day.
    CampaignFactory(name="Thi đua chuyển đổi số", kind="thematic", start_date=d(3, 1), document_date=d(3, 5))
    CampaignFactory(name="Thi đua thường xuyên năm 2026", kind="regular", start_date=d(1, 10))
    CampaignFactory(name="Thi đua cao điểm cuối năm", kind="thematic", start_date=d(9, 1))
    CampaignFactory(name="Dự thảo chưa phát động", start_date=d(2, 1), draft=True)
    CampaignFactory(name="Phong trào năm trước", start_date=d(5, 1, YEAR - 1))

    # Nominations, each filed on a known day: (person's unit or collective, award, status, filed on).
    def nominate(code, status, filed, collective=None, unit=unit_a):
        if collective:
            nomination = NominationFactory(
                year=YEAR - 1,
                award_type=award(code),
                person=None,
                unit=collective,
                proposing_unit=collective,
                status=status,
            )
        else:
            nomination = NominationFactory(
                year=YEAR - 1, award_type=award(code), person=PersonFactory(unit=unit), status=status
            )
        Nomination.objects.filter(pk=nomination.pk).update(created_at=at(filed))
        return nomination

    nominate("LDTT", "draft", d(1, 20))
    nominate("LDTT", "returned", d(2, 3), unit=unit_b)
    nominate("LDTT", "submitted", d(7, 15))
    nominate("CSTDCS", "rejected", d(2, 10), unit=unit_b)
    nominate("TTLDTT", "verified", d(1, 25), collective=unit_b)
    nominate("LDTT", "draft", d(12, 10, YEAR - 1))  # filed last year
    decided_h1 = [
        nominate("LDTT", "approved", d(1, 15)),
        nominate("CSTDCS", "approved", d(1, 16), unit=unit_b),
    ]
    decided_h1.append(nominate("TTLDTT", "approved", d(1, 18), collective=unit_a))
    decided_h2 = [nominate("LDTT", "approved", d(8, 1))]
    signer = {"signer_name": "Lê Quang Trung", "signer_position": "Giám đốc", "by": office}
    decision_issue(decided_h1, date=d(4, 10), **signer)
    decision_issue(decided_h2, date=d(11, 5), **signer)

    # Council sessions: one in March, one in October; the tallies of closed sessions count.
    march = _closed_session(d(3, 10), [("approved", 3), ("approved", 3), ("rejected", 1)], office)
    october = _closed_session(d(10, 2), [("approved", 3)], office)
    open_session = make_council_session(size=3, year=YEAR, starts_at=at(d(5, 5)), office=office).session

    # Cluster ranking: B leads its cluster.
    make_cluster(year=YEAR, members=[unit_a, unit_b], name="Cụm bệnh viện tuyến tỉnh")
    criteria_set = CriteriaSetFactory(year=YEAR, name="Bảng chấm điểm năm 2026")
    criterion = Criterion.objects.create(
        criteria_set=criteria_set, code="1", title="Tiêu chí 1", max_points=100
    )
    UnitScore.objects.create(criterion=criterion, unit=unit_a, self_score=Decimal("78.5"))
    UnitScore.objects.create(criterion=criterion, unit=unit_b, self_score=Decimal("91"))
    return {
        "units": (unit_a, unit_b),
        "sessions": (march, october, open_session),
        "criteria_set": criteria_set,
    }


def _closed_session(day, outcomes, office):
    nominations = [NominationFactory(year=YEAR - 1, status="verified") for _ in outcomes]
    # The agenda's nominations were filed two years back: out of every period counted here.
    Nomination.objects.filter(pk__in=[n.pk for n in nominations]).update(created_at=at(d(12, 1, YEAR - 2)))
    session = make_council_session(
        size=3, year=YEAR - 1, starts_at=at(day, 8), office=office, nominations=nominations
    ).session
    session.status = "closed"
    session.save(update_fields=["status"])
    for item, (outcome, agree) in zip(
        AgendaItem.objects.filter(session=session).order_by("pk"), outcomes, strict=True
    ):
        AgendaResult.objects.create(
            item=item, members=3, present=3, cast=3, agree=agree, disagree=3 - agree, base=3,
            quorum_met=True, threshold_met=agree >= 2, outcome=outcome,
        )  # fmt: skip
    return session


# ---------------------------------------------------------------------------
# The oracle: the same figures counted row by row in Python
# ---------------------------------------------------------------------------
def _in(day, period):
    return day is not None and period[0] <= day <= period[1]


def expected_tasks(period, today):
    by_unit = defaultdict(Counter)
    closes_year = period[1] == d(12, 31)
    for task in PlanTask.objects.select_related("plan", "lead_unit"):
        if task.plan.status != "issued" or task.plan.year != YEAR:
            continue
        if not (_in(task.due_date, period) or (closes_year and task.due_date is None)):
            continue
        row = by_unit[task.lead_unit.name]
        row["total"] += 1
        if task.status == "done":
            row["done"] += 1
        elif task.due_date is not None and task.due_date < today:
            row["overdue"] += 1
        else:
            row["open"] += 1
    return by_unit


def expected_submissions(period, today):
    totals = Counter()
    for row in UnitSubmission.objects.select_related("request"):
        due = row.request.due_date
        if not _in(due, period):
            continue
        totals["total"] += 1
        if row.submitted_at is not None:
            sent = timezone.localtime(row.submitted_at).date()
            totals["on_time" if sent <= due else "late"] += 1
        else:
            totals["missing" if due < today else "pending"] += 1
    return totals


def expected_nominations(period):
    groups = {status: key for key, statuses in NOMINATION_GROUPS for status in statuses}
    by_award, totals = defaultdict(Counter), Counter()
    for nomination in Nomination.objects.select_related("award_type"):
        if not _in(timezone.localtime(nomination.created_at).date(), period):
            continue
        by_award[nomination.award_type.name][groups[nomination.status]] += 1
        totals[groups[nomination.status]] += 1
    return by_award, totals


def expected_awards(period):
    decisions = [x for x in Decision.objects.filter(kind="award") if _in(x.date, period)]
    by_award = defaultdict(Counter)
    for item in DecisionItem.objects.filter(decision__in=decisions).select_related("award_type"):
        row = by_award[item.award_type.name]
        row["individual" if item.person_id else "collective"] += 1
        row["amount"] += item.amount
    return len(decisions), by_award


def _figures(report_figures, section, key="unit"):
    return {row[key]: row for row in report_figures[section]["by_unit"]}


# ---------------------------------------------------------------------------
# The statistics
# ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("kind", "period", "today"),
    [("half_year", H1, MID_YEAR), ("year_end", FULL_YEAR, NEXT_JANUARY)],
    ids=["half-year", "year-end"],
)
def test_the_snapshot_counts_the_fixture_year_as_the_rows_say(fixture_year, kind, period, today):
    figures = summary_statistics(YEAR, kind, today=today)

    # Plan tasks by lead unit: done, overdue, still open.
    tasks = expected_tasks(period, today)
    columns = ("total", "done", "overdue", "open")
    got_tasks = {row["unit"]: tuple(row[k] for k in columns) for row in figures["tasks"]["by_unit"]}
    assert got_tasks == {unit: tuple(c[k] for k in columns) for unit, c in tasks.items()}
    assert figures["tasks"]["totals"]["total"] == sum(c["total"] for c in tasks.values())
    # Reports the units sent: on time, late, missing, pending.
    sent = expected_submissions(period, today)
    columns = ("total", "on_time", "late", "missing", "pending")
    assert {k: figures["submissions"]["totals"][k] for k in columns} == {k: sent[k] for k in columns}
    # Nominations filed in the period, by award type and group of status.
    by_award, totals = expected_nominations(period)
    assert figures["nominations"]["total"] == sum(totals.values())
    groups = {status: key for key, statuses in NOMINATION_GROUPS for status in statuses}
    got = defaultdict(Counter)
    for row in figures["nominations"]["rows"]:
        for status, count in row["counts"].items():
            if count:
                got[row["name"]][groups[status]] += count
    assert got == by_award
    # Awards decided in the period: individuals, collectives, rewards.
    decisions, awards = expected_awards(period)
    assert figures["awards"]["decisions"] == decisions
    assert {
        r["name"]: (r["individual"], r["collective"], r["amount"]) for r in figures["awards"]["rows"]
    } == {name: (c["individual"], c["collective"], c["amount"]) for name, c in awards.items()}


def test_the_half_year_figures_written_out_by_hand(fixture_year):
    unit_a, unit_b = fixture_year["units"]

    figures = summary_statistics(YEAR, "half_year", today=MID_YEAR)

    tasks = _figures(figures, "tasks")
    assert (tasks[unit_a.name]["total"], tasks[unit_a.name]["done"], tasks[unit_a.name]["overdue"]) == (
        4,
        2,
        2,
    )
    assert (tasks[unit_b.name]["total"], tasks[unit_b.name]["done"]) == (1, 1)
    assert figures["submissions"]["totals"] == {
        "on_time": 2,
        "late": 1,
        "missing": 1,
        "pending": 0,
        "total": 4,
    }
    assert [row["name"] for row in figures["campaigns"]["rows"]] == [
        "Thi đua thường xuyên năm 2026",
        "Thi đua chuyển đổi số",
    ]
    assert figures["campaigns"]["rows"][1]["launched_on"] == "2026-03-05"
    registrations = figures["registrations"]
    assert (registrations["rounds"], registrations["registrations"], registrations["accepted"]) == (1, 2, 1)
    titles = {row["name"]: row for row in registrations["by_title"]}
    assert (titles[award("LDTT").name]["individual"], titles[award("LDTT").name]["accepted"]) == (2, 2)
    assert titles[award("TTLDTT").name]["collective"] == 1
    assert figures["nominations"]["total"] == 7
    assert (figures["council"]["sessions"], figures["council"]["closed"], figures["council"]["agenda"]) == (
        2,
        1,
        3,
    )
    assert figures["council"]["totals"]["approved"] == 2 and figures["council"]["totals"]["rejected"] == 1
    paid = sum(item.amount for item in DecisionItem.objects.filter(decision__date__lte=d(6, 30)))
    assert paid > 0
    assert figures["awards"]["totals"] == {"individual": 2, "collective": 1, "amount": paid}
    (cluster,) = figures["rankings"]["clusters"]
    assert cluster["leaders"] == [{"unit": unit_b.name, "total": 91}]


def test_the_year_end_report_takes_the_second_half_and_the_tasks_without_a_due_date(fixture_year):
    unit_a, unit_b = fixture_year["units"]

    figures = summary_statistics(YEAR, "year_end", today=NEXT_JANUARY)

    tasks = _figures(figures, "tasks")
    assert (tasks[unit_b.name]["total"], tasks[unit_b.name]["overdue"], tasks[unit_b.name]["open"]) == (
        3,
        1,
        1,
    )
    assert tasks[unit_a.name]["overdue"] == 3  # the task due 31/12 is overdue by January
    assert figures["campaigns"]["total"] == 3
    assert figures["registrations"]["rounds"] == 2
    assert (figures["council"]["sessions"], figures["council"]["closed"]) == (3, 2)
    assert figures["awards"]["decisions"] == 2


# ---------------------------------------------------------------------------
# Create, snapshot, refresh, issue
# ---------------------------------------------------------------------------
def test_a_new_draft_takes_its_header_from_the_agency_and_its_figures_from_the_data(fixture_year, office):
    report = services.summary_report_create(year=YEAR, kind="half_year", by=office, today=MID_YEAR)

    assert report.status == "draft" and report.number is None
    assert report.symbol == "BC-SYT"
    assert report.place == "Đồng Nai" and report.signer_name == "Lê Quang Trung"
    assert report.statistics == summary_statistics(YEAR, "half_year", today=MID_YEAR)
    assert report.history.count() == 1


def test_a_second_report_of_the_same_year_and_kind_is_refused(office):
    services.summary_report_create(year=YEAR, kind="half_year", by=office)

    with pytest.raises(Refused) as refused:
        services.summary_report_create(year=YEAR, kind="half_year", by=office)

    assert "đã có" in str(refused.value.message_dict["year"])
    assert services.summary_report_create(year=YEAR, kind="year_end", by=office).pk


def test_the_snapshot_does_not_follow_the_data_until_it_is_refreshed(fixture_year, office):
    unit_a, _unit_b = fixture_year["units"]
    report = services.summary_report_create(year=YEAR, kind="half_year", by=office, today=MID_YEAR)
    before = report.statistics

    PlanTask.objects.filter(lead_unit=unit_a, status="not_started").update(status="done")
    CampaignFactory(name="Phong trào phát động muộn", start_date=d(6, 1))
    report.refresh_from_db()

    assert report.statistics == before
    services.summary_report_refresh(report, by=office, today=MID_YEAR)
    assert report.statistics != before
    assert _figures(report.statistics, "tasks")[unit_a.name]["done"] == 3
    assert report.statistics["campaigns"]["total"] == before["campaigns"]["total"] + 1
    assert report.history.first().history_change_reason == "refresh figures"


def test_issuing_takes_the_next_number_of_the_register_and_freezes_the_report(fixture_year, office):
    report = services.summary_report_create(year=YEAR, kind="half_year", by=office, today=MID_YEAR)
    from units.numbering import document_number_issue

    taken = document_number_issue(symbol="BC-SYT", year=YEAR, label="Báo cáo khác")
    figures = report.statistics

    assert services.summary_report_issue(report, by=office, issue_date=d(7, 10)) is True
    PlanTask.objects.update(status="done")

    report.refresh_from_db()
    assert (report.status, report.number, report.issue_date) == ("issued", taken + 1, d(7, 10))
    assert report.number_text == f"Số: {taken + 1:02d}/BC-SYT"
    assert report.statistics == figures
    assert services.summary_report_issue(report, by=office) is False  # a repeat: already issued
    with pytest.raises(Refused):
        services.summary_report_update(report, by=office, fields={"lessons": "Sửa sau khi ban hành."})
    with pytest.raises(Refused):
        services.summary_report_refresh(report, by=office)
    report.refresh_from_db()
    assert report.lessons == "" and report.statistics == figures


def test_only_the_office_writes_summary_reports(office):
    report = services.summary_report_create(year=YEAR, kind="half_year", by=office)
    head = make_unit_head()

    with pytest.raises(PermissionDenied):
        services.summary_report_create(year=YEAR, kind="year_end", by=head)
    with pytest.raises(PermissionDenied):
        services.summary_report_update(report, by=head, fields={"lessons": "x"})
    with pytest.raises(PermissionDenied):
        services.summary_report_issue(report, by=head)


# ---------------------------------------------------------------------------
# The document: PDF and DOCX read back
# ---------------------------------------------------------------------------
def pdf_text(content: bytes) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages).split())


def docx_text(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return " ".join(" ".join(parts).split())


@pytest.fixture
def issued_report(fixture_year, office):
    report = services.summary_report_create(year=YEAR, kind="half_year", by=office, today=MID_YEAR)
    services.summary_report_update(
        report,
        by=office,
        fields={
            "general_situation": "Năm 2026 ngành y tế tỉnh triển khai nhiều nhiệm vụ trọng tâm.",
            "commendation_work": "Công tác khen thưởng bảo đảm đúng người, đúng thành tích.",
            "lessons": "- Bám sát kế hoạch năm.\n- Phối hợp chặt chẽ với các đơn vị.",
            "next_tasks": "Tổ chức sơ kết, đánh giá các phong trào thi đua.",
        },
    )
    services.summary_report_issue(report, by=office, issue_date=d(7, 10))
    report.refresh_from_db()
    return report


def _check_document_text(text, report, fixture_year):
    unit_a, unit_b = fixture_year["units"]
    figures = report.statistics
    assert f"Số: {report.number:02d}/BC-SYT" in text
    assert "Đồng Nai, ngày 10 tháng 7 năm 2026" in text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "Độc lập - Tự do - Hạnh phúc" in text
    assert "BÁO CÁO" in text
    assert "Sơ kết công tác thi đua, khen thưởng 6 tháng đầu năm 2026" in text
    for heading in (
        "I. TÌNH HÌNH CHUNG",
        "II. KẾT QUẢ THỰC HIỆN CÔNG TÁC THI ĐUA, KHEN THƯỞNG",
        "III. HẠN CHẾ, TỒN TẠI VÀ NGUYÊN NHÂN",
        "IV. BÀI HỌC KINH NGHIỆM",
        "V. PHƯƠNG HƯỚNG, NHIỆM VỤ 6 THÁNG CUỐI NĂM 2026",
        "VI. ĐỀ XUẤT, KIẾN NGHỊ",
    ):
        assert heading in text, heading
    assert "Năm 2026 ngành y tế tỉnh triển khai nhiều nhiệm vụ trọng tâm." in text
    assert "Bám sát kế hoạch năm." in text
    # The figures, where they belong.
    tasks = figures["tasks"]["totals"]
    assert f"có {tasks['total']} nhiệm vụ đến hạn trong kỳ: đã hoàn thành {tasks['done']}" in text
    assert unit_a.name in text and unit_b.name in text
    sent = figures["submissions"]["totals"]
    assert f"gửi đúng hạn {sent['on_time']}, gửi muộn {sent['late']}" in text
    assert "Thi đua chuyển đổi số" in text and "05/03/2026" in text
    assert f"đã lập {figures['nominations']['total']} đề nghị khen thưởng" in text
    amount = figures["awards"]["totals"]["amount"]
    assert f"tổng số tiền thưởng {vn_number(amount)} đồng" in text
    assert "Cụm bệnh viện tuyến tỉnh" in text
    assert "Nơi nhận:" in text and "Ban Thi đua - Khen thưởng tỉnh;" in text
    assert "KT. GIÁM ĐỐC" in text and "PHÓ GIÁM ĐỐC" in text and "Lê Quang Trung" in text


def test_the_pdf_reads_back_with_the_figures_headings_and_vietnamese_date(
    client, office, issued_report, fixture_year
):
    client.force_login(office)

    response = client.get(reverse("reports:summary-pdf", args=[issued_report.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    _check_document_text(pdf_text(response.content), issued_report, fixture_year)


def test_the_docx_reads_back_with_the_figures_headings_and_vietnamese_date(
    client, office, issued_report, fixture_year
):
    client.force_login(office)

    response = client.get(reverse("reports:summary-docx", args=[issued_report.pk]))

    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    _check_document_text(docx_text(response.content), issued_report, fixture_year)


@pytest.mark.parametrize(
    ("value", "printed"),
    [(4_914_000, "4.914.000"), (702_000, "702.000"), (91, "91"), (78.5, "78,5"), (0, "0")],
)
def test_numbers_print_with_vietnamese_separators(value, printed):
    assert vn_number(value) == printed


def test_a_draft_prints_a_blank_number_and_day(office):
    report = services.summary_report_create(year=YEAR, kind="year_end", by=office)

    document = summary_document(report)

    assert document.number_text == "Số:      /BC-SYT"
    assert document.place_date_text.startswith(f"{report.place}, ngày ")
    assert document.title == "Tổng kết công tác thi đua, khen thưởng năm 2026"
    headings = [b["text"] for b in document.body if b["kind"] == "heading"]
    assert "PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2027" in headings


# ---------------------------------------------------------------------------
# Pages
# ---------------------------------------------------------------------------
def _summary_urls(pk):
    return {
        "get": [
            reverse("reports:summary-list"),
            reverse("reports:summary-create"),
            reverse("reports:summary-detail", args=[pk]),
            reverse("reports:summary-edit", args=[pk]),
            reverse("reports:summary-preview", args=[pk]),
            reverse("reports:summary-pdf", args=[pk]),
            reverse("reports:summary-docx", args=[pk]),
        ],
        "post": [
            reverse("reports:summary-refresh", args=[pk]),
            reverse("reports:summary-issue", args=[pk]),
        ],
    }


@pytest.mark.parametrize("who", ["unit_head", "council_member"])
def test_summary_report_pages_are_the_offices(client, office, who):
    report = services.summary_report_create(year=YEAR, kind="half_year", by=office)
    client.force_login(make_unit_head() if who == "unit_head" else make_council_member())
    urls = _summary_urls(report.pk)

    statuses = [client.get(url).status_code for url in urls["get"]]
    statuses += [client.post(url).status_code for url in urls["post"]]

    assert set(statuses) == {403}
    report.refresh_from_db()
    assert report.status == "draft"


def test_anonymous_users_are_sent_to_the_login_page(client, office):
    report = services.summary_report_create(year=YEAR, kind="half_year", by=office)

    response = client.get(reverse("reports:summary-detail", args=[report.pk]))

    assert response.status_code == 302 and "/accounts/login/" in response.url


def test_the_office_creates_edits_refreshes_and_issues_a_report_through_the_pages(client, office):
    client.force_login(office)

    created = client.post(reverse("reports:summary-create"), {"year": YEAR, "kind": "half_year"})
    report = SummaryReport.objects.get()
    page = client.get(report.get_absolute_url())
    form = client.get(reverse("reports:summary-edit", args=[report.pk]))
    edited = client.post(
        reverse("reports:summary-edit", args=[report.pk]),
        {
            **{name: getattr(report, name) for name in services.EDITABLE_FIELDS},
            "shortcomings": "Một số đơn vị gửi báo cáo chậm.",
            "seen_updated_at": form.context["form"]["seen_updated_at"].value(),
        },
    )
    refreshed = client.post(reverse("reports:summary-refresh", args=[report.pk]))
    issue = {"issue_date": "10/07/2026", "confirmed": "1"}
    issued = client.post(reverse("reports:summary-issue", args=[report.pk]), issue)
    preview = client.get(reverse("reports:summary-preview", args=[report.pk]))

    assert created.status_code == 302 and created.url == report.get_absolute_url()
    assert page.status_code == 200 and "Cập nhật số liệu" in page.content.decode()
    assert edited.status_code == 302 and refreshed.status_code == 302 and issued.status_code == 302
    report.refresh_from_db()
    assert report.shortcomings == "Một số đơn vị gửi báo cáo chậm."
    assert (report.status, report.issue_date) == ("issued", d(7, 10))
    assert preview["Content-Type"] == "application/pdf"  # the stored file once issued
    assert "Một số đơn vị gửi báo cáo chậm." in pdf_text(preview.content)
    after = client.get(report.get_absolute_url()).content.decode()
    assert "Cập nhật số liệu" not in after and "Sửa nội dung" not in after
    assert client.get(reverse("reports:summary-edit", args=[report.pk])).status_code == 403
    assert client.post(reverse("reports:summary-refresh", args=[report.pk])).status_code == 403


def test_bad_input_on_create_is_explained_at_the_field_and_kept(client, office):
    services.summary_report_create(year=YEAR, kind="half_year", by=office)
    client.force_login(office)

    duplicate = client.post(reverse("reports:summary-create"), {"year": YEAR, "kind": "half_year"})
    not_a_year = client.post(reverse("reports:summary-create"), {"year": "hai nghìn", "kind": "year_end"})

    assert duplicate.status_code == 200
    assert "Năm 2026 đã có sơ kết 6 tháng đầu năm." in duplicate.context["form"].errors["year"]
    assert not_a_year.context["form"].errors["year"] == ["Năm phải là một số, ví dụ 2026."]
    assert 'value="hai nghìn"' in not_a_year.content.decode()
    assert SummaryReport.objects.count() == 1


def test_a_bad_issue_date_is_explained_and_nothing_is_issued(client, office):
    report = services.summary_report_create(year=YEAR, kind="half_year", by=office)
    client.force_login(office)

    response = client.post(reverse("reports:summary-issue", args=[report.pk]), {"issue_date": "31/02/2026"})
    earlier = client.post(
        reverse("reports:summary-issue", args=[report.pk]), {"issue_date": "20/12/2025", "confirmed": "1"}
    )

    assert response.status_code == 200
    assert response.context["issue_form"].errors["issue_date"]
    assert "trước năm của báo cáo" in " ".join(earlier.context["issue_form"].errors["issue_date"])
    report.refresh_from_db()
    assert report.status == "draft" and report.number is None


def test_an_edit_over_someone_elses_save_is_refused_with_the_input_kept(client, office):
    report = services.summary_report_create(year=YEAR, kind="half_year", by=office)
    client.force_login(office)
    form = client.get(reverse("reports:summary-edit", args=[report.pk]))
    services.summary_report_update(
        report, by=make_office_user(), fields={"lessons": "Ý kiến của người khác."}
    )

    response = client.post(
        reverse("reports:summary-edit", args=[report.pk]),
        {
            **{name: getattr(report, name) for name in services.EDITABLE_FIELDS},
            "lessons": "Ý kiến của tôi.",
            "seen_updated_at": form.context["form"]["seen_updated_at"].value(),
        },
    )

    assert response.status_code == 200
    assert "vừa được người khác sửa" in response.content.decode()
    assert "Ý kiến của tôi." in response.content.decode()
    report.refresh_from_db()
    assert report.lessons == "Ý kiến của người khác."


def test_the_main_menu_leads_the_office_to_the_summary_reports(client, office):
    client.force_login(office)

    page = client.get(reverse("reports:dashboard")).content.decode()

    assert reverse("reports:summary-list") in page
