"""Downloads of official documents. Who may view a plan may download it; nobody else learns it exists."""

from django.utils import translation
from django.views import View
from django.views.generic.detail import SingleObjectMixin

from campaigns.selectors import campaigns_visible_to, consolidated_lines
from campaigns.views import ConsolidatedMixin
from council.selectors import decisions_visible_to, sessions_visible_to
from plans.selectors import letters_visible_to, plans_visible_to
from units.documents import issued_document_of, issued_file_response, with_issued_document
from units.downloads import download_response
from units.enums import IssuedKind
from units.views import RulesMixin, ScopedObjectMixin

from .campaign_documents import (
    campaign_document,
    campaign_file_stem,
    consolidated_document,
    consolidated_file_stem,
)
from .council_documents import (
    decision_document,
    decision_file_stem,
    minutes_document,
    minutes_file_stem,
)
from .documents import DOCUMENT_LANGUAGE, render_pdf
from .docx import render_docx
from .letter_document import letter_document, letter_file_stem
from .plan_document import plan_document, plan_file_stem

PDF_CONTENT_TYPE = "application/pdf"
DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


class VietnameseDocumentMixin:
    """Official documents are in Vietnamese whatever language the user reads the screens in."""

    def dispatch(self, request, *args, **kwargs):
        with translation.override(DOCUMENT_LANGUAGE):
            return super().dispatch(request, *args, **kwargs)


# ---------------------------------------------------------------------------
# Documents of one object
# ---------------------------------------------------------------------------
class DocumentView(VietnameseDocumentMixin, ScopedObjectMixin, SingleObjectMixin, View):
    """An official document of one object, as PDF (as DOCX with ``DocxMixin``): the object comes
    from a scoped queryset (404 otherwise), the permission is checked on it, and the response is
    never cached. Subclasses name the scoped selector (``visible_to``: user -> queryset), the
    document (``document_of``: object -> ``OfficialDocument``) and the file name without its
    extension (``file_stem_of``), each a plain function; a document that is not one
    ``OfficialDocument`` overrides ``render(obj)``.

    With ``issued_kind`` set, an issued object's document is the file stored when it was issued,
    served byte for byte (``units.documents``); only a draft is rendered on request."""

    content_type = PDF_CONTENT_TYPE
    extension = "pdf"
    as_attachment = False
    issued_kind: str = ""
    # Plain functions, read from the class (``type(self)``) so that they are not bound as methods.
    visible_to = None
    document_of = None
    file_stem_of = None

    def get_queryset(self):
        return type(self).visible_to(self.request.user)

    def document(self, obj):
        return type(self).document_of(obj)

    def file_stem(self, obj) -> str:
        return type(self).file_stem_of(obj)

    def render(self, obj) -> bytes:
        return render_pdf(self.document(obj))

    def get_object(self, queryset=None):
        """The object, looked up once, with its issued document read in the same query
        (``units.documents.with_issued_document``): a download of an issued document is the
        session, the user and this one query."""
        if queryset is not None or not self.issued_kind:
            return super().get_object(queryset)
        if not hasattr(self, "_object"):
            queryset = with_issued_document(self.get_queryset(), kind=self.issued_kind)
            self._object = super().get_object(queryset)
        return self._object

    def issued(self, obj):
        return issued_document_of(obj, kind=self.issued_kind) if self.issued_kind else None

    def get(self, request, *args, **kwargs):
        obj = self.get_object()
        filename = f"{self.file_stem(obj)}.{self.extension}"
        stored = self.issued(obj)
        if stored is not None:
            return issued_file_response(
                stored, fmt=self.extension, filename=filename, as_attachment=self.as_attachment
            )
        return download_response(
            self.render(obj),
            content_type=self.content_type,
            filename=filename,
            as_attachment=self.as_attachment,
        )


class DocxMixin:
    """The same document as DOCX, for editing in Word: downloaded, not shown."""

    content_type = DOCX_CONTENT_TYPE
    extension = "docx"
    as_attachment = True

    def render(self, obj) -> bytes:
        return render_docx(self.document(obj))


