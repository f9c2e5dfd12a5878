"""The voting page's agenda cards, written in Python.

A session's agenda holds up to a hundred nominations and the voting page shows a card for each;
through the template each card cost a dozen lookups, a translation and a CSRF field, and the
cards were most of the page's time. The tag writes the same HTML, every value escaped.
"""

from django import template
from django.template.defaultfilters import linebreaks_filter
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.timezone import localtime
from django.utils.translation import gettext

register = template.Library()


def _texts(context) -> dict:
    """The card's fixed words, translated once per page rather than once per card."""
    texts = context.render_context.get("ballot_texts")
    if texts is None:
        csrf = context.get("csrf_token")
        texts = context.render_context["ballot_texts"] = {
            "summary": gettext("Tóm tắt thành tích"),
            "voted": gettext("Đã bỏ phiếu"),
            "no_quorum": gettext("Không đủ số thành viên tham dự để biểu quyết đề nghị này."),
            "agree": gettext("Đồng ý"),
            "disagree": gettext("Không đồng ý"),
            "undo": gettext("Hoàn tác phiếu"),
            "undo_until": gettext("Hoàn tác được đến %(time)s"),
            "undo_left": gettext("Còn %(n)s giây để hoàn tác") % {"n": "{n}"},
            "csrf": format_html('<input type="hidden" name="csrfmiddlewaretoken" value="{}">', csrf)
            if csrf and csrf != "NOTPROVIDED"
            else "",
        }
    return texts


@register.simple_tag(takes_context=True)
def ballot_card(context, item):
    """``{% ballot_card item %}``: one agenda item (a ``council.selectors.BallotItem``) with the
    member's state for it: voted (and never which way), no quorum, or the two buttons when
    ``can_vote``; the page's ``voted`` is the set of item ids the member voted on."""
    texts = _texts(context)
    parts = [
        format_html(
            '<article class="card mb-3 shadow-sm agenda-item" id="item-{}">\n  <div class="card-body">\n'
            '    <h2 class="h6 mb-1">{}. {}</h2>\n'
            '    <p class="small text-muted mb-2">{} {} · {}</p>\n',
            item.pk,
            item.order,
            item.subject,
            item.award,
            item.year,
            item.proposing_unit,
        )
    ]
    if item.achievements:
        parts.append(
            format_html(
                '    <details class="small mb-2"><summary>{}</summary>{}</details>\n',
                texts["summary"],
                linebreaks_filter(item.achievements, autoescape=True),
            )
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
            format_html(
                '    <form method="post" class="d-grid gap-2 d-sm-flex">{}\n'
                '      <input type="hidden" name="nomination" value="{}">\n'
                '      <button class="btn btn-success btn-lg flex-fill" type="submit" name="choice" '
                'value="agree">{}</button>\n'
                '      <button class="btn btn-outline-danger btn-lg flex-fill" type="submit" name="choice" '
                'value="disagree">{}</button>\n    </form>\n',
                texts["csrf"],
                item.nomination_id,
                texts["agree"],
                texts["disagree"],
            )
        )
    parts.append("  </div>\n</article>\n")
    return mark_safe("".join(parts))  # noqa: S308  # nosec B308 B703  # every part is format_html's
