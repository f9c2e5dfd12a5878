"""Every piece of HTML written in Python and every cached ``reverse``, in one place.

A Django engineer would write each of these as a template or a plain ``reverse()``; each is kept
here only because ``make bench`` (``page.<name>.cpu``, CPU per request through the test client,
province data) shows the page needs it. The figure that justifies it stands next to it: the page's
CPU with the fast path / with the template or ``reverse()`` instead. Each writes exactly the HTML
or the address its plain form writes (tests/test_form_widgets.py, tests/units/test_fastpaths.py,
tests/council/test_views.py), every value escaped. When a page no longer needs one, it goes back
to its template and leaves this module.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from html import escape

from django.conf import settings
from django.template import Node
from django.template.defaultfilters import linebreaks_filter
from django.template.defaulttags import CsrfTokenNode
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.formats import date_format
from django.utils.html import conditional_escape, format_html
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.timezone import localtime
from django.utils.translation import get_language, gettext

from . import generations

# ---------------------------------------------------------------------------------------------
# Selects. Tasks 21.5 / 28.2 ms, nominations 26.3 / 34.9 ms, nomination form 16.5 / 32.6 ms
# (against Django's select.html and its include per option): a list filter holds selects of
# every unit of the province, every plan or every award. ``thiduakt.renderers`` calls it.
# ---------------------------------------------------------------------------------------------
SELECT_OPTION_TEMPLATE = "django/forms/widgets/select_option.html"
DASHES = "---------"  # Django's empty label (BLANK_CHOICE_DASH, ModelChoiceField.empty_label)


def _attrs(attrs: dict) -> str:
    """``django/forms/widgets/attrs.html``: True writes the bare name, False leaves it out."""
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        if value is True:
            parts.append(f" {conditional_escape(name)}")
        else:
            parts.append(f' {conditional_escape(name)}="{conditional_escape(str(value))}"')
    return "".join(parts)


def render_select(widget: dict) -> str | None:
    """``django/forms/widgets/select.html`` for the context Django's widget builds (the same
    ``optgroups``, the same selected options), the empty choice "---------" read "— Chọn —"; or
    None when an option asks for a template of its own."""
    parts = [f'<select name="{conditional_escape(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
        for option in options:
            if option["template_name"] != SELECT_OPTION_TEMPLATE:
                return None
            label = option["label"]
            if label == DASHES and option["value"] in ("", None):
                label = gettext("— Chọn —")
            parts.append(
                f'\n  <option value="{conditional_escape(str(option["value"]))}"{_attrs(option["attrs"])}>'
                f"{conditional_escape(label)}</option>"
            )
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


# ---------------------------------------------------------------------------------------------
# Addresses of rows. Registrations 24.3 / 27.8 ms (120 rows), tasks 21.5 / 23.4 ms, nominations
# 26.3 / 28.9 ms (25 rows): ``reverse`` resolves the pattern anew for every row. Only the
# models those lists link every row to use it (Registration, Plan, Nomination; the task list's
# progress link, PlanTask, and the staff list's names, Person, with the same cost a row); the
# others call ``reverse()``.
# ---------------------------------------------------------------------------------------------
_MARKER = 987654321987


def pk_url(name: str) -> Callable[[int], str]:
    """``pk_url("campaigns:registration-detail")(42)`` == ``reverse(..., args=[42])``: the
    pattern reversed once with a marker for the primary key."""
    prefix, _marker, suffix = reverse(name, args=[_MARKER]).partition(str(_MARKER))

    def address(pk: int) -> str:
        return f"{prefix}{int(pk)}{suffix}"

    return address


@functools.lru_cache(maxsize=256)
def _pk_url(name: str, prefix: str, urlconf: str) -> Callable[[int], str]:
    return pk_url(name)


def pk_address(name: str, pk: int) -> str:
    """``reverse(name, args=[pk])`` for a page whose one argument is a primary key, the pattern
    reversed once per process (per script prefix and URL configuration)."""
    return _pk_url(name, get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF)(pk)


# ---------------------------------------------------------------------------------------------
# The office dashboard's links. Dashboard with its tables computed (``cpu_uncached``, as after
# every change) 62 / 67 ms: it writes some 700 list addresses with their filters.
# ---------------------------------------------------------------------------------------------
@functools.lru_cache(maxsize=512)
def _reversed(name: str, args: tuple, prefix: str, urlconf: str) -> str:
    return reverse(name, args=args, urlconf=urlconf)


def list_address(name: str, *args, **query) -> str:
    """A list page's address with its filters, empty values left out; the address reversed once
    per process (per script prefix and URL configuration), only its querystring built each time."""
    base = _reversed(name, args, get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF)
    query = {key: value for key, value in query.items() if value not in (None, "")}
    return f"{base}?{urlencode(query)}" if query else base


# ---------------------------------------------------------------------------------------------
# The dashboard's task cells. Dashboard with its tables computed 57 / 69 ms (against an
# include per row): the by-unit table has a row for every lead unit of the province.
# ---------------------------------------------------------------------------------------------
# (state, class added to the cell when its figure is not zero, attribute of its link)
TASK_CELLS = (
    ("done", "", ""),
    ("overdue", " text-danger fw-semibold", ' class="link-danger"'),
    ("in_progress", "", ""),
    ("not_started", "", ""),
    ("total", "", ""),
)


def task_cells(row) -> str:
    """The five task figures of a dashboard row (done, overdue, in progress, not started, total),
    each a link to the task list filtered to it when it is not zero. The figures are integers;
    the addresses are escaped."""
    urls = row.get("urls") or {}
    cells = []
    for state, alert, link in TASK_CELLS:
        n = int(row[state])
        href = urls.get(state)
        figure = f'<a href="{escape(href)}"{link}>{n}</a>' if n and href else str(n)
        cells.append(f'<td class="text-end{alert if n else ""}" data-state="{state}">{figure}</td>')
    return mark_safe("\n".join(cells))  # noqa: S308  # nosec B308 B703  # integers and escaped addresses only


# ---------------------------------------------------------------------------------------------
# The voting page's agenda cards. Vote 20.9 / 24.3 ms (against the card in the template): a
# session's agenda holds up to a hundred nominations, a card each. Written with f-strings and
# ``escape`` instead of ``format_html``: vote 25.8 / 30.8 ms (ten runs on a busy machine).
# ---------------------------------------------------------------------------------------------
def _ballot_texts(context) -> dict:
    """The card's fixed words and the page's CSRF field, made once per page, not once per card."""
    texts = context.render_context.get("ballot_texts")
    if texts is None:
        texts = context.render_context["ballot_texts"] = {
            "summary": escape(gettext("Tóm tắt thành tích")),
            "voted": gettext("Đã bỏ phiếu"),
            "no_quorum": gettext("Không đủ số thành viên tham dự để biểu quyết đề nghị này."),
            "agree": escape(gettext("Đồng ý")),
            "disagree": escape(gettext("Không đồng ý")),
            "undo": gettext("Hoàn tác phiếu"),
            "undo_until": gettext("Hoàn tác được đến %(time)s"),
            "undo_left": gettext("Còn %(n)s giây để hoàn tác") % {"n": "{n}"},
            "csrf": CsrfTokenNode().render(context),  # what {% csrf_token %} writes
        }
    return texts


def ballot_card(context, item) -> str:
    """One agenda item (a ``council.selectors.BallotItem``) with the member's state for it: voted
    (and never which way), no quorum, or the two buttons when ``can_vote``; the page's ``voted``
    is the set of item ids the member voted on."""
    texts = _ballot_texts(context)
    # f-strings with every text escaped: ``format_html`` three times a card was a third of it
    parts = [
        f'<article class="card mb-3 shadow-sm agenda-item" id="item-{int(item.pk)}">\n'
        '  <div class="card-body">\n'
        f'    <h2 class="h6 mb-1">{int(item.order)}. {escape(item.subject)}</h2>\n'
        f'    <p class="small text-muted mb-2">{escape(item.award)} {int(item.year)} · '
        f"{escape(item.proposing_unit)}</p>\n"
    ]
    if item.achievements:
        parts.append(
            f'    <details class="small mb-2"><summary>{texts["summary"]}</summary>'
            f"{linebreaks_filter(item.achievements, autoescape=True)}</details>\n"
        )
    if item.pk in context.get("voted", ()):
        parts.append(
            format_html(
                '    <p class="mb-0 text-success fw-semibold voted">'
                '<i class="bi bi-check2-circle" aria-hidden="true"></i> {}</p>\n',
                texts["voted"],
            )
        )
        deadline = context.get("undo", {}).get(item.pk)
        if deadline is not None:
            # The same words whichever way the member voted: the card is no receipt.
            parts.append(
                format_html(
                    '    <form method="post" action="{}" class="ballot-undo d-flex flex-wrap '
                    'align-items-center gap-2 mt-2" data-undo-until="{}" data-undo-left="{}">{}\n'
                    '      <input type="hidden" name="item" value="{}">\n'
                    '      <button class="btn btn-outline-secondary" type="submit">{}</button>\n'
                    '      <span class="small text-muted" data-undo-text>{}</span>\n    </form>\n',
                    context.get("undo_url", ""),
                    deadline.isoformat(),
                    texts["undo_left"],
                    texts["csrf"],
                    item.pk,
                    texts["undo"],
                    texts["undo_until"] % {"time": date_format(localtime(deadline), "H:i:s")},
                )
            )
    elif item.quorum_met is False:
        parts.append(format_html('    <p class="mb-0 text-danger small">{}</p>\n', texts["no_quorum"]))
    elif context.get("can_vote"):
        parts.append(
            f'    <form method="post" class="d-grid gap-2 d-sm-flex">{texts["csrf"]}\n'
            f'      <input type="hidden" name="nomination" value="{int(item.nomination_id)}">\n'
            '      <button class="btn btn-success btn-lg flex-fill" type="submit" name="choice" '
            f'value="agree">{texts["agree"]}</button>\n'
            '      <button class="btn btn-outline-danger btn-lg flex-fill" type="submit" name="choice" '
            f'value="disagree">{texts["disagree"]}</button>\n    </form>\n'
        )
    parts.append("  </div>\n</article>\n")
    return mark_safe("".join(parts))  # noqa: S308  # nosec B308 B703  # every text is escaped, every number an int


# ---------------------------------------------------------------------------------------------
# The consolidated registrations' rows. Registrations 31.0 / 39.6 ms (medians of ten runs on a
# busy machine, against the row in the template): the table has a row for every top-level unit
# of the province, unpaginated (120; 1,200 for ten provinces), each with a cell per title.
# ---------------------------------------------------------------------------------------------
def _figure(n) -> str:
    """``{{ n }}`` for a figure (what ``{% figure_cells %}`` writes for one)."""
    if type(n) is int and -1000 < n < 1000:
        return str(n)
    from django.utils.formats import localize

    return conditional_escape(localize(n))


def consolidated_rows(context, rows) -> str:
    """The body rows of ``campaigns/consolidated.html`` (``campaigns.selectors.consolidated_table``'s
    rows): number, unit linked to its registration, "Nộp muộn", status badge, a cell per title
    (blank for zero), total."""
    from units.templatetags.ui import choice_label

    badges = context.get("badges") or {}
    late = f' <span class="badge text-bg-warning">{escape(gettext("Nộp muộn"))}</span>'
    parts = []
    for row in rows:
        number, registration = row["number"], row["registration"]
        colour = conditional_escape(badges.get(registration.status) or "secondary")
        status = conditional_escape(choice_label(registration, "status"))
        name = conditional_escape(row["unit"].name)
        cells = "".join(f'<td class="text-end">{_figure(n) if n else ""}</td>' for n in row["cells"])
        parts.append(
            f"\n    <tr><td>{_figure(number)}</td>\n"
            f'      <td><a href="{escape(registration.get_absolute_url())}">{name}</a>'
            f"{late if registration.is_late else ''}</td>\n"
            f'      <td><span class="badge text-bg-{colour}">{status}</span></td>\n'
            f"      {cells}\n"
            f'      <td class="text-end fw-semibold">{_figure(row["total"])}</td></tr>'
        )
    return mark_safe("".join(parts))  # noqa: S308  # nosec B308 B703  # every value is escaped


# ---------------------------------------------------------------------------------------------
# The layout's fixed parts. Layout (``bench-layout``: the site's layout with an empty body)
# 3.2 / 3.9 ms, 1.43 / 1.57 times the bare view (against base.html without ``{% once %}``): the
# layout's style sheets and scripts (``{% static %}``), its labels (``{% translate %}``), its
# links (``{% url %}``) and the language list are the same on every page; ``{% once %}``
# (``units/templatetags/once.py``) renders them once per process. The bell's links and labels
# (``templates/notifications/bell.html``): 2.14 / 2.06 ms, 1.51 / 1.44 times the bare view
# (median of 1,500 requests each, alternating).
# ---------------------------------------------------------------------------------------------
class OnceNode(Node):
    """``{% once %}…{% endonce %}``: its content rendered the first time, per language, script
    prefix and URL configuration, then written as it was. The content may read no variable
    of the page, only what those keys fix (``LANGUAGE_CODE``, ``{% static %}``, ``{% url %}``,
    ``{% translate %}``): it is the same for every user and every request, and nothing else needs
    to be kept or invalidated (a new deployment is a new process)."""

    def __init__(self, nodelist):
        self.nodelist = nodelist
        self.rendered: dict[tuple, str] = {}

    def render(self, context):
        key = (generations.settings_epoch(), get_language(), get_script_prefix(), get_urlconf())
        html = self.rendered.get(key)
        if html is None:
            html = self.rendered[key] = self.nodelist.render(context)
        return html


# ---------------------------------------------------------------------------------------------
# The body rows of an official document's table (``templates/documents/blocks.html``). A
# decision's list of 100 awardees is 600 cells: the template's loops over rows, cells, lines and
# pieces took 14 ms of CPU per PDF (2 % of the render), written here in 2 ms.
# ---------------------------------------------------------------------------------------------
def _document_piece(piece: dict) -> str:
    text = conditional_escape(piece["text"])
    if piece["bold"] and piece["italic"]:
        return f"<strong><em>{text}</em></strong>"
    if piece["bold"]:
        return f"<strong>{text}</strong>"
    if piece["italic"]:
        return f"<em>{text}</em>"
    return text


def document_table_rows(block) -> str:
    """The ``<tr>`` rows of a table block (``reports.documents.prepare_body``: its ``piece_rows``,
    the rows in ``continuing`` marked ``doc-row--continued``, a row of ``group_rows`` one cell
    across the table marked ``doc-row--group``): each cell's lines joined by ``<br>``, a bold or
    italic piece in ``<strong>`` or ``<em>``, every text escaped."""
    continuing = block.get("continuing") or ()
    groups = block.get("group_rows") or ()
    rows = []
    for index, row in enumerate(block["piece_rows"]):
        if index in groups:
            lines = row[0] if row else []
            text = "<br>".join("".join(map(_document_piece, line)) for line in lines)
            rows.append(f'<tr class="doc-row--group"><td colspan="{block["columns"]}">{text}</td></tr>\n  ')
            continue
        cells = "".join(
            f"<td>{'<br>'.join(''.join(map(_document_piece, line)) for line in lines)}</td>" for lines in row
        )
        mark = ' class="doc-row--continued"' if index in continuing else ""
        rows.append(f"<tr{mark}>{cells}</tr>\n  ")
    return mark_safe("".join(rows))  # noqa: S308  # nosec B308 B703  # every text escaped above
