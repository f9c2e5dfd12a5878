"""``{% row_field field row %}``: one field of a formset row in a table, where the column's header
shows the label: the label is there for screen readers (with the row's number), the control has
Bootstrap's class, and a field in error is outlined (``is-invalid``), marked ``aria-invalid`` and
names its message (``aria-describedby``), which follows it."""

from django import forms, template
from django.forms.widgets import Input
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _

register = template.Library()

_CONTROL_CLASSES = (
    (forms.CheckboxInput, "form-check-input"),
    (forms.Select, "form-select"),
    (forms.Textarea, "form-control"),
    (Input, "form-control"),
)


@register.simple_tag
def row_field(field, row=None):
    widget = field.field.widget
    control = next((css for kind, css in _CONTROL_CLASSES if isinstance(widget, kind)), "")
    classes = [widget.attrs.get("class", ""), control]
    attrs = {}
    described = []
    if field.help_text:
        described.append(f"{field.auto_id}_helptext")
    errors = field.errors
    if errors:
        classes.append("is-invalid")
        attrs["aria-invalid"] = "true"
        described.append(f"{field.auto_id}_error")
    if described:
        attrs["aria-describedby"] = " ".join(described)
    attrs["class"] = " ".join(c for c in classes if c)
    label = str(field.label or "")
    if row not in (None, ""):
        label = f"{label} ({_('dòng %(row)s') % {'row': row}})"
    feedback = ""
    if errors:
        feedback = format_html(
            '<div id="{}_error" class="invalid-feedback d-block">{}</div>',
            field.auto_id,
            format_html_join("", "<div>{}</div>", ((e,) for e in errors)),
        )
    help_text = ""
    if field.help_text:
        help_text = format_html(
            '<div id="{}_helptext" class="form-text">{}</div>', field.auto_id, field.help_text
        )
    return format_html(
        '<label class="visually-hidden" for="{}">{}</label>{}{}{}',
        field.id_for_label,
        label,
        field.as_widget(attrs=attrs),
        feedback,
        help_text,
    )
