import time

from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from center.net import client_ip
from staff.services import login_delay


def _wait(seconds: int) -> None:
    time.sleep(seconds)


class LoginForm(AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _(
            "The username or password is not correct. Note that both are case-sensitive; after several failed "
            "attempts the account is locked for a while."
        ),
    }

    def clean(self):
        # A username that many addresses are guessing at is slowed down here, never locked: the password
        # is still checked, so its owner gets in (see staff.services.login_delay).
        username = self.cleaned_data.get("username")
        if username and self.request is not None:
            delay = login_delay(username=username, ip_address=client_ip(self.request))
            if delay:
                _wait(delay)
        return super().clean()
