from django.urls import path

from . import views

app_name = "policy"
urlpatterns = [
    path("", views.plan_list, name="plan_list"),
    path("new/", views.plan_create, name="plan_create"),
    path("my-measures/", views.my_measures, name="my_measures"),
    path("overdue/", views.overdue, name="overdue"),
    path("<int:pk>/", views.plan_detail, name="plan_detail"),
    path("<int:pk>/edit/", views.plan_edit, name="plan_edit"),
    path("<int:pk>/status/<slug:to_status>/", views.plan_transition, name="plan_transition"),
    path("<int:pk>/import/", views.plan_import, name="plan_import"),
    path("<int:pk>/objectives/new/", views.objective_create, name="objective_create"),
    path("<int:pk>/measures/new/", views.measure_create, name="measure_create"),
    path("<int:pk>/recommendations/", views.recommendation_list, name="recommendation_list"),
    path(
        "<int:pk>/recommendations/new/",
        views.recommendation_create,
        name="recommendation_create",
    ),
    path("<int:pk>/report.pdf", views.report_pdf, name="report_pdf"),
    path("<int:pk>/report.xlsx", views.report_xlsx, name="report_xlsx"),
    path("measures/<int:pk>/", views.measure_detail, name="measure_detail"),
    path("measures/<int:pk>/edit/", views.measure_edit, name="measure_edit"),
    path(
        "measures/<int:pk>/status/<slug:to_status>/",
        views.measure_transition,
        name="measure_transition",
    ),
    path("measures/<int:pk>/updates/new/", views.update_submit, name="update_submit"),
    path("recommendations/<int:pk>/edit/", views.recommendation_edit, name="recommendation_edit"),
]
