from django.urls import path

from . import views

app_name = "trajectories"
urlpatterns = [
    path("", views.index, name="index"),
    path("my-actions/", views.my_actions, name="my_actions"),
    path("progress-notes/<int:pk>/copy/", views.progress_note_copy, name="progress_note_copy"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("dashboard/<slug:section>/", views.dashboard_section, name="dashboard_section"),
    path("case/<int:case_id>/", views.plan, name="plan"),
    path("case/<int:case_id>/actions/", views.action_add, name="action_add"),
    path("case/<int:case_id>/goals/", views.goal_add, name="goal_add"),
    path("case/<int:case_id>/goals/<int:goal_id>/", views.goal_reached, name="goal_reached"),
    path("case/<int:case_id>/schedule/", views.plan_schedule, name="schedule"),
    path("case/<int:case_id>/reviews/", views.review_add, name="review_add"),
    path("actions/<int:action_id>/edit/", views.action_edit, name="action_edit"),
    path("actions/<int:action_id>/status/", views.action_transition, name="action_transition"),
    path("actions/<int:action_id>/notes/", views.progress_note_add, name="note_add"),
]
