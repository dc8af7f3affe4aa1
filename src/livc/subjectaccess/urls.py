from django.urls import path

from . import views

app_name = "subjectaccess"
urlpatterns = [
    path("", views.search, name="search"),
    path("subjects/<int:pk>/", views.subject_detail, name="subject"),
    path("subjects/<int:pk>/export.json", views.export_json, name="export_json"),
    path("subjects/<int:pk>/export.pdf", views.export_pdf, name="export_pdf"),
    path(
        "subjects/<int:subject_pk>/requests/new/",
        views.request_create,
        name="subject_request_create",
    ),
    path("requests/", views.request_list, name="requests"),
    path("requests/new/", views.request_create, name="request_create"),
    path("requests/<int:pk>/", views.request_detail, name="request"),
    path("requests/<int:pk>/decide/", views.request_decide, name="request_decide"),
]
