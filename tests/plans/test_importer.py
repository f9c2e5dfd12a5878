"""The plan importer on the three real seeds, on plans written the same way, on .docx and on bad input."""

import datetime
import io
import re
from collections import Counter
from pathlib import Path

import pytest
from docx import Document

from plans.importer import PlanImportError, parse_plan_docx, parse_plan_text
from plans.parsed import BlockKind
from units import vn

SEEDS = Path(__file__).resolve().parents[1] / "fixtures" / "seeds"


def _seed(prefix: str) -> str:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def plan000():
    return parse_plan_text(_seed("000"))


@pytest.fixture(scope="module")
def plan002():
    return parse_plan_text(_seed("002"))


@pytest.fixture(scope="module")
def plan003():
    return parse_plan_text(_seed("003"))


def _blocks(plan, kind):
    return [b for b in plan.blocks if b.kind == kind]


def _numbered(plan, level):
    return [b for b in plan.blocks if b.level == level and b.numbering]


# ---------------------------------------------------------------------------
# Coverage: every significant word of the source lands somewhere in the draft
# ---------------------------------------------------------------------------
def _source_words(text: str) -> Counter:
    lines = [ln for ln in text.split("\n") if not re.match(r"^\s*\d{4}-\d{2}-\d{2}T", ln)]
    lines = [ln for ln in lines if "đã ký lên văn bản" not in ln and ln.strip() != "Việt Nam"]
    text = re.sub(r"<[^>]+>", " ", "\n".join(lines))
    return Counter(re.findall(r"\w+", text.lower()))


def _parsed_words(plan) -> Counter:
    parts = [plan.doc_type, plan.title, plan.place, plan.symbol, "Số Nơi nhận"]
    if plan.number:
        parts.append(str(plan.number))
    if plan.place:
        parts.append(f"ngày tháng năm {plan.year}")
    parts += plan.legal_bases + plan.recipients
    parts += [plan.signer_prefix, plan.signer_prefix_title, plan.signer_position, plan.signer_name]
    for b in plan.blocks:
        parts += [b.numbering, b.text] + [" ".join(r) for r in b.rows]
    for t in plan.tasks:
        parts += [t.content, vn.period_label(t.period_kind, t.period_value)]
    for t in plan.targets:
        parts += [t.indicator, t.unit_of_measure, t.note]
        parts += [f"{v.label} {v.planned} {v.unit_of_measure}" for v in t.values]
    return Counter(re.findall(r"\w+", " ".join(p for p in parts if p).lower()))


@pytest.mark.parametrize("prefix", ["000", "002", "003"])
def test_seed_words_all_land_in_the_draft(prefix):
    source = _source_words(_seed(prefix))

    missing = source - _parsed_words(parse_plan_text(_seed(prefix)))

    total = sum(source.values())
    found = 1 - sum(missing.values()) / total
    assert found >= 0.98, f"{found:.3f} found; missing: {dict(missing)}"


# ---------------------------------------------------------------------------
# Seed 000: Đồng Nai 2021, no header, tasks by quarter, KT. signer, e-signature trailer
# ---------------------------------------------------------------------------
def test_seed000_has_no_header_so_fields_are_blank_with_warnings(plan000):
    assert plan000.doc_type == "KẾ HOẠCH"
    assert plan000.number is None
    assert plan000.symbol == ""
    assert plan000.place == ""
    assert plan000.issue_date is None
    assert plan000.year == 2021
    assert any("số, ký hiệu" in w for w in plan000.warnings)
    assert any("địa danh" in w for w in plan000.warnings)


def test_seed000_title_and_basis(plan000):
    assert plan000.title == "Công tác thi đua, khen thưởng Ngành Y tế tỉnh Đồng Nai năm 2021"
    assert plan000.legal_bases == [
        "Căn cứ Kế hoạch số 701/KH-UBND ngày 20 tháng 01 năm 2021 của Ủy ban nhân dân tỉnh về "
        "Kế hoạch công tác thi đua, khen thưởng trên địa bàn tỉnh Đồng Nai năm 2021;"
    ]
    assert plan000.blocks[0].kind == BlockKind.PARAGRAPH
    assert plan000.blocks[0].text.startswith("Sở Y tế xây dựng kế hoạch thực hiện")
    assert plan000.blocks[0].text.endswith("với những nội dung chính sau:")


