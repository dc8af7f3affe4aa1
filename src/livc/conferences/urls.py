from django.urls import path

from . import views

app_name = "conferences"
urlpatterns = [
    path("", views.conference_list, name="list"),
    path("new/", views.conference_create, name="create"),
    path("<int:pk>/", views.conference_detail, name="detail"),
    path("minutes/<int:pk>/copy/", views.minutes_copy, name="minutes_copy"),
    path("<int:pk>/agenda/", views.agenda_add, name="agenda_add"),
    path("<int:pk>/agenda/<int:item_pk>/remove/", views.agenda_remove, name="agenda_remove"),
    path("<int:pk>/invitations/", views.invitations, name="invitations"),
    path("<int:pk>/attestation/", views.attestation, name="attestation"),
    path("<int:pk>/attendance/", views.attendance, name="attendance"),
    path("<int:pk>/items/<int:item_pk>/minutes/", views.minutes, name="minutes"),
    path("<int:pk>/held/", views.mark_held, name="held"),
    path("<int:pk>/approve/", views.approve, name="approve"),
    path("<int:pk>/minutes.pdf", views.minutes_pdf, name="pdf"),
    path("<int:pk>/calendar.ics", views.calendar_file, name="ics"),
]
