"""Small pieces of the interface written in Python: they appear on every row of long lists."""

from django import template
from django.utils.formats import localize
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag(takes_context=True)
def badge(context, value, label):
    """``{% badge obj.status obj.get_status_display %}``: a status badge, coloured by the page's
    ``badges`` mapping (value → Bootstrap colour), grey for a value it does not name."""
    colour = (context.get("badges") or {}).get(value) or "secondary"
    return format_html('<span class="badge text-bg-{}">{}</span>', colour, label)


@register.simple_tag
def figure_cells(figures, blank_zero=False):
    """``{% figure_cells row.cells %}``: a right-aligned ``<td>`` per figure (a blank cell for
    zero with ``blank_zero=True``), localised as ``{{ n }}`` is; a row of counts across every
    title or status of a table that lists all the units of the province."""
    cells = []
    for n in figures:
        if blank_zero and not n:
            text = ""
        elif type(n) is int and -1000 < n < 1000:
            text = str(n)  # what localize writes for it, without its cost (most cells)
        else:
            text = conditional_escape(localize(n))
        cells.append(f'<td class="text-end">{text}</td>')
    return mark_safe("".join(cells))  # noqa: S308  # nosec B308 B703  # every figure is escaped