def test_seed000_roman_headings(plan000):
    headings = [(b.numbering, b.text) for b in plan000.blocks if b.level == 1]

    assert headings == [
        ("I.", "MỤC ĐÍCH, YÊU CẦU:"),
        ("II.", "NỘI DUNG, THỜI GIAN THỰC HIỆN:"),
        ("III.", "TỔ CHỨC THỰC HIỆN:"),
    ]


def test_seed000_tasks_by_quarter(plan000):
    per_quarter = Counter(t.period_value for t in plan000.tasks)

    assert per_quarter == {1: 7, 2: 5, 3: 5, 4: 4}
    assert {t.period_kind for t in plan000.tasks} == {"quarter"}
    assert plan000.tasks[0].due_date == datetime.date(2021, 3, 31)
    assert plan000.tasks[-1].due_date == datetime.date(2021, 12, 31)
    assert plan000.tasks[2].content == "Trình hồ sơ khen thưởng ngành Y tế năm 2020."
    assert plan000.tasks[5].content == "Đăng ký thi đua khen thưởng ngành Y tế năm 2021."
    # Hard-wrapped "nhiệm kỳ 2021-" / "2026." is joined back without a space.
    assert plan000.tasks[0].content.endswith("nhiệm kỳ 2021-2026.")
    task_blocks = _blocks(plan000, BlockKind.TASK)
    assert [b.task_index for b in task_blocks] == list(range(21))


def test_seed000_wrapped_lines_are_joined(plan000):
    bullets = _blocks(plan000, BlockKind.BULLET)

    assert bullets[0].text == (
        "Nhằm tạo sự chuyển biến mạnh mẽ trong nhận thức, tư tưởng của các cấp ủy Đảng, chính quyền, "
        "nâng cao trách nhiệm của người đứng đầu đơn vị trong việc triển khai, thực hiện công tác thi "
        "đua, khen thưởng."
    )


def test_seed000_restarted_numbering_under_units_keeps_all_eight_items(plan000):
    idx = next(i for i, b in enumerate(plan000.blocks) if b.text == "Các cơ quan, đơn vị trực thuộc:")
    items = plan000.blocks[idx + 1 : idx + 9]

    assert [b.numbering for b in items] == [f"{n}." for n in range(1, 9)]
    assert all(b.level == 3 for b in items)
    assert items[0].text.startswith("Tiếp tục thực hiện đổi mới nội dung")
    assert items[7].text.endswith("Khối Văn hóa xã hội.")


def test_seed000_closing_recipients_and_signer(plan000):
    assert plan000.blocks[-1].text.startswith("Trên đây là Kế hoạch thực hiện công tác thi đua")
    assert plan000.blocks[-1].text.endswith("phối hợp xử lý./.")
    assert plan000.recipients == [
        "Ban TĐKT tỉnh;",
        "Ban Giám đốc Sở Y tế;",
        "Các phòng chuyên môn, Thanh tra Sở;",
        "Công đoàn ngành Y tế;",
        "Các đơn vị trực thuộc;",
        "Lưu: VT, VP.",
    ]
    assert plan000.signer_prefix == "KT."
    assert plan000.signer_prefix_title == "GIÁM ĐỐC"
    assert plan000.signer_position == "PHÓ GIÁM ĐỐC"
    assert plan000.signer_name == "Lê Quang Trung"


def test_seed000_signature_trailer_is_dropped(plan000):
    everything = " ".join([b.text for b in plan000.blocks] + plan000.warnings + plan000.recipients)

    assert "2021-01-27T10:38:22" not in everything
    assert "đã ký lên văn bản" not in everything
    assert "trunglq.syt@dongnai.gov.vn" not in everything


# ---------------------------------------------------------------------------
# Seed 002: Đồng Nai 2024, markdown, "Thực hiện" basis, items a) to đ)
# ---------------------------------------------------------------------------
def test_seed002_header(plan002):
    assert plan002.number is None
    assert plan002.symbol == "KH-SYT"
    assert plan002.place == "Đồng Nai"
    assert plan002.issue_date is None  # "ngày tháng 7 năm 2024": the day is blank
    assert plan002.year == 2024
    assert plan002.title == (
        "Phát động phong trào thi đua “Ngành y tế tỉnh Đồng Nai đẩy mạnh phát triển toàn diện, "
        "cất cánh cùng Sân bay Long Thành”"
    )


