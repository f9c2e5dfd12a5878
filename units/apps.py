from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UnitsConfig(AppConfig):
    name = "units"
    verbose_name = _("Tổ chức và nhân sự")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from thiduakt.middleware import stamp_session_on_login

        from . import panels  # noqa: F401  (registers the home-page panels)

        # The session's idle and age clocks start at the login (thiduakt.middleware).
        user_logged_in.connect(stamp_session_on_login, dispatch_uid="thiduakt.session-stamp")
