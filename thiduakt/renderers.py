"""The project's form renderer: Django's ``TemplatesSetting`` with select widgets written in Python
(``units.fastpaths.render_select``, where the bench figure that keeps it stands). It gives the
same HTML as ``django/forms/widgets/select.html``; every other widget, and a select whose options
use another template, renders through the templates as before. The empty choice Django labels
"---------" reads "— Chọn —".
"""

from __future__ import annotations

from django.forms.renderers import TemplatesSetting
from django.utils.safestring import mark_safe

from units.fastpaths import render_select

SELECT_TEMPLATE = "django/forms/widgets/select.html"


class ProjectFormRenderer(TemplatesSetting):
    def render(self, template_name, context, request=None):
        if template_name == SELECT_TEMPLATE:
            html = render_select(context["widget"])
            if html is not None:
                return mark_safe(html)  # noqa: S308  # nosec B308 B703  # render_select escapes every part
        return super().render(template_name, context, request=request)
