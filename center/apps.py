from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CenterConfig(AppConfig):
    name = "center"
    verbose_name = _("Center")

    def ready(self):
        from django.urls import register_converter

        from center import checks  # noqa: F401  (registers the system checks)
        from center.actions import register_actions
        from center.admin import ACTION_LABELS as ADMIN_ACTION_LABELS
        from center.converters import TokenConverter
        from center.lookups import register_lookups
        from center.roles import connect_signals
        from center.services import ACTION_LABELS

        register_actions(ACTION_LABELS)
        register_actions(ADMIN_ACTION_LABELS)
        # Before any URLconf is read: the apps' URLs use it for their secret links.
        register_converter(TokenConverter, "token")
        register_lookups()
        connect_signals()
