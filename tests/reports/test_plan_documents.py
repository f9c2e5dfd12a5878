"""Plans as official documents: the user's two plans print back whole, in order, with diacritics.

Seeds 000 (Đồng Nai 2021) and 003 (Hà Nam 2022) go through the importer and
plan_create_from_parsed with the demo's hand fixes (plans.demo), are rendered to PDF (text read
with poppler's pdftotext, and pypdf) and to DOCX (python-docx, tables included), and every
heading, paragraph, task, key-target row (indicator, sub-values, units and values), the signer
block and every recipient must be found, each after the previous one.
"""

import datetime
import io
import re
import subprocess
import unicodedata
from pathlib import Path

import pytest
from django.urls import reverse
from docx import Document
from pypdf import PdfReader

from plans import services
from plans.demo import DONG_NAI_2021, HA_NAM_2022, demo_plan_import, demo_plan_parsed, demo_plans_load
from plans.enums import BlockKind, PlanStatus
from plans.models import Plan
from reports.documents import render_pdf
from reports.docx import render_docx
from reports.plan_document import plan_document, tasks_table_rows
from tests.factories import (
    KeyTargetFactory,
    KeyTargetValueFactory,
    PersonFactory,
    PlanBlockFactory,
    PlanFactory,
    PlanTaskFactory,
    UnitFactory,
    make_council_member,
    make_office_user,
    make_plain_user,
    make_unit_head,
)

pytestmark = pytest.mark.django_db

SEEDS = Path(__file__).resolve().parents[1] / "fixtures" / "seeds"
# A4 is 595 x 842 pt; the header's left column ends at 85 pt (30 mm margin) + 40 % of 165 mm.
HEADER_SPLIT_X = 85 + 187


# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------
def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


def assert_in_order(text: str, expected: list[str]) -> None:
    """Each expected string is found in the text after the previous one (whitespace collapsed, NFC).

    A line that ends on a hyphen inside a word ("34-" / "CT/TW") is joined back without a space.
    """
    flat = _norm(re.sub(r"(?<=\w)-[ \t]*\n\s*", "-", text))
    position = 0
    for piece in expected:
        piece = _norm(piece)
        found = flat.find(piece, position)
        assert found >= 0, (
            f"{piece!r} not found after position {position}: …{flat[position : position + 300]}…"
        )
        position = found + len(piece)


