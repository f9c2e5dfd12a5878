"""Small pieces of the interface written in Python: they appear on every row of long lists."""

import functools

from django import forms, template
from django.forms.widgets import Input
from django.template.loader import get_template
from django.utils.formats import localize
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from units.listing import SORT_PARAM

register = template.Library()


@register.simple_tag(takes_context=True)
def badge(context, value, label):
    """``{% badge obj.status obj.get_status_display %}``: a status badge, coloured by the page's
    ``badges`` mapping (value → Bootstrap colour), grey for a value it does not name."""
    colour = (context.get("badges") or {}).get(value) or "secondary"
    return format_html('<span class="badge text-bg-{}">{}</span>', colour, label)


@functools.cache
def _choice_labels(field, language: str) -> dict:
    """A model field's choices as {value: label} in one language (computed once per process)."""
    return {value: str(label) for value, label in field.flatchoices}


def choice_label(obj, name: str):
    """What ``obj.get_<name>_display()`` returns, without its cost: Django rebuilds (and
    translates) the whole choice list on each call, once per row of a long list."""
    meta = getattr(obj, "_meta", None)
    if meta is None:  # no object (a missing relation): nothing, as ``{{ x.get_y_display }}`` gives
        return ""
    field = meta.get_field(name)
    value = getattr(obj, field.attname)
    return _choice_labels(field, get_language()).get(value, value)


@register.simple_tag(takes_context=True)
def choice_badge(context, obj, name):
    """``{% choice_badge nomination "status" %}``: the badge of ``{% badge %}`` for a model's
    choice field, its label read through ``choice_label``."""
    if not hasattr(obj, "_meta"):
        return ""
    return badge(context, getattr(obj, obj._meta.get_field(name).attname), choice_label(obj, name))


register.filter("choice_label", choice_label)

# The Bootstrap 5 class of a list filter's control, as crispy-bootstrap5 gives it.
_CONTROL_CLASSES = ((forms.Select, "form-select"), (Input, "form-control"))
_NOT_PLAIN = (forms.CheckboxInput, forms.RadioSelect, forms.CheckboxSelectMultiple, forms.FileInput)


@register.simple_tag
def filter_field(field):
    """``{% filter_field field %}``: a list filter's field as ``{{ field|as_crispy_field }}``
    writes it (label, control with Bootstrap's classes, errors under it), from the small template
    ``includes/filter_field.html``: every list page has a filter form and crispy's templates were
    a fifth of such a page's time. A checkbox comes from ``includes/filter_checkbox.html``; a
    widget this does not know (radio, several checkboxes, file) goes through crispy as before."""
    widget = field.field.widget
    if type(widget) is forms.CheckboxInput:  # "Gồm đơn vị trực thuộc": crispy's checkbox, as it writes it
        return get_template("includes/filter_checkbox.html").render(
            {
                "field": field,
                "control": _control(field, "form-check-input"),
                "errors": field.errors,
                "required": field.field.required,
            }
        )
    control = next((css for kind, css in _CONTROL_CLASSES if isinstance(widget, kind)), None)
    if control is None or isinstance(widget, _NOT_PLAIN):
        from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field

        return as_crispy_field(field)
    classes = [widget.attrs.get("class", ""), type(widget).__name__.lower(), control]
    attrs = {}
    errors = field.errors
    if errors:
        classes.append("is-invalid")
        attrs["aria-invalid"] = "true"
        attrs["aria-describedby"] = f"{field.auto_id}_error"
    attrs["class"] = " ".join(c for c in classes if c)
    return get_template("includes/filter_field.html").render(
        {"field": field, "control": field.as_widget(attrs=attrs), "errors": errors}
    )


def _control(field, control: str, **attrs) -> str:
    """The field's widget with the classes crispy-bootstrap5 gives it (the widget's class name,
    then ``control``, ``is-invalid`` on an error), rendered through the form's renderer."""
    widget = field.field.widget
    classes = [widget.attrs.get("class", ""), type(widget).__name__.lower(), control]
    if field.errors:
        classes.append("is-invalid")
    attrs["class"] = " ".join(c for c in classes if c)
    return field.as_widget(attrs=attrs)


def _plain_control(field) -> str | None:
    """``form-select`` or ``form-control`` for a select or a text-like input or text area, None for
    a widget crispy writes otherwise (checkbox, radio, several checkboxes, file, hidden)."""
    widget = field.field.widget
    if widget.is_hidden or isinstance(widget, _NOT_PLAIN):
        return None
    if isinstance(widget, forms.Select) and not isinstance(widget, forms.SelectMultiple):
        return "form-select"
    if isinstance(widget, (Input, forms.Textarea)):
        return "form-control"
    return None


