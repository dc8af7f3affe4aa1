from django.urls import path

from . import views

app_name = "cases"
urlpatterns = [
    path("", views.case_list, name="list"),
    path("register/", views.case_register, name="register"),
    path("<int:pk>/", views.case_detail, name="detail"),
    path("notes/<int:pk>/copy/", views.note_copy, name="note_copy"),
    path("<int:pk>/edit/", views.case_edit, name="edit"),
    path("<int:pk>/phase/", views.case_phase, name="phase"),
    path("<int:pk>/close/", views.case_close, name="close"),
    path("<int:pk>/reopen/", views.case_reopen, name="reopen"),
    path("<int:pk>/invite/", views.case_invite, name="invite"),
    path("<int:pk>/notes/", views.note_add, name="note_add"),
    path("<int:pk>/ltf/", views.ltf_record, name="ltf"),
    path("<int:pk>/access-log/", views.access_log, name="access_log"),
    path("<int:pk>/checkins/<int:checkin_pk>/done/", views.checkin_done, name="checkin_done"),
    path(
        "<int:pk>/participants/<int:participant_pk>/decline/",
        views.participant_decline,
        name="participant_decline",
    ),
    path(
        "<int:pk>/participants/<int:participant_pk>/accept/",
        views.participant_accept,
        name="participant_accept",
    ),
]
