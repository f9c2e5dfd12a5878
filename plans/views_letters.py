"""Pages of official letters (công văn): list, write, edit, read, issue; import from a text or a .docx.

The office writes and issues letters; a unit head reads the issued letters sent to the unit and
nothing else (another letter is a 404). The PDF and the DOCX are served by the reports app
(``reports:letter-pdf``, ``reports:letter-docx``), linked by URL name.
"""

import io

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Layout
from django import forms
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import DetailView
from django.views.generic.detail import SingleObjectMixin

from units.confirm import ask_first, needs_confirmation
from units.listing import ListFilterMixin
from units.refusals import Conflict, RefusalMixin, Refused
from units.views import PagedListView, RulesMixin, ScopedObjectMixin

from . import selectors, services
from .enums import LetterStatus
from .filters import LetterFilter
from .forms import LetterForm
from .importer import PlanImportError
from .letter_import import parse_letter_docx, parse_letter_text
from .models import Letter
from .views import document_links
from .views_import import is_docx


class LetterListView(ListFilterMixin, PagedListView):
    permission_required = "plans.list_letter"
    template_name = "plans/letter_list.html"
    context_object_name = "letters"
    filterset_class = LetterFilter

    def get_rows(self):
        user = self.request.user
        if self.request.GET.get("status") == LetterStatus.DRAFT:
            letters = selectors.letters_drafted(user)  # the inbox's count reads the same selector
        else:
            letters = selectors.letters_visible_to(user)
        return letters.order_by("-created_at", "-pk")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["drafts_only"] = self.request.GET.get("status") == LetterStatus.DRAFT
        return ctx


class LetterDetailView(ScopedObjectMixin, DetailView):
    permission_required = "plans.view_letter"
    template_name = "plans/letter_detail.html"
    context_object_name = "letter"

    def get_queryset(self):
        return selectors.letters_visible_to(self.request.user).select_related("issued_by", "created_by")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["document_links"] = document_links(self.object, "letter")
        ctx["recipient_units"] = list(self.object.recipient_units.all())
        return ctx


class LetterEditorMixin(RefusalMixin):
    template_name = "plans/letter_form.html"

    def render_form(self, form, letter, *, warnings=None, status=200):
        return TemplateResponse(
            self.request,
            self.template_name,
            {"form": form, "letter": letter, "import_warnings": warnings or []},
            status=status,
        )

    def save_form(self, letter):
        form = LetterForm(self.request.POST, instance=letter)
        if not form.is_valid():
            return self.render_form(form, letter)
        try:
            saved = services.letter_save(
                form.instance,
                by=self.request.user,
                recipient_units=form.cleaned_data["recipient_units"],
                seen_updated_at=form.seen_version(),
            )
        except Conflict as conflict:
            self.refused(conflict, form=form)
            return self.render_form(form, letter, status=409)
        except Refused as exc:
            if hasattr(exc, "error_dict"):
                for field, errors in exc.error_dict.items():
                    target = "addressees_text" if field == "addressees" else field
                    form.add_error(target if target in form.fields else None, errors)
            else:
                self.refused(exc, form=form)
            return self.render_form(form, letter)
        messages.success(self.request, _("Đã lưu công văn."))
        return redirect(saved)


class LetterCreateView(RulesMixin, LetterEditorMixin, View):
    permission_required = "plans.add_letter"

    def new_letter(self) -> Letter:
        return Letter(**services.letter_defaults())

    def get(self, request):
        letter = self.new_letter()
        return self.render_form(LetterForm(instance=letter), letter)

    def post(self, request):
        return self.save_form(self.new_letter())


class LetterEditView(ScopedObjectMixin, SingleObjectMixin, LetterEditorMixin, View):
    permission_required = "plans.change_letter"
    model = Letter

    def get_queryset(self):
        return selectors.letters_visible_to(self.request.user)

    def handle_no_permission(self):
        if self.request.user.is_authenticated and self.request.user.has_perm("plans.manage_letter"):
            messages.error(self.request, _("Công văn đã ban hành nên không thể sửa."))
            return redirect(self.get_object())
        return super().handle_no_permission()

    def get(self, request, pk):
        letter = self.get_object()
        return self.render_form(LetterForm(instance=letter), letter)

    def post(self, request, pk):
        return self.save_form(self.get_object())


