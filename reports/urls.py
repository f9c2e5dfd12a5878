from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("plans/<int:pk>/pdf/", views.PlanPdfView.as_view(), name="plan-pdf"),
    path("plans/<int:pk>/docx/", views.PlanDocxView.as_view(), name="plan-docx"),
]
