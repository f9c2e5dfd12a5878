"""Each phrase reader of the importer on its own: deadlines, recurrences, kinds, addressees,
issuing bodies, unit names and words broken by a PDF extraction."""

import datetime

import pytest

from plans import import_phrases as ph
from plans.importer import broken_lines, parse_plan_text

D = datetime.date


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("gửi về Sở Y tế trước ngày 15/4/2024.", D(2024, 4, 15)),
        ("gửi về Sở trước ngày 15/4.", D(2025, 4, 15)),  # the year of the plan
        ("chậm nhất ngày 20 tháng 6 năm 2025", D(2025, 6, 20)),
        ("chậm nhất là ngày 05/12/2024", D(2024, 12, 5)),
        ("trước ngày 10 tháng 3 năm 2025", D(2025, 3, 10)),
        ("hạn chót ngày 30-11-2025", D(2025, 11, 30)),
        ("không muộn hơn ngày 01/7", D(2025, 7, 1)),
        ("hoàn thành trong tháng 5/2024", D(2024, 5, 31)),
        ("hoàn thành trong tháng 02 năm 2024", D(2024, 2, 29)),
        ("trong tháng 9", D(2025, 9, 30)),
        ("tổ chức kiểm tra trong quý III/2024", D(2024, 9, 30)),
        ("trong quý 2", D(2025, 6, 30)),
    ],
)
def test_a_deadline_phrase_gives_its_date(text, due):
    deadline = ph.parse_deadline(text, year=2025)

    assert deadline is not None
    assert (deadline.due, deadline.recurrence) == (due, "")


@pytest.mark.parametrize(
    ("text", "recurrence"),
    [
        ("báo cáo kết quả hằng quý về Văn phòng Sở", ph.QUARTERLY),
        ("báo cáo hàng quý", ph.QUARTERLY),
        ("định kỳ hằng quý gửi số liệu", ph.QUARTERLY),
        ("báo cáo định kỳ 6 tháng về Sở Y tế", ph.HALF_YEARLY),
        ("06 tháng một lần", ph.HALF_YEARLY),
        ("gửi số liệu hằng tháng", ph.MONTHLY),
    ],
)
def test_a_recurrence_phrase_gives_its_rhythm_and_no_date(text, recurrence):
    deadline = ph.parse_deadline(text, year=2025)

    assert (deadline.due, deadline.recurrence) == (None, recurrence)


@pytest.mark.parametrize(
    "text",
    [
        "định kỳ đánh giá kết quả phong trào thi đua",  # "định kỳ" without a rhythm
        "Thời gian tổng kết phong trào thi đua: Tháng 6 năm 2025.",
        "kỷ niệm 70 năm Ngày Thầy thuốc Việt Nam (27/02/1955 - 27/02/2025)",
        "thi đua hằng năm",
    ],
)
def test_text_without_a_deadline_phrase_has_none(text):
    assert ph.find_deadlines(text, year=2025) == []


def test_an_impossible_date_is_found_without_a_due_date():
    (deadline,) = ph.find_deadlines("gửi trước ngày 31/02/2025", year=2025)

    assert deadline.phrase == "trước ngày 31/02/2025"
    assert deadline.due is None


def test_two_deadlines_of_one_paragraph_are_both_found_in_order():
    text = "Các đơn vị gửi trước ngày 15/11/2024; Phòng TCCB báo cáo tỉnh trước ngày 30/11/2024."

    found = ph.find_deadlines(text, year=2024)

    assert [d.due for d in found] == [D(2024, 11, 15), D(2024, 11, 30)]


@pytest.mark.parametrize(
    ("cell", "due", "recurrence"),
    [
        ("Tháng 02/2025", D(2025, 2, 28), ""),
        ("Quý III", D(2024, 9, 30), ""),
        ("Trước ngày 25/02/2025", D(2025, 2, 25), ""),
        ("Hằng quý", None, ph.QUARTERLY),
    ],
)
def test_a_time_cell_of_a_table_may_hold_a_bare_month_or_quarter(cell, due, recurrence):
    deadline = ph.parse_deadline(cell, year=2024, bare=True)

    assert (deadline.due, deadline.recurrence) == (due, recurrence)


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("Công tác thi đua, khen thưởng năm 2025", ph.ANNUAL),
        ("Công tác thi đua, khen thưởng ngành Y tế năm 2025", ph.ANNUAL),
        ("Tổng kết 10 năm thực hiện Chỉ thị số 34-CT/TW ngày 07/4/2014 của Bộ Chính trị", ph.REVIEW),
        ("Sơ kết công tác thi đua, khen thưởng 6 tháng đầu năm 2025", ph.REVIEW),
        ("Tổng kết công tác thi đua năm 2024 và phát động phong trào thi đua năm 2025", ph.REVIEW),
        ("Phát động phong trào thi đua “Vì an toàn người bệnh” năm 2025", ph.CAMPAIGN),
        ("Kiểm tra công tác thi đua, khen thưởng năm 2024", ph.THEMATIC),
    ],
)
def test_the_kind_of_plan_comes_from_its_title(title, kind):
    assert ph.plan_kind_of(title) == kind


def test_a_letter_that_neither_launches_nor_reviews_is_of_another_kind():
    assert ph.plan_kind_of("V/v đăng ký thi đua năm 2025", letter=True) == ph.OTHER
    assert ph.plan_kind_of("V/v phát động phong trào thi đua", letter=True) == ph.CAMPAIGN


