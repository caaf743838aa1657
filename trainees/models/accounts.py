import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from trainees.models.people import Trainee


class ActivationCode(models.Model):
    """A one-time code printed on an account slip (or sent as a link) so the trainee chooses a password.
    Only a hash is stored."""

    trainee = models.ForeignKey(
        Trainee, verbose_name=_("trainee"), on_delete=models.CASCADE, related_name="activation_codes"
    )

    class Channel(models.TextChoices):
        SLIP = "slip", _("Printed slip")
        EMAIL = "email", _("E-mail link")

    code_hash = models.CharField(max_length=128)
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices, default=Channel.SLIP)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"))
    used_at = models.DateTimeField(_("used at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        verbose_name = _("activation code")
        verbose_name_plural = _("activation codes")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.trainee} ({self.created_at:%d/%m/%Y})"


def new_calendar_token() -> str:
    return secrets.token_urlsafe(24)


class TraineeAccount(models.Model):
    """The portal side of a trainee's login: the secret of their own calendar feed."""

    trainee = models.OneToOneField(
        Trainee, verbose_name=_("trainee"), on_delete=models.CASCADE, related_name="portal_account"
    )
    calendar_token = models.CharField(_("calendar link secret"), max_length=64, unique=True, default=new_calendar_token)
    activated_at = models.DateTimeField(_("activated at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("trainee portal account")
        verbose_name_plural = _("trainee portal accounts")

    def __str__(self):
        return str(self.trainee)


class ActivationThrottle(models.Model):
    """Activation codes typed within a window, per address (``address:<ip>``: at most a limit, then that
    address waits) and per typed username (``username:<name>``, known or not: past a limit each attempt is
    slowed down, never locked). See ``trainees.accounts.services.activation_code_check``."""

    key = models.CharField(max_length=200, unique=True)
    window_start = models.DateTimeField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("activation attempts")
        verbose_name_plural = _("activation attempts")

    def __str__(self):
        return f"{self.key}: {self.count}"


class CorrectionRequest(models.Model):
    """A trainee's request to correct their personal data; a task for staff."""

    class Status(models.TextChoices):
        OPEN = "open", _("Awaiting action")
        DONE = "done", _("Done")
        DECLINED = "declined", _("Declined")

    trainee = models.ForeignKey(
        Trainee, verbose_name=_("trainee"), on_delete=models.PROTECT, related_name="correction_requests"
    )
    text = models.TextField(_("requested correction"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handled by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    handled_at = models.DateTimeField(_("handled at"), null=True, blank=True)
    reply = models.TextField(_("reply"), blank=True)

    class Meta:
        verbose_name = _("correction request")
        verbose_name_plural = _("correction requests")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.trainee}: {self.text[:40]}"
