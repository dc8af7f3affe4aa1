from django.urls import path

from . import views

app_name = "polarisation"
urlpatterns = [
    path("", views.situation_list, name="list"),
    path("overview/", views.overview, name="overview"),
    path("new/", views.situation_create, name="create"),
    path("<int:pk>/", views.situation_detail, name="detail"),
    path("<int:pk>/edit/", views.situation_edit, name="edit"),
    path("<int:pk>/state/<slug:to_state>/", views.situation_transition, name="transition"),
    path("<int:pk>/contributions/", views.contribution_add, name="contribution_add"),
    path("<int:pk>/reviews/", views.review_record, name="review_record"),
    path("<int:pk>/interventions/", views.interventions, name="interventions"),
    path("<int:pk>/interventions/add/", views.intervention_plan, name="intervention_plan"),
    path("interventions/<int:pk>/edit/", views.intervention_edit, name="intervention_edit"),
]
