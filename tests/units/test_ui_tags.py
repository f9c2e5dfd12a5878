"""The interface tags written in Python: status badges and rows of figures."""

import pytest
from django.template import Context, Template
from django.utils import translation

from units.templatetags.ui import choice_label


def render(source: str, **context) -> str:
    with translation.override("vi"):
        return Template("{% load ui %}" + source).render(Context(context))


def test_a_badge_takes_its_colour_from_the_pages_mapping_and_grey_otherwise():
    badges = {"accepted": "success"}

    assert render("{% badge s l %}", badges=badges, s="accepted", l="Đã chấp nhận") == (
        '<span class="badge text-bg-success">Đã chấp nhận</span>'
    )
    assert render("{% badge s l %}", badges=badges, s="draft", l="<b>Nháp</b>") == (
        '<span class="badge text-bg-secondary">&lt;b&gt;Nháp&lt;/b&gt;</span>'
    )
    assert 'text-bg-secondary"' in render("{% badge s l %}", s="draft", l="Nháp")  # no mapping at all


def test_figure_cells_write_a_cell_per_figure_localised_blank_for_zero_on_request():
    figures = [0, 7, 9720, "<x>"]

    plain = render("{% figure_cells f %}", f=figures)
    blank = render("{% figure_cells f blank_zero=True %}", f=figures)

    cell = '<td class="text-end">{}</td>'
    assert plain == "".join(cell.format(v) for v in ("0", "7", "9.720", "&lt;x&gt;"))
    assert blank == "".join(cell.format(v) for v in ("", "7", "9.720", "&lt;x&gt;"))


def test_column_heads_write_one_escaped_header_cell_a_label_in_the_active_language():
    source = '{% column_heads _("Gửi lúc") label css="table-light" %}'

    vi = render(source, label="<Ghi chú>")
    with translation.override("en"):
        en = Template("{% load ui %}" + source).render(Context({"label": "Note"}))

    assert vi == (
        '<thead class="table-light"><tr><th scope="col">Gửi lúc</th>'
        '<th scope="col">&lt;Ghi chú&gt;</th></tr></thead>'
    )
    assert en.startswith('<thead class="table-light"><tr><th scope="col">Submitted at</th>')
    assert render('{% column_heads "Dòng" %}') == '<thead><tr><th scope="col">Dòng</th></tr></thead>'


def test_choice_label_is_the_models_display_in_the_active_language():
    from awards.models import Nomination

    nomination = Nomination(status="submitted", eligibility="", year=2026)
    for language in ("vi", "en"):
        with translation.override(language):
            assert choice_label(nomination, "status") == nomination.get_status_display()
    with translation.override("vi"):
        vi = choice_label(nomination, "status")
    with translation.override("en"):
        en = choice_label(nomination, "status")
    assert vi != en  # one cached list per language, not the first one asked for
    nomination.status = "no-such-state"
    assert choice_label(nomination, "status") == "no-such-state"  # as get_status_display does
    assert (
        render('{{ r|choice_label:"outcome" }}', r=None)
        == render('{{ r.result|choice_label:"outcome" }}')
        == ""
    )


def test_a_choice_badge_is_the_badge_of_the_value_with_its_label():
    from awards.models import Nomination

    nomination = Nomination(status="verified")
    html = render('{% choice_badge n "status" %}', n=nomination, badges={"verified": "success"})

    assert html == f'<span class="badge text-bg-success">{nomination.get_status_display()}</span>'
    assert render('{{ n|choice_label:"status" }}', n=nomination) == nomination.get_status_display()


def test_a_filter_field_is_written_as_crispy_writes_it_with_errors_at_the_field():
    import re

    from django import forms

    class Filter(forms.Form):
        unit = forms.ChoiceField(
            label="Đơn vị", choices=[("", "Tất cả"), ("1", "Khoa <Nội>")], required=False
        )
        q = forms.CharField(label="Tìm", required=False, widget=forms.TextInput(attrs={"class": "w-100"}))
        late = forms.BooleanField(label="Nộp muộn", required=False)

    form = Filter({"unit": "9", "q": "<b>"})
    form.is_valid()
    squeeze = lambda html: re.sub(r">\s+<", "><", re.sub(r"\s+", " ", html)).strip()  # noqa: E731
    unit = squeeze(render("{% filter_field f.unit %}", f=form))
    q = squeeze(render("{% filter_field f.q %}", f=form))
    late = render("{% filter_field f.late %}", f=form)

    assert unit.startswith(
        '<div id="div_id_unit" class="mb-3"><label for="id_unit" class="form-label">Đơn vị</label>'
    )
    for attribute in (
        'class="select form-select is-invalid"',
        'aria-invalid="true"',
        'aria-describedby="id_unit_error"',
    ):
        assert attribute in unit
    assert "Khoa &lt;Nội&gt;" in unit
    error = form.errors["unit"][0]
    feedback = f'<p id="error_1_id_unit"><strong>{error}</strong></p>'
    assert f'<div id="id_unit_error" class="invalid-feedback">{feedback}</div>' in unit
    assert 'class="w-100 textinput form-control"' in q and 'value="&lt;b&gt;"' in q  # what was typed, escaped
    assert "invalid-feedback" not in q
    assert 'class="form-check"' in late and 'type="checkbox"' in late  # as crispy writes a checkbox


