"""The one way a view shows a refusal: at the field when the form has it, else at the top."""

import pytest
from django import forms
from django.test import RequestFactory

from units.refusals import RefusalMixin, Refused


class NameForm(forms.Form):
    name = forms.CharField()


class View(RefusalMixin):
    request = None


def test_a_refusal_naming_a_field_of_the_form_lands_on_that_field():
    form = NameForm({"name": "Nguyễn"})
    form.is_valid()

    View().refused(Refused({"name": "Tên đã có."}), form=form)

    assert form.errors["name"] == ["Tên đã có."]


def test_a_refusal_naming_a_field_the_form_does_not_show_lands_at_the_top_with_the_input_kept():
    form = NameForm({"name": "Nguyễn"})
    form.is_valid()

    View().refused(Refused({"issue_date": "Ngày ban hành không hợp lệ."}), form=form)

    assert form.non_field_errors() == ["Ngày ban hành không hợp lệ."]
    assert form["name"].value() == "Nguyễn"


@pytest.mark.django_db
def test_without_a_form_the_refusal_goes_to_the_messages():
    from django.contrib.messages import get_messages
    from django.contrib.messages.storage.fallback import FallbackStorage

    request = RequestFactory().get("/")
    request.session = {}
    request._messages = FallbackStorage(request)
    view = View()
    view.request = request

    view.refused(Refused("Chỉ Thường trực TĐKT được thực hiện thao tác này."))

    assert [str(m) for m in get_messages(request)] == ["Chỉ Thường trực TĐKT được thực hiện thao tác này."]
