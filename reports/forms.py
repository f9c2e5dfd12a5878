"""Forms of the summary reports: create (year and kind), edit (narrative and header), issue."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Field, Layout
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from units.concurrency import VersionedFormMixin
from units.forms import HEADING_FORM_FIELDS, DocumentHeadingFormMixin, date_field

from .enums import SummaryKind
from .models import SummaryReport
from .services import NARRATIVE_FIELDS

NARRATIVE_HELP = _("Mỗi đoạn một dòng; dòng bắt đầu bằng “- ” được in thành gạch đầu dòng.")


class SummaryCreateForm(forms.Form):
    year = forms.IntegerField(
        label=_("Năm"),
        min_value=2000,
        max_value=2100,
        error_messages={
            "required": _("Nhập năm của báo cáo."),
            "invalid": _("Năm phải là một số, ví dụ 2026."),
            "min_value": _("Năm phải từ 2000 trở đi."),
            "max_value": _("Năm phải từ 2100 trở về trước."),
        },
    )
    kind = forms.ChoiceField(
        label=_("Loại báo cáo"),
        choices=SummaryKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Chọn loại báo cáo.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].initial = timezone.localdate().year
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True


class SummaryReportForm(DocumentHeadingFormMixin, VersionedFormMixin, forms.ModelForm):
    """The narrative and the report's own header and signature (``DocumentHeading``)."""

    class Meta:
        model = SummaryReport
        fields = [*NARRATIVE_FIELDS, *HEADING_FORM_FIELDS]
        widgets = {name: forms.Textarea(attrs={"rows": 6}) for name in NARRATIVE_FIELDS}
        labels = {
            "general_situation": _("I. Tình hình chung"),
            "campaign_results": _("II.2. Kết quả các phong trào thi đua (in trước bảng số liệu)"),
            "commendation_work": _("II.3. Công tác khen thưởng (in trước bảng số liệu)"),
            "shortcomings": _("III. Hạn chế, tồn tại và nguyên nhân"),
            "lessons": _("IV. Bài học kinh nghiệm"),
            "next_tasks": _("V. Phương hướng, nhiệm vụ kỳ tới"),
            "proposals": _("VI. Đề xuất, kiến nghị"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in NARRATIVE_FIELDS:
            self.fields[name].help_text = NARRATIVE_HELP
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout(
            *(Field(name) for name in NARRATIVE_FIELDS),
            HTML('<h2 class="h5 mt-4">{}</h2>'.format(_("Thể thức văn bản"))),
            self.heading_layout(),
        )

    def edited_fields(self) -> dict:
        """What the service saves: the narrative, and the header and signature as typed."""
        return {name: self.cleaned_data[name] for name in NARRATIVE_FIELDS} | self.heading_cleaned()


class SummaryIssueForm(forms.Form):
    issue_date = date_field(_("Ngày ban hành"), help_text=_("Để trống: hôm nay."))
