from django.urls import path

from . import views

app_name = "retention"
urlpatterns = [
    path("", views.queue, name="queue"),
    path("holds/", views.holds, name="holds"),
    path("holds/<int:pk>/lift/", views.hold_lift, name="hold_lift"),
    path("tombstones/", views.tombstones, name="tombstones"),
    path("policy/", views.policy, name="policy"),
]
