"""The header-and-signature fragment every official document's form shares (units.forms)."""

import pytest
from django import forms

from plans.models import Letter
from tests.factories import AgencyFactory
from units.forms import HEADING_FORM_FIELDS, SIGNER_NAME_REQUIRED, DocumentHeadingFormMixin, text_lines

pytestmark = pytest.mark.django_db

RECIPIENTS = ["Như trên;", "Lưu: VT, VP."]


class LetterHeadingForm(DocumentHeadingFormMixin, forms.ModelForm):
    class Meta:
        model = Letter
        fields = [*HEADING_FORM_FIELDS]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.start_heading_from_agency(recipients=RECIPIENTS)


def test_a_new_document_starts_with_the_agencys_header_a_deputy_signing_for_the_director():
    AgencyFactory(signer_name="Lê Quang Trung", signer_position="Phó Giám đốc")

    form = LetterHeadingForm()

    assert form.initial["authority_line"] == "UBND TỈNH ĐỒNG NAI"
    assert form.initial["issuer_line"] == "SỞ Y TẾ"
    assert (form.initial["signer_prefix"], form.initial["signer_prefix_title"]) == ("KT.", "GIÁM ĐỐC")
    assert form.initial["signer_name"] == "Lê Quang Trung"
    assert form.initial["recipients_text"] == "Như trên;\nLưu: VT, VP."


def test_a_document_with_its_own_header_keeps_it():
    AgencyFactory(signer_name="Lê Quang Trung")

    form = LetterHeadingForm(
        instance=Letter(issuer_line="HỘI ĐỒNG THI ĐUA, KHEN THƯỞNG", recipients=["Lưu: VT."])
    )

    assert form.initial["authority_line"] == ""
    assert form.initial["issuer_line"] == "HỘI ĐỒNG THI ĐUA, KHEN THƯỞNG"
    assert form.initial["recipients_text"] == "Lưu: VT."


def test_a_signer_with_a_title_and_no_name_is_refused_at_the_name_and_recipients_are_read_by_line():
    AgencyFactory()
    data = dict.fromkeys(HEADING_FORM_FIELDS, "")
    data.update(signer_position="GIÁM ĐỐC", recipients_text="  Như trên;\n\n - Lưu: VT.  \n")

    form = LetterHeadingForm(data)

    assert not form.is_valid()
    assert form.errors["signer_name"] == [SIGNER_NAME_REQUIRED]
    assert form.instance.recipients == ["Như trên;", "- Lưu: VT."]


def test_text_lines_drops_blank_lines_and_outer_spaces():
    assert text_lines(" a \n\n\t\nb\r\nc ") == ["a", "b", "c"]
    assert text_lines(None) == []
