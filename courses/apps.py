from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = _("Courses")

    def ready(self):
        from center.actions import register_actions
        from center.dashboard import register_panel
        from courses import plans, register
        from courses.services import ACTION_LABELS

        register_actions(ACTION_LABELS)
        register_actions(register.ACTION_LABELS)
        register_actions(plans.ACTION_LABELS)
        from center.generated import register_file_builder
        from courses.register_views import issued_document_file

        register_file_builder("issued_document_pdf", issued_document_file)
        from center.roles import Role, grant
        from courses.panels import open_courses_panel, timetable_panel

        # Sessions are only viewed in the admin: scheduling goes through the clash checks of the services.
        manage = [f"courses.{a}_{m}" for m in ("programme", "topic", "course") for a in ("add", "change", "view")]
        for role in (Role.DIRECTOR, Role.DEPUTY, Role.CLERK):
            grant(role, *manage, "courses.view_session")
        register_panel(timetable_panel, page="dashboard", order=20)
        register_panel(open_courses_panel, page="landing", order=20)
