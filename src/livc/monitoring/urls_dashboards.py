from django.urls import path

from . import views_dashboards as views

urlpatterns = [
    path("cell/", views.cell_dashboard, name="cell_dashboard"),
    path("supervisor/", views.supervisor_dashboard, name="supervisor_dashboard"),
]
