"""The voting page's link from each agenda item to its read-only dossier, written in Python.

A hundred items through an include template cost about as much as the rest of the page; the tag
reverses the address and translates the words once per page and writes the same HTML per item.
"""

from django import template
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

register = template.Library()

MARKER = 987654321987


@register.simple_tag(takes_context=True)
def dossier_link(context, session, item):
    """``{% dossier_link session item %}``: a link to ``council:item-dossier`` of an agenda item
    (a ``council.selectors.BallotItem`` or an ``AgendaItem``)."""
    cache = context.render_context.get("dossier_link")
    if cache is None:
        prefix, _marker, suffix = reverse("council:item-dossier", args=[session.pk, MARKER]).partition(
            str(MARKER)
        )
        cache = context.render_context["dossier_link"] = (
            escape(prefix),
            escape(suffix),
            escape(gettext("Hồ sơ và kết quả kiểm tra điều kiện của đề nghị %(n)s")),
        )
    prefix, suffix, words = cache
    # every part is escaped above, and the numbers are ints
    return mark_safe(  # noqa: S308  # nosec B308 B703
        f'<p class="small agenda-dossier-link"><a href="{prefix}{int(item.pk)}{suffix}">'
        f'<i class="bi bi-folder2-open" aria-hidden="true"></i> {words % {"n": int(item.order)}}</a></p>\n'
    )
