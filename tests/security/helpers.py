"""What the security tests share: the writes a request made, and the values a page's forms hold."""

from django import forms

WRITES = ("INSERT", "UPDATE", "DELETE")
IGNORED_TABLES = ("django_session", "axes_")  # the login session and the login-attempt log


def writes(queries) -> list[str]:
    return [
        q["sql"][:100]
        for q in queries
        if q["sql"].lstrip().upper().startswith(WRITES) and not any(t in q["sql"] for t in IGNORED_TABLES)
    ]


def _plain(value):
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return getattr(value, "pk", value)


def form_values(form) -> dict:
    """What the rendered form would send back untouched."""
    data = {}
    for bound in form:
        value = bound.value()
        if value is None or isinstance(bound.field, forms.FileField):
            continue
        if isinstance(value, bool):
            if value:
                data[bound.html_name] = "on"
            continue
        data[bound.html_name] = _plain(value)
    return data


def page_values(response, *context_names) -> dict:
    """The values of the forms and formsets a page rendered, by their context names."""
    data = {}
    for name in context_names:
        item = response.context[name]
        if isinstance(item, forms.BaseFormSet):
            data.update(form_values(item.management_form))
            for form in item.forms:
                data.update(form_values(form))
        else:
            data.update(form_values(item))
    return data
