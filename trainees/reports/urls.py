from django.urls import path

from trainees.reports import views

# The director's figures
urlpatterns = [
    path("reports/statistics/", views.statistics_page, name="statistics"),
    path("reports/statistics.xlsx", views.statistics_xlsx, name="statistics_xlsx"),
]
