from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from center.models import Unit
from courses.models import Course
from trainees.models.people import Trainee


class EnrolmentQuerySet(models.QuerySet):
    def roster(self, course):
        """The course's roster: its approved enrolments in Vietnamese name order (given name, then family
        and middle names), with the trainee, their unit and the sending unit joined. Every roster, grid,
        document and account list starts here."""
        return (
            self.filter(course=course, status=Enrolment.Status.APPROVED)
            .select_related("trainee", "trainee__unit", "sending_unit")
            .order_by("trainee__sort_key", "trainee__pk")
        )


class Enrolment(models.Model):
    """A trainee in a course: submitted, decided by the director, then completed or not.
    Never deleted; every change is in the history (center.AuditEntry)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending approval")
        APPROVED = "approved", _("Approved")
        WAITLISTED = "waitlisted", _("Waiting list")
        REJECTED = "rejected", _("Rejected")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    class Completion(models.TextChoices):
        UNDECIDED = "", _("Not decided")
        COMPLETED = "completed", _("Completed")
        NOT_COMPLETED = "not_completed", _("Not completed")

    class ClassRole(models.TextChoices):
        NONE = "", _("—")
        MONITOR = "monitor", _("Class monitor")
        DEPUTY = "deputy", _("Deputy class monitor")

    class Grade(models.TextChoices):
        NONE = "", _("—")
        EXCELLENT = "excellent", _("Excellent")
        GOOD = "good", _("Good")
        FAIR = "fair", _("Fair")
        AVERAGE = "average", _("Average")
        FAIL = "fail", _("Fail")

    trainee = models.ForeignKey(Trainee, verbose_name=_("trainee"), on_delete=models.PROTECT, related_name="enrolments")
    course = models.ForeignKey(Course, verbose_name=_("course"), on_delete=models.PROTECT, related_name="enrolments")
    sending_unit = models.ForeignKey(
        Unit, verbose_name=_("sending unit"), null=True, blank=True, on_delete=models.PROTECT, related_name="enrolments"
    )
    nomination_number = models.CharField(_("nomination document number"), max_length=60, blank=True)
    nomination_date = models.DateField(_("nomination document date"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PENDING)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("submitted by"), null=True, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(_("submitted at"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_reason = models.TextField(_("reason"), blank=True)
    eligibility_override = models.TextField(_("eligibility override reason"), blank=True)
    # QĐ 1147: the final paper (bài thu hoạch) and, for a learner below the pass mark, one retake; both kept.
    # ``score`` is the one that counts (the better of the two) and is what completion and certificates read.
    paper_score = models.DecimalField(_("paper"), max_digits=3, decimal_places=1, null=True, blank=True)
    retake_score = models.DecimalField(_("retake"), max_digits=3, decimal_places=1, null=True, blank=True)
    score = models.DecimalField(_("score"), max_digits=3, decimal_places=1, null=True, blank=True)
    grade = models.CharField(_("grade"), max_length=20, choices=Grade.choices, blank=True, default="")
    completion = models.CharField(_("completion"), max_length=20, choices=Completion.choices, blank=True, default="")
    completion_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("completion confirmed by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    completion_confirmed_at = models.DateTimeField(_("completion confirmed at"), null=True, blank=True)
    # The class officers (ban cán sự lớp): one monitor (lớp trưởng) and at most MAX_DEPUTIES deputies (lớp phó),
    # named among the approved trainees (trainees.enrolment.officers).
    class_role = models.CharField(_("class officer"), max_length=10, choices=ClassRole.choices, blank=True, default="")

    objects = EnrolmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        ordering = ["course", "trainee__sort_key"]
        constraints = [
            models.UniqueConstraint(fields=["trainee", "course"], name="enrolment_once_per_course"),
            models.UniqueConstraint(
                fields=["course"], condition=models.Q(class_role="monitor"), name="enrolment_one_monitor_per_course"
            ),
        ]
        indexes = [models.Index(fields=["course", "status"]), models.Index(fields=["status", "submitted_at"])]

    def __str__(self):
        return f"{self.trainee} — {self.course}"


class ImportUpload(models.Model):
    """An uploaded list of trainees waiting for its preview to be confirmed. Kept in the database — never a
    file under MEDIA_ROOT, so never served — and removed when confirmed or cancelled, or by the
    ``portal_cleanup`` command once older than a day."""

    token = models.CharField(max_length=64, unique=True)
    course = models.ForeignKey(Course, verbose_name=_("course"), on_delete=models.CASCADE, related_name="+")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), on_delete=models.CASCADE, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True, db_index=True)
    data = models.BinaryField()
    unit = models.ForeignKey(
        Unit, verbose_name=_("sending unit"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    nomination_number = models.CharField(_("nomination document number"), max_length=60, blank=True)
    nomination_date = models.DateField(_("nomination document date"), null=True, blank=True)

    class Meta:
        verbose_name = _("uploaded list")
        verbose_name_plural = _("uploaded lists")

    def __str__(self):
        return f"{self.course} ({self.uploaded_at:%d/%m/%Y %H:%M})"
