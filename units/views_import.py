"""Staff import from Excel: download the template, upload and preview, confirm.

The upload is checked and kept server-side under a random token (``units.xlsx_import.upload_store``); the
token sits in the session and in the preview URL, so only the uploader can preview or confirm it.
The confirm step parses the stored file again and refuses when the outcome differs from what the
user saw (the database may have changed in between). The services in ``staff_import`` do all the
writing; these views only read forms and show reports.
"""

from urllib.parse import urlencode

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Layout
from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from units.downloads import download_response

from .refusals import RefusalMixin
from .staff_import import staff_import_apply, staff_import_parse, staff_import_template
from .views import RulesMixin
from .xlsx import XLSX_CONTENT_TYPE
from .xlsx_import import (
    MAX_DATA_ROWS,
    ImportFileError,
    filesize_label,
    upload_discard,
    upload_open,
    upload_store,
)

SESSION_KEY = "staff_import_token"
EXPIRED_MESSAGE = gettext_lazy("Tệp đã tải lên không còn hoặc đã hết hạn. Vui lòng tải tệp lên lại.")


# ---------------------------------------------------------------------------
# Forms
# ---------------------------------------------------------------------------
def _helper(*fields):
    helper = FormHelper()
    helper.form_tag = False
    helper.disable_csrf = True  # the templates write the token into POST forms; never into a GET URL
    helper.layout = Layout(*fields)
    return helper


class StaffImportUploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Tệp Excel (.xlsx)"),
        widget=forms.ClearableFileInput(attrs={"accept": f".xlsx,{XLSX_CONTENT_TYPE}"}),
        error_messages={
            "required": gettext_lazy("Vui lòng chọn tệp Excel (.xlsx) cần nhập."),
            "empty": gettext_lazy("Tệp rỗng, không có dữ liệu."),
            "invalid": gettext_lazy("Không đọc được tệp đã gửi. Vui lòng chọn lại tệp."),
        },
    )
    update_existing = forms.BooleanField(
        label=gettext_lazy("Cập nhật cán bộ đã có"),
        required=False,
        help_text=gettext_lazy(
            "Nếu chọn, dòng có mã cán bộ đã có trong hệ thống sẽ cập nhật thông tin cán bộ đó "
            "(ô để trống giữ nguyên thông tin đang có). Nếu không chọn, các dòng này được báo lỗi."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "Chỉ nhận tệp .xlsx, dung lượng tối đa %(size)s, tối đa %(rows)s dòng."
        ) % {
            "size": filesize_label(settings.UPLOAD_MAX_BYTES),
            "rows": MAX_DATA_ROWS,
        }
        self.helper = _helper("file", "update_existing")
        self.report = None
        self.content = b""

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.UPLOAD_MAX_BYTES:
            raise ValidationError(
                _("Tệp quá lớn (%(size)s). Dung lượng tối đa là %(limit)s.")
                % {"size": filesize_label(upload.size), "limit": filesize_label(settings.UPLOAD_MAX_BYTES)},
                code="too_big",
            )
        if not upload.name.lower().endswith(".xlsx"):
            raise ValidationError(
                _("Chỉ nhận tệp Excel .xlsx. Vui lòng dùng tệp mẫu và lưu dưới dạng .xlsx."), code="extension"
            )
        return upload

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("file")
        if upload is None:
            return cleaned
        upload.seek(0)
        self.content = upload.read()
        try:
            self.report = staff_import_parse(
                self.content, update_existing=cleaned.get("update_existing", False)
            )
        except ImportFileError as error:
            self.add_error("file", error)
        return cleaned


class StaffImportRecheckForm(forms.Form):
    """On the preview: check the same file again with or without updating existing staff (GET)."""

    t = forms.CharField(widget=forms.HiddenInput)
    update_existing = forms.BooleanField(label=gettext_lazy("Cập nhật cán bộ đã có"), required=False)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "recheck_%s")  # the confirm form on the same page has these names too
        super().__init__(*args, **kwargs)
        self.helper = _helper("t", "update_existing")


class StaffImportConfirmForm(forms.Form):
    token = forms.CharField(widget=forms.HiddenInput)
    fingerprint = forms.CharField(widget=forms.HiddenInput)
    update_existing = forms.BooleanField(required=False, widget=forms.HiddenInput)
    valid_only = forms.BooleanField(label=gettext_lazy("Chỉ nhập các dòng hợp lệ"), required=False)

    def __init__(self, *args, report=None, **kwargs):
        super().__init__(*args, **kwargs)
        names = ["token", "fingerprint", "update_existing", "valid_only"]
        if report is not None:
            if report.all_valid:
                del self.fields["valid_only"]
                names.remove("valid_only")
            else:
                self.fields["valid_only"].help_text = _(
                    "Bỏ qua %(errors)s dòng lỗi và chỉ nhập %(valid)s dòng hợp lệ."
                ) % {"errors": report.error_count, "valid": len(report.valid_rows)}
        self.helper = _helper(*names)