def test_seed002_basis_is_split_from_the_intro_sentence(plan002):
    assert len(plan002.legal_bases) == 1
    assert plan002.legal_bases[0].startswith("Thực hiện Kế hoạch số 216/KH-UBND ngày 17/6/2024")
    assert plan002.legal_bases[0].endswith("cất cánh cùng Sân bay Long Thành”;")
    assert plan002.blocks[0].text.startswith("Sở Y tế phát động phong trào thi đua")
    assert plan002.blocks[0].text.endswith("như sau:")


def test_seed002_markdown_is_gone(plan002):
    texts = [b.text for b in plan002.blocks] + [plan002.title, plan002.signer_name] + plan002.recipients

    assert not any("*" in t or t.startswith("#") for t in texts)


def test_seed002_headings_and_letter_items_in_order(plan002):
    romans = [b.numbering for b in plan002.blocks if b.level == 1]
    letters = [b.numbering for b in plan002.blocks if b.level == 3]

    assert romans == ["I.", "II.", "III.", "IV."]
    assert letters == ["a)", "b)", "c)", "d)", "đ)"]
    a_index = next(i for i, b in enumerate(plan002.blocks) if b.numbering == "a)")
    after_a = plan002.blocks[a_index + 1 : a_index + 7]
    assert [b.kind for b in after_a] == [BlockKind.BULLET] * 6


def test_seed002_bold_numbered_prefix_becomes_heading_and_paragraph(plan002):
    idx = next(i for i, b in enumerate(plan002.blocks) if b.text == "Tập thể:")

    assert plan002.blocks[idx].kind == BlockKind.HEADING
    assert plan002.blocks[idx].numbering == "1."
    assert plan002.blocks[idx + 1].kind == BlockKind.PARAGRAPH
    assert plan002.blocks[idx + 1].text.startswith("Các phòng chuyên môn và tương đương")


def test_seed002_recipients_and_signer(plan002):
    assert plan002.recipients == [
        "Ban Giám đốc Sở;",
        "Các phòng chuyên môn Sở;",
        "Các đơn vị trực thuộc;",
        "Lưu: VT, VP.",
    ]
    assert (plan002.signer_prefix, plan002.signer_prefix_title) == ("KT.", "GIÁM ĐỐC")
    assert plan002.signer_position == "PHÓ GIÁM ĐỐC"
    assert plan002.signer_name == "Võ Thị Ngọc Lắm"
    assert plan002.tasks == []


# ---------------------------------------------------------------------------
# Seed 003: Hà Nam 2022, key targets table, month table, a deadline for units
# ---------------------------------------------------------------------------
def test_seed003_header(plan003):
    assert plan003.number is None
    assert plan003.symbol == "KH-HĐTĐKT"
    assert plan003.place == "Hà Nam"
    assert plan003.year == 2022
    assert plan003.title == "Công tác thi đua, khen thưởng năm 2022"
    assert len(plan003.legal_bases) == 1
    assert plan003.legal_bases[0].startswith("Căn cứ Luật Thi đua, Khen thưởng số 39/2013/QH13")


@pytest.mark.parametrize(
    ("prefix", "month", "line"),
    [
        ("003", 3, "Hà Nam, ngày … tháng 3 năm 2022"),
        ("002", 7, "Đồng Nai, ngày … tháng 7 năm 2024"),
    ],
)
def test_draft_date_with_a_blank_day_keeps_its_month(prefix, month, line):
    plan = parse_plan_text(_seed(prefix))

    assert plan.issue_date is None
    assert plan.issue_month == month
    assert plan.date_line == line


def test_seed000_without_a_date_line_has_no_month(plan000):
    assert plan000.issue_month is None


def test_a_complete_date_gives_the_date_and_its_month():
    plan = parse_plan_text(PLAN_MONTH_TABLE)

    assert (plan.issue_date, plan.issue_month) == (datetime.date(2024, 1, 10), 1)
    assert plan.date_line == "Lào Cai, ngày 10 tháng 01 năm 2024"


