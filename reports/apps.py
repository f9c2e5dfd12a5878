from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Báo cáo")

    def ready(self):
        from units.enums import Role
        from units.home import register_panel

        from . import history, inbox, rules, stats  # noqa: F401  (the reports' permissions, inbox item)
        from .views_dashboard import office_dashboard_panel, unit_dashboard_panel

        register_panel(Role.OFFICE, order=95)(office_dashboard_panel)
        register_panel(Role.UNIT_HEAD, order=95)(unit_dashboard_panel)

        from . import issued

        issued.register()  # the renderers of issued documents, one per kind (units.documents)

        from units.demo import register_demo_loader

        from .demo import demo_reports_load

        # ``manage.py load_demo``: the year's review reports, last (their figures read the rest).
        register_demo_loader("reports", demo_reports_load, order=60)
