from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from center.models import REGISTER_NUMBER_MAX_LENGTH
from courses.models import Programme, Session
from trainees.models.enrolments import Enrolment


class Attendance(models.Model):
    """A trainee (through the enrolment) at one session."""

    class Status(models.TextChoices):
        PRESENT = "present", _("Present")
        LATE = "late", _("Late")
        EXCUSED = "excused", _("Excused absence")
        UNEXCUSED = "unexcused", _("Unexcused absence")

    session = models.ForeignKey(
        Session, verbose_name=_("session"), on_delete=models.CASCADE, related_name="attendances"
    )
    enrolment = models.ForeignKey(
        Enrolment, verbose_name=_("enrolment"), on_delete=models.CASCADE, related_name="attendances"
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PRESENT)
    note = models.CharField(_("note"), max_length=255, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), null=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now=True)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [models.UniqueConstraint(fields=["session", "enrolment"], name="attendance_once_per_session")]

    def __str__(self):
        return f"{self.enrolment.trainee} @ {self.session}: {self.get_status_display()}"


class _YearCounter(models.Model):
    """The last register number used in a calendar year; locked while issuing so numbers have no gaps."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        abstract = True

    def __str__(self):
        return f"{self.year}: {self.last_number}"


class CertificateCounter(_YearCounter):
    """The certificates' series."""

    class Meta:
        verbose_name = _("certificate counter")
        verbose_name_plural = _("certificate counters")


class DiplomaCounter(_YearCounter):
    """The sơ cấp diplomas' own series: the last number entered in a year's diploma register."""

    class Meta:
        verbose_name = _("diploma counter")
        verbose_name_plural = _("diploma counters")


