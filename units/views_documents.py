"""The register of issued documents (office), its downloads, and the public check of a PDF.

The register lists, per year, every document the agency issued through the system with its
number, kind, date, subject, signer, SHA-256 and whether it carries the agency's digital
signature; each file leaves as stored, byte for byte. "Kiểm tra văn bản" needs no login: anyone
holding a PDF learns whether the system issued it (by its SHA-256) and whether its signature is
valid.
"""

from django import forms
from django.conf import settings
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import FormView
from django_ratelimit.core import is_ratelimited

from . import selectors
from .documents import issued_document_by_hash, issued_file_response, sha256
from .enums import IssuedKind
from .models import IssuedDocument
from .uploads import sniff_kind, validate_document_file
from .views import PagedListView, RulesMixin, year_from


def issued_file_stem(document: IssuedDocument) -> str:
    label = (document.number_label or document.get_kind_display()).replace("/", "-")
    return f"{document.get_kind_display()} {label} ngày {document.issued_on:%d-%m-%Y}"


class IssuedRegisterView(PagedListView):
    """Sổ văn bản đã ban hành of a year, newest first, optionally of one kind."""

    permission_required = "units.view_issued_register"
    template_name = "units/issued_register.html"
    context_object_name = "documents"

    def get_queryset(self):
        self.year = year_from(self.request)
        kind = self.request.GET.get("kind", "")
        self.kind = kind if kind in IssuedKind.values else ""
        return selectors.issued_register(self.request.user, year=self.year, kind=self.kind)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(
            year=self.year,
            kind=self.kind,
            kinds=IssuedKind.choices,
            years=selectors.issued_years(including=self.year),
        )
        return ctx


class IssuedDownloadView(RulesMixin, View):
    """The stored PDF or DOCX of a document in the register, as issued."""

    permission_required = "units.view_issued_register"

    def get(self, request, pk: int, fmt: str):
        if fmt not in ("pdf", "docx"):
            raise Http404
        document = get_object_or_404(selectors.issued_documents_visible_to(request.user), pk=pk)
        return issued_file_response(
            document, fmt=fmt, filename=f"{issued_file_stem(document)}.{fmt}", as_attachment=fmt == "docx"
        )


# ---------------------------------------------------------------------------
# Kiểm tra văn bản (public)
# ---------------------------------------------------------------------------
class VerifyForm(forms.Form):
    file = forms.FileField(
        label=_("Tệp PDF cần kiểm tra"),
        help_text=_("Tệp PDF văn bản nhận được; hệ thống không lưu lại tệp."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,application/pdf"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        validate_document_file(upload)  # size limit and content check, as for every upload
        if sniff_kind(getattr(upload, "file", upload)) != "pdf":
            raise forms.ValidationError(_("Chỉ kiểm tra được tệp PDF."), code="file_type")
        return upload


class VerifyView(FormView):
    """Anyone may check a PDF: no login, nothing stored, one hash lookup, and the signature read
    only from the file itself. At most ``VERIFY_RATE`` checks per client address: past it the
    upload is not read at all."""

    template_name = "units/verify.html"
    form_class = VerifyForm

    def post(self, request, *args, **kwargs):
        if is_ratelimited(
            request, group="verify-document", key="ip", rate=settings.VERIFY_RATE, increment=True
        ):
            return self.render_to_response(self.get_context_data(limited=True), status=429)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        from .signing import check_pdf_signature

        upload = form.cleaned_data["file"]
        upload.seek(0)
        content = upload.read()
        digest = sha256(content)
        document = issued_document_by_hash(digest)
        check = check_pdf_signature(content)
        return self.render_to_response(
            self.get_context_data(
                form=VerifyForm(), checked=True, digest=digest, document=document, check=check
            )
        )
