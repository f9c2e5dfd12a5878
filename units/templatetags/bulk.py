"""The checkbox column of a list with bulk actions (``units.bulk``), written in Python: one cell
per row, without a template include per row. Both tags write nothing when ``bulk`` is empty (a
user without the bulk permission sees the list as before)."""

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext

register = template.Library()


@register.simple_tag
def bulk_select_all(bulk):
    """``{% bulk_select_all bulk %}``: the header cell; its box (hidden until the script shows it)
    ticks every row of the page."""
    if not bulk:
        return ""
    label = gettext("Chọn tất cả trên trang này")
    return format_html(
        '<th scope="col" class="bulk-col"><input class="form-check-input" type="checkbox" '
        'data-select-all="{}" hidden aria-label="{}" title="{}"></th>',
        bulk["form"],
        label,
        label,
    )


@register.simple_tag
def bulk_checkbox(bulk, pk, label):
    """``{% bulk_checkbox bulk row.pk row_label %}``: the row's box, tied to the action bar's form."""
    if not bulk:
        return ""
    return format_html(
        '<td class="bulk-col"><input class="form-check-input" type="checkbox" name="ids" value="{}" '
        'form="{}" aria-label="{}"></td>',
        int(pk),
        bulk["form"],
        gettext("Chọn %(row)s") % {"row": label},
    )
