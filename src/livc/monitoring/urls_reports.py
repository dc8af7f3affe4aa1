from django.urls import path

from . import views_reports as views

urlpatterns = [
    path("reports/", views.report_list, name="reports"),
    path("reports/open/", views.report_open, name="report_open"),
    path("reports/<int:report_id>/", views.report_detail, name="report"),
    path("reports/<int:report_id>/generate/", views.report_generate, name="report_generate"),
    path("reports/jobs/<int:job_id>/", views.report_job, name="report_job"),
    path("reports/jobs/<int:job_id>/download/", views.report_download, name="report_download"),
]
