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


@pytest.mark.django_db
def test_a_name_choice_filter_offers_what_a_model_choice_filter_offers_and_refuses_the_rest():
    """``units.choices.NameChoiceFilter`` reads (pk, name) pairs instead of model instances:
    the same select, the same validation over its queryset."""
    import django_filters
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import UnitFactory
    from units.choices import NameChoiceFilter
    from units.models import Unit

    units = [UnitFactory(name=name) for name in ("Bệnh viện <Tỉnh>", "Trung tâm Y tế A", "Khoa Nội")]
    outside = UnitFactory(name="Đơn vị khác", active=False)

    class Plain(django_filters.FilterSet):
        unit = django_filters.ModelChoiceFilter(
            field_name="pk", queryset=Unit.objects.filter(active=True).order_by("name")
        )

        class Meta:
            model = Unit
            fields = ["unit"]

    class Named(Plain):
        unit = NameChoiceFilter(field_name="pk", queryset=Unit.objects.filter(active=True).order_by("name"))

    chosen = {"unit": str(units[1].pk)}
    named = str(Named(chosen, queryset=Unit.objects.all()).form["unit"])
    plain = str(Plain(chosen, queryset=Unit.objects.all()).form["unit"])
    with CaptureQueriesContext(connection) as queries:
        str(Named(queryset=Unit.objects.all()).form["unit"])

    assert named == plain
    assert "Bệnh viện &lt;Tỉnh&gt;" in named and f'value="{units[1].pk}" selected' in named
    assert len(queries) == 1 and "SELECT" in queries[0]["sql"] and '"name"' in queries[0]["sql"]
    refused = Named({"unit": str(outside.pk)}, queryset=Unit.objects.all())
    assert not refused.is_valid()
    assert "Hãy chọn một lựa chọn hợp lệ" in str(refused.errors["unit"])
    accepted = Named(chosen, queryset=Unit.objects.all())
    assert accepted.is_valid() and accepted.form.cleaned_data["unit"] == units[1]


@pytest.mark.django_db
def test_a_form_select_read_as_names_offers_what_a_model_choice_field_offers_and_refuses_the_rest():
    """``units.choices.names_only`` (the nomination form's unit and award selects): the same
    select as Django's model choices, one query, a value outside the queryset refused."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import UnitFactory
    from units.choices import names_only
    from units.models import Unit

    units = [UnitFactory(name=name) for name in ("Bệnh viện <Tỉnh>", "Trung tâm Y tế A")]
    outside = UnitFactory(name="Đơn vị khác", active=False)

    class Entry(forms.Form):
        unit = forms.ModelChoiceField(queryset=Unit.objects.none())

        def __init__(self, *args, names=False, **kwargs):
            super().__init__(*args, **kwargs)
            active = Unit.objects.filter(active=True).order_by("name")
            if names:
                names_only(self.fields["unit"], active)
            else:
                self.fields["unit"].queryset = active

    chosen = {"unit": str(units[1].pk)}
    with CaptureQueriesContext(connection) as queries:
        named = str(Entry(chosen, names=True)["unit"])
    with CaptureQueriesContext(connection) as plain_queries:
        plain = str(Entry(chosen)["unit"])

    assert named == plain
    assert "Bệnh viện &lt;Tỉnh&gt;" in named and f'value="{units[1].pk}" selected' in named
    assert len(queries) == len(plain_queries)
    assert sum('"kind"' in q["sql"] for q in queries) < sum('"kind"' in q["sql"] for q in plain_queries)
    assert not Entry({"unit": str(outside.pk)}, names=True).is_valid()
    accepted = Entry(chosen, names=True)
    assert accepted.is_valid() and accepted.cleaned_data["unit"] == units[1]
