"""Ids and years are written as plain digits in every template.

The project writes figures with the Vietnamese thousand separator (``USE_THOUSAND_SEPARATOR``:
9.720). An id or a year printed as ``{{ x.pk }}`` or ``{{ n.year }}`` would become ``1.234`` in a
form value, a link's querystring or a data attribute, and ``2.026`` as a year; each must go
through ``|stringformat:"d"`` (or ``|unlocalize``); so must the loop variable of
``{% for y in years %}``. Inside ``{% blocktranslate %}`` the placeholders the tag assigns itself
are checked at their assignment; any other placeholder is a context variable, checked in place.
"""

import re
from pathlib import Path

from django.conf import settings

VARIABLE = re.compile(r"\{\{\s*([^}|]+?)\s*(\|[^}]*)?\}\}")
BLOCKTRANSLATE = re.compile(r"(\{%\s*blocktranslate([^%]*)%\})(.*?)\{%\s*endblocktranslate\s*%\}", re.S)
ASSIGNING_TAG = re.compile(r"\{%\s*(?:blocktranslate|with|include)\b[^%]*%\}")
ASSIGNMENT = re.compile(r"(\w+)=([\w.]+)((?:\|[\w:\"'.]+)*)")
YEAR_LOOP = re.compile(r"\{%\s*for\s+(\w+)\s+in\s+[\w.]*years\s*%\}")


def is_id_or_year(expression: str, loop_years=()) -> bool:
    name = expression.strip()
    last = name.split(".")[-1]
    # ``auto_id`` is a bound field's HTML id ("id_q"), text and never a number.
    return last in ("pk", "id", "year") or (last.endswith("_id") and last != "auto_id") or name in loop_years


def plain(filters: str) -> bool:
    return "stringformat" in filters or "unlocalize" in filters


def unformatted_numbers(text: str) -> list[str]:
    loop_years = set(YEAR_LOOP.findall(text))  # {% for y in years %}: y is a year
    found = []

    def body_without_own_names(match):
        """A blocktranslate body's placeholders are the tag's own names (checked at the tag);
        any other name there is a context variable, written as it comes."""
        own = {a.group(1) for a in ASSIGNMENT.finditer(match.group(2))}
        found.extend(
            v.group(0)
            for v in VARIABLE.finditer(match.group(3))
            if v.group(1).strip() not in own and is_id_or_year(v.group(1), loop_years)
        )
        return match.group(1)

    text = BLOCKTRANSLATE.sub(body_without_own_names, text)
    found += [
        match.group(0)
        for match in VARIABLE.finditer(text)
        if is_id_or_year(match.group(1), loop_years)
        and not match.group(1).strip().startswith("form.")  # a bound field, not a number
        and not plain(match.group(2) or "")
    ]
    for tag in ASSIGNING_TAG.finditer(text):
        found += [
            a.group(0)
            for a in ASSIGNMENT.finditer(tag.group(0))
            if is_id_or_year(a.group(2), loop_years) and not plain(a.group(3))
        ]
    return found


def test_the_check_finds_what_it_looks_for():
    assert unformatted_numbers("{% blocktranslate %}năm {{ year }}{% endblocktranslate %}") == ["{{ year }}"]
    assert unformatted_numbers('{% for y in years %}<option value="{{ y }}">{% endfor %}') == ["{{ y }}"]
    assert unformatted_numbers("{% for y in years %}{{ y|stringformat:'d' }}{% endfor %}") == []
    assert unformatted_numbers('<input value="{{ item.nomination_id }}">') == ["{{ item.nomination_id }}"]
    assert unformatted_numbers("{{ n.year }} {{ n.pk|stringformat:'d' }} {{ form.id }}") == ["{{ n.year }}"]
    assert unformatted_numbers("{% blocktranslate with y=c.year %}năm {{ y }}{% endblocktranslate %}") == [
        "y=c.year"
    ]
    assert (
        unformatted_numbers(
            '{% blocktranslate with y=c.year|stringformat:"d" %}năm {{ y }}{% endblocktranslate %}'
        )
        == []
    )


def test_no_template_writes_an_id_or_a_year_with_the_thousand_separator():
    offenders = {
        str(path.relative_to(settings.BASE_DIR)): found
        for path in sorted((settings.BASE_DIR / "templates").rglob("*.html"))
        if (found := unformatted_numbers(Path(path).read_text(encoding="utf-8")))
    }

    assert offenders == {}
