"""One view for every .xlsx export: ``reports:export <identifier>`` with the list page's filters.

Access in the list page's order: anonymous -> login page; unknown export -> 404; the list page's
permission missing -> 403. The rows come scoped from the exporter's selector, so a unit head's
file holds their unit's rows whatever the querystring says.
"""

from django.http import Http404
from django.views import View

from units.views import RulesMixin

from .exporters.base import exporter_for


class ExportView(RulesMixin, View):
    def get_exporter(self):
        if not hasattr(self, "_exporter"):
            cls = exporter_for(self.kwargs["name"])
            if cls is None:
                raise Http404
            self._exporter = cls(self.request)
        return self._exporter

    def has_permission(self):
        return self.get_exporter().has_permission()

    def get(self, request, *args, **kwargs):
        return self.get_exporter().response()
