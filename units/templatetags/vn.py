"""Template filters for Vietnamese official text: {% load vn %}.

{{ d|ngay_thang }}             -> "ngày 05 tháng 02 năm 2024"
{{ place|place_date:d }}       -> "Đồng Nai, ngày 05 tháng 02 năm 2024" (blanks when d is None)
{{ n|la_ma }}                  -> "IV"
{{ n|quy }}                    -> "Quý II"
{{ n|thang }}                  -> "Tháng 3"
{{ text|ket_thuc }}            -> the text with the closing mark "./."
"""

import datetime

from django import template

from units import vn

register = template.Library()


@register.filter
def ngay_thang(d):
    if not isinstance(d, datetime.date):
        return ""
    return vn.date_words(d)


@register.filter(name="place_date")
def place_date(place, d):
    if isinstance(d, datetime.date):
        return vn.place_date(place, d)
    if isinstance(d, int):  # only the year is known (a draft)
        return vn.place_date(place, None, year=d)
    return vn.place_date(place, None)


@register.filter
def la_ma(n):
    try:
        return vn.to_roman(int(n))
    except (TypeError, ValueError):
        return ""


@register.filter
def quy(n):
    try:
        return vn.quarter_label(int(n))
    except (TypeError, ValueError):
        return ""


@register.filter
def thang(n):
    try:
        return vn.month_label(int(n))
    except (TypeError, ValueError):
        return ""


@register.filter
def ket_thuc(text):
    return vn.ensure_final_mark(str(text or ""))
