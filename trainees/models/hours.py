"""Lecturer hours and pay: the center's norms and rates (data the director edits), the papers marked and exams
set per course, and the statements of hours for part-time and guest lecturers, frozen when issued.
docs/teaching-hours.md says where each default comes from."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from courses.models import Course
from staff.models import StaffMember

# The lecturers paid by the statement of hours (the established staff teach within their norm).
PAID_POSITIONS = (
    StaffMember.Position.PART_TIME_LECTURER,
    StaffMember.Position.GUEST_LECTURER,
    StaffMember.Position.REPORTER,
)
MAX_RATE = 100_000_000


class HoursRules(models.Model):
    """The center's teaching norms, conversions and pay rates: one row (``HoursRules.load()``), edited by
    the director on **Giờ giảng → Định mức và đơn giá**. Defaults: docs/teaching-hours.md."""

    yearly_norm = models.DecimalField(
        _("yearly norm of a full-time lecturer (standard hours)"),
        max_digits=6,
        decimal_places=1,
        default=Decimal("270"),
        validators=[MinValueValidator(0), MaxValueValidator(2000)],
    )
    director_share = models.PositiveSmallIntegerField(
        _("director's share of the norm (%)"), default=10, validators=[MaxValueValidator(100)]
    )
    deputy_share = models.PositiveSmallIntegerField(
        _("deputy director's share of the norm (%)"), default=20, validators=[MaxValueValidator(100)]
    )
    hours_per_period = models.DecimalField(
        _("standard hours per period taught"),
        max_digits=4,
        decimal_places=2,
        default=Decimal("1"),
        validators=[MinValueValidator(0), MaxValueValidator(10)],
    )
    hours_per_paper = models.DecimalField(
        _("standard hours per paper marked"),
        max_digits=4,
        decimal_places=2,
        default=Decimal("0.1"),
        validators=[MinValueValidator(0), MaxValueValidator(10)],
        help_text=_("Final papers (bài thu hoạch) and retakes"),
    )
    hours_per_exam = models.DecimalField(
        _("standard hours per exam set"),
        max_digits=4,
        decimal_places=2,
        default=Decimal("1"),
        validators=[MinValueValidator(0), MaxValueValidator(50)],
        help_text=_("Setting the paper's questions (ra đề) for one course"),
    )
    rate_part_time = models.PositiveIntegerField(
        _("rate for part-time lecturers (đồng per standard hour)"),
        default=100_000,
        validators=[MaxValueValidator(MAX_RATE)],
    )
    rate_guest = models.PositiveIntegerField(
        _("rate for guest lecturers (đồng per standard hour)"),
        default=150_000,
        validators=[MaxValueValidator(MAX_RATE)],
    )
    rate_reporter = models.PositiveIntegerField(
        _("rate for reporters (đồng per standard hour)"),
        default=150_000,
        validators=[MaxValueValidator(MAX_RATE)],
    )
    chief_accountant_name = models.CharField(
        _("chief accountant"), max_length=120, blank=True, help_text=_("Printed under “Kế toán trưởng”")
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("updated by"), null=True, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("teaching norms and rates")
        verbose_name_plural = _("teaching norms and rates")

    def __str__(self):
        return str(self._meta.verbose_name)

    @classmethod
    def load(cls) -> "HoursRules":
        """The center's rules; the defaults (unsaved) until the director first saves them."""
        return cls.objects.order_by("pk").first() or cls()

    def norm_for(self, position: str) -> Decimal | None:
        """The yearly norm in standard hours of a staff member in ``position``; None for those without one
        (staff officers, and part-time and guest lecturers, who are paid by the hour)."""
        P = StaffMember.Position
        if position == P.LECTURER:
            return self.yearly_norm
        if position == P.DIRECTOR:
            return (self.yearly_norm * self.director_share / 100).quantize(Decimal("0.1"))
        if position == P.DEPUTY_DIRECTOR:
            return (self.yearly_norm * self.deputy_share / 100).quantize(Decimal("0.1"))
        return None

    def rate_for(self, position: str) -> int | None:
        """The pay per standard hour of a lecturer in ``position``; None for those not paid by the hour."""
        P = StaffMember.Position
        return {
            P.PART_TIME_LECTURER: self.rate_part_time,
            P.GUEST_LECTURER: self.rate_guest,
            P.REPORTER: self.rate_reporter,
        }.get(position)


