from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AwardsConfig(AppConfig):
    name = "awards"
    verbose_name = _("Khen thưởng")

    def ready(self):
        from units.demo import register_demo_loader
        from units.signals import unit_reorganised

        from . import (
            panels,  # noqa: F401  (registers the home-page panels)
            reminders,  # noqa: F401  (registers the deadlines with the reminder scan)
        )
        from .demo import demo_awards_load
        from .services import rejudge_after_reorganisation

        # ``manage.py load_demo``: the year's call and nominations, after plans and campaigns.
        register_demo_loader("awards", demo_awards_load, order=40)
        # A reorganisation re-judges the open nominations of the units it touched.
        unit_reorganised.connect(
            rejudge_after_reorganisation, dispatch_uid="awards.rejudge_after_reorganisation"
        )