@pytest.mark.parametrize(
    ("text", "subject", "group"),
    [
        ("Các đơn vị trực thuộc xây dựng báo cáo", "Các đơn vị trực thuộc", ph.GROUP_ALL),
        ("Thủ trưởng các đơn vị chịu trách nhiệm", "Thủ trưởng các đơn vị", ph.GROUP_ALL),
        ("Các bệnh viện gửi số liệu", "Các bệnh viện", ph.GROUP_HOSPITALS),
        ("Các TTYT huyện, thành phố tổ chức", "Các TTYT huyện, thành phố", ph.GROUP_HEALTH_CENTRES),
        ("Các Trung tâm Y tế huyện tổ chức ký", "Các Trung tâm Y tế huyện", ph.GROUP_HEALTH_CENTRES),
        ("Các phòng chức năng thuộc Sở phối hợp", "Các phòng chức năng thuộc Sở", ph.GROUP_OFFICES),
        ("Phòng Tổ chức cán bộ tổ chức kiểm tra", "Phòng Tổ chức cán bộ", ""),  # the name holds a verb
        ("CDC tỉnh phối hợp tuyên truyền", "CDC tỉnh", ""),
        ("Đề nghị Văn phòng Sở (đầu mối) tổng hợp", "Văn phòng Sở", ""),
        ("Văn phòng Sở Y tế:", "Văn phòng Sở Y tế", ""),
        ("Hướng dẫn các khối thi đua tổ chức sơ kết", "", ""),
        ("Ban hành văn bản hướng dẫn các đơn vị", "", ""),
    ],
)
def test_the_addressee_opens_the_task(text, subject, group):
    assert ph.addressee_of(text) == (subject, group)


@pytest.mark.parametrize(
    ("lines", "body"),
    [
        (["UBND TỈNH HÀ NAM", "SỞ Y TẾ"], ("UBND TỈNH HÀ NAM", "SỞ Y TẾ")),
        (
            ["SỞ Y TẾ QUẢNG NINH", "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG"],
            ("SỞ Y TẾ QUẢNG NINH", "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG"),
        ),
        (["SỞ Y TẾ"], ("", "SỞ Y TẾ")),
        (["UBND TỈNH LÂM ĐỒNG"], ("UBND TỈNH LÂM ĐỒNG", "")),
        ([], ("", "")),
    ],
)
def test_the_issuing_body_of_the_header(lines, body):
    assert ph.issuing_body_of(lines) == body


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Phòng TCCB", "Phòng Tổ chức cán bộ"),
        ("P.TCCB", "Phòng Tổ chức cán bộ"),
        ("Văn phòng Sở Y tế", "Văn phòng Sở"),
        ("CDC tỉnh", "Trung tâm Kiểm soát bệnh tật"),
        ("TTYT huyện Vĩnh Cửu", "Trung tâm Y tế huyện Vĩnh Cửu"),
        ("BVĐKKV Long Khánh", "Bệnh viện Đa khoa khu vực Long Khánh"),
    ],
)
def test_a_unit_named_by_its_abbreviation_has_the_key_of_its_full_name(one, other):
    assert ph.unit_name_key(one) == ph.unit_name_key(other)


@pytest.mark.parametrize(
    ("line", "pieces"),
    [
        ("tại các đ ng vị trực thuộc", ["đ ng"]),
        ("trực thuộc. Ch  trọng kiểm tra hồ sơ", ["Ch  trọng"]),
        ("báo cáo kết quả tr ớc ngày 15/10/2024", ["tr ớc"]),
        ("công tác thi đ ua, khen th ưởng", ["đ ua", "th ưởng"]),
    ],
)
def test_a_word_broken_apart_is_found(line, pieces):
    assert ph.broken_words(line) == pieces


@pytest.mark.parametrize(
    "line",
    [
        "đ) Thi đua thực hiện tốt công tác chuẩn bị",  # a numbering letter
        "Các TTYT, BVĐK, CDC và HĐTĐKT; Quốc hội khóa XV",  # abbreviations, Roman numerals
        "V/v phát động; Giám đốc Sở (để b/c); Covid-19; 35 km",
        "Cụm  thi đua ngành Y tế; nghiêng; khuya; gì; quý; người; Nguyễn Thị Ngọc Lắm",
        "trunglq.syt@dongnai.gov.vn; 1.000 đ",
    ],
)
def test_whole_words_abbreviations_and_numbering_are_not_broken(line):
    assert ph.broken_words(line) == []


def test_broken_lines_are_counted_as_pasted_and_skip_the_signature_trailer():
    text = "KẾ HOẠCH\n\ncác đ ng vị\n2021-01-27T10:38:22+0700\nX<a@b.vn> đã ký lên văn bản này!\nCh  trọng\n"

    assert broken_lines(text) == [(3, ["đ ng"]), (6, ["Ch  trọng"])]


def test_a_pasted_plan_with_broken_words_warns_at_each_line():
    text = (
        "KẾ HOẠCH\nKiểm tra năm 2024\nI. NỘI DUNG\n- Kiểm tra tại các đ ng vị.\n"
        "II. TỔ CHỨC THỰC HIỆN\n1. Các đơn vị gửi báo cáo trước ngày 15/4/2024./.\n"
    )

    plan = parse_plan_text(text)

    assert plan.broken_lines == [4]
    assert plan.warnings[-1].startswith("Dòng 4: chữ bị tách rời «đ ng»")
