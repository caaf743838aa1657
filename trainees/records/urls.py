from django.urls import path

from trainees.records import views

# Trainee records and the trainees' correction requests
urlpatterns = [
    path("trainees/", views.trainee_list, name="trainee_list"),
    path("trainees/export.xlsx", views.trainee_export, name="trainee_export"),
    path("trainees/new/", views.trainee_create, name="trainee_create"),
    path("trainees/<int:pk>/", views.trainee_detail, name="trainee_detail"),
    path("trainees/<int:pk>/edit/", views.trainee_edit, name="trainee_edit"),
    path("trainees/<int:pk>/merge/<int:into_pk>/", views.trainee_merge_view, name="trainee_merge"),
    path("trainees/corrections/", views.correction_list, name="correction_list"),
    path("trainees/corrections/<int:pk>/handle/", views.correction_handle, name="correction_handle"),
]
