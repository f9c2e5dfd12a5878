from django.urls import path

from . import views

app_name = "units"

urlpatterns = [
    path("", views.HomeView.as_view(), name="list"),
    path("clusters/", views.HomeView.as_view(), name="cluster-list"),
    path("staff/", views.HomeView.as_view(), name="person-list"),
]
