"""Tags of the report pages."""

from html import escape

from django import template
from django.utils.safestring import mark_safe

register = template.Library()

# (state, class added to the cell when its figure is not zero, attribute of its link)
TASK_CELLS = (
    ("done", "", ""),
    ("overdue", " text-danger fw-semibold", ' class="link-danger"'),
    ("in_progress", "", ""),
    ("not_started", "", ""),
    ("total", "", ""),
)


@register.simple_tag
def task_cells(row):
    """The five task figures of a dashboard row (done, overdue, in progress, not started, total),
    each a link to the task list filtered to it when it is not zero.

    Written in Python: the by-unit table has a row for every lead unit of the province, and
    these cells through a template include were a third of the dashboard's rendering time.
    The figures are integers; the addresses are escaped.
    """
    urls = row.get("urls") or {}
    cells = []
    for state, alert, link in TASK_CELLS:
        n = int(row[state])
        href = urls.get(state)
        figure = f'<a href="{escape(href)}"{link}>{n}</a>' if n and href else str(n)
        cells.append(f'<td class="text-end{alert if n else ""}" data-state="{state}">{figure}</td>')
    return mark_safe("\n".join(cells))  # noqa: S308  # nosec B308 B703  # integers and escaped addresses only