@pytest.mark.django_db
def test_list_filters_offer_no_empty_value_choice_where_the_field_cannot_be_empty():
    from plans.filters import TaskFilter
    from plans.models import PlanTask
    from units.models import Unit

    form = TaskFilter({}, queryset=PlanTask.objects.none(), units=Unit.objects.none()).form
    for name in ("when", "quarter", "month", "display_status", "lead_unit"):
        assert "null" not in [str(value) for value, _label in form.fields[name].choices], name


@pytest.mark.parametrize("data", [{}, {"unit": "9", "q": "<b>"}])
@pytest.mark.parametrize("name", ["unit", "q"])
def test_a_filter_field_gives_what_crispy_gives_for_a_select_and_a_text_input(data, name):
    """The markup of ``{% filter_field %}`` and of crispy-bootstrap5's field template, compared
    with the spacing squeezed and the attributes in order: a change of either shows here."""
    import re

    from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field
    from django import forms

    class Filter(forms.Form):
        unit = forms.ChoiceField(
            label="Đơn vị", choices=[("", "Tất cả"), ("1", "Khoa <Nội>")], required=False
        )
        q = forms.CharField(label="Tìm", required=False)

    attribute = re.compile(r' [^ =>]+(?:="[^"]*")?')

    def tag(match) -> str:
        return "<" + match[1] + "".join(sorted(attribute.findall(match[2]))) + ">"

    def squeeze(html: str) -> str:
        html = re.sub(r">\s+", ">", re.sub(r"\s+<", "<", re.sub(r"\s+", " ", str(html)))).strip()
        return re.sub(r"<(\w+)([^>]*)>", tag, html)

    form = Filter(data or None)
    form.is_valid()
    with translation.override("vi"):
        ours = render("{% filter_field f." + name + " %}", f=form)
        theirs = as_crispy_field(form[name])

    assert squeeze(ours) == squeeze(theirs)


def _squeezed_sorted(html) -> str:
    """The markup with the spacing squeezed and each tag's attributes in order."""
    import re

    attribute = re.compile(r' [^ =>]+(?:="[^"]*")?')

    def tag(match) -> str:
        return "<" + match[1] + "".join(sorted(attribute.findall(match[2]))) + ">"

    html = re.sub(r">\s+", ">", re.sub(r"\s+<", "<", re.sub(r"\s+", " ", str(html)))).strip()
    return re.sub(r"<(\w+)([^>]*)>", tag, html)


@pytest.mark.parametrize("data", [None, {"late": "on"}, {}])
def test_a_filter_checkbox_gives_what_crispy_gives(data):
    from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field
    from django import forms

    class Filter(forms.Form):
        late = forms.BooleanField(label="Nộp <muộn>", required=data == {}, help_text="Chỉ bản nộp sau hạn")

    form = Filter(data)
    form.is_valid()
    with translation.override("vi"):
        ours = render("{% filter_field f.late %}", f=form)
        theirs = as_crispy_field(form["late"])

    assert _squeezed_sorted(ours) == _squeezed_sorted(theirs)
    assert ("is-invalid" in ours) == (data == {})  # a required box left empty is marked


@pytest.mark.parametrize("data", [None, {"year": "abc", "kind": "x", "note": "<b>", "tags": ["9"]}])
def test_form_fields_give_what_the_crispy_tag_gives_for_the_whole_form(data):
    """``{% form_field %}`` for every field of a form, against ``{% crispy form %}`` with the
    form's helper: labels and required marks, classes, help texts, errors and their ids, hidden
    fields, and a widget it leaves to crispy (several checkboxes)."""
    from crispy_forms.helper import FormHelper
    from django import forms

    class Entry(forms.Form):
        year = forms.IntegerField(label="Năm", min_value=0, help_text="Năm <thành tích>")
        kind = forms.ChoiceField(label="Loại", choices=[("a", "A & B"), ("c", "C")])
        note = forms.CharField(label="Ghi chú", required=False, widget=forms.Textarea(attrs={"rows": 3}))
        tags = forms.MultipleChoiceField(
            label="Nhãn", required=False, choices=[("1", "Một")], widget=forms.CheckboxSelectMultiple
        )
        seen = forms.CharField(required=False, widget=forms.HiddenInput)

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.helper = FormHelper()
            self.helper.form_tag = False
            self.helper.disable_csrf = True

    form = Entry(data)
    form.is_valid()
    with translation.override("vi"):
        ours = render(
            '{% include "bootstrap5/errors.html" %}{% for field in f %}{% form_field field %}{% endfor %}',
            f=form,
            form=form,
        )
        theirs = Template("{% load crispy_forms_tags %}{% crispy f %}").render(Context({"f": form}))

    assert _squeezed_sorted(ours) == _squeezed_sorted(theirs)
    assert ('aria-invalid="true"' in ours) == bool(data)


def test_the_pager_lists_the_pages_near_the_current_one_however_many_there_are():
    import re

    from django.core.paginator import Paginator
    from django.template import RequestContext
    from django.test import RequestFactory

    page = Paginator(range(20_000), 25).page(400)
    request = RequestFactory().get("/tasks/", {"page": 400, "q": "a"})
    with translation.override("vi"):
        html = Template('{% include "includes/pagination.html" %}').render(
            RequestContext(request, {"page_obj": page})
        )

    assert re.findall(r'class="page-link" href="[^"]*">(\d+)</a>', html) == ["398", "399", "401", "402"]
    assert '<span class="page-link">400</span>' in html and 'aria-current="page"' in html
    assert "page=1" in html and "page=800" in html and "q=a" in html  # first, last, the search kept