def test_a_month_out_of_range_is_warned_and_not_kept():
    text = (
        "Số: /KH-SYT\nĐồng Nai, ngày tháng 13 năm 2024\n"
        "KẾ HOẠCH\nThi đua năm 2024\nI. MỤC ĐÍCH\n- Một việc.\n"
    )

    plan = parse_plan_text(text)

    assert (plan.issue_date, plan.issue_month, plan.year) == (None, None, 2024)
    assert any("Ngày ban hành không hợp lệ" in w for w in plan.warnings)


def test_seed003_targets(plan003):
    targets = plan003.targets

    assert len(targets) == 13
    assert targets[0].indicator == "Số TE dưới 1 tuổi được tiêm chủng đầy đủ"
    assert targets[0].unit_of_measure == "Trẻ"
    assert [(v.label, v.planned) for v in targets[0].values] == [("", "12.884")]
    assert targets[2].values[0].planned == "9,0"
    multi = [t for t in targets if len(t.values) > 1]
    assert len(multi) == 2
    contraception, visits = multi
    assert contraception.indicator == "Số người dùng các biện pháp tránh thai"
    assert [(v.label, v.planned, v.unit_of_measure) for v in contraception.values] == [
        ("Biện pháp tránh thai lâm sàng", "18.656", "Người"),
        ("Biện pháp tránh thai phi lâm sàng", "27.406", "Người"),
    ]
    assert visits.indicator == "Tổng số lần khám bệnh"
    assert [(v.label, v.planned, v.unit_of_measure) for v in visits.values] == [
        ("Tuyến tỉnh", "398.868", "Lần"),
        ("Tuyến huyện", "312.000", "Lần"),
    ]
    assert targets[-1].indicator == "Giảm tỷ lệ sinh con thứ 3 trở lên"


def test_seed003_targets_block_follows_its_heading_paragraph(plan003):
    idx = next(i for i, b in enumerate(plan003.blocks) if b.kind == BlockKind.TARGETS)

    assert plan003.blocks[idx - 1].text == "Chỉ tiêu chủ yếu:"
    assert plan003.blocks[idx + 1].numbering == "III."
    assert len(_blocks(plan003, BlockKind.TARGETS)) == 1


def test_seed003_month_tasks(plan003):
    per_month = Counter(t.period_value for t in plan003.tasks)

    assert per_month == {1: 3, 2: 4, 3: 5, 4: 3, 5: 2, 6: 3, 7: 2, 8: 2, 9: 2, 10: 3, 11: 7, 12: 2}
    assert {t.period_kind for t in plan003.tasks} == {"month"}
    feb = [t for t in plan003.tasks if t.period_value == 2]
    assert feb[0].due_date == datetime.date(2022, 2, 28)
    jan = [t.content for t in plan003.tasks if t.period_value == 1]
    assert jan[1] == (
        "Tiếp tục tổng hợp, hoàn thiện hồ sơ khen thưởng cho các tập thể, cá nhân có thành tích "
        "xuất sắc trong phong trào thi đua, yêu nước năm 2021."
    )
    july = [t.content for t in plan003.tasks if t.period_value == 7]
    assert july[0] == "Thực hiện các nhiệm vụ công tác thi đua khen thưởng theo chỉ đạo của tỉnh và Bộ Y tế."
    march = [t.content for t in plan003.tasks if t.period_value == 3]
    assert march[-1] == "Tham gia Hội nghị ký thi đua Khối Văn hóa - Xã hội năm 2022"  # not split at " - "
    assert not any("<" in t.content for t in plan003.tasks)
    assert len(_blocks(plan003, BlockKind.TASKS_TABLE)) == 1


def test_seed003_submission_request(plan003):
    assert len(plan003.submissions) == 1
    sub = plan003.submissions[0]
    assert sub.title == "Kế hoạch công tác thi đua, khen thưởng của đơn vị"
    assert sub.due_date == datetime.date(2022, 3, 31)
    assert "trước ngày 31 tháng 3 năm 2022" in sub.source_text
    assert any(b.text == sub.source_text for b in plan003.blocks)  # also kept as a paragraph


def test_seed003_numbering_slips_are_warned_not_dropped(plan003):
    fixed = next(b for b in plan003.blocks if b.text.startswith("Xây dựng, bồi dưỡng đội ngũ cán bộ"))

    assert fixed.numbering == "3."
    assert any("thiếu dấu chấm" in w for w in plan003.warnings)
    assert any("từ V sang VII" in w for w in plan003.warnings)


