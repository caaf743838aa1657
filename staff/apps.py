from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StaffConfig(AppConfig):
    name = "staff"
    verbose_name = _("Staff")

    def ready(self):
        from center.actions import register_actions
        from center.dashboard import register_panel
        from staff.services import ACTION_LABELS

        register_actions(ACTION_LABELS)
        from center.roles import Role, grant
        from staff.panels import staffing_panel

        for role in (Role.DIRECTOR, Role.DEPUTY):
            grant(role, "staff.add_staffmember", "staff.change_staffmember", "staff.view_staffmember")
        grant(Role.CLERK, "staff.view_staffmember")
        register_panel(staffing_panel, page="center", order=10)
        register_panel(staffing_panel, page="dashboard", order=90)
