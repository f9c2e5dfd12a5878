from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from thiduakt.views import healthz
from units.forms import LoginForm
from units.views import HomeView
from units.views_documents import VerifyView

admin.site.site_header = _("Quản trị thiduakt")
admin.site.site_title = _("Quản trị thiduakt")
admin.site.index_title = _("Dữ liệu danh mục")

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    path("healthz", healthz, name="healthz"),
    path("kiem-tra-van-ban/", VerifyView.as_view(), name="verify-document"),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(authentication_form=LoginForm, redirect_authenticated_user=True),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("accounts/password/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("units/", include("units.urls")),
    path("campaigns/", include("campaigns.urls")),
    path("notifications/", include("notifications.urls")),
    path("plans/", include("plans.urls")),
    path("awards/", include("awards.urls")),
    path("council/", include("council.urls")),
    path("reports/", include("reports.urls")),
    path("admin/", admin.site.urls),
]
