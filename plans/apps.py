from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "plans"
    verbose_name = _("Kế hoạch")

    def ready(self):
        from . import panels  # noqa: F401  (registers the home-page panels)
        from . import reminders  # noqa: F401  (registers the deadlines with the reminder scan)
