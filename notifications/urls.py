from django.urls import path

from . import views

app_name = "notifications"

urlpatterns = [
    path("", views.NotificationListView.as_view(), name="list"),
    path("<int:pk>/read/", views.NotificationReadView.as_view(), name="read"),
    path("read-all/", views.NotificationReadAllView.as_view(), name="read-all"),
    path("bell/", views.PartialBellView.as_view(), name="partial-bell"),
    path("settings/", views.PreferenceView.as_view(), name="settings"),
    path("settings/calendar-reset/", views.CalendarTokenResetView.as_view(), name="calendar-reset"),
    path("calendar/<slug:token>.ics", views.CalendarFeedView.as_view(), name="calendar-feed"),
    path("sent/", views.ReminderLogView.as_view(), name="sent"),
    path("sent/<int:pk>/resend/", views.ReminderResendView.as_view(), name="resend"),
    path("sent/scan/", views.ReminderScanView.as_view(), name="scan"),
]
