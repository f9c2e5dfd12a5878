"""Downloads of official documents. Who may view a plan may download it; nobody else learns it exists."""

from django.http import HttpResponse
from django.utils.http import content_disposition_header
from django.views.generic import DetailView

from plans.selectors import plans_visible_to
from plans.views import CachedObjectMixin, PermissionMixin

from .documents import render_pdf
from .docx import render_docx
from .plan_document import plan_document, plan_file_stem

PDF_CONTENT_TYPE = "application/pdf"
DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


class PlanDocumentView(PermissionMixin, CachedObjectMixin, DetailView):
    """The plan as an official document. The queryset is scoped (a unit head never gets a draft:
    404), and ``plans.view_plan`` is checked on the object."""

    permission_required = "plans.view_plan"
    content_type = PDF_CONTENT_TYPE
    extension = "pdf"
    as_attachment = False

    def get_queryset(self):
        return plans_visible_to(self.request.user)

    def render(self, plan) -> bytes:
        return render_pdf(plan_document(plan))

    def get(self, request, *args, **kwargs):
        plan = self.get_object()
        response = HttpResponse(self.render(plan), content_type=self.content_type)
        response["Content-Disposition"] = content_disposition_header(
            self.as_attachment, f"{plan_file_stem(plan)}.{self.extension}"
        )
        response["Cache-Control"] = "private, no-store"
        return response


class PlanPdfView(PlanDocumentView):
    pass


class PlanDocxView(PlanDocumentView):
    content_type = DOCX_CONTENT_TYPE
    extension = "docx"
    as_attachment = True

    def render(self, plan) -> bytes:
        return render_docx(plan_document(plan))