class MarkingWork(models.Model):
    """Papers a lecturer marked, or the exam they set, for one course (phân công chấm bài, ra đề): entered by
    the clerk from the marking assignment, one row per lecturer and kind. Counted on ``done_on``."""

    class Kind(models.TextChoices):
        PAPERS = "papers", _("Marking papers")
        EXAM = "exam", _("Setting the exam")

    course = models.ForeignKey(Course, verbose_name=_("course"), on_delete=models.PROTECT, related_name="marking")
    lecturer = models.ForeignKey(
        StaffMember, verbose_name=_("lecturer"), on_delete=models.PROTECT, related_name="marking"
    )
    kind = models.CharField(_("work"), max_length=10, choices=Kind.choices)
    quantity = models.PositiveSmallIntegerField(
        _("quantity"), validators=[MinValueValidator(1), MaxValueValidator(2000)]
    )
    done_on = models.DateField(_("date"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), null=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now=True)

    class Meta:
        verbose_name = _("marking and exam setting")
        verbose_name_plural = _("marking and exam setting")
        ordering = ["course", "lecturer__sort_key", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["course", "lecturer", "kind"], name="marking_once_per_lecturer_kind")
        ]
        indexes = [models.Index(fields=["done_on"])]

    def __str__(self):
        return f"{self.course} · {self.lecturer} · {self.get_kind_display()}: {self.quantity}"


class HoursStatement(models.Model):
    """A statement of hours for part-time and guest lecturers (bảng kê giờ giảng và thanh toán) of one month or
    one course: its lines, amounts, total in words and the signers as issued, and its printed page (``content``).
    Never edited: when the sessions change, a corrected statement replaces it and both stay."""

    class Status(models.TextChoices):
        ISSUED = "issued", _("In force")
        REPLACED = "replaced", _("Replaced by a correction")

    year = models.PositiveSmallIntegerField(_("year"))
    month = models.PositiveSmallIntegerField(_("month"), null=True, blank=True)
    course = models.ForeignKey(
        Course, verbose_name=_("course"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    lecturer = models.ForeignKey(
        StaffMember,
        verbose_name=_("only this lecturer"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    title = models.CharField(_("title"), max_length=255)
    issued_on = models.DateField(_("date"))
    total_hours = models.DecimalField(_("standard hours"), max_digits=9, decimal_places=2)
    total_amount = models.PositiveBigIntegerField(_("total (đồng)"))
    total_words = models.CharField(_("in words"), max_length=500)
    maker_name = models.CharField(_("made by"), max_length=120, blank=True)
    accountant_name = models.CharField(_("chief accountant"), max_length=120, blank=True)
    signer_name = models.CharField(_("signed by"), max_length=120, blank=True)
    signer_title = models.CharField(_("signer's title"), max_length=120, blank=True)
    content = models.TextField(_("text as issued"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.ISSUED)
    replaces = models.OneToOneField(
        "self", verbose_name=_("replaces"), null=True, blank=True, on_delete=models.PROTECT, related_name="replaced_by"
    )
    correction_reason = models.TextField(_("reason for the correction"), blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("issued by"), null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("statement of hours")
        verbose_name_plural = _("statements of hours")
        ordering = ["-year", "-month", "-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(month__isnull=True, course__isnull=False)
                | models.Q(month__gte=1, month__lte=12, course__isnull=True),
                name="hours_statement_month_or_course",
            )
        ]

    def __str__(self):
        return self.title


class HoursStatementLine(models.Model):
    """One lecturer's line of a statement, as issued: the sessions and marking it counted, hours, rate, amount."""

    statement = models.ForeignKey(
        HoursStatement, verbose_name=_("statement"), on_delete=models.PROTECT, related_name="lines"
    )
    number = models.PositiveSmallIntegerField(_("No."))
    lecturer = models.ForeignKey(StaffMember, verbose_name=_("lecturer"), on_delete=models.PROTECT, related_name="+")
    lecturer_name = models.CharField(_("full name"), max_length=120)
    category = models.CharField(_("category"), max_length=60)
    workplace = models.CharField(_("workplace"), max_length=200, blank=True)
    sessions = models.PositiveIntegerField(_("sessions"))
    periods = models.PositiveIntegerField(_("periods"))
    papers = models.PositiveIntegerField(_("papers marked"), default=0)
    exams = models.PositiveIntegerField(_("exams set"), default=0)
    hours = models.DecimalField(_("standard hours"), max_digits=9, decimal_places=2)
    rate = models.PositiveIntegerField(_("rate (đồng)"))
    amount = models.PositiveBigIntegerField(_("amount (đồng)"))
    # What was counted, so a later change of the sessions can be told and the same session is not paid twice.
    session_ids = models.JSONField(default=list, blank=True)
    marking_ids = models.JSONField(default=list, blank=True)

    class Meta:
        verbose_name = _("statement line")
        verbose_name_plural = _("statement lines")
        ordering = ["statement", "number"]

    def __str__(self):
        return f"{self.statement} · {self.lecturer_name}"
