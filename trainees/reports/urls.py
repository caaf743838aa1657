from django.urls import path

from trainees.reports import views

# The director's figures and the reports sent upward
urlpatterns = [
    path("reports/statistics/", views.statistics_page, name="statistics"),
    path("reports/statistics.xlsx", views.statistics_xlsx, name="statistics_xlsx"),
    path("reports/", views.report_list, name="report_list"),
    path("reports/<int:year>/<str:span>/", views.report_detail, name="report_detail"),
    path("reports/<int:year>/<str:span>/issue/", views.report_issue, name="report_issue"),
]
