"""Forms of the awards app. Errors come back in Vietnamese at the field, with the input kept."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Div, Layout
from django import forms
from django.db.models import Q
from django.forms.utils import ErrorDict
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from catalog.enums import DocumentKind
from catalog.models import AwardType
from units.choices import names_only, offer_only
from units.concurrency import VersionedFormMixin
from units.forms import DocumentHeadingFormMixin
from units.ids import id_or_none
from units.models import Agency, Unit
from units.rules import head_scope_ids, is_office_staff

from .enums import DISCLOSURE_RECIPIENTS
from .models import DisclosurePeriod, Initiative, Nomination, NominationCall
from .selectors import nominable_people
from .services import COMMENT_MAX_CHARS, MODERATION_REASON_MAX_CHARS, nominee_errors

INDIVIDUAL, COLLECTIVE = "individual", "collective"
SUBJECT_CHOICES = [(INDIVIDUAL, _("Cá nhân")), (COLLECTIVE, _("Tập thể"))]
# The person's search box: what is typed, and the button that searches without JavaScript.
PERSON_QUERY, FIND_PERSON = "person_q", "find_person"


def _helper():
    helper = FormHelper()
    helper.form_tag = False
    helper.disable_csrf = True
    return helper


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def person_label(person) -> str:
    """How a staff member reads in a choice: "name — position (unit)"."""
    position = f" — {person.position}" if person.position else ""
    return f"{person.full_name}{position} ({person.unit.name})"


def _keys(value) -> list[int]:
    """The ids among a field's value (one or several, ids or instances); anything else dropped."""
    values = value if isinstance(value, list | tuple) else [value]
    keys = []
    for item in values:
        item = getattr(item, "pk", item)
        if id_or_none(item) is not None:
            keys.append(id_or_none(item))
    return keys


def default_year() -> int:
    """Nominations are filed at the end of the year or early the next: the year of achievement."""
    today = timezone.localdate()
    return today.year if today.month >= 10 else today.year - 1


class NominationForm(VersionedFormMixin, forms.ModelForm):
    """A nomination for one person or one collective; ``subject`` picks which (fixed once saved).

    A unit head chooses among the active staff of their unit (and its sub-units) or among those
    units; award types are offered only where they apply to that kind of nominee.

    The person is found with the search box above the field (``person_search``: the matches of
    the search the page asked for without JavaScript), and the field writes only the chosen
    person and those matches; the initiatives offered are the chosen person's (and any already
    ticked), however many staff and initiatives the province has.
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

    def __init__(self, *args, user, subject=INDIVIDUAL, person_search=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.person_search = person_search
        self.chosen_person = None
        if self.instance.pk:
            subject = COLLECTIVE if self.instance.unit_id else INDIVIDUAL
        self.subject = subject
        office = is_office_staff(user)
        scope = None if office else head_scope_ids(user)

        if not self.instance.pk:
            self.fields["year"].initial = default_year()
        if office:
            names_only(self.fields["proposing_unit"], Unit.objects.active().order_by("order", "name"))
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
            names_only(self.fields["award_type"], awards.for_collectives())
        else:
            del self.fields["unit"]
            del self.fields["leads_cluster"]
            people = nominable_people(user)
            person_field = self.fields["person"]
            person_field.queryset = people
            person_field.required = True
            person_field.label_from_instance = person_label
            person_field.empty_label = _("— Tìm theo họ tên ở ô bên trên —")
            chosen = _keys(self["person"].value())[:1]
            self.chosen_person = people.filter(pk=chosen[0]).first() if chosen else None
            shown = [self.chosen_person] if self.chosen_person else []
            if person_search is not None:
                shown += [p for p in person_search.people if p not in shown]
            offer_only(person_field, shown)
            person_field.widget.attrs.update(
                {
                    "hx-get": reverse_lazy("awards:nomination-initiatives"),
                    "hx-trigger": "change",
                    "hx-target": "#nomination-initiatives",
                }
            )

            initiatives = Initiative.objects.order_by("-year", "title")
            if scope is not None:
                initiatives = initiatives.filter(authorships__person__unit_id__in=scope).distinct()
            initiative_field = self.fields["proposed_initiatives"]
            initiative_field.queryset = initiatives
            initiative_field.help_text = (
                _("Các sáng kiến, đề tài mà cán bộ đã chọn là tác giả; được giữ làm căn cứ khi gửi đề nghị.")
                if self.chosen_person
                else _("Chọn cán bộ trước: các sáng kiến, đề tài mà người đó là tác giả sẽ hiện ở đây.")
            )
            ticked = _keys(self["proposed_initiatives"].value())  # after the help text: it is copied
            if self.chosen_person is not None:
                shown_initiatives = initiatives.filter(
                    Q(authorships__person=self.chosen_person) | Q(pk__in=ticked)
                ).distinct()
            else:
                shown_initiatives = initiatives.filter(pk__in=ticked) if ticked else []
            offer_only(initiative_field, shown_initiatives)
            names_only(self.fields["award_type"], awards.for_individuals())
        self.helper = _helper()
        if subject == INDIVIDUAL:
            self.helper.layout = Layout(*self._individual_layout())

    def _individual_layout(self):
        """Every field in order; the person under its search box, the initiatives in a box that
        htmx fills again when another person is chosen."""
        for name in self.fields:
            if name == "person":
                yield Div(
                    HTML('{% include "awards/includes/person_search.html" %}'),
                    "person",
                    css_id="nomination-person",
                    data_person_picker="",
                )
            elif name == "proposed_initiatives":
                yield Div(name, css_id="nomination-initiatives")
            else:
                yield name

    def show_as_typed(self):
        """Show a bound form again as it was typed, without judging it (a search asked for
        without JavaScript re-renders the form before it is complete)."""
        self._errors = ErrorDict()
        self.cleaned_data = {}

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

    def __init__(self, *args, reason_required=False, override=False, **kwargs):
        super().__init__(*args, **kwargs)
        if reason_required:
            self.fields["reason"].required = True
            self.fields["reason"].error_messages["required"] = _(
                "Vui lòng ghi lý do để đơn vị biết cần bổ sung, sửa gì."
            )
        if override:
            self.fields["reason"].label = _("Lý do vẫn thẩm định đạt dù không đủ điều kiện")
            self.fields["reason"].error_messages["required"] = _(
                "Hệ thống đánh giá đề nghị này không đủ điều kiện: ghi lý do vẫn thẩm định đạt."
            )
        self.helper = _helper()


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field (``<input type="file" multiple>``), handed on as a list.

    Each file is checked by the service that stores it (``awards.services.dossier_files_add``, by
    ``units.uploads.validate_document_file``), one at a time, so one refused file leaves the others
    stored; the field itself only asks for at least one."""

    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = [item for item in (data if isinstance(data, list | tuple) else [data]) if item]
        if not files and self.required:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        return files


