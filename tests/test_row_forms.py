"""Row forms (formsets): a row added without JavaScript by the "Thêm dòng" button (the page back
as typed, one row more, nothing saved or checked), every field of a row labelled, an error
outlined on its field and named by it, and the empty choice of a select reading "— Chọn —"."""

import re

import pytest
from django import forms
from django.urls import reverse

from campaigns.models import CriteriaSet
from plans.models import Plan
from tests.factories import make_office_user

pytestmark = pytest.mark.django_db


def criteria_post(**extra):
    data = {
        "name": "Bảng chấm điểm khối bệnh viện",
        "year": "2026",
        "leaders_per_cluster": "1",
        "c-TOTAL_FORMS": "1",
        "c-INITIAL_FORMS": "0",
        "c-MIN_NUM_FORMS": "0",
        "c-MAX_NUM_FORMS": "1000",
        "c-0-code": "1",
        "c-0-title": "",
        "c-0-max_points": "10",
    }
    data.update(extra)
    return data


def test_the_add_row_button_without_javascript_gives_the_form_back_as_typed_with_one_more_row(client):
    client.force_login(make_office_user())

    response = client.post(reverse("campaigns:criteria-create"), criteria_post(formset_add="c"))

    body = response.content.decode()
    assert response.status_code == 200
    assert CriteriaSet.objects.count() == 0
    assert 'name="c-TOTAL_FORMS" value="2"' in body
    assert 'name="c-1-code"' in body
    assert 'value="Bảng chấm điểm khối bệnh viện"' in body
    assert "is-invalid" not in body  # not sent to be saved: nothing checked yet


def test_the_plan_editor_adds_a_task_row_without_javascript_and_saves_nothing(client):
    client.force_login(make_office_user())
    page = client.get(reverse("plans:create")).content.decode()
    fields = dict(
        re.findall(r'name="((?:tasks|targets)-(?:TOTAL|INITIAL|MIN_NUM|MAX_NUM)_FORMS)" value="(\d+)"', page)
    )

    response = client.post(
        reverse("plans:create"), {**fields, "plan-title": "Kế hoạch", "formset_add": "tasks"}
    )

    body = response.content.decode()
    assert response.status_code == 200
    assert Plan.objects.count() == 0
    total = int(fields["tasks-TOTAL_FORMS"]) + 1
    assert f'name="tasks-TOTAL_FORMS" value="{total}"' in body
    assert f'name="tasks-{total - 1}-content"' in body


def test_a_row_field_in_error_is_outlined_and_names_its_message(client):
    client.force_login(make_office_user())

    response = client.post(reverse("campaigns:criteria-create"), criteria_post())

    body = response.content.decode()
    field = re.search(r"<input[^>]*name=\"c-0-title\"[^>]*>", body).group(0)
    assert "is-invalid" in field
    assert 'aria-invalid="true"' in field
    assert "id_c-0-title_error" in re.search(r'aria-describedby="([^"]*)"', field).group(1)
    assert 'id="id_c-0-title_error"' in body


def test_every_field_of_a_row_has_a_label_with_its_row_number(client):
    client.force_login(make_office_user())

    body = client.get(reverse("campaigns:criteria-create")).content.decode()

    for name in ("code", "title", "max_points", "guidance", "DELETE"):
        assert re.search(rf'<label[^>]*for="id_c-1-{name}"[^>]*>[^<]*\(dòng 2\)</label>', body), name
    template = body[body.index('<template data-formset-template="c">') :]
    assert 'for="id_c-__prefix__-code"' in template and "(dòng __row__)" in template


def test_the_empty_choice_of_a_select_reads_choose():
    class Pick(forms.Form):
        unit = forms.ChoiceField(choices=[("", "---------"), ("1", "Bệnh viện Đa khoa")])

    html = str(Pick()["unit"])

    assert '<option value="" selected>— Chọn —</option>' in html
    assert "---------" not in html
