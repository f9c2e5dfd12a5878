"""Forms of the awards app. Errors come back in Vietnamese at the field, with the input kept."""

from crispy_forms.helper import FormHelper
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from catalog.enums import DocumentKind
from catalog.models import AwardType
from units.concurrency import VersionedFormMixin
from units.models import Person, Unit
from units.rules import head_scope_ids, is_office_staff

from .models import DisclosurePeriod, Initiative, Nomination, NominationCall
from .services import nominee_errors

INDIVIDUAL, COLLECTIVE = "individual", "collective"
SUBJECT_CHOICES = [(INDIVIDUAL, _("Cá nhân")), (COLLECTIVE, _("Tập thể"))]


def _helper():
    helper = FormHelper()
    helper.form_tag = False
    helper.disable_csrf = True
    return helper


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def default_year() -> int:
    """Nominations are filed at the end of the year or early the next: the year of achievement."""
    today = timezone.localdate()
    return today.year if today.month >= 10 else today.year - 1


class NominationForm(VersionedFormMixin, forms.ModelForm):
    """A nomination for one person or one collective; ``subject`` picks which (fixed once saved).

    A unit head chooses among the active staff of their unit (and its sub-units) or among those
    units; award types are offered only where they apply to that kind of nominee.
    """

    class Meta:
        model = Nomination
        fields = [
            "year",
            "proposing_unit",
            "person",
            "unit",
            "award_type",
            "achievement_kind",
            "leads_cluster",
            "proposed_initiatives",
            "achievements",
        ]
        widgets = {
            "achievements": forms.Textarea(attrs={"rows": 6}),
            "proposed_initiatives": forms.CheckboxSelectMultiple,
            "leads_cluster": forms.NullBooleanSelect,
        }
        error_messages = {
            "person": {"invalid_choice": _("Cán bộ này không thuộc đơn vị của bạn hoặc đã nghỉ công tác.")},
            "unit": {"invalid_choice": _("Tập thể này không thuộc đơn vị của bạn.")},
            "award_type": {
                "invalid_choice": _("Danh hiệu, hình thức này không áp dụng cho đối tượng đã chọn.")
            },
            "proposing_unit": {"invalid_choice": _("Chọn đơn vị đề nghị trong danh sách.")},
        }

    def __init__(self, *args, user, subject=INDIVIDUAL, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if self.instance.pk:
            subject = COLLECTIVE if self.instance.unit_id else INDIVIDUAL
        self.subject = subject
        office = is_office_staff(user)
        scope = None if office else head_scope_ids(user)

        if not self.instance.pk:
            self.fields["year"].initial = default_year()
        if office:
            self.fields["proposing_unit"].queryset = Unit.objects.active().order_by("order", "name")
        else:
            del self.fields["proposing_unit"]
            if not self.instance.pk:
                self.instance.proposing_unit = user.head_of_unit

        awards = AwardType.objects.active().order_by("order", "name")
        if subject == COLLECTIVE:
            del self.fields["person"]
            del self.fields["proposed_initiatives"]
            units = Unit.objects.active().select_related("parent").order_by("order", "name")
            if scope is not None:
                units = units.filter(pk__in=scope)
            self.fields["unit"].queryset = units
            self.fields["unit"].required = True
            self.fields["award_type"].queryset = awards.for_collectives()
        else:
            del self.fields["unit"]
            del self.fields["leads_cluster"]
            people = Person.objects.active().select_related("unit").order_by("unit__order", "full_name")
            if scope is not None:
                people = people.filter(unit_id__in=scope)
            self.fields["person"].queryset = people
            self.fields["person"].required = True
            self.fields["person"].label_from_instance = lambda p: (
                f"{p.full_name} — {p.position} ({p.unit.name})"
            )
            initiatives = Initiative.objects.order_by("-year", "title")
            if scope is not None:
                initiatives = initiatives.filter(authorships__person__unit_id__in=scope).distinct()
            self.fields["proposed_initiatives"].queryset = initiatives
            self.fields["award_type"].queryset = awards.for_individuals()
        self.helper = _helper()

    def clean_achievements(self):
        return (self.cleaned_data.get("achievements") or "").strip()

    def clean(self):
        cleaned = super().clean()
        person = cleaned.get("person")
        for initiative in cleaned.get("proposed_initiatives") or []:
            if person is not None and not initiative.authorships.filter(person=person).exists():
                self.add_error(
                    "proposed_initiatives",
                    _("%(person)s không phải là tác giả của “%(title)s”.")
                    % {"person": person.full_name, "title": initiative.title},
                )
        return cleaned

    def _post_clean(self):
        super()._post_clean()
        if self.errors:
            return
        for field, message in nominee_errors(self.instance, by=self.user).items():
            self.add_error(field if field in self.fields else None, message)


class TransitionForm(forms.Form):
    reason = forms.CharField(label=_("Lý do"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    seen_status = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, reason_required=False, **kwargs):
        super().__init__(*args, **kwargs)
        if reason_required:
            self.fields["reason"].required = True
            self.fields["reason"].error_messages["required"] = _(
                "Vui lòng ghi lý do để đơn vị biết cần bổ sung, sửa gì."
            )
        self.helper = _helper()


class DossierUploadForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại tài liệu"), choices=DocumentKind.choices)
    file = forms.FileField(
        label=_("Tệp (PDF, DOCX, XLSX, JPG, PNG)"),
        error_messages={"required": _("Vui lòng chọn tệp."), "empty": _("Tệp rỗng, không có dữ liệu.")},
    )

    def __init__(self, *args, nomination=None, **kwargs):
        super().__init__(*args, **kwargs)
        if nomination is not None:
            required = nomination.award_type.required_documents or []
            # The documents the award asks for come first in the list.
            order = {code: i for i, code in enumerate(required)}
            self.fields["kind"].choices = sorted(
                DocumentKind.choices, key=lambda c: (order.get(c[0], len(order)), 0)
            )
        self.helper = _helper()


class RecheckYearForm(forms.Form):
    year = forms.IntegerField(label=_("Năm thành tích"), min_value=1975, max_value=2100)


class DisclosurePeriodForm(forms.ModelForm):
    class Meta:
        model = DisclosurePeriod
        fields = ["year", "opens", "closes", "note"]
        widgets = {"opens": DateInput(), "closes": DateInput(), "note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk:
            self.fields["year"].initial = default_year()
        self.helper = _helper()


class NominationCallForm(forms.ModelForm):
    class Meta:
        model = NominationCall
        fields = ["year", "deadline", "note", "remind_units_without_nominations", "active"]
        widgets = {"deadline": DateInput(), "note": forms.Textarea(attrs={"rows": 3})}
        error_messages = {
            "year": {
                "required": _("Vui lòng nhập năm thành tích."),
                "min_value": _("Năm không hợp lệ."),
                "max_value": _("Năm không hợp lệ."),
            },
            "deadline": {
                "required": _("Vui lòng chọn hạn gửi đề nghị."),
                "invalid": _("Ngày không hợp lệ; nhập theo dạng ngày/tháng/năm."),
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk:
            self.fields["year"].initial = default_year()
        self.helper = _helper()

    def clean(self):
        cleaned = super().clean()
        year, deadline = cleaned.get("year"), cleaned.get("deadline")
        if year and deadline and deadline.year < year:
            self.add_error(
                "deadline",
                _("Hạn gửi đề nghị phải sau khi năm thành tích %(year)s đã bắt đầu.") % {"year": year},
            )
        return cleaned


class DisclosureCommentForm(forms.Form):
    nomination = forms.ModelChoiceField(
        label=_("Về đề nghị (không bắt buộc)"),
        queryset=Nomination.objects.none(),
        required=False,
        empty_label=_("Ý kiến chung về danh sách"),
    )
    text = forms.CharField(
        label=_("Nội dung ý kiến"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        error_messages={"required": _("Vui lòng nhập nội dung ý kiến.")},
    )

    def __init__(self, *args, nominations=None, **kwargs):
        super().__init__(*args, **kwargs)
        if nominations is not None:
            self.fields["nomination"].queryset = nominations
            self.fields["nomination"].label_from_instance = lambda n: (
                f"{n.nominee_name} — {n.award_type.name}"
            )
        self.helper = _helper()


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Tệp Excel (.xlsx)"),
        error_messages={
            "required": _("Vui lòng chọn tệp Excel (.xlsx) cần nhập."),
            "empty": _("Tệp rỗng, không có dữ liệu."),
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()