def test_seed003_recipients_and_signer(plan003):
    assert len(plan003.recipients) == 7
    assert plan003.recipients[0] == "Hội đồng TĐKT tỉnh (để báo cáo);"
    assert plan003.recipients[-1] == "Lưu: VT, TCHC."
    assert plan003.signer_prefix == ""
    assert plan003.signer_position == "CHỦ TỊCH HỘI ĐỒNG\nGIÁM ĐỐC"
    assert plan003.signer_name == "Nguyễn Trọng Khải"


# ---------------------------------------------------------------------------
# Plans written the same way, not among the seeds
# ---------------------------------------------------------------------------
PLAN_2023_QUARTERS = """
UBND TỈNH ĐẮK LẮK
SỞ Y TẾ
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Số: 15/KH-SYT

Đắk Lắk, ngày 05 tháng 02 năm 2023

KẾ HOẠCH

Công tác thi đua, khen thưởng ngành Y tế

năm 2023

Căn cứ Luật Thi đua, Khen thưởng ngày 15 tháng 6 năm 2022;

Căn cứ Kế hoạch số 20/KH-UBND ngày 10 tháng 01 năm 2023 của Ủy ban nhân dân

tỉnh về công tác thi đua, khen thưởng năm 2023.

I. MỤC ĐÍCH, YÊU CẦU

1. Mục đích:

a) Động viên cán bộ, viên chức thi đua hoàn thành xuất sắc nhiệm vụ được

giao trong năm 2023.

b) Phát hiện, bồi dưỡng điển hình tiên tiến.

2. Yêu cầu:

- Khen thưởng kịp thời, đúng người, đúng thành tích.

II. NỘI DUNG VÀ THỜI GIAN

1. Quý I:

- Ký giao ước thi đua năm 2023.

- Tổ chức Ngày Thầy thuốc Việt Nam 27/02.

2. Quý II:

- Sơ kết 6 tháng đầu năm.

3. Quý III:

- Kiểm tra công tác thi đua tại các đơn vị

trực thuộc.

- Tập huấn nghiệp vụ thi đua, khen thưởng.

4. Quý IV:

- Tổng kết phong trào thi đua năm 2023.

- Họp Hội đồng Thi đua - Khen thưởng ngành.

- Xây dựng kế hoạch năm 2024.

III. TỔ CHỨC THỰC HIỆN

Các đơn vị gửi báo cáo tổng kết công tác thi đua, khen thưởng về Văn phòng Sở trước ngày

15/11/2023.

Trên đây là Kế hoạch công tác thi đua, khen thưởng năm 2023 của Sở Y tế./.

Nơi nhận:
- Ban TĐKT tỉnh (để báo cáo);
- Các đơn vị trực thuộc
(để thực hiện);
- Lưu: VT, VP;

TL. GIÁM ĐỐC
CHÁNH VĂN PHÒNG

Trần Văn Bình
"""


def test_other_plan_with_quarters_and_letter_items():
    plan = parse_plan_text(PLAN_2023_QUARTERS)

    assert (plan.number, plan.symbol, plan.place) == (15, "KH-SYT", "Đắk Lắk")
    assert plan.issue_date == datetime.date(2023, 2, 5)
    assert plan.year == 2023
    assert plan.title == "Công tác thi đua, khen thưởng ngành Y tế năm 2023"
    assert plan.legal_bases == [
        "Căn cứ Luật Thi đua, Khen thưởng ngày 15 tháng 6 năm 2022;",
        "Căn cứ Kế hoạch số 20/KH-UBND ngày 10 tháng 01 năm 2023 của Ủy ban nhân dân tỉnh về công tác "
        "thi đua, khen thưởng năm 2023;",
    ]
    assert [b.numbering for b in plan.blocks if b.level == 3] == ["a)", "b)"]
    assert (
        plan.blocks[2].text
        == "Động viên cán bộ, viên chức thi đua hoàn thành xuất sắc nhiệm vụ được giao trong năm 2023."
    )
    assert Counter(t.period_value for t in plan.tasks) == {1: 2, 2: 1, 3: 2, 4: 3}
    assert plan.tasks[3].content == "Kiểm tra công tác thi đua tại các đơn vị trực thuộc."
    assert plan.tasks[-1].due_date == datetime.date(2023, 12, 31)
    assert [(s.title, s.due_date) for s in plan.submissions] == [
        ("Báo cáo tổng kết công tác thi đua, khen thưởng", datetime.date(2023, 11, 15))
    ]
    assert plan.recipients == [
        "Ban TĐKT tỉnh (để báo cáo);",
        "Các đơn vị trực thuộc (để thực hiện);",
        "Lưu: VT, VP.",
    ]
    assert (plan.signer_prefix, plan.signer_prefix_title) == ("TL.", "GIÁM ĐỐC")
    assert plan.signer_position == "CHÁNH VĂN PHÒNG"
    assert plan.signer_name == "Trần Văn Bình"
    # The agency lines are the issuing body of the draft, not a warning.
    assert (plan.authority_line, plan.issuer_line) == ("UBND TỈNH ĐẮK LẮK", "SỞ Y TẾ")
    assert not any("UBND TỈNH ĐẮK LẮK" in w for w in plan.warnings)
    assert not any("CỘNG HÒA" in w for w in plan.warnings)


