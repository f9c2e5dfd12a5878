"""The project's form renderer writes selects in Python (for speed) and gives the same HTML as
Django's own templates, for every shape of choices a form here uses."""

import re

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates, get_default_renderer


def squeeze(html: str) -> str:
    return re.sub(r">\s+<", "><", re.sub(r"\s+", " ", str(html))).strip()


CHOICES = [("", "Tất cả"), (1, "Bệnh viện Đa khoa"), (2, "Trung tâm Y tế <Biên Hòa> & “khoa”")]
GROUPED = [("Cá nhân", [("LDTT", "Lao động tiên tiến"), ("CSTDCS", "Chiến sĩ thi đua cơ sở")]), ("x", "Khác")]


@pytest.mark.parametrize(
    ("widget", "value"),
    [
        (forms.Select(choices=CHOICES), 2),
        (forms.Select(choices=CHOICES, attrs={"class": "form-select", "disabled": True}), None),
        (forms.Select(choices=GROUPED), "CSTDCS"),
        (forms.SelectMultiple(choices=CHOICES), [1, 2]),
        (forms.NullBooleanSelect(), True),
    ],
)
def test_the_python_select_renders_what_django_renders(widget, value):
    ours = widget.render("field", value, attrs={"id": "id_field"}, renderer=get_default_renderer())
    django = widget.render("field", value, attrs={"id": "id_field"}, renderer=DjangoTemplates())

    assert squeeze(ours) == squeeze(django)


def test_forms_render_selects_in_python_with_labels_and_attributes_escaped():
    from thiduakt.renderers import ProjectFormRenderer

    widget = forms.Select(choices=CHOICES, attrs={"data-x": '"><script>'})
    html = widget.render("unit", 2)

    assert isinstance(get_default_renderer(), ProjectFormRenderer)
    assert '<option value="2" selected>Trung tâm Y tế &lt;Biên Hòa&gt; &amp; “khoa”</option>' in html
    assert 'data-x="&quot;&gt;&lt;script&gt;"' in html


class OwnOptionTemplate(forms.Select):
    option_template_name = "django/forms/widgets/attrs.html"


def test_a_select_whose_options_have_their_own_template_renders_through_the_templates():
    html = OwnOptionTemplate(choices=CHOICES).render("unit", 2, renderer=get_default_renderer())

    assert "<option" not in html  # the options came from the widget's own template
    assert 'name="unit"' in html
