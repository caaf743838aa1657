from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TraineesConfig(AppConfig):
    name = "trainees"
    verbose_name = _("Trainees")

    def ready(self):
        # Trainee portal: the managers' count of open correction requests, and account history labels.
        from center.audit import register_actions
        from center.dashboard import register_panel
        from trainees.services.accounts import ACTION_LABELS as ACCOUNT_ACTIONS
        from trainees.views.accounts import corrections_panel

        register_actions(ACCOUNT_ACTIONS)
        register_panel(corrections_panel, page="dashboard", order=30)

        # Enrolments: the director's count of pending enrolments; history labels of trainees/enrolments.
        import trainees.services.enrolments  # noqa: F401 — registers its action labels
        import trainees.services.trainees  # noqa: F401
        from trainees.views.enrolments import pending_panel

        register_panel(pending_panel, page="dashboard", order=10)

        # Printed documents: a section on the course page (courses never imports trainees).
        from courses.panels import register_course_panel
        from trainees.views.documents import documents_panel

        register_course_panel(documents_panel, order=80)

        # Attendance, results, certificates: history labels, panels, admin permissions (certificate actions).
        import trainees.services.certificates  # noqa: F401 — registers its action labels
        import trainees.services.results  # noqa: F401
        from center.roles import Role, grant
        from trainees.views.results import attendance_dashboard_panel, course_results_panel

        register_panel(attendance_dashboard_panel, page="dashboard", order=40)
        register_course_panel(course_results_panel, order=60)
        for role in (Role.DIRECTOR, Role.DEPUTY, Role.CLERK):
            grant(role, "trainees.view_certificate", "trainees.view_attendance")
        grant(Role.DIRECTOR, "trainees.change_certificate")
