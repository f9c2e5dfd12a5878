"""Forms of the plans app. They validate and keep the user's input; services do the saving."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Field, Layout, Row
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from units.concurrency import VERSION_FIELD, VersionedFormMixin
from units.forms import DocumentHeadingFormMixin
from units.formsets import BoundedInlineFormSet, SharedChoicesMixin
from units.ids import IdMultipleChoiceField
from units.models import Unit
from units.uploads import validate_document_file

from .enums import BlockKind, SubmissionAudience, TaskStatus
from .models import KeyTarget, Letter, Plan, PlanBlock, PlanTask, UnitSubmission

LEAD_UNIT_REQUIRED = _("Vui lòng chọn đơn vị chủ trì: nhiệm vụ nào cũng phải có đơn vị chịu trách nhiệm.")
DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class PlanForm(DocumentHeadingFormMixin, VersionedFormMixin, forms.ModelForm):
    legal_bases_text = forms.CharField(
        label=_("Căn cứ ban hành"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Mỗi căn cứ một dòng, theo thứ tự in trên văn bản."),
    )
    recipients_text = forms.CharField(
        label=_("Nơi nhận"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Mỗi nơi nhận một dòng; dòng cuối thường là “Lưu: VT, …”."),
    )

    class Meta:
        model = Plan
        fields = [
            "kind",
            "year",
            "symbol",
            "title",
            "authority_line",
            "issuer_line",
            "place",
            "issue_date",
            "issue_month",
            "period_start",
            "period_end",
            "signer_prefix",
            "signer_prefix_title",
            "signer_position",
            "signer_name",
            "notes",
        ]
        widgets = {
            "title": forms.Textarea(attrs={"rows": 2}),
            "issue_date": DATE_WIDGET,
            "period_start": DATE_WIDGET,
            "period_end": DATE_WIDGET,
            "signer_position": forms.Textarea(attrs={"rows": 2}),
            "notes": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("legal_bases_text", "\n".join(self.instance.legal_bases or []))
            self.initial.setdefault("recipients_text", "\n".join(self.instance.recipients or []))
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Row(
                Column("kind", css_class="col-md-6"),
                Column("year", css_class="col-md-2"),
                Column("symbol", css_class="col-md-4"),
            ),
            "title",
            Row(Column("authority_line", css_class="col-md-6"), Column("issuer_line", css_class="col-md-6")),
            Row(
                Column("place", css_class="col-md-4"),
                Column("issue_date", css_class="col-md-4"),
                Column("issue_month", css_class="col-md-4"),
            ),
            Row(Column("period_start", css_class="col-md-4"), Column("period_end", css_class="col-md-4")),
            "legal_bases_text",
            *self.agency_signer_layout(),
            Row(
                Column("signer_prefix", css_class="col-md-3"),
                Column("signer_prefix_title", css_class="col-md-3"),
                Column("signer_position", css_class="col-md-3"),
                Column("signer_name", css_class="col-md-3"),
            ),
            "recipients_text",
            "notes",
            Field(VERSION_FIELD),
        )

    def clean(self):
        cleaned = super().clean()
        self.instance.legal_bases = _lines(cleaned.get("legal_bases_text", ""))
        self.instance.recipients = _lines(cleaned.get("recipients_text", ""))
        return cleaned


class PlanTaskForm(forms.ModelForm):
    class Meta:
        model = PlanTask
        fields = [
            "order",
            "content",
            "period_kind",
            "period_value",
            "start_date",
            "end_date",
            "due_date",
            "lead_unit",
            "coordinating_units",
        ]
        field_classes = {"coordinating_units": IdMultipleChoiceField}
        widgets = {
            "content": forms.Textarea(attrs={"rows": 2}),
            "start_date": DATE_WIDGET,
            "end_date": DATE_WIDGET,
            "due_date": DATE_WIDGET,
            "coordinating_units": forms.SelectMultiple(attrs={"size": 3}),
        }
        error_messages = {"lead_unit": {"required": LEAD_UNIT_REQUIRED}}

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        units = units if units is not None else Unit.objects.active()
        self.fields["lead_unit"].queryset = units
        self.fields["coordinating_units"].queryset = units
        self.fields["order"].required = False


class BasePlanTaskFormSet(SharedChoicesMixin, BoundedInlineFormSet):
    shared_choices = ("lead_unit", "coordinating_units")

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "queryset",
            PlanTask._default_manager.select_related("lead_unit").prefetch_related("coordinating_units"),
        )
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        kwargs = super().get_form_kwargs(index)
        if not hasattr(self, "_units"):
            self._units = Unit.objects.active()
        kwargs["units"] = self._units
        return kwargs

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        form.instance.plan = self.instance  # due dates are checked against the (maybe unsaved) plan
        return form


PlanTaskFormSet = forms.inlineformset_factory(
    Plan, PlanTask, form=PlanTaskForm, formset=BasePlanTaskFormSet, extra=1, can_delete=True
)


class KeyTargetForm(forms.ModelForm):
    values_text = forms.CharField(
        label=_("Giá trị kế hoạch"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Một giá trị: “12.884”. Nhiều giá trị, mỗi dòng “Tên | giá trị | đơn vị tính (nếu khác)”."
        ),
    )

    class Meta:
        model = KeyTarget
        fields = ["order", "indicator", "unit_of_measure", "note"]
        widgets = {"indicator": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["order"].required = False
        if not self.is_bound and self.instance.pk:
            self.initial["values_text"] = "\n".join(self._format(v) for v in self.instance.values.all())

    @staticmethod
    def _format(value) -> str:
        if value.label or value.unit_of_measure:
            parts = [value.label, value.planned] + ([value.unit_of_measure] if value.unit_of_measure else [])
            return " | ".join(parts)
        return value.planned

    def clean_values_text(self):
        values = []
        for line in _lines(self.cleaned_data.get("values_text", "")):
            parts = [part.strip() for part in line.split("|")]
            if len(parts) == 1:
                values.append(("", parts[0], ""))
            elif len(parts) <= 3:
                values.append(tuple((parts + ["", ""])[:3]))
            else:
                raise forms.ValidationError(
                    _("Dòng “%(line)s” có quá nhiều dấu |: mỗi dòng chỉ gồm tên, giá trị và đơn vị tính."),
                    params={"line": line},
                )
        self.cleaned_data["values"] = values
        return self.cleaned_data.get("values_text", "")


class BaseKeyTargetFormSet(BoundedInlineFormSet):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("queryset", KeyTarget._default_manager.prefetch_related("values"))
        super().__init__(*args, **kwargs)


KeyTargetFormSet = forms.inlineformset_factory(
    Plan, KeyTarget, form=KeyTargetForm, formset=BaseKeyTargetFormSet, extra=1, can_delete=True
)


class PlanBlockForm(forms.ModelForm):
    rows_text = forms.CharField(
        label=_("Các dòng của bảng"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Chỉ với loại “Bảng”: mỗi dòng một hàng, các ô cách nhau bằng dấu |; hàng đầu là tiêu đề."
        ),
    )

    class Meta:
        model = PlanBlock
        fields = ["kind", "level", "numbering", "text", "task"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, plan=None, **kwargs):
        super().__init__(*args, **kwargs)
        plan = plan or self.instance.plan
        self.fields["task"].queryset = (
            plan.tasks.all() if plan is not None and plan.pk else PlanTask.objects.none()
        )
        if not self.is_bound and self.instance.rows:
            self.initial["rows_text"] = "\n".join(" | ".join(row) for row in self.instance.rows)
        self.helper = FormHelper()
        self.helper.form_tag = False

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind")
        if kind == BlockKind.TASK and not cleaned.get("task"):
            self.add_error("task", _("Vui lòng chọn nhiệm vụ hiển thị tại vị trí này."))
        if kind == BlockKind.TABLE:
            cleaned["rows"] = [
                [c.strip() for c in line.split("|")] for line in _lines(cleaned.get("rows_text", ""))
            ]
        else:
            cleaned["rows"] = []
        return cleaned

    def service_fields(self) -> dict:
        data = {name: self.cleaned_data.get(name) for name in ("kind", "level", "numbering", "text", "task")}
        data["rows"] = self.cleaned_data.get("rows", [])
        data["level"] = data["level"] or 0
        data["text"] = data["text"] or ""
        data["numbering"] = data["numbering"] or ""
        return data


class PlanCloneForm(forms.Form):
    year = forms.IntegerField(label=_("Năm của kế hoạch mới"), min_value=2000, max_value=2100)


class TaskProgressForm(VersionedFormMixin, forms.Form):
    status = forms.ChoiceField(label=_("Tình trạng"), choices=TaskStatus.choices)
    progress_note = forms.CharField(
        label=_("Kết quả thực hiện"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    evidence = forms.FileField(
        label=_("Tệp minh chứng"),
        required=False,
        validators=[validate_document_file],
        help_text=_("PDF, DOCX, XLSX hoặc ảnh JPG, PNG. Để trống nếu giữ tệp cũ."),
    )

    def __init__(self, *args, task=None, **kwargs):
        self.instance = task  # VersionedFormMixin reads the version the user sees from it
        super().__init__(*args, **kwargs)
        if task is not None and not self.is_bound:
            self.initial.update({"status": task.status, "progress_note": task.progress_note})
        self.helper = FormHelper()
        self.helper.form_tag = False


class SubmissionRequestForm(forms.Form):
    title = forms.CharField(
        label=_("Nội dung yêu cầu"),
        max_length=300,
        help_text=_("Ví dụ: Báo cáo sơ kết công tác TĐKT 6 tháng đầu năm"),
    )
    description = forms.CharField(
        label=_("Hướng dẫn"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    due_date = forms.DateField(label=_("Hạn gửi"), widget=DATE_WIDGET)
    plan = forms.ModelChoiceField(label=_("Thuộc kế hoạch"), queryset=Plan.objects.none(), required=False)
    task = forms.ModelChoiceField(label=_("Thuộc nhiệm vụ"), queryset=PlanTask.objects.none(), required=False)
    audience = forms.ChoiceField(
        label=_("Gửi tới"), choices=SubmissionAudience.choices, initial=SubmissionAudience.ALL_TOP_LEVEL
    )
    units = IdMultipleChoiceField(
        label=_("Đơn vị được chọn"),
        queryset=Unit.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = Plan.objects.exclude(status="archived")
        self.fields["task"].queryset = PlanTask.objects.select_related("plan").exclude(
            plan__status="archived"
        )
        self.fields["units"].queryset = Unit.objects.active()
        self.warnings: list[str] = []
        self.helper = FormHelper()
        self.helper.form_tag = False

    forward_to = forms.CharField(
        label=_("Sở tổng hợp, gửi lên"),
        max_length=200,
        required=False,
        help_text=_("Để trống nếu không gửi lên cấp trên. Ví dụ: UBND tỉnh (qua Sở Nội vụ), Bộ Y tế"),
    )
    forward_due_date = forms.DateField(
        label=_("Hạn gửi lên cấp trên"),
        required=False,
        widget=DATE_WIDGET,
        help_text=_("Hạn của Sở, sau hạn các đơn vị gửi về."),
    )

    def clean_due_date(self):
        """A past date is accepted (an old plan entered after the fact), with a warning."""
        day = self.cleaned_data["due_date"]
        if day < timezone.localdate():
            self.warnings.append(
                _(
                    "Hạn gửi %(day)s đã qua: yêu cầu được lưu như một việc đã diễn ra; tình trạng đúng hạn, "
                    "nộp muộn của từng đơn vị tính theo hạn này và ngày nhận được ghi cho từng đơn vị."
                )
                % {"day": day.strftime("%d/%m/%Y")}
            )
        return day

    def clean(self):
        cleaned = super().clean()
        forward_to, forward_due = (cleaned.get("forward_to") or "").strip(), cleaned.get("forward_due_date")
        if forward_to and not forward_due:
            self.add_error("forward_due_date", _("Vui lòng nhập hạn gửi báo cáo tổng hợp lên cấp trên."))
        if forward_due and not forward_to:
            self.add_error(
                "forward_to", _("Vui lòng ghi nơi nhận báo cáo tổng hợp (ví dụ: UBND tỉnh, Bộ Y tế).")
            )
        if forward_due and cleaned.get("due_date") and forward_due < cleaned["due_date"]:
            self.add_error(
                "forward_due_date",
                _("Hạn gửi lên cấp trên phải từ hạn các đơn vị gửi về (%(d1)s) trở đi.")
                % {"d1": cleaned["due_date"].strftime("%d/%m/%Y")},
            )
        if cleaned.get("audience") == SubmissionAudience.CHOSEN and not cleaned.get("units"):
            self.add_error("units", _("Vui lòng chọn ít nhất một đơn vị."))
        task, plan = cleaned.get("task"), cleaned.get("plan")
        if task and plan and task.plan_id != plan.pk:
            self.add_error("task", _("Nhiệm vụ này không thuộc kế hoạch đã chọn."))
        return cleaned


class SubmissionUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Tệp gửi kèm"),
        validators=[validate_document_file],
        help_text=_("PDF, DOCX, XLSX hoặc ảnh JPG, PNG."),
        error_messages={"required": _("Vui lòng chọn tệp cần gửi.")},
    )
    note = forms.CharField(label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    received_on = forms.DateField(
        label=_("Ngày nhận được"),
        required=False,
        widget=DATE_WIDGET,
        help_text=_("Khi nhập lại kế hoạch cũ: ngày Sở đã nhận báo cáo; để trống là hôm nay."),
    )

    def __init__(self, *args, office: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not office:
            del self.fields["received_on"]
        self.helper = FormHelper()
        self.helper.form_tag = False


class SubmissionForwardSendForm(forms.Form):
    """The office records its consolidated report sent upward, and which units' reports it holds."""

    submissions = IdMultipleChoiceField(
        label=_("Báo cáo của các đơn vị đã tổng hợp"),
        queryset=UnitSubmission.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    sent_on = forms.DateField(
        label=_("Ngày gửi"), required=False, widget=DATE_WIDGET, help_text=_("Để trống là hôm nay.")
    )
    file = forms.FileField(
        label=_("Báo cáo tổng hợp"),
        required=False,
        validators=[validate_document_file],
        help_text=_("PDF, DOCX, XLSX hoặc ảnh JPG, PNG."),
    )
    note = forms.CharField(label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, forward=None, **kwargs):
        super().__init__(*args, **kwargs)
        received = UnitSubmission.objects.filter(request_id=forward.request_id, submitted_at__isnull=False)
        self.fields["submissions"].queryset = received.select_related("unit").order_by(
            "unit__order", "unit__name"
        )
        self.fields["submissions"].label_from_instance = lambda row: row.unit.name
        if not self.is_bound:
            self.initial["submissions"] = list(forward.submissions.values_list("pk", flat=True)) or list(
                received.values_list("pk", flat=True)
            )
        self.helper = FormHelper()
        self.helper.form_tag = False


# ---------------------------------------------------------------------------
# Official letters (công văn)
# ---------------------------------------------------------------------------
ADDRESSEES_REQUIRED = _("Vui lòng nhập ít nhất một nơi “Kính gửi” (mỗi nơi một dòng).")


class LetterForm(DocumentHeadingFormMixin, VersionedFormMixin, forms.ModelForm):
    """The letter's own fields, then the shared header and signature fragment."""

    addressees_text = forms.CharField(
        label=_("Kính gửi"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Mỗi nơi một dòng; từ hai nơi trở lên văn bản in thành danh sách có gạch đầu dòng."),
        error_messages={"required": ADDRESSEES_REQUIRED},
    )

    class Meta:
        model = Letter
        fields = [
            "issuer_code",
            "office_code",
            "subject",
            "issue_date",
            "body",
            "authority_line",
            "issuer_line",
            "place",
            "signer_prefix",
            "signer_prefix_title",
            "signer_position",
            "signer_name",
            "recipient_units",
            "notes",
        ]
        field_classes = {"recipient_units": IdMultipleChoiceField}
        widgets = {
            "subject": forms.Textarea(attrs={"rows": 2}),
            "issue_date": DATE_WIDGET,
            "body": forms.Textarea(attrs={"rows": 12}),
            "recipient_units": forms.SelectMultiple(attrs={"size": 6}),
            "notes": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["recipient_units"].queryset = Unit.objects.active().top_level()
        self.fields["subject"].error_messages["required"] = _("Vui lòng nhập trích yếu (V/v …) của công văn.")
        self.fields["body"].error_messages["required"] = _("Vui lòng nhập nội dung công văn.")
        self.fields["office_code"].error_messages["required"] = _(
            "Vui lòng nhập mã đơn vị soạn thảo (ví dụ: TCCB), in sau mã cơ quan trong số ký hiệu."
        )
        if not self.is_bound:
            self.initial.setdefault("addressees_text", "\n".join(self.instance.addressees or []))
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Row(
                Column("issuer_code", css_class="col-md-3"),
                Column("office_code", css_class="col-md-3"),
                Column("issue_date", css_class="col-md-3"),
            ),
            "subject",
            "addressees_text",
            "body",
            self.heading_layout(),
            "recipient_units",
            "notes",
            Field(VERSION_FIELD),
        )

    def clean_addressees_text(self):
        lines = [
            line.lstrip("-–•+ ").strip() for line in _lines(self.cleaned_data.get("addressees_text", ""))
        ]
        lines = [line for line in lines if line]
        if not lines:
            raise forms.ValidationError(ADDRESSEES_REQUIRED, code="required")
        return "\n".join(lines)

    def clean(self):
        cleaned = super().clean()
        self.instance.addressees = _lines(cleaned.get("addressees_text", ""))
        return cleaned


class AssignmentProgressForm(forms.Form):
    """A unit's own status on a task addressed to a group of units."""

    status = forms.ChoiceField(label=_("Tình trạng"), choices=TaskStatus.choices)
    progress_note = forms.CharField(
        label=_("Kết quả thực hiện"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args, assignment=None, **kwargs):
        super().__init__(*args, **kwargs)
        if assignment is not None and not self.is_bound:
            self.initial.update({"status": assignment.status, "progress_note": assignment.progress_note})
        self.helper = FormHelper()
        self.helper.form_tag = False
