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


class BoundedFormSet(BoundedFormSetMixin, forms.BaseFormSet):
    pass


class BoundedInlineFormSet(BoundedFormSetMixin, forms.BaseInlineFormSet):
    def existing_rows(self) -> int:
        return len(self.get_queryset())
