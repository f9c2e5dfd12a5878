"""Document numbers: given only at issuance, per year and series, never twice (Decree 30/2020)."""

from django.db import transaction

from .models import DocumentCounter, IssuedNumber, NumberingSeries


def series_for(symbol: str) -> str:
    mapped = NumberingSeries.objects.filter(symbol=symbol).values_list("series", flat=True).first()
    return mapped or symbol


@transaction.atomic
def document_number_issue(*, symbol: str, year: int, label: str = "", by=None, series: str = "") -> int:
    """Take the next free number of the symbol's series for the year and record it. ``series``
    names the sequence when several symbols share one by nature (every công văn of the agency,
    whatever office drafted it); the agency's own mapping (NumberingSeries) still comes first."""
    series = NumberingSeries.objects.filter(symbol=symbol).values_list("series", flat=True).first() or series
    series = series or symbol
    DocumentCounter.objects.get_or_create(year=year, series=series)
    counter = DocumentCounter.objects.select_for_update().get(year=year, series=series)
    number = counter.last_number
    while True:
        number += 1
        if not IssuedNumber.objects.filter(year=year, symbol=symbol, number=number).exists():
            break
    IssuedNumber.objects.create(year=year, symbol=symbol, number=number, label=label[:500], issued_by=by)
    counter.last_number = number
    counter.save(update_fields=["last_number"])
    return number


def number_label(number: int | None, symbol: str) -> str:
    """'05/KH-SYT', with the leading zero below 10, as lists, exports and citations write a
    document's number; '' while the document has no number yet."""
    return f"{number:02d}/{symbol}" if number else ""


def file_number(number: int | None, symbol: str) -> str:
    """'05-KH-SYT', the number as a file name writes it (no slash); '' while there is none."""
    return number_label(number, symbol).replace("/", "-")


def format_number(number: int | None, symbol: str) -> str:
    """'Số: 05/KH-SYT', the header line of the document itself; a draft prints 'Số:      /KH-SYT'."""
    if not number:
        return f"Số:      /{symbol}"
    return f"Số: {number_label(number, symbol)}"
