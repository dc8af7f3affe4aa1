from django.urls import path

from . import views

app_name = "charters"
urlpatterns = [
    path("", views.index, name="index"),
    path("accept/", views.accept, name="accept"),
    path("cell/<int:cell_id>/", views.detail, name="detail"),
    path("cell/<int:cell_id>/acceptances/", views.acceptances, name="acceptances"),
    path("cell/<int:cell_id>/publish/<str:kind>/", views.publish, name="publish"),
    path("version/<int:version_id>/", views.version, name="version"),
]
