"""Vietnamese dates, numerals and labels as Decree 30/2020 prints them, and their template filters."""

import datetime

import pytest
from django.template import Context, Template

from units import vn


@pytest.mark.parametrize(
    ("d", "expected"),
    [
        (datetime.date(2024, 2, 5), "ngày 05 tháng 02 năm 2024"),
        (datetime.date(2021, 1, 27), "ngày 27 tháng 01 năm 2021"),
        (datetime.date(2022, 3, 31), "ngày 31 tháng 3 năm 2022"),
        (datetime.date(2023, 10, 1), "ngày 01 tháng 10 năm 2023"),
        (datetime.date(2023, 12, 9), "ngày 09 tháng 12 năm 2023"),
    ],
)
def test_date_words_pads_day_below_10_and_january_february(d, expected):
    assert vn.date_words(d) == expected


def test_place_date_with_a_date():
    assert vn.place_date("Đồng Nai", datetime.date(2021, 1, 27)) == "Đồng Nai, ngày 27 tháng 01 năm 2021"


def test_place_date_of_a_draft_keeps_the_known_year_and_leaves_blanks():
    assert vn.place_date("Đồng Nai", None, year=2022) == "Đồng Nai, ngày      tháng      năm 2022"
    assert vn.place_date("Hà Nam", None, year=2022, month=3) == "Hà Nam, ngày      tháng 3 năm 2022"


def test_place_date_blank_day_keeps_month_and_year():
    text = vn.place_date("Đồng Nai", datetime.date(2024, 7, 15), blank_day=True)

    assert text == "Đồng Nai, ngày      tháng 7 năm 2024"


@pytest.mark.parametrize(
    ("n", "roman"), [(1, "I"), (4, "IV"), (9, "IX"), (12, "XII"), (40, "XL"), (2024, "MMXXIV")]
)
def test_roman_numerals_both_ways(n, roman):
    assert vn.to_roman(n) == roman
    assert vn.from_roman(roman) == n


@pytest.mark.parametrize("text", ["", "IIII", "ABC", "VX"])
def test_from_roman_refuses_what_is_not_a_numeral(text):
    assert vn.from_roman(text) is None


def test_period_labels():
    assert [vn.quarter_label(q) for q in range(1, 5)] == ["Quý I", "Quý II", "Quý III", "Quý IV"]
    assert vn.month_label(3) == "Tháng 3"
    assert vn.period_label("quarter", 2) == "Quý II"
    assert vn.period_label("month", 12) == "Tháng 12"
    assert vn.period_label("", None) == ""
    with pytest.raises(ValueError):
        vn.quarter_label(5)


def test_period_ends():
    assert vn.quarter_end(2021, 1) == datetime.date(2021, 3, 31)
    assert vn.quarter_end(2021, 4) == datetime.date(2021, 12, 31)
    assert vn.month_end(2024, 2) == datetime.date(2024, 2, 29)
    assert vn.month_end(2022, 2) == datetime.date(2022, 2, 28)


def test_vietnamese_letter_order_puts_dd_after_d():
    assert vn.VN_LETTERS[:6] == ("a", "b", "c", "d", "đ", "e")
    assert vn.letter_index("đ") == 4
    assert vn.letter_index("f") is None
    assert vn.vn_letter(5) == "e"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("gửi trước ngày 31 tháng 3 năm 2022 để theo dõi", datetime.date(2022, 3, 31)),
        ("chậm nhất ngày 15/11/2023", datetime.date(2023, 11, 15)),
        ("trước ngày 30/11", datetime.date(2024, 11, 30)),
        ("trước ngày 31/2/2024", None),
        ("không có ngày nào", None),
    ],
)
def test_parse_vn_date(text, expected):
    assert vn.parse_vn_date(text, default_year=2024) == expected


def test_ensure_final_mark():
    assert vn.ensure_final_mark("phối hợp xử lý.") == "phối hợp xử lý./."
    assert vn.ensure_final_mark("phối hợp xử lý./.") == "phối hợp xử lý./."
    assert vn.ensure_final_mark("theo dõi") == "theo dõi./."


def test_nfc_composes_decomposed_vietnamese():
    decomposed = "Ho\u0302\u0300"  # "Hồ" written with combining marks

    assert vn.nfc(decomposed) == "Hồ"


def _render(source, **context):
    return Template("{% load vn %}" + source).render(Context(context))


def test_filters_render_dates_and_labels():
    d = datetime.date(2024, 2, 5)

    assert _render("{{ d|ngay_thang }}", d=d) == "ngày 05 tháng 02 năm 2024"
    assert _render("{{ p|place_date:d }}", p="Đắk Lắk", d=d) == "Đắk Lắk, ngày 05 tháng 02 năm 2024"
    assert _render("{{ p|place_date:y }}", p="Đồng Nai", y=2022) == "Đồng Nai, ngày      tháng      năm 2022"
    assert _render("{{ n|la_ma }} {{ n|quy }} {{ m|thang }}", n=3, m=7) == "III Quý III Tháng 7"
    assert _render("{{ t|ket_thuc }}", t="xử lý.") == "xử lý./."
    assert _render("{{ d|ngay_thang }}", d=None) == ""
