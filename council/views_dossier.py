"""A nomination's dossier and eligibility verdict as the council reads them from the voting page.

Read only: no page here writes anything, and none says anything about ballots (who voted, how
many, or what). A member reads the dossiers of the items on the agenda of a session they sit on
(the office of every session); files leave through these views only, previewed inline when a
PDF or an image (``units.uploads.preview_file_response``), downloaded otherwise.
"""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.functional import cached_property
from django.views import View
from django.views.generic import TemplateView

from awards.models import DossierFile
from awards.selectors import dossier_checklist
from units.uploads import preview_file_response, protected_file_response
from units.views import RulesMixin

from . import selectors
from .views import SessionObjectMixin


class AgendaItemMixin(SessionObjectMixin):
    """The agenda item of the URL within a session the user may see (anything else: 404)."""

    permission_required = "council.view_session"

    @cached_property
    def item(self):
        item = selectors.agenda_item_for_dossier(self.session, self.kwargs["item_pk"])
        if item is None:
            raise Http404
        return item

    def file_urls(self, item: DossierFile) -> dict:
        args = [self.session.pk, self.item.pk, item.pk]
        return {
            "preview_url": reverse("council:item-file-preview", args=args),
            "inline_url": reverse("council:item-file-inline", args=args),
            "download_url": reverse("council:item-file-download", args=args),
        }


class ItemDossierView(AgendaItemMixin, RulesMixin, TemplateView):
    template_name = "council/item_dossier.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        nomination = self.item.nomination
        ctx.update(
            session=self.session,
            item=self.item,
            nomination=nomination,
            checklist=dossier_checklist(nomination),
            files=[{"file": f, **self.file_urls(f)} for f in selectors.dossier_files_of(self.item)],
        )
        return ctx


class ItemFileMixin(AgendaItemMixin):
    @cached_property
    def dossier_file(self) -> DossierFile:
        return get_object_or_404(selectors.dossier_files_of(self.item), pk=self.kwargs["file_pk"])


class ItemFilePreviewView(ItemFileMixin, RulesMixin, TemplateView):
    template_name = "council/item_file_preview.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(
            session=self.session,
            item=self.dossier_file,
            agenda_item=self.item,
            nomination=self.item.nomination,
            **self.file_urls(self.dossier_file),
        )
        return ctx


class ItemFileInlineView(ItemFileMixin, RulesMixin, View):
    def get(self, request, *args, **kwargs):
        return preview_file_response(self.dossier_file.file, filename=self.dossier_file.original_name)


class ItemFileDownloadView(ItemFileMixin, RulesMixin, View):
    def get(self, request, *args, **kwargs):
        return protected_file_response(self.dossier_file.file, filename=self.dossier_file.original_name)
