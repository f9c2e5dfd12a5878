from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AwardsConfig(AppConfig):
    name = "awards"
    verbose_name = _("Khen thưởng")

    def ready(self):
        from . import (
            panels,  # noqa: F401  (registers the home-page panels)
            reminders,  # noqa: F401  (registers the deadlines with the reminder scan)
        )