def pdf_text(pdf: bytes, *, first=None, last=None, box=None, layout=False) -> str:
    """poppler's text of the PDF. By default in content-stream order (``-raw``): WeasyPrint writes
    the text in document order, and the reading-order mode would join a " -" ending a line to
    the next word as if it were a hyphenated word. box=(x, y, width, height) crops each page."""
    args = ["pdftotext", "-enc", "UTF-8", "-layout" if layout else "-raw"]
    if first:
        args += ["-f", str(first)]
    if last:
        args += ["-l", str(last)]
    if box:
        x, y, w, h = box
        args += ["-x", str(x), "-y", str(y), "-W", str(w), "-H", str(h)]
    return subprocess.run([*args, "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()


def docx_text(data: bytes) -> str:
    """Paragraphs and table cells in document order (a table reads row by row, cell by cell)."""
    body = Document(io.BytesIO(data)).element.body
    parts = []
    for child in body.iterchildren():
        if child.tag.endswith("}p"):
            parts.append("".join(t.text or "" for t in child.iter() if t.tag.endswith("}t")))
        elif child.tag.endswith("}tbl"):
            for node in child.iter():
                if node.tag.endswith("}t"):
                    parts.append(node.text or "")
                elif node.tag.endswith("}p"):
                    parts.append(" ")
    return " ".join(parts)


def downloaded_docx_text(client, document: str, pk) -> str:
    """Downloads ``reports:<document>-pdf`` and ``-docx``: the PDF opens in the browser, the DOCX is
    saved as a file; the DOCX's text."""
    pdf = client.get(reverse(f"reports:{document}-pdf", args=[pk]))
    docx = client.get(reverse(f"reports:{document}-docx", args=[pk]))

    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert pdf["Content-Disposition"].startswith("inline")
    assert docx.status_code == 200
    assert docx["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.wordprocessingml")
    assert docx["Content-Disposition"].startswith("attachment")
    return docx_text(docx.content)


def _seed(prefix: str) -> str:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


def import_seed(demo, prefix: str, *, by, unit) -> Plan:
    """The seed through the importer and plan_create_from_parsed, with the demo's hand fixes."""
    parsed = demo_plan_parsed(demo, _seed(prefix))
    return demo_plan_import(demo, by=by, lead_unit_default=unit, parsed=parsed)


def expected_body(plan: Plan, *, aligned: bool = False) -> list[str]:
    """Every block of the plan in print order: headings, paragraphs, bullets, tasks, table rows.
    ``aligned``: the PDF's key targets, each sub-line's unit and value on the sub-line's row."""
    tasks = {t.pk: t for t in plan.tasks.all()}
    in_place = set(plan.blocks.exclude(task=None).values_list("task_id", flat=True))
    out: list[str] = []
    for block in plan.blocks.order_by("order", "pk"):
        prefix = f"{block.numbering} " if block.numbering else ""
        if block.kind in (BlockKind.HEADING, BlockKind.PARAGRAPH):
            out.append(prefix + block.text)
        elif block.kind == BlockKind.BULLET:
            out.append(f"- {block.text}")
        elif block.kind == BlockKind.TASK:
            out.append(f"- {tasks[block.task_id].content}")
        elif block.kind == BlockKind.TASKS_TABLE:
            out += ["Thời gian", "Nội dung công việc"]
            rest = [t for t in plan.tasks.order_by("order", "pk") if t.pk not in in_place]
            for label, contents in tasks_table_rows(rest, plan.year):
                out.append(label)
                out += [f"- {content}" for content in contents]
        elif block.kind == BlockKind.TARGETS:
            out += block.rows[0] if block.rows else []
            for n, target in enumerate(plan.targets.order_by("order", "pk"), start=1):
                values = list(target.values.order_by("order", "pk"))
                out.append(f"{n}. {target.indicator}")
                if aligned and len(values) > 1 and all(v.label for v in values):
                    for v in values:
                        out += [f"- {v.label}", v.unit_of_measure or target.unit_of_measure, v.planned]
                    continue
                out += [f"- {v.label}" for v in values if v.label]
                out += [v.unit_of_measure or target.unit_of_measure for v in values]
                out += [v.planned for v in values]
    return out


def expected_closing(plan: Plan) -> tuple[list[str], list[str]]:
    recipients = ["Nơi nhận:"] + [f"- {r}" for r in plan.recipients]
    signer = [f"{plan.signer_prefix} {plan.signer_prefix_title}".strip()] if plan.signer_prefix else []
    signer += plan.signer_position.split("\n") + [plan.signer_name]
    return recipients, signer


# ---------------------------------------------------------------------------
# The two seeds, imported and rendered once per test
# ---------------------------------------------------------------------------
@pytest.fixture
def office_unit(db):
    return UnitFactory(code="VP-SYT", name="Văn phòng Sở", short_name="VP Sở", kind="office")


@pytest.fixture
def dong_nai(office, office_unit):
    return import_seed(DONG_NAI_2021, "000", by=office, unit=office_unit)


@pytest.fixture
def ha_nam(office, office_unit):
    return import_seed(HA_NAM_2022, "003", by=office, unit=office_unit)


def test_the_two_seeds_become_plans_with_every_part(dong_nai, ha_nam):
    assert (dong_nai.status, dong_nai.number, dong_nai.tasks.count()) == (PlanStatus.ISSUED, 1, 21)
    assert (ha_nam.status, ha_nam.number, ha_nam.tasks.count(), ha_nam.targets.count()) == (
        PlanStatus.DRAFT,
        None,
        38,
        13,
    )


@pytest.mark.parametrize("which", ["dong_nai", "ha_nam"])
def test_pdf_prints_every_heading_task_target_signer_and_recipient_in_order(request, which):
    plan = request.getfixturevalue(which)
    plan.refresh_from_db()

    pdf = render_pdf(plan_document(plan))

    last = len(PdfReader(io.BytesIO(pdf)).pages)
    text = pdf_text(pdf)
    title_and_bases = ["KẾ HOẠCH", plan.title, *plan.legal_bases]
    assert_in_order(text, title_and_bases + expected_body(plan, aligned=True))
    recipients, signer = expected_closing(plan)
    # The closing is a two-column table: read each column of the last page on its own.
    assert_in_order(pdf_text(pdf, first=last, last=last, box=(0, 0, 85 + 210, 842)), recipients)
    assert_in_order(pdf_text(pdf, first=last, last=last, box=(85 + 210, 0, 595, 842)), signer)


@pytest.mark.parametrize("which", ["dong_nai", "ha_nam"])
def test_docx_holds_the_same_text_in_the_same_order(request, which):
    plan = request.getfixturevalue(which)
    plan.refresh_from_db()

    data = render_docx(plan_document(plan))

    recipients, signer = expected_closing(plan)
    expected = [plan.authority_line, plan.issuer_line, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "KẾ HOẠCH"]
    expected += [plan.title, *plan.legal_bases, *expected_body(plan), *recipients, *signer]
    assert_in_order(docx_text(data), expected)


def test_hand_written_spot_checks_of_the_ha_nam_plan(ha_nam):
    pdf_flat = _norm(pdf_text(render_pdf(plan_document(ha_nam))))
    docx_flat = _norm(docx_text(render_docx(plan_document(ha_nam))))

    # The PDF prints each value on its sub-line's row; the DOCX keeps one row a target, as the
    # importer reads it back.
    targets = {
        pdf_flat: [
            "8. Số người dùng các biện pháp tránh thai",
            "- Biện pháp tránh thai lâm sàng",
            "18.656",
            "- Biện pháp tránh thai phi lâm sàng",
            "27.406",
            "11. Tổng số lần khám bệnh",
            "- Tuyến tỉnh",
            "398.868",
            "- Tuyến huyện",
            "312.000",
        ],
        docx_flat: [
            "8. Số người dùng các biện pháp tránh thai",
            "- Biện pháp tránh thai lâm sàng",
            "- Biện pháp tránh thai phi lâm sàng",
            "18.656",
            "27.406",
            "11. Tổng số lần khám bệnh",
            "- Tuyến tỉnh",
            "- Tuyến huyện",
            "398.868",
            "312.000",
        ],
    }
    for flat in (pdf_flat, docx_flat):
        assert_in_order(
            flat,
            [
                "Căn cứ Luật Thi đua, Khen thưởng số 39/2013/QH13 ngày 16 tháng 11 năm 2013",
                "I. MỤC ĐÍCH, YÊU CẦU",
                "II. PHƯƠNG HƯỚNG, MỤC TIÊU CÔNG TÁC THI ĐUA KHEN THƯỞNG NĂM 2022",
                "CHỈ TIÊU",
                "1. Số TE dưới 1 tuổi được tiêm chủng đầy đủ",
                "Trẻ",
                "12.884",
                *targets[flat],
                "13. Giảm tỷ lệ sinh con thứ 3 trở lên",
                "0,3",
                "V. KẾ HOẠCH CÔNG TÁC THI ĐUA, KHEN THƯỞNG NĂM 2022",
                "Thời gian",
                "Nội dung công việc",
                "Tháng 1",
                "- Thực hiện các nhiệm vụ công tác thi đua khen thưởng theo chỉ đạo của tỉnh và Bộ Y tế.",
                "Tháng 7",
                "Tháng 12",
                "- Hoàn thiện thủ tục, hồ sơ đề nghị xét khen thưởng, "
                "trình các cấp có thẩm quyền xét khen thưởng.",
                "VII. TỔ CHỨC THỰC HIỆN",
                "trước ngày 31 tháng 3 năm 2022",
            ],
        )
    assert_in_order(
        docx_flat,
        [
            "Nơi nhận:",
            "- Hội đồng TĐKT tỉnh (để báo cáo);",
            "- Lưu: VT, TCHC.",
            "CHỦ TỊCH HỘI ĐỒNG",
            "GIÁM ĐỐC",
            "Nguyễn Trọng Khải",
        ],
    )


def test_pypdf_reads_the_vietnamese_letters_back_intact(dong_nai):
    pdf = render_pdf(plan_document(dong_nai))

    text = _norm(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages))

    for phrase in [
        "Thường trực thi đua khen thưởng Ngành Y tế",
        "Quý IV",
        "Lê Quang Trung",
        "Công đoàn ngành Y tế",
    ]:
        assert phrase in text


# ---------------------------------------------------------------------------
# Number and date lines: a draft leaves them blank, an issued plan prints them
# ---------------------------------------------------------------------------
def _header_columns(pdf: bytes) -> tuple[str, str]:
    left = pdf_text(pdf, first=1, last=1, box=(0, 0, HEADER_SPLIT_X, 160), layout=True)
    right = pdf_text(pdf, first=1, last=1, box=(HEADER_SPLIT_X, 0, 595, 160), layout=True)
    return left, right


def test_issued_plan_prints_its_number_and_date(dong_nai):
    doc = plan_document(dong_nai)

    left, right = _header_columns(render_pdf(doc))
    docx = _norm(docx_text(render_docx(doc)))

    assert_in_order(left, ["UBND TỈNH ĐỒNG NAI", "SỞ Y TẾ", "Số: 01/KH-SYT"])
    assert_in_order(right, ["Độc lập - Tự do - Hạnh phúc", "Đồng Nai, ngày 27 tháng 01 năm 2021"])
    assert "Số: 01/KH-SYT" in docx and "Đồng Nai, ngày 27 tháng 01 năm 2021" in docx


def test_draft_prints_a_blank_number_and_a_blank_day_keeping_the_month_of_the_text(ha_nam):
    doc = plan_document(ha_nam)

    left, right = _header_columns(render_pdf(doc))
    docx = docx_text(render_docx(doc))

    assert doc.place_date_text == "Hà Nam, ngày      tháng 3 năm 2022"  # as seed 003 is written
    assert_in_order(left, ["SỞ Y TẾ HÀ NAM", "HỘI ĐỒNG THI ĐUA, KHEN THƯỞNG"])
    assert re.search(r"Số: +/KH-HĐTĐKT", left)
    assert not re.search(r"Số:\s*\d", left)
    assert re.search(r"Hà Nam, ngày +tháng 3 năm 2022", right)
    assert re.search(r"Số:\s{3,}/KH-HĐTĐKT", docx)
    assert re.search(r"Hà Nam, ngày\s{3,}tháng 3 năm 2022", docx)


def test_the_ha_nam_draft_pdf_shows_the_month_of_the_text(ha_nam):
    pdf = render_pdf(plan_document(ha_nam))

    first_page = _norm(PdfReader(io.BytesIO(pdf)).pages[0].extract_text())

    assert re.search(r"Hà Nam, ngày tháng 3 năm 2022", first_page)


def test_the_imported_draft_keeps_the_month_and_a_clone_for_next_year_too(ha_nam, office):
    clone = services.plan_clone(ha_nam, year=2023, by=office)

    assert ha_nam.issue_month == 3
    assert (clone.issue_date, clone.issue_month) == (None, 3)
    assert plan_document(clone).place_date_text == "Hà Nam, ngày      tháng 3 năm 2023"


def test_a_new_version_of_an_issued_plan_leaves_its_month_blank(office):
    plan = PlanFactory(place="Hà Nam", year=2022, issue_month=3)
    services.plan_issue(plan, by=office, issue_date=datetime.date(2022, 3, 18))

    draft = services.plan_new_version(plan, by=office)

    assert (draft.issue_date, draft.issue_month) == (None, None)
    assert plan_document(draft).place_date_text == "Hà Nam, ngày      tháng      năm 2022"


def test_loading_the_demo_again_gives_an_older_ha_nam_draft_its_month(office, office_unit):
    demo_plans_load()
    Plan.objects.filter(year=2022).update(issue_month=None)  # as loaded before the month was kept

    demo_plans_load()
    changes = Plan.history.filter(year=2022).count()
    demo_plans_load()

    ha_nam = Plan.objects.get(year=2022)
    assert ha_nam.issue_month == 3
    assert Plan.history.filter(year=2022).count() == changes  # the load after changed nothing
    assert plan_document(ha_nam).place_date_text == "Hà Nam, ngày      tháng 3 năm 2022"


def test_a_draft_without_date_or_month_leaves_both_blank(db):
    plan = PlanFactory(place="Hà Nam", year=2022, issue_date=None, issue_month=None)

    assert plan_document(plan).place_date_text == "Hà Nam, ngày      tháng      năm 2022"


def test_once_issued_the_full_date_replaces_the_month_of_the_draft(db):
    plan = PlanFactory(place="Hà Nam", year=2022, issue_month=3)
    services.plan_issue(plan, by=make_office_user(), issue_date=datetime.date(2022, 4, 5))
    plan.refresh_from_db()

    doc = plan_document(plan)

    assert doc.place_date_text == "Hà Nam, ngày 05 tháng 4 năm 2022"
    assert doc.number_text.startswith("Số: ") and not doc.number_text.startswith("Số:  ")
    assert plan.issue_month == 4


def test_a_draft_with_a_known_date_keeps_the_month_and_blanks_the_day(db):
    plan = PlanFactory(place="Đồng Nai", issue_date=datetime.date(2022, 3, 15))

    doc = plan_document(plan)

    assert doc.number_text == "Số:      /KH-SYT"
    assert doc.place_date_text == "Đồng Nai, ngày      tháng 3 năm 2022"


# ---------------------------------------------------------------------------
# Plans made in the editor
# ---------------------------------------------------------------------------
def test_tasks_table_groups_by_period_in_calendar_order(db):
    plan = PlanFactory(year=2022)
    march = PlanTaskFactory(
        plan=plan, order=1, period_kind="month", period_value=3, content="Đăng ký thi đua."
    )
    january = PlanTaskFactory(
        plan=plan, order=2, period_kind="month", period_value=1, content="Tổng kết năm."
    )
    march_too = PlanTaskFactory(
        plan=plan, order=3, period_kind="month", period_value=3, content="Ký giao ước."
    )
    ranged = PlanTaskFactory(
        plan=plan,
        order=4,
        period_kind="range",
        period_value=None,
        start_date=datetime.date(2022, 2, 1),
        end_date=datetime.date(2022, 2, 20),
        due_date=datetime.date(2022, 2, 20),
        content="Hội thi.",
    )

    rows = tasks_table_rows([march, january, march_too, ranged], plan.year)

    assert rows == [
        ["Tháng 1", ["Tổng kết năm."]],
        ["01/02/2022 – 20/02/2022", ["Hội thi."]],
        ["Tháng 3", ["Đăng ký thi đua.", "Ký giao ước."]],
    ]


def test_tasks_and_targets_without_a_block_are_printed_before_the_closing_paragraph(db):
    plan = PlanFactory()
    PlanBlockFactory(plan=plan, order=1, kind="heading", level=1, numbering="I.", text="NỘI DUNG")
    PlanBlockFactory(plan=plan, order=2, kind="paragraph", text="Trên đây là Kế hoạch của Sở Y tế.")
    PlanTaskFactory(plan=plan, period_kind="quarter", period_value=2, content="Sơ kết 6 tháng.")
    target = KeyTargetFactory(plan=plan, indicator="Tổng số lần khám bệnh", unit_of_measure="Lần")
    KeyTargetValueFactory(target=target, label="Tuyến tỉnh", planned="398.868")

    doc = plan_document(plan)

    assert [b["kind"] for b in doc.body] == ["heading", "targets", "tasks_table", "paragraph"]
    assert doc.body[1]["rows"] == [[["1. Tổng số lần khám bệnh", "- Tuyến tỉnh"], ["Lần"], ["398.868"], ""]]
    assert doc.body[2]["rows"] == [["Quý II", ["Sơ kết 6 tháng."]]]
    assert doc.recipients == ["Ban TĐKT tỉnh;", "Lưu: VT, VP."]  # the "- " is the template's


# ---------------------------------------------------------------------------
# The downloads
# ---------------------------------------------------------------------------
def test_office_downloads_the_pdf_and_the_docx(client, ha_nam, office):
    client.force_login(office)

    text = downloaded_docx_text(client, "plan", ha_nam.pk)

    assert "Nguyễn Trọng Khải" in text


def test_plan_page_links_the_downloads(client, dong_nai, office):
    client.force_login(office)

    html = client.get(dong_nai.get_absolute_url()).content.decode()

    assert reverse("reports:plan-pdf", args=[dong_nai.pk]) in html
    assert reverse("reports:plan-docx", args=[dong_nai.pk]) in html


def test_unit_head_cannot_download_a_draft_but_can_download_an_issued_plan(client, ha_nam, dong_nai):
    head = make_unit_head(UnitFactory())
    client.force_login(head)

    draft_pdf = client.get(reverse("reports:plan-pdf", args=[ha_nam.pk]))
    draft_docx = client.get(reverse("reports:plan-docx", args=[ha_nam.pk]))
    issued = client.get(reverse("reports:plan-pdf", args=[dong_nai.pk]))

    assert (draft_pdf.status_code, draft_docx.status_code) == (404, 404)
    assert issued.status_code == 200
    assert issued["Content-Type"] == "application/pdf"


def test_council_member_may_download_and_a_user_without_role_may_not(client, ha_nam):
    client.force_login(make_council_member(person=PersonFactory()))
    member = client.get(reverse("reports:plan-pdf", args=[ha_nam.pk]))
    client.force_login(make_plain_user())
    plain = client.get(reverse("reports:plan-pdf", args=[ha_nam.pk]))

    assert member.status_code == 200
    assert plain.status_code == 404


def test_anonymous_download_goes_to_the_login_page(client, ha_nam):
    response = client.get(reverse("reports:plan-pdf", args=[ha_nam.pk]))

    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_the_document_stays_vietnamese_when_the_user_reads_the_screens_in_english(client, dong_nai, office):
    client.force_login(office)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})

    english_page = client.get(reverse("plans:detail", args=[dong_nai.pk])).content.decode()
    pdf = client.get(reverse("reports:plan-pdf", args=[dong_nai.pk]))

    assert '<html lang="en">' in english_page
    text = pdf_text(pdf.content)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "SOCIALIST REPUBLIC" not in text