@register.simple_tag(takes_context=True)
def form_field(context, field):
    """``{% form_field field %}``: a form's field as ``{% crispy form %}`` (crispy-bootstrap5's
    ``field.html``, the form's helper with its defaults) writes it: label with the required mark,
    control, errors, help text; from the small template ``includes/form_field.html``. crispy's
    field templates were 0.6 of the nomination form's time. Another widget (checkbox, radio,
    several checkboxes, file, hidden) goes through crispy's own template as before."""
    if field.field.widget.is_hidden:
        return str(field)  # what crispy's field.html writes for a hidden field
    control = _plain_control(field)
    if control is None:
        from crispy_forms.helper import FormHelper

        helper = getattr(field.form, "helper", None) or FormHelper()
        crispy = {**helper.get_attributes(template_pack="bootstrap5"), "form": field.form, "field": field}
        return get_template("bootstrap5/field.html").render({**crispy, "labelclass": None, "flat_attrs": ""})
    return get_template("includes/form_field.html").render(
        {
            "field": field,
            "control": _control(field, control),
            "errors": field.errors,
            "required": field.field.required,
            "css_classes": field.css_classes(),
        }
    )


@register.inclusion_tag("includes/sort_header.html", takes_context=True)
def sort_header(context, key, label, css=""):
    """``{% sort_header "name" _("Họ và tên") %}``: a column header that sorts the list by one
    of its filter's ``SortFilter`` keys: a click sorts ascending, a second descending; the
    filters typed stay, the page goes back to the first; ``aria-sort`` says the order shown."""
    sort = getattr(context.get("filter"), "filters", {}).get(SORT_PARAM)
    if sort is None:  # a table shared with a list that does not sort: a plain header
        return {"label": label, "css": css}
    if key not in sort.sort_keys:
        raise template.TemplateSyntaxError(f"{key!r} is not a sort key of this list")
    query = context["request"].GET.copy()
    current = query.get(SORT_PARAM, "")
    state = {key: "ascending", f"-{key}": "descending"}.get(current, "")
    query[SORT_PARAM] = f"-{key}" if state == "ascending" else key
    query.pop("page", None)
    return {"href": "?" + query.urlencode(), "label": label, "state": state, "css": css}


@register.inclusion_tag("includes/column_heads.html")
def column_heads(*labels, css=""):
    """``{% column_heads _("Số, ký hiệu") _("Loại") %}``: the header row of a table that does not
    sort, one ``<th scope="col">`` a label; ``css`` classes the ``<thead>`` (``"table-light"``)."""
    return {"labels": labels, "css": css}


@register.simple_tag(takes_context=True)
def kept_params(context):
    """``{% kept_params as kept %}``: the query's parameters that the page's filter form does not
    hold (a link's ``?status=draft``), as (name, value) pairs for hidden inputs, so that a search
    keeps them; the page number is left out (a new search starts at the first page)."""
    fields = context["filter"].form.fields
    query = context["request"].GET
    return [
        (name, value)
        for name in query
        if name not in fields and name != "page"
        for value in query.getlist(name)
    ]


@register.simple_tag
def figure_cells(figures, blank_zero=False):
    """``{% figure_cells row.cells %}``: a right-aligned ``<td>`` per figure (a blank cell for
    zero with ``blank_zero=True``), localised as ``{{ n }}`` is; a row of counts across every
    title or status of a table that lists all the units of the province."""
    cells = []
    for n in figures:
        if blank_zero and not n:
            text = ""
        elif type(n) is int and -1000 < n < 1000:
            text = str(n)  # what localize writes for it, without its cost (most cells)
        else:
            text = conditional_escape(localize(n))
        cells.append(f'<td class="text-end">{text}</td>')
    return mark_safe("".join(cells))  # noqa: S308  # nosec B308 B703  # every figure is escaped


@register.simple_tag
def page_window(page, width=2):
    """``{% page_window page_obj as numbers %}``: the page numbers the pager lists, those within
    ``width`` of the current page, without going through every page of the list (a list of
    20,000 tasks has 800)."""
    first = max(1, page.number - width)
    last = min(page.paginator.num_pages, page.number + width)
    return range(first, last + 1)
