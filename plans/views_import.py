"""Import a plan from pasted text or a .docx: read it, show the draft for correction, save it.

1. ``plans:import`` (GET) shows the form: paste the text, or choose a .docx (checked by its
   content: a zip holding ``word/document.xml``, at most ``UPLOAD_MAX_BYTES``).
2. ``plans:import-preview`` (POST) runs the importer. Text it cannot split comes back on the
   form with the importer's message at the text field and the text as typed. Otherwise the
   preview shows the draft: the header fields as an editable form, the headings, the tasks by
   period, the key targets, the submission requests and the importer's warnings.
3. ``plans:import-save`` (POST) applies the corrections and creates the draft plan through
   ``services.plan_create_from_parsed`` (lead unit by default: the importing user's own unit, or
   the one chosen on the form), then redirects to the plan.

The importer's draft travels from the preview to the save as a signed, compressed hidden field
(``django.core.signing``, own salt, valid for a day): nothing is kept on the server, two previews
in two tabs do not mix, and the save uses exactly what the user saw (the body cannot be altered
on the way, only the header fields, which are ordinary form fields). Office staff only.
"""

from __future__ import annotations

import datetime
import io
import json
import logging
import zipfile
from collections import OrderedDict
from dataclasses import asdict

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Field, Layout, Row
from django import forms
from django.conf import settings
from django.contrib import messages
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import redirect
from django.template.defaultfilters import filesizeformat
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from units.models import Unit
from units.refusals import RefusalMixin
from units.uploads import check_archive
from units.views import RulesMixin
from units.vn import period_label

from . import parsed as p
from . import services
from .enums import PlanKind, SignerPrefix
from .importer import PlanImportError, parse_plan_docx, parse_plan_text

logger = logging.getLogger(__name__)

DRAFT_SALT = "plans.import.draft"
DRAFT_MAX_AGE = 24 * 60 * 60
MAX_TEXT_CHARS = 300_000
DOCX_ACCEPT = ".docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
EXPIRED_MESSAGE = gettext_lazy(
    "Bản nháp đọc được đã hết hạn hoặc không hợp lệ. Vui lòng dán lại nội dung hoặc chọn lại tệp."
)