class LetterIssueView(ScopedObjectMixin, SingleObjectMixin, RefusalMixin, View):
    """Issue with the next number of the công văn series; a repeat says "already issued"."""

    permission_required = "plans.manage_letter"
    model = Letter

    def get_queryset(self):
        return selectors.letters_visible_to(self.request.user)

    def post(self, request, pk):
        letter = self.get_object()
        issue_date = None
        if request.POST.get("issue_date"):
            try:
                issue_date = parse_date(request.POST["issue_date"])
            except ValueError:
                issue_date = None
            if issue_date is None:
                messages.error(request, _("Ngày ban hành không hợp lệ."))
                return redirect(letter)
        if needs_confirmation(request) and letter.status != LetterStatus.ISSUED:
            day = issue_date or letter.issue_date or timezone.localdate()
            return ask_first(
                request,
                title=_("Ban hành công văn?"),
                subject=_("V/v %(subject)s") % {"subject": letter.subject},
                consequences=[
                    _(
                        "Công văn được cấp số tiếp theo của sổ công văn năm %(year)s, ngày ban hành "
                        "%(day)s. Số đã cấp không thu hồi được."
                    )
                    % {"year": day.year, "day": day.strftime("%d/%m/%Y")},
                    _("Nội dung công văn không sửa được nữa."),
                    _("Các đơn vị có tên ở mục “Gửi tới đơn vị” đọc được công văn."),
                ],
                button=_("Ban hành (cấp số)"),
                cancel_url=letter.get_absolute_url(),
            )
        try:
            done = services.letter_issue(letter, by=request.user, issue_date=issue_date)
        except Refused as exc:
            self.refused(exc)
            return redirect(letter)
        if done:
            messages.success(
                request, _("Đã ban hành công văn, %(number)s.") % {"number": letter.number_label}
            )
        else:
            messages.info(request, _("Công văn này đã được ban hành trước đó; không có gì thay đổi."))
        return redirect(letter)


# ---------------------------------------------------------------------------
# Import: the letter read from a text or a .docx comes back as the filled-in form to check
# ---------------------------------------------------------------------------
class LetterImportForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("Nội dung công văn"),
        required=False,
        strip=False,
        max_length=200_000,
        widget=forms.Textarea(attrs={"rows": 18, "spellcheck": "false"}),
        help_text=gettext_lazy(
            "Dán toàn bộ công văn, từ tên cơ quan đến hết phần nơi nhận và người ký. "
            "Văn bản chép từ tệp PDF hay trang web cũng được."
        ),
    )
    docx = forms.FileField(
        label=gettext_lazy("Hoặc chọn tệp Word (.docx)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".docx"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.parsed = None
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout("text", "docx")

    def clean_docx(self):
        upload = self.cleaned_data.get("docx")
        # A zip that would unpack past the limit is refused by is_docx itself, at this field.
        if upload and (upload.size > settings.UPLOAD_MAX_BYTES or not is_docx(upload)):
            raise forms.ValidationError(
                _("Tệp “%(name)s” không phải là tệp Word .docx hợp lệ (hoặc quá lớn).")
                % {"name": upload.name},
                code="file_content",
            )
        return upload

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        upload, text = cleaned.get("docx"), cleaned.get("text") or ""
        try:
            if upload:
                self.parsed = parse_letter_docx(io.BytesIO(upload.read()))
            elif text.strip():
                self.parsed = parse_letter_text(text)
            else:
                self.add_error("text", _("Vui lòng dán nội dung công văn hoặc chọn tệp .docx."))
        except PlanImportError as error:
            self.add_error("docx" if upload else "text", str(error))
        return cleaned


class LetterImportView(RulesMixin, LetterEditorMixin, View):
    """Step 1 reads the text; step 2 is the letter's form filled with what was read, with a
    warning for each part not found (left empty, never taken from the agency's settings); the
    form saves through ``plans:letter-create``."""

    permission_required = "plans.add_letter"

    def get(self, request):
        return TemplateResponse(request, "plans/letter_import.html", {"form": LetterImportForm()})

    def post(self, request):
        form = LetterImportForm(request.POST, request.FILES)
        if not form.is_valid():
            return TemplateResponse(request, "plans/letter_import.html", {"form": form})
        parsed = form.parsed
        letter = Letter(**parsed.model_values())
        letter_form = LetterForm(instance=letter)
        return self.render_form(letter_form, letter, warnings=parsed.warnings)
