from django.urls import include, path

from . import views, views_documents, views_import

app_name = "units"

reorganisations = [
    path("", views.ReorganisationListView.as_view(), name="reorganisation-list"),
    path("new/", views.ReorganisationCreateView.as_view(), name="reorganisation-create"),
    path("<int:pk>/", views.ReorganisationDetailView.as_view(), name="reorganisation-detail"),
    path("<int:pk>/main/", views.ReorganisationMainView.as_view(), name="reorganisation-main"),
]

clusters = [
    path("", views.ClusterListView.as_view(), name="cluster-list"),
    path("new/", views.ClusterCreateView.as_view(), name="cluster-create"),
    path("copy/", views.ClusterCopyView.as_view(), name="cluster-copy"),
    path("<int:pk>/", views.ClusterDetailView.as_view(), name="cluster-detail"),
    path("<int:pk>/edit/", views.ClusterUpdateView.as_view(), name="cluster-edit"),
    path("<int:pk>/deactivate/", views.ClusterDeactivateView.as_view(), name="cluster-deactivate"),
]

staff_import = [
    path("", views_import.StaffImportView.as_view(), name="staff-import"),
    path("template/", views_import.StaffImportTemplateView.as_view(), name="staff-import-template"),
    path("confirm/", views_import.StaffImportConfirmView.as_view(), name="staff-import-confirm"),
]

staff = [
    path("", views.PersonListView.as_view(), name="person-list"),
    path("new/", views.PersonCreateView.as_view(), name="person-create"),
    path("<int:pk>/", views.PersonDetailView.as_view(), name="person-detail"),
    path("<int:pk>/edit/", views.PersonUpdateView.as_view(), name="person-edit"),
    path("<int:pk>/deactivate/", views.PersonDeactivateView.as_view(), name="person-deactivate"),
    path("import/", include(staff_import)),
]

# the register of issued documents (office)
documents = [
    path("", views_documents.IssuedRegisterView.as_view(), name="issued-register"),
    path("<int:pk>/<str:fmt>/", views_documents.IssuedDownloadView.as_view(), name="issued-download"),
]

urlpatterns = [
    path("", views.UnitListView.as_view(), name="list"),
    path("new/", views.UnitCreateView.as_view(), name="create"),
    path("<int:pk>/", views.UnitDetailView.as_view(), name="detail"),
    path("<int:pk>/edit/", views.UnitUpdateView.as_view(), name="edit"),
    path("<int:pk>/deactivate/", views.UnitDeactivateView.as_view(), name="deactivate"),
    path("reorganisations/", include(reorganisations)),
    path("clusters/", include(clusters)),
    path("staff/", include(staff)),
    path("documents/", include(documents)),
]
