"""The agency's signers: kept in the admin, offered by every document's heading form as a choice
that fills the signer, or the signer typed freely."""

import pytest
from django import forms
from django.urls import reverse

from plans.models import Letter
from tests.factories import AgencyFactory, AgencySignerFactory, make_office_user
from units.forms import HEADING_FORM_FIELDS, DocumentHeadingFormMixin
from units.models import AgencySigner
from units.models_signers import signer_prefix_parts

pytestmark = pytest.mark.django_db


class HeadingForm(DocumentHeadingFormMixin, forms.ModelForm):
    class Meta:
        model = Letter
        fields = [*HEADING_FORM_FIELDS]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.start_heading_from_agency(recipients=["Như trên;"])


def posted(form: HeadingForm, **changes) -> dict:
    data = {name: form.initial.get(name, "") for name in HEADING_FORM_FIELDS}
    data["recipients_text"] = form.initial["recipients_text"]
    return {**data, **changes}


def test_choosing_a_deputy_from_the_agencys_signers_fills_the_signer_over_the_default():
    AgencyFactory(signer_name="Phan Huy Anh Vũ", signer_position="Giám đốc")
    deputy = AgencySignerFactory(position="Phó Giám đốc", full_name="Lê Quang  Trung")
    blank = HeadingForm()

    form = HeadingForm(posted(blank, agency_signer=str(deputy.pk)))

    assert blank.initial["signer_name"] == "Phan Huy Anh Vũ"
    assert form.is_valid(), form.errors
    letter = form.save(commit=False)
    assert (letter.signer_prefix, letter.signer_prefix_title) == ("KT.", "GIÁM ĐỐC")
    assert (letter.signer_position, letter.signer_name) == ("PHÓ GIÁM ĐỐC", "Lê Quang Trung")
    assert form.heading_cleaned()["signer_name"] == "Lê Quang Trung"


def test_without_a_choice_the_typed_signer_is_kept():
    AgencyFactory(signer_name="Phan Huy Anh Vũ", signer_position="Giám đốc")
    AgencySignerFactory(full_name="Lê Quang Trung")
    blank = HeadingForm()

    form = HeadingForm(posted(blank, agency_signer="", signer_name="Nguyễn Văn Typed"))

    assert form.is_valid(), form.errors
    assert form.save(commit=False).signer_name == "Nguyễn Văn Typed"


def test_only_active_signers_are_offered_in_order_each_option_carrying_what_it_fills():
    AgencyFactory()
    second = AgencySignerFactory(full_name="Trần Văn Hai", order=2)
    AgencySignerFactory(full_name="Đã Nghỉ", active=False, order=0)
    director = AgencySignerFactory(
        signer_prefix="", signer_prefix_title="", position="Giám đốc", full_name="Phan Huy Anh Vũ", order=1
    )

    form = HeadingForm()
    html = str(form["agency_signer"])

    assert [value for value, _label in form.fields["agency_signer"].choices] == [
        "",
        str(director.pk),
        str(second.pk),
    ]
    assert 'data-signer-name="Trần Văn Hai"' in html and 'data-signer-prefix="KT."' in html
    assert "Đã Nghỉ" not in html


def test_a_form_without_agency_signers_has_no_choice():
    AgencyFactory(signer_name="Phan Huy Anh Vũ")

    assert "agency_signer" not in HeadingForm().fields


def test_the_office_adds_a_signer_on_the_agency_page_of_the_admin(client):
    agency = AgencyFactory()
    client.force_login(make_office_user())
    url = reverse("admin:units_agency_change", args=[agency.pk])
    page = client.get(url)
    data = {key: value for key, value in page.context["adminform"].form.initial.items() if value is not None}
    data.update(
        {
            "signers-TOTAL_FORMS": "1",
            "signers-INITIAL_FORMS": "0",
            "signers-0-order": "1",
            "signers-0-signer_prefix": "KT.",
            "signers-0-signer_prefix_title": "GIÁM ĐỐC",
            "signers-0-position": "PHÓ GIÁM ĐỐC",
            "signers-0-full_name": "Lê Quang Trung",
            "signers-0-active": "on",
        }
    )

    response = client.post(url, data)

    assert page.status_code == 200
    assert response.status_code == 302, response.context and response.context["adminform"].form.errors
    assert AgencySigner.objects.get().full_name == "Lê Quang Trung"


@pytest.mark.parametrize(
    ("line", "parts"),
    [
        ("KT. GIÁM ĐỐC", ("KT.", "GIÁM ĐỐC")),
        ("TM.  HỘI ĐỒNG", ("TM.", "HỘI ĐỒNG")),
        ("kt", ("KT.", "")),
        ("", ("", "")),
        ("GIÁM ĐỐC", ("", "GIÁM ĐỐC")),
    ],
)
def test_a_written_authority_line_splits_into_prefix_and_title(line, parts):
    assert signer_prefix_parts(line) == parts
