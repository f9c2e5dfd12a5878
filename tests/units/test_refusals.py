"""The one way a view shows a refusal: at the field when the form has it, else at the top."""

import datetime

import pytest
from django import forms
from django.test import RequestFactory

from units.concurrency import VERSION_FIELD, VersionedFormMixin, seen_version, version_token
from units.refusals import Conflict, RefusalMixin, Refused


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


def test_a_refusal_listing_several_problems_shows_each_on_its_own_line_of_the_form():
    form = NameForm({"name": "Nguyễn"})
    form.is_valid()

    View().refused(Refused(["Mã “1.a” không hợp lệ.", "Mã tiêu chí bị trùng: 2."]), form=form)

    assert form.non_field_errors() == ["Mã “1.a” không hợp lệ.", "Mã tiêu chí bị trùng: 2."]


class VersionedNameForm(VersionedFormMixin, forms.Form):
    name = forms.CharField()


def test_a_conflict_on_a_versioned_form_explains_it_and_accepts_the_saved_version_next_time():
    saved_at = datetime.datetime(2026, 3, 2, 8, 30, tzinfo=datetime.UTC)
    form = VersionedNameForm({"name": "Bản của tôi", VERSION_FIELD: "2026-03-01T08:00:00+00:00"})
    form.is_valid()

    View().refused(Conflict("Bản ghi này vừa được người khác sửa.", updated_at=saved_at), form=form)

    assert form.non_field_errors() == ["Bản ghi này vừa được người khác sửa."]
    assert form["name"].value() == "Bản của tôi"
    assert form.data[VERSION_FIELD] == version_token(saved_at)


def test_a_form_token_that_is_not_a_time_counts_as_a_stale_version_and_an_empty_one_as_none():
    assert seen_version("") is None
    assert seen_version("2026-03-01T08:00:00+00:00") == datetime.datetime(2026, 3, 1, 8, tzinfo=datetime.UTC)
    assert seen_version("không phải thời điểm") < datetime.datetime(1900, 1, 1, tzinfo=datetime.UTC)
