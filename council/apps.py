from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CouncilConfig(AppConfig):
    name = "council"
    verbose_name = _("Hội đồng Thi đua - Khen thưởng")

    def ready(self):
        from units.demo import register_demo_loader

        from . import panels, providers, rules  # noqa: F401  (home panels, deadlines, permissions)
        from .demo import demo_council_load

        # ``manage.py load_demo``: the year's sessions and decision, after the awards demo.
        register_demo_loader("council", demo_council_load, order=50)
