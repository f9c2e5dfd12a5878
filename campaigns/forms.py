"""Forms. Field-level checks give Vietnamese messages at the field and keep what was typed."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.forms import formset_factory, inlineformset_factory
from django.utils.translation import gettext_lazy as _

from catalog.enums import FOR_COLLECTIVES, FOR_INDIVIDUALS
from catalog.models import AwardType
from units.forms import DocumentHeadingFormMixin
from units.formsets import BoundedFormSet, BoundedFormSetMixin, BoundedInlineFormSet, SharedChoicesMixin
from units.models import Person, Unit
from units.uploads import validate_document_file

from .enums import CampaignStatus, LaunchForm
from .models import Campaign, CampaignDuty, CampaignItem, CriteriaSet, RegistrationRound


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def _helper(form_tag=False):
    helper = FormHelper()
    helper.form_tag = form_tag
    helper.disable_csrf = True
    return helper


# ---------------------------------------------------------------------------
# Campaigns
# ---------------------------------------------------------------------------
class CampaignForm(DocumentHeadingFormMixin, forms.ModelForm):
    class Meta:
        model = Campaign
        fields = [
            "name",
            "kind",
            "purpose",
            "launched_by",
            "plan",
            "letter",
            "document_number",
            "document_date",
            "document_issuer",
            "parent",
            "parent_text",
            "start_date",
            "end_date",
            "review_date",
            "collective_subjects",
            "individual_subjects",
            *DocumentHeadingFormMixin.heading_fields,
        ]
        widgets = {
            "name": forms.TextInput(),
            "purpose": forms.Textarea(attrs={"rows": 4}),
            "parent_text": forms.Textarea(attrs={"rows": 2}),
            "collective_subjects": forms.Textarea(attrs={"rows": 2}),
            "individual_subjects": forms.Textarea(attrs={"rows": 2}),
            "document_date": DateInput(),
            "start_date": DateInput(),
            "end_date": DateInput(),
            "review_date": DateInput(),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        parents = Campaign.objects.all()
        if self.instance.pk:
            parents = parents.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = parents
        self.fields["launched_by"].required = False  # a form without the choice launches by a plan
        self.helper = _helper()

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("launched_by") == LaunchForm.PLAN
            and cleaned.get("letter")
            and not cleaned.get("plan")
        ):
            self.add_error(
                "launched_by",
                _("Đã chọn công văn phát động: hãy chọn hình thức “Công văn” hoặc “Kế hoạch và công văn”."),
            )
        return cleaned


CampaignItemFormSet = inlineformset_factory(
    Campaign,
    CampaignItem,
    formset=BoundedInlineFormSet,
    fields=["label", "text"],
    widgets={"label": forms.TextInput(attrs={"size": 4}), "text": forms.Textarea(attrs={"rows": 3})},
    extra=2,
    can_delete=True,
)
CampaignDutyFormSet = inlineformset_factory(
    Campaign,
    CampaignDuty,
    formset=BoundedInlineFormSet,
    fields=["unit", "assignee", "text"],
    widgets={"text": forms.Textarea(attrs={"rows": 3})},
    extra=2,
    can_delete=True,
)


class CampaignTransitionForm(forms.Form):
    to = forms.ChoiceField(choices=CampaignStatus.choices)


# ---------------------------------------------------------------------------
# Registration rounds
# ---------------------------------------------------------------------------
class RoundForm(forms.ModelForm):
    class Meta:
        model = RegistrationRound
        fields = ["name", "year", "campaign", "opens_on", "deadline", "late_policy", "note"]
        widgets = {
            "opens_on": DateInput(),
            "deadline": DateInput(),
            "note": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["campaign"].queryset = Campaign.objects.exclude(status=CampaignStatus.CLOSED)
        self.helper = _helper(form_tag=True)
        self.helper.disable_csrf = False
        self.helper.add_input(Submit("submit", _("Lưu")))


# ---------------------------------------------------------------------------
# Registrations
# ---------------------------------------------------------------------------
class CheckedChoiceField(forms.ModelChoiceField):
    """Offers ``queryset`` but accepts any row of ``lookup``, then says plainly why a row does not fit.

    ``lookup`` is limited to the user's scope (the unit's own staff or units, active or not): a row
    outside it gets the same "not found" as an id that does not exist, so nothing of another unit
    (a name, a unit, even that the id exists) reaches the message. Inside the scope the message
    names the row and the reason (a person who left, an award that does not apply).
    """

    def __init__(self, *, lookup, check, **kwargs):
        super().__init__(**kwargs)
        self.lookup = lookup
        self.check = check

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            obj = self.lookup.get(pk=value)
        except (ValueError, TypeError, OverflowError, ObjectDoesNotExist):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice") from None
        message = self.check(obj)
        if message:
            raise ValidationError(message, code="not_allowed")
        return obj


class AwardChoiceField(CheckedChoiceField):
    def label_from_instance(self, obj):
        if obj.confirmed:
            return obj.name
        return f"{obj.name} ({_('chưa xác nhận')})"


def _award_field(subjects, wrong_message):
    def check(award):
        if award.subject not in subjects:
            return wrong_message % {"award": award.name}
        if not (award.active and award.registrable):
            return _("“%(award)s” không mở cho đăng ký thi đua.") % {"award": award.name}
        return None

    return AwardChoiceField(
        queryset=AwardType.objects.registrable().filter(subject__in=subjects),
        lookup=AwardType.objects.all(),
        check=check,
        label=_("Danh hiệu / hình thức đăng ký"),
        error_messages={"invalid_choice": _("Danh hiệu không có trong danh mục.")},
    )


def _line_scope(registration) -> set:
    """The registering unit and its sub-units, read once per request for all the lines."""
    scope = getattr(registration, "_line_scope", None)
    if scope is None:
        scope = registration._line_scope = registration.unit.subtree_ids()
    return scope


class _LineForm(forms.Form):
    """One line of a registration: its subject (``subject_field``, a person or a unit of the
    registering unit's tree), the award and a note."""

    subject_field = ""
    subjects: frozenset = frozenset()
    wrong_subject = ""
    award_type = forms.Field()
    note = forms.CharField(label=_("Ghi chú"), max_length=300, required=False)

    def __init__(self, *args, registration, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[self.subject_field] = self.subject_choice(_line_scope(registration))
        self.fields["award_type"] = _award_field(self.subjects, self.wrong_subject)
        self.order_fields([self.subject_field, "award_type", "note"])

    def subject_choice(self, scope: set) -> CheckedChoiceField:  # pragma: no cover - overridden
        raise NotImplementedError

    @property
    def subject(self):
        """The bound field of the line's subject, for the template."""
        return self[self.subject_field]


class IndividualLineForm(_LineForm):
    subject_field = "person"
    subjects = FOR_INDIVIDUALS
    wrong_subject = _("“%(award)s” không áp dụng cho cá nhân.")

    def subject_choice(self, scope):
        def check(person):
            if not person.active:
                return _("%(name)s đã nghỉ công tác, không thể đăng ký.") % {"name": person.full_name}
            return None

        return CheckedChoiceField(
            queryset=Person.objects.active()
            .filter(unit_id__in=scope)
            .select_related("unit")
            .order_by("full_name"),
            lookup=Person.objects.filter(unit_id__in=scope),
            check=check,
            label=_("Cán bộ"),
            error_messages={"invalid_choice": _("Không tìm thấy cán bộ này.")},
        )


class CollectiveLineForm(_LineForm):
    subject_field = "unit"
    subjects = FOR_COLLECTIVES
    wrong_subject = _("“%(award)s” không áp dụng cho tập thể.")

    def subject_choice(self, scope):
        def check(unit):
            if not unit.active:
                return _("%(unit)s đã ngừng hoạt động.") % {"unit": unit.name}
            return None

        return CheckedChoiceField(
            queryset=Unit.objects.active().filter(pk__in=scope),
            lookup=Unit.objects.filter(pk__in=scope),
            check=check,
            label=_("Tập thể"),
            error_messages={"invalid_choice": _("Không tìm thấy đơn vị này.")},
        )


class BaseLineFormSet(SharedChoicesMixin, BoundedFormSetMixin, forms.BaseFormSet):
    shared_choices = ("person", "unit", "award_type")
    key_fields: tuple[str, ...] = ()
    duplicate_message = ""

    def __init__(self, *args, registration, **kwargs):
        self.registration = registration
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "registration": self.registration}

    def live_forms(self):
        """The lines to keep: the registration's own lines unless ticked for removal (changed or
        not), and the blank rows the user filled in."""
        initial = self.initial_form_count()
        for index, form in enumerate(self.forms):
            if self._should_delete_form(form) or (index >= initial and not form.has_changed()):
                continue
            yield form

    def clean(self):
        seen = {}
        for form in self.live_forms():
            if not hasattr(form, "cleaned_data"):
                continue
            key = tuple(form.cleaned_data.get(f) for f in self.key_fields)
            if None in key:
                continue
            if key in seen:
                form.add_error(self.key_fields[0], self.duplicate_message % self.message_args(form))
            seen[key] = form


class IndividualLineFormSet(BaseLineFormSet):
    key_fields = ("person",)

    def existing_rows(self) -> int:
        # each person of the unit at most once: the unit's staff bound the lines
        return max(len(self.initial or ()), self.registration.staff_queryset().count())

    duplicate_message = _("%(name)s đã có ở một dòng khác; mỗi người chỉ đăng ký một dòng.")

    def message_args(self, form):
        return {"name": form.cleaned_data["person"].full_name}


class CollectiveLineFormSet(BaseLineFormSet):
    key_fields = ("unit", "award_type")
    duplicate_message = _("%(unit)s đã đăng ký “%(award)s” ở một dòng khác.")

    def message_args(self, form):
        return {"unit": form.cleaned_data["unit"].name, "award": form.cleaned_data["award_type"].name}


IndividualLines = formset_factory(IndividualLineForm, formset=IndividualLineFormSet, extra=3, can_delete=True)
CollectiveLines = formset_factory(CollectiveLineForm, formset=CollectiveLineFormSet, extra=2, can_delete=True)


class RegistrationForm(forms.Form):
    commitments = forms.CharField(
        label=_("Nội dung cam kết, chỉ tiêu phấn đấu"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
    seen_updated_at = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()


class AddAllStaffForm(forms.Form):
    award_type = forms.ModelChoiceField(
        queryset=AwardType.objects.registrable().filter(subject__in=FOR_INDIVIDUALS),
        label=_("Danh hiệu cho mọi cán bộ chưa có trong danh sách"),
    )


class TransitionForm(forms.Form):
    reason = forms.CharField(label=_("Lý do"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


# ---------------------------------------------------------------------------
# Scoring
# ---------------------------------------------------------------------------
class CriteriaSetForm(forms.ModelForm):
    class Meta:
        model = CriteriaSet
        fields = ["name", "year", "cluster", "leaders_per_cluster", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()


class CriterionRowForm(forms.Form):
    code = forms.CharField(label=_("Mã"), max_length=20)
    title = forms.CharField(label=_("Nội dung tiêu chí"), max_length=500)
    max_points = forms.DecimalField(
        label=_("Điểm tối đa"),
        max_digits=6,
        decimal_places=2,
        min_value=0,
        error_messages={"min_value": _("Điểm tối đa không được âm.")},
    )
    guidance = forms.CharField(
        label=_("Hướng dẫn chấm"), required=False, widget=forms.Textarea(attrs={"rows": 1})
    )


CriterionRows = formset_factory(CriterionRowForm, formset=BoundedFormSet, extra=3, can_delete=True)


class ScoreForm(forms.Form):
    """One score field (and note, and file for the unit's own score) per leaf criterion."""

    def __init__(self, *args, criteria, scores, mode, **kwargs):
        super().__init__(*args, **kwargs)
        self.mode = mode
        self.rows = []
        for criterion in criteria:
            if not criterion.is_leaf:
                self.rows.append({"criterion": criterion, "fields": None})
                continue
            score = scores.get(criterion.pk)
            name = f"score_{criterion.pk}"
            label = _("Điểm tự chấm") if mode == "self" else _("Điểm thẩm định")
            self.fields[name] = forms.DecimalField(
                label=label,
                required=False,
                max_digits=6,
                decimal_places=2,
                min_value=0,
                max_value=criterion.max_points,
                error_messages={
                    "min_value": _("Điểm không được âm."),
                    "max_value": _("Điểm không được vượt quá điểm tối đa %(limit_value)s."),
                    "invalid": _("Nhập một số, ví dụ 8 hoặc 7,5."),
                },
                localize=True,
            )
            note_name = f"note_{criterion.pk}"
            self.fields[note_name] = forms.CharField(
                label=_("Minh chứng, giải trình") if mode == "self" else _("Ý kiến thẩm định"),
                required=False,
                widget=forms.Textarea(attrs={"rows": 1}),
            )
            names = [name, note_name]
            if mode == "self":
                file_name = f"file_{criterion.pk}"
                self.fields[file_name] = forms.FileField(
                    label=_("Tệp minh chứng"), required=False, validators=[validate_document_file]
                )
                names.append(file_name)
            if score is not None:
                self.initial[name] = score.self_score if mode == "self" else score.assessed_score
                self.initial[note_name] = score.evidence_note if mode == "self" else score.assessment_note
            self.rows.append({"criterion": criterion, "score": score, "names": names, "fields": True})

    def bound_rows(self):
        for row in self.rows:
            if row["fields"]:
                yield {**row, "bound": [self[name] for name in row["names"]]}
            else:
                yield row

    def entries(self) -> dict:
        out = {}
        for row in self.rows:
            if not row["fields"]:
                continue
            pk = row["criterion"].pk
            entry = {
                "score": self.cleaned_data.get(f"score_{pk}"),
                "note": self.cleaned_data.get(f"note_{pk}", ""),
            }
            if self.mode == "self":
                entry["file"] = self.cleaned_data.get(f"file_{pk}")
            out[pk] = entry
        return out
