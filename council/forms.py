"""Forms of the council pages. They only shape input; the services decide."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from catalog.enums import Authority
from units.choices import offer_only
from units.forms import HEADING_FORM_FIELDS, DocumentHeadingFormMixin
from units.ids import IdMultipleChoiceField

from .enums import Choice
from .models import Decision, ProposalPack, SessionMinutes
from .services import (
    AWARD_DECISION_RECIPIENTS,
    HIGHER_AUTHORITIES,
    LATER_DECISION_RECIPIENTS,
    MINUTES_RECIPIENTS,
    PROPOSAL_RECIPIENTS,
)

User = get_user_model()


def council_members():
    return (
        User.objects.filter(is_council_member=True, is_active=True)
        .select_related("person")
        .order_by("person__full_name", "username")
    )


class UserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.username


class UserMultipleChoiceField(IdMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.username


class SessionForm(forms.Form):
    title = forms.CharField(label=_("Tên phiên họp"), max_length=255)
    year = forms.IntegerField(label=_("Năm xét khen thưởng"), min_value=2000, max_value=2100)
    starts_at = forms.DateTimeField(
        label=_("Thời gian họp"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    place = forms.CharField(label=_("Địa điểm"), max_length=255)
    chair = UserChoiceField(label=_("Chủ tịch Hội đồng (chủ trì)"), queryset=User.objects.none())
    vice_chairs = UserMultipleChoiceField(
        label=_("Phó Chủ tịch"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    secretary = UserChoiceField(label=_("Thư ký"), queryset=User.objects.none())
    members = UserMultipleChoiceField(
        label=_("Ủy viên"), queryset=User.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("chair", "vice_chairs", "secretary", "members"):
            self.fields[name].queryset = council_members()
        if not self.is_bound:
            self.initial.setdefault("year", timezone.localdate().year - 1)


class VoteForm(forms.Form):
    nomination = forms.IntegerField(widget=forms.HiddenInput)
    choice = forms.ChoiceField(choices=Choice.choices)


class WrittenOpinionForm(forms.Form):
    member = forms.IntegerField(label=_("Thành viên vắng mặt"))
    nomination = forms.IntegerField(label=_("Đề nghị"))
    choice = forms.ChoiceField(label=_("Ý kiến"), choices=Choice.choices)


class TieForm(forms.Form):
    approve = forms.TypedChoiceField(
        label=_("Ý kiến Chủ tịch Hội đồng"),
        choices=[("1", _("Thông qua")), ("0", _("Không thông qua"))],
        coerce=lambda v: v == "1",
    )
    note = forms.CharField(label=_("Ghi chú"), widget=forms.Textarea(attrs={"rows": 2}))


class SignerFields(DocumentHeadingFormMixin, forms.ModelForm):
    """A decision's date, subject and its own header and signature (``DocumentHeading``), which
    start from the agency's header and signer (the director, or a deputy "KT. GIÁM ĐỐC")."""

    date = forms.DateField(label=_("Ngày ký"), widget=forms.DateInput(attrs={"type": "date"}))
    title = forms.CharField(label=_("Trích yếu (để trống: tự đặt)"), max_length=500, required=False)
    recipients = AWARD_DECISION_RECIPIENTS

    class Meta:
        model = Decision
        fields = ["date", "title", *HEADING_FORM_FIELDS]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.start_heading_from_agency(recipients=self.recipients)
        self.fields["signer_position"].required = True
        self.fields["signer_name"].required = True
        if not self.is_bound:
            self.initial.setdefault("date", timezone.localdate())


class NominationMultipleChoiceField(IdMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.subject} — {obj.award_type.name} {obj.year}"


class DecisionForm(SignerFields):
    nominations = NominationMultipleChoiceField(
        label=_("Đề nghị được khen thưởng"), queryset=None, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, nominations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nominations"].queryset = nominations
        self.order_fields(["nominations"])


class RecordMultipleChoiceField(IdMultipleChoiceField):
    def label_from_instance(self, obj):
        return (
            f"{obj.recipient_name or obj.subject} — {obj.name_as_issued} {obj.year} ({obj.decision_number})"
        )


class RevokeForm(SignerFields):
    recipients = LATER_DECISION_RECIPIENTS

    records = RecordMultipleChoiceField(label=_("Khen thưởng bị thu hồi"), queryset=None)
    reason = forms.CharField(label=_("Lý do thu hồi"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, records=None, shown=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["records"].queryset = records
        offer_only(self.fields["records"], shown)
        self.order_fields(["records", "reason"])


class CorrectForm(SignerFields):
    recipients = LATER_DECISION_RECIPIENTS

    record = forms.ModelChoiceField(label=_("Khen thưởng được đính chính"), queryset=None)
    recipient_name = forms.CharField(label=_("Họ tên / tập thể (đúng)"), max_length=255, required=False)
    recipient_position = forms.CharField(label=_("Chức vụ (đúng)"), max_length=255, required=False)
    recipient_unit_name = forms.CharField(label=_("Đơn vị (đúng)"), max_length=255, required=False)
    reason = forms.CharField(label=_("Lý do đính chính"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, records=None, shown=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["record"].queryset = records
        offer_only(self.fields["record"], shown)
        self.order_fields(["record", "recipient_name", "recipient_position", "recipient_unit_name", "reason"])

    def changes(self) -> dict:
        return {
            name: self.cleaned_data[name]
            for name in ("recipient_name", "recipient_position", "recipient_unit_name")
            if self.cleaned_data.get(name)
        }


class ProposalForm(DocumentHeadingFormMixin, forms.ModelForm):
    """A tờ trình's authority, year, subject and nominations, with its own header and signature."""

    authority = forms.ChoiceField(
        label=_("Cấp có thẩm quyền"),
        choices=[(a.value, a.label) for a in Authority if a in HIGHER_AUTHORITIES],
    )
    year = forms.IntegerField(label=_("Năm thành tích"), min_value=2000, max_value=2100)
    title = forms.CharField(label=_("Trích yếu (để trống: tự đặt)"), max_length=500, required=False)
    nominations = NominationMultipleChoiceField(
        label=_("Đề nghị trình cấp trên"), queryset=None, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = ProposalPack
        fields = ["authority", "year", "title", *HEADING_FORM_FIELDS]

    def __init__(self, *args, nominations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nominations"].queryset = nominations
        self.start_heading_from_agency(recipients=PROPOSAL_RECIPIENTS)
        if not self.is_bound:
            self.initial.setdefault("year", timezone.localdate().year - 1)


class ProposalSentForm(forms.Form):
    sent_on = forms.DateField(label=_("Ngày gửi"), widget=forms.DateInput(attrs={"type": "date"}))


class ProposalReplyForm(forms.Form):
    number = forms.CharField(label=_("Số quyết định"), max_length=100)
    date = forms.DateField(label=_("Ngày quyết định"), widget=forms.DateInput(attrs={"type": "date"}))
    authority_name = forms.CharField(label=_("Cơ quan, người quyết định"), max_length=255)
    granted = NominationMultipleChoiceField(
        label=_("Được khen thưởng"), queryset=None, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, nominations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["granted"].queryset = nominations


class MinutesHeadingForm(DocumentHeadingFormMixin, forms.ModelForm):
    """The header and signature of a session's minutes: the council as issuing body, the chair
    signing on its behalf (the secretary's signature is printed beside, from the session)."""

    class Meta:
        model = SessionMinutes
        fields = [*HEADING_FORM_FIELDS]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.start_heading_from_agency(recipients=MINUTES_RECIPIENTS, council=True)
        self.fields["signer_name"].required = True
