"""The project's form renderer: Django's ``TemplatesSetting`` with select widgets written in Python.

A list filter holds selects of every unit of the province, every plan or every award; through
the templates each option costs a loop step with its attribute loop (or an include in Django's
own template), which made the filter form the largest part of a list page's time. The
renderer writes ``<select>`` from the context Django's widget builds (the same ``optgroups``
with the same selected options) and gives the same HTML as ``django/forms/widgets/select.html``;
every other widget, and a select whose options use another template, renders through the
templates as before. The empty choice Django labels "---------" reads "— Chọn —".
"""

from __future__ import annotations

from django.forms.renderers import TemplatesSetting
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

SELECT_TEMPLATE = "django/forms/widgets/select.html"
OPTION_TEMPLATE = "django/forms/widgets/select_option.html"
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
    """The select's HTML, or None when an option asks for a template of its own."""
    parts = [f'<select name="{conditional_escape(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
        for option in options:
            if option["template_name"] != OPTION_TEMPLATE:
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


class ProjectFormRenderer(TemplatesSetting):
    def render(self, template_name, context, request=None):
        if template_name == SELECT_TEMPLATE:
            html = render_select(context["widget"])
            if html is not None:
                return mark_safe(html)  # noqa: S308  # nosec B308 B703  # every part above is escaped
        return super().render(template_name, context, request=request)
