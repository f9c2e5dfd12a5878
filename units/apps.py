from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UnitsConfig(AppConfig):
    name = "units"
    verbose_name = _("Tổ chức và nhân sự")

    def ready(self):
        from . import panels  # noqa: F401  (registers the home-page panels)
