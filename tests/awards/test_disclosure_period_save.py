"""A disclosure period is opened and changed through ``awards.services.disclosure_period_save``: the
office only, who created it kept, every change in the history with who made it. The create and
edit pages save through it and show a refused form again as it was entered."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from awards.forms import DisclosurePeriodForm
from awards.models import DisclosurePeriod, NominationCall
from awards.services import disclosure_period_save
from tests.factories import make_office_user

pytestmark = pytest.mark.django_db


def period_form(instance=None, **data):
    values = {"year": 2025, "opens": "2026-01-05", "closes": "2026-01-15", "note": "Lấy ý kiến."} | data
    return DisclosurePeriodForm(values, instance=instance)


def test_the_office_opens_a_period_and_the_history_says_who(office):
    form = period_form()
    assert form.is_valid(), form.errors

    period = disclosure_period_save(form, by=office)

    period.refresh_from_db()
    assert (period.year, period.opens, period.closes) == (
        2025,
        datetime.date(2026, 1, 5),
        datetime.date(2026, 1, 15),
    )
    assert period.created_by == office
    assert [(h.history_type, h.history_user) for h in period.history.all()] == [("+", office)]


def test_a_change_keeps_the_creator_and_adds_a_history_entry_by_the_editor(office):
    first = period_form()
    assert first.is_valid(), first.errors
    period = disclosure_period_save(first, by=office)
    editor = make_office_user(username="vanphong2")
    form = period_form(instance=DisclosurePeriod.objects.get(pk=period.pk), closes="2026-01-20")
    assert form.is_valid(), form.errors

    disclosure_period_save(form, by=editor)

    period.refresh_from_db()
    assert period.closes == datetime.date(2026, 1, 20)
    assert period.created_by == office
    assert [(h.history_type, h.history_user) for h in period.history.all()] == [("~", editor), ("+", office)]


def test_a_unit_head_is_refused_and_nothing_is_saved(head):
    form = period_form()
    assert form.is_valid(), form.errors

    with pytest.raises(PermissionDenied):
        disclosure_period_save(form, by=head)

    assert not DisclosurePeriod.objects.exists()


def test_the_edit_page_saves_through_the_service(client, office):
    period = DisclosurePeriod.objects.create(
        year=2025, opens=datetime.date(2026, 1, 5), closes=datetime.date(2026, 1, 15), created_by=office
    )
    client.force_login(office)

    response = client.post(
        reverse("awards:disclosure-edit", args=[period.pk]),
        {"year": 2025, "opens": "2026-01-05", "closes": "2026-01-25", "note": "Gia hạn."},
    )

    assert response.status_code == 302
    period.refresh_from_db()
    assert (period.closes, period.note) == (datetime.date(2026, 1, 25), "Gia hạn.")
    assert period.history.first().history_user == office


@pytest.mark.parametrize("name", ["awards:disclosure-create", "awards:call-create"])
def test_a_refused_form_comes_back_with_what_was_entered_and_the_reason(client, office, name):
    client.force_login(office)
    data = (
        {"year": 2025, "opens": "2026-01-10", "closes": "2026-01-01", "note": "Ghi chú đã nhập"}
        if name == "awards:disclosure-create"
        else {"year": "", "deadline": "2026-01-15", "note": "Ghi chú đã nhập"}
    )

    response = client.post(reverse(name), data)

    page = response.content.decode()
    assert response.status_code == 200
    assert response.context["form"].errors
    assert "Ghi chú đã nhập" in page
    assert "Chưa lưu được: vui lòng sửa các ô được đánh dấu bên dưới." in page
    model = DisclosurePeriod if name == "awards:disclosure-create" else NominationCall
    assert not model.objects.exists()