# ---------------------------------------------------------------------------
# Plans
# ---------------------------------------------------------------------------
class PlanPdfView(DocumentView):
    """The plan as an official document. The queryset is scoped (a unit head never gets a draft:
    404), and ``plans.view_plan`` is checked on the object."""

    permission_required = "plans.view_plan"
    issued_kind = IssuedKind.PLAN
    visible_to, document_of, file_stem_of = plans_visible_to, plan_document, plan_file_stem


class PlanDocxView(DocxMixin, PlanPdfView):
    pass


# ---------------------------------------------------------------------------
# Official letters (công văn)
# ---------------------------------------------------------------------------
class LetterPdfView(DocumentView):
    """The letter as printed: the office any letter; a unit head an issued letter sent to the unit."""

    permission_required = "plans.view_letter"
    issued_kind = IssuedKind.LETTER
    visible_to, document_of, file_stem_of = letters_visible_to, letter_document, letter_file_stem


class LetterDocxView(DocxMixin, LetterPdfView):
    pass


# ---------------------------------------------------------------------------
# Campaigns: the launching plan, and the consolidated registration of a round
# ---------------------------------------------------------------------------
class CampaignPdfView(DocumentView):
    """The campaign's launching plan, guarded as the campaign page is: the queryset is scoped (a
    unit head never gets a draft campaign: 404) and ``campaigns.view_campaign`` is checked."""

    permission_required = "campaigns.view_campaign"
    issued_kind = IssuedKind.CAMPAIGN
    visible_to, document_of, file_stem_of = campaigns_visible_to, campaign_document, campaign_file_stem


class CampaignDocxView(DocxMixin, CampaignPdfView):
    pass


class ConsolidatedPdfView(VietnameseDocumentMixin, ConsolidatedMixin, RulesMixin, View):
    """The consolidated registration of a round as a DANH SÁCH, with the screen's filters; office only."""

    permission_required = "units.access_office"

    def filters(self) -> list[tuple[str, str]]:
        if not self.filterset.is_bound or not self.filterset.form.is_valid():
            return []
        shown = []
        for name, field in self.filterset.form.fields.items():
            value = self.filterset.form.cleaned_data.get(name)
            if value in (None, ""):
                continue
            if hasattr(field, "choices") and not hasattr(value, "pk"):
                value = dict(field.choices).get(value, value)
            shown.append((str(field.label), str(value)))
        return shown

    content_type = PDF_CONTENT_TYPE
    extension = "pdf"
    as_attachment = False

    def render(self, doc) -> bytes:
        return render_pdf(doc)

    def get(self, request, *args, **kwargs):
        registrations, award = self.filtered()
        collectives, individuals = consolidated_lines(registrations, award_type=award)
        doc = consolidated_document(self.round, collectives, individuals, filters=self.filters())
        return download_response(
            self.render(doc),
            content_type=self.content_type,
            filename=f"{consolidated_file_stem(self.round)}.{self.extension}",
            as_attachment=self.as_attachment,
        )


class ConsolidatedDocxView(ConsolidatedPdfView):
    content_type = DOCX_CONTENT_TYPE
    extension = "docx"
    as_attachment = True

    def render(self, doc) -> bytes:
        return render_docx(doc)


# ---------------------------------------------------------------------------
# The council's minutes and decisions
# ---------------------------------------------------------------------------
class CouncilMinutesPdfView(DocumentView):
    """The minutes (biên bản) with the tallies: office staff and the session's members, after the close."""

    permission_required = "council.view_minutes"
    issued_kind = IssuedKind.MINUTES
    visible_to, document_of, file_stem_of = sessions_visible_to, minutes_document, minutes_file_stem


class CouncilMinutesDocxView(DocxMixin, CouncilMinutesPdfView):
    pass


class DecisionPdfView(DocumentView):
    role_permission = "council.list_decision"  # another role: 403 before the decision is looked up
    permission_required = "council.list_decision"
    issued_kind = IssuedKind.DECISION
    visible_to, document_of, file_stem_of = decisions_visible_to, decision_document, decision_file_stem


class DecisionDocxView(DocxMixin, DecisionPdfView):
    pass
