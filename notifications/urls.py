from django.urls import include, path

from . import views

app_name = "notifications"

preferences = [
    path("", views.PreferenceView.as_view(), name="settings"),
    path("calendar-reset/", views.CalendarTokenResetView.as_view(), name="calendar-reset"),
]

sent = [
    path("", views.ReminderLogView.as_view(), name="sent"),
    path("<int:pk>/resend/", views.ReminderResendView.as_view(), name="resend"),
    path("scan/", views.ReminderScanView.as_view(), name="scan"),
]

urlpatterns = [
    path("", views.NotificationListView.as_view(), name="list"),
    path("<int:pk>/read/", views.NotificationReadView.as_view(), name="read"),
    path("read-all/", views.NotificationReadAllView.as_view(), name="read-all"),
    path("bell/", views.PartialBellView.as_view(), name="partial-bell"),
    path("settings/", include(preferences)),
    path("calendar/<slug:token>.ics", views.CalendarFeedView.as_view(), name="calendar-feed"),
    path("sent/", include(sent)),
]