PLAN_MONTH_TABLE = (
    "Số: 03/KH-HĐTĐKT\n"
    "Lào Cai, ngày 10 tháng 01 năm 2024\n"
    "KẾ HOẠCH\n"
    "Hoạt động của Hội đồng Thi đua - Khen thưởng Sở Y tế năm 2024\n"
    "Thực hiện Quy chế hoạt động của Hội đồng Thi đua - Khen thưởng Sở Y tế;\n"
    "I. NHIỆM VỤ THEO THÁNG\n"
    "Thời gian\tNội dung công việc\n"
    "Tháng 1\t<ul><li>Ban hành kế hoạch năm 2024.</li><li>Hướng dẫn đăng ký thi đua</li></ul>\n"
    "Tháng 2\t- Tổ chức ký giao ước thi đua. - Tổng hợp đăng ký thi đua năm 2024\n"
    "Tháng\t- Sơ kết công tác thi đua 6 tháng đầu năm của Khối Văn hóa - Xã hội\n"
    "\n"
    "6\t<p>tỉnh.</p> - Báo cáo sơ kết 6 tháng.\n"
    "Tháng 12\t- Họp Hội đồng xét khen thưởng năm 2024.\n"
    "\n"
    "II. TỔ CHỨC THỰC HIỆN\n"
    "Các cơ quan, đơn vị nộp hồ sơ đề nghị khen thưởng về Thường trực Hội đồng chậm nhất ngày 30/11.\n"
    "Nơi nhận:\n"
    "- Thành viên Hội đồng;\n"
    "- Lưu: VT, HĐTĐKT.\n"
    "TM. HỘI ĐỒNG\n"
    "CHỦ TỊCH\n"
    "Phạm Thị Hoa\n"
)


def test_other_plan_with_month_table_and_tm_signer():
    plan = parse_plan_text(PLAN_MONTH_TABLE)

    assert (plan.number, plan.symbol, plan.place, plan.year) == (3, "KH-HĐTĐKT", "Lào Cai", 2024)
    assert plan.issue_date == datetime.date(2024, 1, 10)
    assert plan.legal_bases == ["Thực hiện Quy chế hoạt động của Hội đồng Thi đua - Khen thưởng Sở Y tế;"]
    assert [b.kind for b in plan.blocks] == [
        BlockKind.HEADING,
        BlockKind.TASKS_TABLE,
        BlockKind.HEADING,
        BlockKind.PARAGRAPH,
    ]
    assert [(t.period_value, t.content) for t in plan.tasks] == [
        (1, "Ban hành kế hoạch năm 2024."),
        (1, "Hướng dẫn đăng ký thi đua"),
        (2, "Tổ chức ký giao ước thi đua."),
        (2, "Tổng hợp đăng ký thi đua năm 2024"),
        (6, "Sơ kết công tác thi đua 6 tháng đầu năm của Khối Văn hóa - Xã hội tỉnh."),
        (6, "Báo cáo sơ kết 6 tháng."),
        (12, "Họp Hội đồng xét khen thưởng năm 2024."),
    ]
    assert plan.tasks[0].due_date == datetime.date(2024, 1, 31)
    assert plan.tasks[2].due_date == datetime.date(2024, 2, 29)  # leap year
    assert len(plan.submissions) == 1
    assert plan.submissions[0].title == "Hồ sơ đề nghị khen thưởng"
    assert plan.submissions[0].due_date == datetime.date(2024, 11, 30)
    assert (plan.signer_prefix, plan.signer_prefix_title) == ("TM.", "HỘI ĐỒNG")
    assert plan.signer_position == "CHỦ TỊCH"
    assert plan.signer_name == "Phạm Thị Hoa"
    # The text starts at the number: the issuing body is left for the user, not defaulted.
    assert plan.warnings == [
        "Không thấy tên cơ quan ban hành ở phần đầu văn bản: cần nhập tay, không lấy mặc định."
    ]


