from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CenterConfig(AppConfig):
    name = "center"
    verbose_name = _("Center")

    def ready(self):
        from center.roles import connect_signals

        connect_signals()
