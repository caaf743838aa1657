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
