from django.urls import path

from trainees.learning import views

# Attendance, results, completion and the completion decision
urlpatterns = [
    path("sessions/<int:pk>/attendance/", views.attendance_session, name="attendance_session"),
    path("courses/<int:pk>/attendance/", views.attendance_course, name="attendance_course"),
    path("courses/<int:pk>/results/", views.results_course, name="results_course"),
    path("courses/<int:pk>/results/scores/", views.results_scores, name="results_scores"),
    path("courses/<int:pk>/results/completion/", views.results_completion, name="results_completion"),
    path(
        "courses/<int:pk>/results/completion/confirm/",
        views.results_completion_confirm,
        name="results_completion_confirm",
    ),
    path("courses/<int:pk>/results/reopen/", views.results_reopen, name="results_reopen"),
    path("courses/<int:pk>/results/decision/", views.results_completion_decision, name="results_completion_decision"),
    path(
        "courses/<int:pk>/results/decision.pdf",
        views.results_completion_decision_pdf,
        name="results_completion_decision_pdf",
    ),
]
