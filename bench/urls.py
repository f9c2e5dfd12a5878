"""The project's URLs plus the bench's minimal pages (only under ``bench.settings``)."""

from django.urls import path

from thiduakt.urls import urlpatterns as project_urlpatterns

from . import views

urlpatterns = [
    path("bench/minimal/", views.MinimalView.as_view(), name="bench-minimal"),
    path("bench/layout/", views.LayoutView.as_view(), name="bench-layout"),
    *project_urlpatterns,
]
