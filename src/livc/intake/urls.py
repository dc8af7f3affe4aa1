from django.urls import path

from . import views

app_name = "intake"
urlpatterns = [
    path("", views.signal_list, name="signal_list"),
    path("new/", views.signal_create, name="signal_create"),
    path("<int:pk>/", views.signal_detail, name="signal_detail"),
    path("<int:pk>/screen/", views.signal_screen, name="signal_screen"),
    path("consultations/", views.consultation_list, name="consultation_list"),
    path("consultations/new/", views.consultation_create, name="consultation_create"),
    path("consultations/<int:pk>/", views.consultation_detail, name="consultation_detail"),
]
