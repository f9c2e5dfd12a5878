import os
from importlib import import_module

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# Test hook: a comma-separated list of modules imported at start-up so that their deadline
# providers register, as plans, campaigns and awards do from their own ready(). The integration
# tests start real worker processes with THIDUAKT_TEST_PROVIDERS=tests.notifications.fixture_providers;
# it is unset everywhere else (deliberately not a setting: nothing to configure in production).
TEST_PROVIDERS_ENV = "THIDUAKT_TEST_PROVIDERS"


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = _("Thông báo")

    def ready(self):
        from . import inbox, rules  # noqa: F401  (the administrator's inbox items, the permissions)

        for module in filter(None, (m.strip() for m in os.environ.get(TEST_PROVIDERS_ENV, "").split(","))):
            import_module(module)
