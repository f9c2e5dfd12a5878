from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampaignsConfig(AppConfig):
    name = "campaigns"
    verbose_name = _("Phong trào thi đua")

    def ready(self):
        from units.demo import register_demo_loader

        from . import (
            panels,  # noqa: F401  (registers the home-page panels)
            reminders,  # noqa: F401  (registers the registration deadlines with the scan)
        )
        from .demo import demo_campaigns_load
        from .demo_year import demo_year_campaigns_load

        register_demo_loader("campaigns", demo_campaigns_load, order=30)
        register_demo_loader("campaigns-year", demo_year_campaigns_load, order=31)
