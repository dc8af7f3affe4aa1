from django.urls import path

from . import views

app_name = "library"
urlpatterns = [
    path("", views.entry_list, name="list"),
    path("new/", views.entry_create, name="create"),
    path("<int:pk>/", views.entry_detail, name="detail"),
    path("<int:pk>/edit/", views.entry_edit, name="edit"),
    path("<int:pk>/retire/", views.entry_retire, name="retire"),
    path("<int:pk>/reinstate/", views.entry_reinstate, name="reinstate"),
    path("<int:pk>/relations/", views.relation_add, name="relation_add"),
    path("relations/<int:pk>/remove/", views.relation_remove, name="relation_remove"),
    path("issuers/", views.issuer_list, name="issuers"),
    path("issuers/new/", views.issuer_create, name="issuer_create"),
    path("issuers/<int:pk>/edit/", views.issuer_edit, name="issuer_edit"),
]