class Certificate(models.Model):
    """A certificate (giấy chứng nhận) for a completed enrolment, or the sơ cấp diploma (bằng sơ cấp lý luận
    chính trị) where the programme awards one: its own form, number series and register. Revoked or replaced,
    never deleted."""

    class Kind(models.TextChoices):
        CERTIFICATE = "certificate", _("Certificate")
        DIPLOMA = "diploma", _("Elementary political theory diploma")

    class Status(models.TextChoices):
        VALID = "valid", _("Valid")
        REVOKED = "revoked", _("Revoked")
        REPLACED = "replaced", _("Replaced by a reissue")

    class ReissueCause(models.TextChoices):
        CENTER_ERROR = "center_error", _("An error of the center")
        HOLDER_REQUEST = "holder_request", _("At the holder's request (lost or damaged)")

    enrolment = models.ForeignKey(
        Enrolment, verbose_name=_("enrolment"), on_delete=models.PROTECT, related_name="certificates"
    )
    kind = models.CharField(_("document"), max_length=20, choices=Kind.choices, default=Kind.CERTIFICATE)
    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveIntegerField(_("number in the year"))
    register_number = models.CharField(_("register number"), max_length=REGISTER_NUMBER_MAX_LENGTH)
    issued_on = models.DateField(_("issue date"))
    signer_name = models.CharField(_("signed by"), max_length=120)
    signer_title = models.CharField(_("signer's title"), max_length=60)
    verification_code = models.CharField(_("verification code"), max_length=20, unique=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.VALID)
    replaces = models.OneToOneField(
        "self", verbose_name=_("replaces"), null=True, blank=True, on_delete=models.PROTECT, related_name="replaced_by"
    )
    reissue_cause = models.CharField(
        _("cause of the reissue"), max_length=20, choices=ReissueCause.choices, blank=True, default=""
    )
    reissue_reason = models.TextField(_("reason for the reissue"), blank=True)
    revoked_reason = models.TextField(_("revocation reason"), blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("issued by"), null=True, on_delete=models.PROTECT, related_name="+"
    )
    # What the certificate printed, stored when it is issued: later edits of the trainee, the course or the
    # result never change a certificate already handed out (its PDF, the register and /verify/ read these).
    family_name = models.CharField(_("family and middle name"), max_length=80, blank=True)
    given_name = models.CharField(_("given name"), max_length=40, blank=True)
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    salutation = models.CharField(_("salutation"), max_length=20, blank=True)
    unit_name = models.CharField(_("unit"), max_length=255, blank=True)
    programme_name = models.CharField(_("programme"), max_length=255, blank=True)
    course_title = models.CharField(_("course title"), max_length=255, blank=True)
    course_code = models.CharField(_("course code"), max_length=40, blank=True)
    course_start = models.DateField(_("start date"), null=True, blank=True)
    course_end = models.DateField(_("end date"), null=True, blank=True)
    grade = models.CharField(_("grade"), max_length=20, choices=Enrolment.Grade.choices, blank=True, default="")
    score = models.DecimalField(_("score"), max_digits=3, decimal_places=1, null=True, blank=True)
    # The completion decision the certificate cites (courses.IssuedDocument), as printed.
    decision_number = models.CharField(_("completion decision number"), max_length=60, blank=True)
    decision_date = models.DateField(_("completion decision date"), null=True, blank=True)
    # The last day it counts, where the programme sets a validity (nhận thức về Đảng: 60 months).
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["-year", "-number"]
        constraints = [
            # Certificates and diplomas are numbered in series of their own.
            models.UniqueConstraint(fields=["kind", "year", "number"], name="certificate_number_unique_in_series"),
            # Issued once per enrolment (HD 154-HD/BTGTW); later copies are reissues that point to the old one.
            models.UniqueConstraint(
                fields=["enrolment"],
                condition=models.Q(replaces__isnull=True),
                name="certificate_issued_once_per_enrolment",
            ),
        ]

    def __str__(self):
        return self.register_number

    @property
    def is_diploma(self) -> bool:
        return self.kind == self.Kind.DIPLOMA

    def is_in_force_on(self, day) -> bool:
        """Valid (not revoked or replaced) and, where it has a validity, not yet expired on ``day``."""
        return self.status == self.Status.VALID and (self.valid_until is None or self.valid_until >= day)

    @property
    def is_reissue(self) -> bool:
        return self.replaces_id is not None

    @property
    def signature_lines(self) -> list[str]:
        """The signer's title as printed, one line each (a deputy: “KT. GIÁM ĐỐC”, “PHÓ GIÁM ĐỐC”)."""
        return [line for line in self.signer_title.splitlines() if line.strip()]

    @property
    def authority_title(self) -> str:
        """Whose authority the certificate is issued under: the director's title even when a deputy signed."""
        first = self.signature_lines[0] if self.signature_lines else ""
        return first[4:] if first.startswith("KT. ") else first

    @property
    def register_note(self) -> str:
        """The register's note: the certificate it replaces with the cause and reason, or why it was revoked.
        Reads ``self.replaces`` (join it)."""
        parts = []
        if self.replaces_id:
            parts.append(f"Cấp lại cho số {self.replaces.register_number}")
            if self.reissue_cause:
                parts.append(str(self.get_reissue_cause_display()).lower())
            if self.reissue_reason:
                parts.append(self.reissue_reason)
        if self.revoked_reason:
            parts.append(f"Thu hồi: {self.revoked_reason}")
        return "; ".join(parts)

    @property
    def full_name(self) -> str:
        return f"{self.family_name} {self.given_name}".strip()

    @property
    def needs_review(self) -> bool:
        """A certificate still in force whose trainee's result changed after it was issued (the results
        were reopened): the score or grade differs from what it printed, or the trainee is no longer
        recorded as having completed. Reads ``self.enrolment`` (join it)."""
        if self.status != self.Status.VALID:
            return False
        enrolment = self.enrolment
        return (
            enrolment.completion != Enrolment.Completion.COMPLETED
            or enrolment.grade != self.grade
            or enrolment.score != self.score
        )


class RegisterClosure(models.Model):
    """A year's certificate register book of one programme, closed by the director: its pages are numbered
    (trang x/y) and counted, ready for the seal across the pages (giáp lai); no certificate dated in that year
    is added to it afterwards. The diplomas' register is a book of its own (``kind``)."""

    kind = models.CharField(
        _("register of"), max_length=20, choices=Certificate.Kind.choices, default=Certificate.Kind.CERTIFICATE
    )
    year = models.PositiveSmallIntegerField(_("year"))
    programme = models.ForeignKey(Programme, verbose_name=_("programme"), on_delete=models.PROTECT, related_name="+")
    pages = models.PositiveIntegerField(_("pages"))
    entries = models.PositiveIntegerField(_("entries"))
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("closed by"), null=True, on_delete=models.PROTECT, related_name="+"
    )
    closed_at = models.DateTimeField(_("closed at"), auto_now_add=True)

    class Meta:
        verbose_name = _("closed register book")
        verbose_name_plural = _("closed register books")
        constraints = [models.UniqueConstraint(fields=["kind", "year", "programme"], name="register_book_closed_once")]

    def __str__(self):
        return f"{self.year} · {self.programme}"
