"""The project's select template (options written inline, for speed) gives the same HTML as
Django's own, for every shape of choices a form here uses."""

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
def test_the_inline_select_renders_what_django_renders(widget, value):
    ours = widget.render("field", value, attrs={"id": "id_field"}, renderer=get_default_renderer())
    django = widget.render("field", value, attrs={"id": "id_field"}, renderer=DjangoTemplates())

    assert squeeze(ours) == squeeze(django)


def test_forms_render_the_project_select_template_with_labels_escaped():
    from django.conf import settings

    origin = get_default_renderer().get_template("django/forms/widgets/select.html").origin.name
    html = forms.Select(choices=CHOICES).render("unit", 2)

    assert origin == str(settings.BASE_DIR / "templates" / "django" / "forms" / "widgets" / "select.html")
    assert '<option value="2" selected>Trung tâm Y tế &lt;Biên Hòa&gt; &amp; “khoa”</option>' in html
