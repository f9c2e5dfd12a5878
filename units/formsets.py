"""Formsets with a ceiling: a posted ``TOTAL_FORMS`` cannot make the server build, check and
render thousands of forms.

Django caps a formset at ``absolute_max`` (by default 2,000 forms) and checks ``max_num`` only
when asked. Here both are the rows that already exist plus ``room`` more (a form's own bound),
checked (``validate_max``): a larger post is refused with one message before any form is built.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

TOO_MANY_FORMS = _("Gửi nhiều nhất %(num)d dòng một lần; hãy lưu bớt rồi thêm tiếp.")


class BoundedFormSetMixin:
    room = 50  # forms beyond the existing rows

    default_error_messages = {
        **forms.BaseFormSet.default_error_messages,
        "too_many_forms": TOO_MANY_FORMS,
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.max_num = self.absolute_max = self.existing_rows() + self.room
        self.validate_max = True

    def existing_rows(self) -> int:
        return len(self.initial or ())


class SharedChoicesMixin:
    """Every form of the formset lists the same choices in the fields named by ``shared_choices``
    (a plan's tasks each choose their units among the province's, a registration's lines a
    person of the unit): read once for the formset, not once a form, its blank row included. A
    value sent is still checked against each form's own queryset."""

    shared_choices: tuple[str, ...] = ()

    def _construct_form(self, i, **kwargs):
        return self._share_choices(super()._construct_form(i, **kwargs))

    @property
    def empty_form(self):
        return self._share_choices(super().empty_form)

    def _share_choices(self, form):
        shared = self.__dict__.setdefault("_shared_choices", {})
        for name in self.shared_choices:
            field = form.fields.get(name)
            if field is None:
                continue
            if name not in shared:
                shared[name] = list(iter(field.widget.choices))  # list() alone would COUNT them first
            field.widget.choices = shared[name]
        return form


class BoundedFormSet(BoundedFormSetMixin, forms.BaseFormSet):
    pass


class BoundedInlineFormSet(BoundedFormSetMixin, forms.BaseInlineFormSet):
    def existing_rows(self) -> int:
        return len(self.get_queryset())


# ---------------------------------------------------------------------------
# "Thêm dòng" without JavaScript: the button posts the form with its formset's prefix; the view
# gives the page back as typed, one blank row more, nothing saved and nothing checked yet. With
# JavaScript the same button adds the row in the page (static/js/app.js, data-formset-add).
# ---------------------------------------------------------------------------
ADD_ROW = "formset_add"


def added_row_data(data, prefixes):
    """The posted data with one more form in the formset whose "add a row" button was pressed,
    or None when the post is not such a request (or names another formset)."""
    prefix = data.get(ADD_ROW)
    if prefix not in prefixes:
        return None
    copy = data.copy()
    key = f"{prefix}-TOTAL_FORMS"
    try:
        total = int(copy.get(key) or 0)
    except ValueError:
        total = 0
    copy[key] = str(total + 1)
    return copy


def as_typed(*forms_and_formsets):
    """Show bound forms and formsets as typed, without their errors (they were not sent to be
    saved, only given one more row)."""
    for item in forms_and_formsets:
        if isinstance(item, forms.BaseFormSet):
            item._errors = []
            item._non_form_errors = item.error_class()
            for form in item.forms:
                as_typed(form)
        else:
            item._errors = forms.utils.ErrorDict()
            item.cleaned_data = {}
