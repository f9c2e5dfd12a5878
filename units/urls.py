from django.urls import path

from . import views, views_documents, views_import

app_name = "units"

urlpatterns = [
    path("", views.UnitListView.as_view(), name="list"),
    path("new/", views.UnitCreateView.as_view(), name="create"),
    path("<int:pk>/", views.UnitDetailView.as_view(), name="detail"),
    path("<int:pk>/edit/", views.UnitUpdateView.as_view(), name="edit"),
    path("<int:pk>/deactivate/", views.UnitDeactivateView.as_view(), name="deactivate"),
    path("reorganisations/", views.ReorganisationListView.as_view(), name="reorganisation-list"),
    path("reorganisations/new/", views.ReorganisationCreateView.as_view(), name="reorganisation-create"),
    path("reorganisations/<int:pk>/", views.ReorganisationDetailView.as_view(), name="reorganisation-detail"),
    path(
        "reorganisations/<int:pk>/main/", views.ReorganisationMainView.as_view(), name="reorganisation-main"
    ),
    path("clusters/", views.ClusterListView.as_view(), name="cluster-list"),
    path("clusters/new/", views.ClusterCreateView.as_view(), name="cluster-create"),
    path("clusters/copy/", views.ClusterCopyView.as_view(), name="cluster-copy"),
    path("clusters/<int:pk>/", views.ClusterDetailView.as_view(), name="cluster-detail"),
    path("clusters/<int:pk>/edit/", views.ClusterUpdateView.as_view(), name="cluster-edit"),
    path("clusters/<int:pk>/deactivate/", views.ClusterDeactivateView.as_view(), name="cluster-deactivate"),
    path("staff/", views.PersonListView.as_view(), name="person-list"),
    path("staff/new/", views.PersonCreateView.as_view(), name="person-create"),
    path("staff/<int:pk>/", views.PersonDetailView.as_view(), name="person-detail"),
    path("staff/<int:pk>/edit/", views.PersonUpdateView.as_view(), name="person-edit"),
    path("staff/<int:pk>/deactivate/", views.PersonDeactivateView.as_view(), name="person-deactivate"),
    # staff import urls below
    path("staff/import/", views_import.StaffImportView.as_view(), name="staff-import"),
    path(
        "staff/import/template/", views_import.StaffImportTemplateView.as_view(), name="staff-import-template"
    ),
    path("staff/import/confirm/", views_import.StaffImportConfirmView.as_view(), name="staff-import-confirm"),
    # the register of issued documents (office)
    path("documents/", views_documents.IssuedRegisterView.as_view(), name="issued-register"),
    path(
        "documents/<int:pk>/<str:fmt>/",
        views_documents.IssuedDownloadView.as_view(),
        name="issued-download",
    ),
]
