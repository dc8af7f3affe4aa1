from django.urls import path

from . import views

app_name = "dpo"
urlpatterns = [
    path("", views.home, name="home"),
    path("access-log/", views.access_log, name="access_log"),
    path("access-log/export/", views.access_log_export, name="access_log_export"),
    path("statistics/", views.access_statistics, name="statistics"),
    path("integrity/", views.integrity, name="integrity"),
    path("integrity/verify/", views.verify, name="verify"),
    path("register/", views.processing_register, name="register"),
    path("register/pdf/", views.processing_register_pdf, name="register_pdf"),
]
