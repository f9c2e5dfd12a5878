"""What every .xlsx the application writes shares: the content type, and the neutralising of text
that a spreadsheet would run as a formula (CSV/formula injection: ``=HYPERLINK(...)``, ``+84``...).

It lives on the lowest floor so that every app's sheets (campaigns' consolidated registration,
the reports' list exports) use the one rule.
"""

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """Text a spreadsheet would run as a formula is kept as text (a leading apostrophe)."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value
