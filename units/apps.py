from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UnitsConfig(AppConfig):
    name = "units"
    verbose_name = _("Tổ chức và nhân sự")

    def ready(self):
        from django.contrib.auth.models import update_last_login
        from django.contrib.auth.signals import user_logged_in
        from django.core.signals import request_finished, request_started
        from django.db import connections
        from django.db.backends.signals import connection_created

        from . import (
            panels,  # noqa: F401  (registers the home-page panels)
            search,  # noqa: F401  (the fold transform and SQLite's fold function)
        )
        from .generations import install, request_began, request_ended
        from .sessions import stamp_last_login, stamp_session_on_login

        # The session's idle and age clocks start at the login (units.sessions).
        user_logged_in.connect(stamp_session_on_login, dispatch_uid="thiduakt.session-stamp")
        # The login's time without saving the user: a login changes no page (units.generations).
        user_logged_in.disconnect(update_last_login, dispatch_uid="update_last_login")
        user_logged_in.connect(stamp_last_login, dispatch_uid="thiduakt.last-login")

        # Every write through any connection renews the cached values' generations (units.generations).
        connection_created.connect(install, dispatch_uid="thiduakt.watch-writes")
        for connection in connections.all(initialized_only=True):
            install(connection)
        request_started.connect(request_began, dispatch_uid="thiduakt.generations-began")
        request_finished.connect(request_ended, dispatch_uid="thiduakt.generations-ended")