# ---------------------------------------------------------------------------
# Views
# ---------------------------------------------------------------------------
class StaffImportMixin(RefusalMixin, RulesMixin):
    permission_required = "units.import_staff"

    def preview_url(self, token: str, update_existing: bool) -> str:
        query = {"t": token}
        if update_existing:
            query["update_existing"] = "on"
        return f"{reverse('units:staff-import')}?{urlencode(query)}"

    def session_token(self) -> str:
        return self.request.session.get(SESSION_KEY, "")

    def forget_upload(self) -> None:
        token = self.request.session.pop(SESSION_KEY, "")
        if token:
            upload_discard(token)


class StaffImportTemplateView(StaffImportMixin, View):
    """The blank template with the current list of active unit codes."""

    def get(self, request, *args, **kwargs):
        return download_response(
            staff_import_template(), filename="mau-nhap-can-bo.xlsx", content_type=XLSX_CONTENT_TYPE
        )


class StaffImportView(StaffImportMixin, TemplateView):
    """GET: the upload form, or the preview of the upload named by ``?t=``. POST: upload a file."""

    template_name = "units/staff_import.html"
    preview_template_name = "units/staff_import_preview.html"

    def get(self, request, *args, **kwargs):
        token = request.GET.get("t", "")
        if not token:
            return self.render_to_response(self.get_context_data(form=StaffImportUploadForm()))
        content = upload_open(token) if token == self.session_token() else None
        if content is None:
            messages.warning(request, EXPIRED_MESSAGE)
            return redirect("units:staff-import")
        recheck = StaffImportRecheckForm(request.GET)
        update_existing = recheck.is_valid() and recheck.cleaned_data["update_existing"]
        try:
            report = staff_import_parse(content, update_existing=update_existing)
        except ImportFileError as error:  # cannot happen to a file that passed the upload; be safe
            form = StaffImportUploadForm()
            form.add_error(None, error)
            return self.render_to_response(self.get_context_data(form=form))
        confirm = StaffImportConfirmForm(
            initial={"token": token, "fingerprint": report.fingerprint(), "update_existing": update_existing},
            report=report,
        )
        recheck = StaffImportRecheckForm(initial={"t": token, "update_existing": update_existing})
        ctx = self.get_context_data(report=report, confirm_form=confirm, recheck_form=recheck)
        return self.response_class(
            request=request, template=[self.preview_template_name], context=ctx, using=self.template_engine
        )

    def post(self, request, *args, **kwargs):
        form = StaffImportUploadForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        self.forget_upload()
        token = upload_store(form.content)
        request.session[SESSION_KEY] = token
        return redirect(self.preview_url(token, form.cleaned_data["update_existing"]))


class StaffImportConfirmView(StaffImportMixin, View):
    """POST only: parse the stored upload again and import it if nothing changed since the preview."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        form = StaffImportConfirmForm(request.POST)
        token = self.session_token()
        if not form.is_valid() or not token or form.cleaned_data["token"] != token:
            messages.warning(request, _("Phiên nhập đã hết hạn. Vui lòng tải tệp lên lại."))
            return redirect("units:staff-import")
        update_existing = form.cleaned_data["update_existing"]
        preview = self.preview_url(token, update_existing)
        content = upload_open(token)
        if content is None:
            messages.warning(request, EXPIRED_MESSAGE)
            return redirect("units:staff-import")
        try:
            report = staff_import_parse(content, update_existing=update_existing)
        except ImportFileError as error:
            self.refused(error)
            return redirect("units:staff-import")
        if report.fingerprint() != form.cleaned_data["fingerprint"]:
            messages.warning(
                request,
                _(
                    "Dữ liệu đã thay đổi kể từ lúc kiểm tra; chưa có cán bộ nào được nhập. "
                    "Vui lòng xem lại kết quả kiểm tra mới rồi xác nhận lại."
                ),
            )
            return redirect(preview)
        try:
            result = staff_import_apply(
                report,
                by=request.user,
                valid_only=form.cleaned_data.get("valid_only", False),
                update_existing=update_existing,
            )
        except ValidationError as error:
            self.refused(error)
            return redirect(preview)
        self.forget_upload()
        text = _("Đã nhập %(created)s cán bộ mới, cập nhật %(updated)s cán bộ.") % {
            "created": len(result.created),
            "updated": len(result.updated),
        }
        if result.unchanged:
            text += " " + _("%(n)s cán bộ không có gì thay đổi.") % {"n": len(result.unchanged)}
        if result.skipped:
            text += " " + _("Bỏ qua %(n)s dòng lỗi.") % {"n": result.skipped}
        messages.success(request, text)
        return redirect("units:person-list")