# ---------------------------------------------------------------------------
# The draft between the preview and the save
# ---------------------------------------------------------------------------
def _date_or_none(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def draft_dumps(parsed: p.ParsedPlan) -> str:
    data = asdict(parsed)
    return signing.dumps(data, salt=DRAFT_SALT, compress=True, serializer=_DateJSONSerializer)


def draft_loads(token: str) -> p.ParsedPlan:
    """The ParsedPlan signed by ``draft_dumps``; ValidationError when forged or expired."""
    try:
        data = signing.loads(token, salt=DRAFT_SALT, max_age=DRAFT_MAX_AGE, serializer=_DateJSONSerializer)
    except signing.BadSignature as error:  # SignatureExpired is a BadSignature
        raise ValidationError(EXPIRED_MESSAGE, code="expired") from error
    try:
        tasks = [
            p.ParsedTask(
                **{
                    **t,
                    "start_date": _date_or_none(t.get("start_date")),
                    "due_date": _date_or_none(t.get("due_date")),
                }
            )
            for t in data.pop("tasks")
        ]
        targets = [
            p.ParsedTarget(**{**t, "values": [p.ParsedTargetValue(**v) for v in t.get("values", [])]})
            for t in data.pop("targets")
        ]
        submissions = [
            p.ParsedSubmission(**{**s, "due_date": _date_or_none(s.get("due_date"))})
            for s in data.pop("submissions")
        ]
        blocks = [p.ParsedBlock(**b) for b in data.pop("blocks")]
        return p.ParsedPlan(
            **{**data, "issue_date": _date_or_none(data.get("issue_date"))},
            tasks=tasks,
            targets=targets,
            submissions=submissions,
            blocks=blocks,
        )
    except (KeyError, TypeError, ValueError) as error:
        raise ValidationError(EXPIRED_MESSAGE, code="invalid") from error


class _DateJSONSerializer:
    """signing's JSON serializer, with dates written as ISO strings."""

    def dumps(self, obj):
        return json.dumps(obj, separators=(",", ":"), default=_iso).encode("latin-1")

    def loads(self, data):
        return json.loads(data.decode("latin-1"))


def _iso(value):
    if isinstance(value, datetime.date):
        return value.isoformat()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


# ---------------------------------------------------------------------------
# Forms
# ---------------------------------------------------------------------------
def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def is_docx(upload) -> bool:
    """A .docx is a zip holding word/document.xml, whatever its name says. An archive that would
    unpack past the limit is refused (``ValidationError``) before anything reads it."""
    upload.seek(0)
    try:
        if not zipfile.is_zipfile(upload):
            return False
        upload.seek(0)
        with zipfile.ZipFile(upload) as archive:
            check_archive(archive)  # a zip bomb is refused before python-docx unpacks it
            return "word/document.xml" in archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
    finally:
        upload.seek(0)


class PlanImportForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("Nội dung kế hoạch"),
        required=False,
        strip=False,
        max_length=MAX_TEXT_CHARS,
        widget=forms.Textarea(attrs={"rows": 18, "spellcheck": "false"}),
        help_text=gettext_lazy(
            "Dán toàn bộ văn bản, từ dòng “KẾ HOẠCH” (hoặc từ tên cơ quan) đến hết phần nơi nhận và "
            "người ký. Văn bản chép từ tệp PDF hay trang web cũng được."
        ),
        error_messages={
            "max_length": gettext_lazy(
                "Nội dung quá dài (tối đa %(limit_value)d ký tự, đã dán %(show_value)d)."
            )
        },
    )
    docx = forms.FileField(
        label=gettext_lazy("Hoặc chọn tệp Word (.docx)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": DOCX_ACCEPT}),
        error_messages={
            "empty": gettext_lazy("Tệp rỗng, không có nội dung."),
            "invalid": gettext_lazy("Không đọc được tệp đã gửi. Vui lòng chọn lại tệp."),
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["docx"].help_text = _(
            "Chỉ nhận tệp .docx (Word 2007 trở lên), tối đa %(size)s. Nếu chọn tệp, nội dung dán ở trên "
            "không được dùng."
        ) % {"size": filesizeformat(settings.UPLOAD_MAX_BYTES)}
        self.parsed: p.ParsedPlan | None = None
        self.source = ""
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout("text", "docx")

    def clean_docx(self):
        upload = self.cleaned_data.get("docx")
        if not upload:
            return upload
        if upload.size > settings.UPLOAD_MAX_BYTES:
            raise ValidationError(
                _("Tệp quá lớn (%(size)s); dung lượng tối đa là %(limit)s.")
                % {"size": filesizeformat(upload.size), "limit": filesizeformat(settings.UPLOAD_MAX_BYTES)},
                code="file_too_large",
            )
        if not is_docx(upload):
            raise ValidationError(
                _(
                    "Tệp “%(name)s” không phải là tệp Word .docx hợp lệ: tệp có thể bị hỏng, là tệp .doc "
                    "cũ hoặc đã bị đổi đuôi. Hãy mở tệp bằng Word, lưu lại dưới dạng .docx, hoặc dán "
                    "nội dung vào ô bên trên."
                )
                % {"name": upload.name},
                code="file_content",
            )
        return upload

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        upload, text = cleaned.get("docx"), cleaned.get("text") or ""
        if upload:
            try:
                self.parsed = parse_plan_docx(io.BytesIO(upload.read()))
            except PlanImportError as error:
                self.add_error("docx", str(error))
            except Exception:  # a package python-docx cannot open (broken XML, missing parts)
                logger.info("plan import: unreadable .docx %r", upload.name, exc_info=True)
                self.add_error(
                    "docx",
                    ValidationError(
                        _("Không đọc được nội dung tệp “%(name)s”. Hãy mở tệp bằng Word và lưu lại.")
                        % {"name": upload.name},
                        code="file_unreadable",
                    ),
                )
            self.source = upload.name
        elif text.strip():
            try:
                self.parsed = parse_plan_text(text)
            except PlanImportError as error:
                self.add_error("text", str(error))
            self.source = _("văn bản dán vào")
        else:
            self.add_error("text", _("Vui lòng dán nội dung kế hoạch hoặc chọn tệp .docx."))
        return cleaned


class PlanImportSaveForm(forms.Form):
    """The header fields of the draft, editable on the preview, and the draft itself (signed)."""

    draft = forms.CharField(widget=forms.HiddenInput)
    kind = forms.ChoiceField(label=gettext_lazy("Loại kế hoạch"), choices=PlanKind.choices)
    year = forms.IntegerField(
        label=gettext_lazy("Năm kế hoạch"),
        min_value=2000,
        max_value=2100,
        error_messages={
            "min_value": gettext_lazy("Năm kế hoạch không hợp lệ."),
            "max_value": gettext_lazy("Năm kế hoạch không hợp lệ."),
        },
    )
    number = forms.IntegerField(
        label=gettext_lazy("Số (của văn bản gốc)"),
        required=False,
        min_value=1,
        help_text=gettext_lazy("Chỉ để ghi nhận; số mới được cấp khi ban hành."),
    )
    symbol = forms.CharField(
        label=gettext_lazy("Ký hiệu"), max_length=50, help_text=gettext_lazy("Ví dụ: KH-SYT")
    )
    place = forms.CharField(label=gettext_lazy("Địa danh"), max_length=100, required=False)
    issue_date = forms.DateField(label=gettext_lazy("Ngày ban hành"), required=False, widget=DATE_WIDGET)
    title = forms.CharField(
        label=gettext_lazy("Trích yếu"), max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )
    authority_line = forms.CharField(
        label=gettext_lazy("Tên cơ quan chủ quản"), max_length=200, required=False
    )
    issuer_line = forms.CharField(label=gettext_lazy("Tên cơ quan ban hành"), max_length=200, required=False)
    legal_bases = forms.CharField(
        label=gettext_lazy("Căn cứ ban hành"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("Mỗi căn cứ một dòng."),
    )
    signer_prefix = forms.ChoiceField(
        label=gettext_lazy("Thẩm quyền ký"), choices=SignerPrefix.choices, required=False
    )
    signer_prefix_title = forms.CharField(
        label=gettext_lazy("Chức danh sau thẩm quyền ký"), max_length=150, required=False
    )
    signer_position = forms.CharField(
        label=gettext_lazy("Chức vụ người ký"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    signer_name = forms.CharField(label=gettext_lazy("Họ tên người ký"), max_length=150, required=False)
    recipients = forms.CharField(
        label=gettext_lazy("Nơi nhận"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=gettext_lazy("Mỗi nơi nhận một dòng."),
    )
    lead_unit_default = forms.ModelChoiceField(
        label=gettext_lazy("Đơn vị chủ trì mặc định"),
        queryset=Unit.objects.none(),
        help_text=gettext_lazy(
            "Giao cho các nhiệm vụ mà văn bản không nêu đơn vị chủ trì; sửa từng nhiệm vụ sau."
        ),
        error_messages={"required": gettext_lazy("Vui lòng chọn đơn vị chủ trì mặc định cho các nhiệm vụ.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead_unit_default"].queryset = Unit.objects.active().order_by("order", "name")
        self.parsed: p.ParsedPlan | None = None
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout(
            Field("draft"),
            Row(
                Column("kind", css_class="col-md-6"),
                Column("year", css_class="col-md-2"),
                Column("number", css_class="col-md-2"),
                Column("symbol", css_class="col-md-2"),
            ),
            "title",
            Row(Column("authority_line", css_class="col-md-6"), Column("issuer_line", css_class="col-md-6")),
            Row(Column("place", css_class="col-md-6"), Column("issue_date", css_class="col-md-6")),
            "legal_bases",
            Row(
                Column("signer_prefix", css_class="col-md-3"),
                Column("signer_prefix_title", css_class="col-md-3"),
                Column("signer_position", css_class="col-md-3"),
                Column("signer_name", css_class="col-md-3"),
            ),
            "recipients",
            "lead_unit_default",
        )

    @classmethod
    def initial_for(cls, parsed: p.ParsedPlan, *, user) -> dict:
        defaults = services.plan_defaults(symbol=parsed.symbol)
        person = getattr(user, "person", None)
        # The header and the signature come from the text only: what it lacks stays empty, with
        # the importer's warning, rather than taking the agency's (another province's) values.
        return {
            "draft": draft_dumps(parsed),
            "kind": parsed.kind if parsed.kind in PlanKind.values else PlanKind.OTHER,
            "year": parsed.year or (parsed.issue_date.year if parsed.issue_date else None),
            "number": parsed.number,
            "symbol": parsed.symbol or defaults["symbol"],
            "place": parsed.place,
            "issue_date": parsed.issue_date,
            "title": parsed.title,
            "authority_line": parsed.authority_line,
            "issuer_line": parsed.issuer_line,
            "legal_bases": "\n".join(parsed.legal_bases),
            "signer_prefix": parsed.signer_prefix,
            "signer_prefix_title": parsed.signer_prefix_title,
            "signer_position": parsed.signer_position,
            "signer_name": parsed.signer_name,
            "recipients": "\n".join(parsed.recipients),
            "lead_unit_default": person.unit_id if person is not None and person.unit_id else None,
        }

    def clean_draft(self):
        self.parsed = draft_loads(self.cleaned_data["draft"])
        return self.cleaned_data["draft"]

    def corrected(self) -> p.ParsedPlan:
        """The draft with the header fields as corrected on the preview."""
        data, parsed = self.cleaned_data, self.parsed
        parsed.year = data["year"]
        parsed.number = data.get("number")
        parsed.symbol = data["symbol"].strip()
        parsed.place = data.get("place", "").strip()
        parsed.issue_date = data.get("issue_date")
        parsed.title = " ".join(data["title"].split())
        parsed.legal_bases = _lines(data.get("legal_bases", ""))
        parsed.recipients = _lines(data.get("recipients", ""))
        parsed.signer_prefix = data.get("signer_prefix", "")
        parsed.signer_prefix_title = data.get("signer_prefix_title", "").strip()
        parsed.signer_position = "\n".join(_lines(data.get("signer_position", "")))
        parsed.signer_name = data.get("signer_name", "").strip()
        parsed.authority_line = data.get("authority_line", "").strip()
        parsed.issuer_line = data.get("issuer_line", "").strip()
        return parsed


# ---------------------------------------------------------------------------
# What the preview shows
# ---------------------------------------------------------------------------
def preview_context(parsed: p.ParsedPlan) -> dict:
    periods: OrderedDict[str, list[p.ParsedTask]] = OrderedDict()
    for task in parsed.tasks:
        try:
            label = period_label(task.period_kind, task.period_value)
        except ValueError:
            label = ""
        if task.period_kind == "range" and (task.start_date or task.due_date):
            label = " – ".join(d.strftime("%d/%m/%Y") if d else "…" for d in (task.start_date, task.due_date))
        if not label and task.recurrence:
            label = _("Định kỳ")
        elif not label and task.due_date:
            label = _("Theo hạn riêng")
        periods.setdefault(label or _("Chưa rõ thời gian"), []).append(task)
    unmatched = []
    for index, task in enumerate(parsed.tasks, start=1):
        if task.lead_unit_hint and services.resolve_unit_hint(task.lead_unit_hint) is None:
            unmatched.append(
                _(
                    "Nhiệm vụ %(n)s: không thấy đơn vị “%(name)s” trong danh mục đơn vị; tên được giữ "
                    "nguyên trong nhiệm vụ, đơn vị chủ trì tạm là đơn vị mặc định."
                )
                % {"n": index, "name": task.lead_unit_hint}
            )
    return {
        "parsed": parsed,
        "unit_warnings": unmatched,
        "headings": [b for b in parsed.blocks if b.kind == p.BlockKind.HEADING],
        "task_periods": list(periods.items()),
        "block_count": len(parsed.blocks),
    }


# ---------------------------------------------------------------------------
# Views
# ---------------------------------------------------------------------------
class PlanImportMixin(RefusalMixin, RulesMixin):
    permission_required = "plans.add_plan"

    def render_form(self, form, status=200):
        return TemplateResponse(self.request, "plans/plan_import.html", {"form": form}, status=status)

    def render_preview(self, form, parsed, *, source="", status=200):
        context = {"form": form, "source": source, **preview_context(parsed)}
        return TemplateResponse(self.request, "plans/plan_import_preview.html", context, status=status)


class PlanImportView(PlanImportMixin, View):
    def get(self, request):
        return self.render_form(PlanImportForm())


class PlanImportPreviewView(PlanImportMixin, View):
    def get(self, request):
        return redirect("plans:import")

    def post(self, request):
        form = PlanImportForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_form(form)
        parsed = form.parsed
        save_form = PlanImportSaveForm(initial=PlanImportSaveForm.initial_for(parsed, user=request.user))
        return self.render_preview(save_form, parsed, source=form.source)


class PlanImportSaveView(PlanImportMixin, View):
    def get(self, request):
        return redirect("plans:import")

    def post(self, request):
        form = PlanImportSaveForm(request.POST)
        if not form.is_valid():
            if form.parsed is None:  # the draft itself is gone: start again
                messages.error(request, str(EXPIRED_MESSAGE))
                return redirect("plans:import")
            return self.render_preview(form, form.parsed)
        parsed = form.corrected()
        data = form.cleaned_data
        try:
            with transaction.atomic():
                plan = services.plan_create_from_parsed(
                    parsed, by=request.user, kind=data["kind"], lead_unit_default=data["lead_unit_default"]
                )
                plan = services.plan_update(
                    plan,
                    by=request.user,
                    fields={"authority_line": data["authority_line"], "issuer_line": data["issuer_line"]},
                )
        except ValidationError as error:
            self.refused(error, form=form)
            return self.render_preview(form, parsed)
        messages.success(
            request,
            _(
                "Đã tạo dự thảo kế hoạch từ văn bản: %(tasks)d nhiệm vụ, %(targets)d chỉ tiêu. "
                "Hãy kiểm tra lại trước khi ban hành."
            )
            % {"tasks": len(parsed.tasks), "targets": len(parsed.targets)},
        )
        return redirect(plan)
