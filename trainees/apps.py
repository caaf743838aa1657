from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TraineesConfig(AppConfig):
    name = "trainees"
    verbose_name = _("Trainees")

    def ready(self):
        # Every area registers here, and only here: history labels, dashboard and course-page panels,
        # admin permissions. Lower apps never import trainees (courses.panels, center.dashboard).
        from center.actions import register_actions
        from center.dashboard import register_panel
        from center.generated import register_file_builder
        from center.roles import Role, grant
        from courses.panels import register_course_panel, register_next_step
        from courses.plans import register_plan_actuals
        from courses.services import register_seats_taken
        from trainees.accounts import services as accounts
        from trainees.accounts import slips
        from trainees.certificates import files as certificate_files
        from trainees.certificates import services as certificates
        from trainees.certificates.views import certificates_due_panel
        from trainees.documents import classfile
        from trainees.documents.views import documents_panel
        from trainees.enrolment import officers
        from trainees.enrolment import services as enrolment
        from trainees.enrolment.selectors import approved_count
        from trainees.enrolment.views import officers_panel, pending_panel, roster_panel
        from trainees.hours import services as hours
        from trainees.hours.views import course_hours_panel, my_hours_panel
        from trainees.learning import services as learning
        from trainees.learning.selectors import plan_actuals
        from trainees.learning.views import attendance_dashboard_panel, course_results_panel
        from trainees.records import services as records
        from trainees.records.views import corrections_panel
        from trainees.reports import services as reports
        from trainees.reports.views import todo_panel, year_panel

        for area in (records, accounts, enrolment, officers, learning, certificates, reports, classfile, hours):
            register_actions(area.ACTION_LABELS)

        register_panel(year_panel, page="dashboard", order=5)
        register_panel(pending_panel, page="dashboard", order=10)
        register_panel(todo_panel, page="dashboard", order=12)
        register_panel(corrections_panel, page="dashboard", order=30)
        register_panel(my_hours_panel, page="dashboard", order=35)
        register_panel(attendance_dashboard_panel, page="dashboard", order=40)
        register_panel(certificates_due_panel, page="dashboard", order=45)
        register_course_panel(roster_panel, order=50)
        register_course_panel(officers_panel, order=55)
        register_course_panel(course_results_panel, order=60)
        register_course_panel(documents_panel, order=80)
        register_course_panel(course_hours_panel, order=65)
        register_seats_taken(approved_count)
        register_next_step(classfile.next_step)
        register_plan_actuals(plan_actuals)
        for kind, build in certificate_files.BUILDERS.items():
            register_file_builder(kind, build)
        for kind, build in classfile.BUILDERS.items():  # the trainees' religion is in it: its owner's only
            register_file_builder(kind, build, private=True)
        register_file_builder(slips.KIND_PDF, slips.slips_pdf, keep=slips.KEEP, private=True)

        for role in (Role.DIRECTOR, Role.DEPUTY, Role.CLERK):
            grant(role, "trainees.view_certificate", "trainees.view_attendance")
