from django.urls import path

from . import views

app_name = "privacy"
urlpatterns = [
    path("copies/notes/<int:pk>/", views.note_copy, name="note_copy"),
    path("copies/minutes/<int:pk>/", views.minutes_copy, name="minutes_copy"),
    path("copies/progress-notes/<int:pk>/", views.progress_note_copy, name="progress_note_copy"),
]
