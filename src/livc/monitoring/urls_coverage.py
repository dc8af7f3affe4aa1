from django.urls import path

from . import views_coverage

urlpatterns = [
    path("coverage/", views_coverage.coverage, name="coverage"),
    path("coverage/export.csv", views_coverage.coverage_csv, name="coverage_csv"),
    path("coverage/export.json", views_coverage.coverage_json, name="coverage_json"),
]