def test_plan_without_type_but_with_numbering_is_read_with_a_warning():
    plan = parse_plan_text("I. MỤC ĐÍCH\n- Một việc.\nII. NỘI DUNG\n1. Quý II:\n- Việc quý hai.\n")

    assert [b.numbering for b in plan.blocks if b.level == 1] == ["I.", "II."]
    assert plan.tasks[0].period_value == 2
    assert plan.tasks[0].due_date is None  # no year anywhere
    assert any("tên loại văn bản" in w for w in plan.warnings)
    assert any("năm của kế hoạch" in w for w in plan.warnings)


def test_free_table_is_kept_as_rows():
    text = (
        "KẾ HOẠCH\nKiểm tra năm 2023\nCăn cứ Quy chế;\nI. LỊCH KIỂM TRA\n"
        "Đơn vị\tNgày\tTrưởng đoàn\nBệnh viện tỉnh\t12/5\tÔng A\nTTYT huyện\t20/5\tBà B\n"
        "II. TỔ CHỨC THỰC HIỆN\nCác đơn vị chuẩn bị hồ sơ./.\n"
    )

    plan = parse_plan_text(text)

    (table,) = _blocks(plan, BlockKind.TABLE)
    assert table.rows == [
        ["Đơn vị", "Ngày", "Trưởng đoàn"],
        ["Bệnh viện tỉnh", "12/5", "Ông A"],
        ["TTYT huyện", "20/5", "Bà B"],
    ]


# ---------------------------------------------------------------------------
# Bad input
# ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    ["", "   \n\n  ", "Xin chào các anh chị.\nHôm nay trời đẹp, mời mọi người đi họp lúc 8 giờ."],
)
def test_text_without_structure_is_refused(text):
    with pytest.raises(PlanImportError, match="Không nhận ra cấu trúc kế hoạch"):
        parse_plan_text(text)


def test_a_file_that_is_not_a_docx_is_refused():
    with pytest.raises(PlanImportError, match="Không nhận ra cấu trúc kế hoạch"):
        parse_plan_docx(io.BytesIO(b"%PDF-1.4 not a docx"))


# ---------------------------------------------------------------------------
# .docx: same structure as the text version
# ---------------------------------------------------------------------------
DOCX_PARAGRAPHS_BEFORE = [
    "Số: 07/KH-SYT",
    "Hà Nam, ngày 20 tháng 02 năm 2025",
    "KẾ HOẠCH",
    "Công tác thi đua, khen thưởng năm 2025",
    "Căn cứ Luật Thi đua, Khen thưởng ngày 15 tháng 6 năm 2022;",
    "I. MỤC ĐÍCH",
    "- Động viên phong trào thi đua.",
    "II. NHIỆM VỤ",
]
DOCX_TABLE = [
    ("Thời gian", ["Nội dung công việc"]),
    ("Tháng 1", ["- Ban hành kế hoạch năm 2025.", "- Hướng dẫn đăng ký thi đua"]),
    ("Tháng 3", ["- Tổ chức Hội nghị Khối Văn hóa - Xã hội;", "- Tổng hợp đăng ký thi đua."]),
]
DOCX_PARAGRAPHS_AFTER = [
    "III. TỔ CHỨC THỰC HIỆN",
    "Kế hoạch của các đơn vị gửi về Sở Y tế trước ngày 31/3/2025.",
    "Trên đây là Kế hoạch công tác thi đua, khen thưởng năm 2025./.",
]


