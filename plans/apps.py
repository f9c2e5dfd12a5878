from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "plans"
    verbose_name = _("Kế hoạch")

    def ready(self):
        from . import (
            panels,  # noqa: F401  (registers the home-page panels)
            reminders,  # noqa: F401  (registers the deadlines with the reminder scan)
        )

        self.register_demo()

    @staticmethod
    def register_demo():
        """``manage.py load_demo`` imports the demo plans after the units data."""
        from units.demo import register_demo_loader

        from .demo import demo_plans_load
        from .demo_year import demo_year_plans_load

        register_demo_loader("plans", demo_plans_load, order=20)
        register_demo_loader("plans-year", demo_year_plans_load, order=21)