# At most this many files in one upload: a dossier holds a dozen documents.
DOSSIER_FILES_PER_UPLOAD = 20


class DossierUploadForm(forms.Form):
    """One or more files of a dossier. ``kind`` is the type of every file unless ``kinds`` (sent by
    the page's script, one per file in order) names each file's own."""

    kind = forms.ChoiceField(label=_("Loại tài liệu"), choices=DocumentKind.choices)
    file = MultipleFileField(
        label=_("Tệp (PDF, DOCX, XLSX, JPG, PNG; chọn được nhiều tệp)"),
        error_messages={"required": _("Vui lòng chọn tệp.")},
    )

    def __init__(self, *args, nomination=None, next_kind=None, **kwargs):
        super().__init__(*args, **kwargs)
        if nomination is not None:
            required = nomination.award_type.required_documents or []
            # The documents the award asks for come first in the list.
            order = {code: i for i, code in enumerate(required)}
            self.fields["kind"].choices = sorted(
                DocumentKind.choices, key=lambda c: (order.get(c[0], len(order)), 0)
            )
        # The next document the dossier still lacks is chosen to start with.
        self.fields["kind"].initial = next_kind or DocumentKind.KHAC
        self.helper = _helper()

    def clean(self):
        data = super().clean()
        files = data.get("file") or []
        if len(files) > DOSSIER_FILES_PER_UPLOAD:
            raise forms.ValidationError(
                {
                    "file": _("Mỗi lần tải lên tối đa %(n)s tệp (đã chọn %(m)s).")
                    % {"n": DOSSIER_FILES_PER_UPLOAD, "m": len(files)}
                }
            )
        return data

    def uploads(self) -> list[tuple[str, object]]:
        """(kind, file) of every file sent, in order."""
        files = self.cleaned_data["file"]
        kinds = self.data.getlist("kinds") if hasattr(self.data, "getlist") else []
        if len(kinds) != len(files):
            kinds = [self.cleaned_data["kind"]] * len(files)
        return list(zip(kinds, files, strict=True))


class RecheckYearForm(forms.Form):
    year = forms.IntegerField(label=_("Năm thành tích"), min_value=1975, max_value=2100)


class DisclosurePeriodForm(DocumentHeadingFormMixin, forms.ModelForm):
    """The period, then the notice's own header and signer (``new_disclosure_period`` starts a new
    one from the agency's settings)."""

    class Meta:
        model = DisclosurePeriod
        fields = ["year", "opens", "closes", "note", *DocumentHeadingFormMixin.heading_fields]
        widgets = {"opens": DateInput(), "closes": DateInput(), "note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk:
            self.fields["year"].initial = default_year()
        self.helper = _helper()


def new_disclosure_period() -> DisclosurePeriod:
    """A period not yet saved, its notice's header and signer taken from the agency's settings and
    its recipients the usual ones (Decree 30/2020/NĐ-CP, Article 15)."""
    values = Agency.load().heading_defaults()
    values["recipients"] = list(DISCLOSURE_RECIPIENTS)
    return DisclosurePeriod(**values)


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
        max_length=COMMENT_MAX_CHARS,
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


class DisclosureCommentModerationForm(forms.Form):
    """The office's decision on one pending comment: the button pressed (accept or reject) and a
    reason, required to reject (the service says so). One form per comment on the period's page,
    each with its own ids."""

    ACCEPT, REJECT = "accept", "reject"

    decision = forms.ChoiceField(
        label=_("Quyết định"),
        choices=[(ACCEPT, _("Tiếp nhận")), (REJECT, _("Không tiếp nhận"))],
        error_messages={
            "required": _("Chọn “Tiếp nhận” hoặc “Không tiếp nhận”."),
            "invalid_choice": _("Chọn “Tiếp nhận” hoặc “Không tiếp nhận”."),
        },
    )
    reason = forms.CharField(
        label=_("Lý do (bắt buộc khi không tiếp nhận)"),
        required=False,
        max_length=MODERATION_REASON_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, comment_pk: int, **kwargs):
        kwargs.setdefault("auto_id", f"id_moderate_{comment_pk}_%s")
        super().__init__(*args, **kwargs)

    @property
    def accepts(self) -> bool:
        return self.cleaned_data.get("decision") == self.ACCEPT


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