def _docx_bytes() -> bytes:
    doc = Document()
    for text in DOCX_PARAGRAPHS_BEFORE:
        doc.add_paragraph(text)
    table = doc.add_table(rows=0, cols=2)
    for label, items in DOCX_TABLE:
        cells = table.add_row().cells
        cells[0].text = label
        cells[1].text = items[0]
        for item in items[1:]:
            cells[1].add_paragraph(item)
    for text in DOCX_PARAGRAPHS_AFTER:
        doc.add_paragraph(text)
    # The signature block as the usual 2-column borderless table.
    sign = doc.add_table(rows=1, cols=2)
    left, right = sign.rows[0].cells
    left.text = "Nơi nhận:"
    left.add_paragraph("- Các đơn vị trực thuộc;")
    left.add_paragraph("- Lưu: VT, VP.")
    right.text = "KT. GIÁM ĐỐC"
    for line in ["PHÓ GIÁM ĐỐC", "", "Nguyễn Văn An"]:
        right.add_paragraph(line)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _docx_as_text() -> str:
    lines = list(DOCX_PARAGRAPHS_BEFORE)
    for label, items in DOCX_TABLE:
        lines.append(f"{label}\t{' '.join(items)}")
    lines += DOCX_PARAGRAPHS_AFTER
    lines += [
        "Nơi nhận:",
        "- Các đơn vị trực thuộc;",
        "- Lưu: VT, VP.",
        "KT. GIÁM ĐỐC",
        "PHÓ GIÁM ĐỐC",
        "Nguyễn Văn An",
    ]
    return "\n".join(lines)


def test_docx_parses_to_the_same_structure_as_its_text():
    from_docx = parse_plan_docx(io.BytesIO(_docx_bytes()))
    from_text = parse_plan_text(_docx_as_text())

    assert from_docx == from_text
    assert (from_docx.number, from_docx.symbol, from_docx.issue_date) == (
        7,
        "KH-SYT",
        datetime.date(2025, 2, 20),
    )
    assert [b.kind for b in from_docx.blocks] == [
        BlockKind.HEADING,
        BlockKind.BULLET,
        BlockKind.HEADING,
        BlockKind.TASKS_TABLE,
        BlockKind.HEADING,
        BlockKind.PARAGRAPH,
        BlockKind.PARAGRAPH,
    ]
    assert [(t.period_value, t.content) for t in from_docx.tasks] == [
        (1, "Ban hành kế hoạch năm 2025."),
        (1, "Hướng dẫn đăng ký thi đua"),
        (3, "Tổ chức Hội nghị Khối Văn hóa - Xã hội;"),
        (3, "Tổng hợp đăng ký thi đua."),
    ]
    assert from_docx.submissions[0].due_date == datetime.date(2025, 3, 31)
    assert from_docx.recipients == ["Các đơn vị trực thuộc;", "Lưu: VT, VP."]
    assert (from_docx.signer_prefix, from_docx.signer_position, from_docx.signer_name) == (
        "KT.",
        "PHÓ GIÁM ĐỐC",
        "Nguyễn Văn An",
    )


def test_signer_printed_before_the_recipients_is_still_found():
    text = (
        "KẾ HOẠCH\nKiểm tra công tác thi đua năm 2025\nCăn cứ Quy chế làm việc;\n"
        "I. NỘI DUNG\n- Kiểm tra hồ sơ khen thưởng./.\n"
        "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\nNơi nhận:\n- Các đơn vị;\n- Lưu: VT, VP\nTrần Thị Mai\n"
    )

    plan = parse_plan_text(text)

    assert plan.recipients == ["Các đơn vị;", "Lưu: VT, VP."]
    assert (plan.signer_prefix, plan.signer_position, plan.signer_name) == (
        "KT.",
        "PHÓ GIÁM ĐỐC",
        "Trần Thị Mai",
    )
    assert plan.blocks[-1].text == "Kiểm tra hồ sơ khen thưởng./."


def test_recipients_label_sharing_a_line_with_the_signer_prefix():
    text = (
        "KẾ HOẠCH\nKiểm tra năm 2025\nI. NỘI DUNG\n- Kiểm tra./.\n"
        "Nơi nhận: KT. GIÁM ĐỐC\n- Các đơn vị;\n- Lưu: VT.\nPHÓ GIÁM ĐỐC\nTrần Thị Mai\n"
    )

    plan = parse_plan_text(text)

    assert plan.recipients == ["Các đơn vị;", "Lưu: VT."]
    assert (plan.signer_prefix, plan.signer_prefix_title, plan.signer_name) == (
        "KT.",
        "GIÁM ĐỐC",
        "Trần Thị Mai",
    )
