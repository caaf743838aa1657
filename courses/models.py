import secrets
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from center.models import Room, Unit
from staff.models import StaffMember


def new_token() -> str:
    return secrets.token_urlsafe(24)


class Programme(models.Model):
    """What is taught. Eligibility and completion rules are data, applied by the enrolment and
    certificate services."""

    class Kind(models.TextChoices):
        ELEMENTARY_THEORY = "elementary_theory", _("Elementary political theory and administration")
        PARTY_AWARENESS = "party_awareness", _("Awareness of the Party (candidates for admission)")
        NEW_MEMBER = "new_member", _("Political theory for new Party members")
        PARTY_WORK = "party_work", _("Party work skills (cell secretaries, committee members)")
        KNOWLEDGE_UPDATE = "knowledge_update", _("Knowledge update")
        RESOLUTION = "resolution", _("Resolutions, policies and law")
        PARTY_HISTORY = "party_history", _("Party history and local Party history")
        REPORTERS = "reporters", _("Current affairs for reporters and propagandists")
        PROPAGANDA_MASS = "propaganda_mass", _("Propaganda and mass mobilisation work")
        FRONT_UNIONS = "front_unions", _("Political theory and skills for Front and mass organisation officials")
        THEMATIC = "thematic", _("Thematic training (chuyên đề)")
        OTHER = "other", _("Other")

    class Award(models.TextChoices):
        CERTIFICATE = "certificate", _("Certificate (giấy chứng nhận)")
        ELEMENTARY_DIPLOMA = "elementary_diploma", _("Elementary political theory diploma (bằng sơ cấp)")

    class Eligibility(models.TextChoices):
        ANYONE = "anyone", _("Anyone")
        NOT_PARTY_MEMBER = "not_party_member", _("Not yet a Party member")
        NEW_PARTY_MEMBER = "new_party_member", _("Party member admitted within the last N months")
        PARTY_MEMBER = "party_member", _("Party member")
        COMMITTEE_MEMBER = "committee_member", _("Member of a Party committee")

    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=255)
    code = models.CharField(_("code"), max_length=30, unique=True)
    description = models.TextField(_("description"), blank=True)
    days = models.PositiveSmallIntegerField(_("length in days"), default=1)
    periods = models.PositiveSmallIntegerField(_("periods"), default=0, help_text=_("Total teaching periods (tiết)"))
    gives_certificate = models.BooleanField(_("leads to a certificate"), default=True)
    # What is awarded: a giấy chứng nhận, or the sơ cấp diploma (HD 11-HD/BTGTW): its own form, numbers, register.
    award = models.CharField(_("what it awards"), max_length=30, choices=Award.choices, default=Award.CERTIFICATE)
    certificate_validity_months = models.PositiveSmallIntegerField(
        _("certificate valid for (months)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(600)],
        help_text=_("Printed on the certificate as the date it counts until; empty: it does not expire"),
    )
    eligibility = models.CharField(
        _("who may enrol"), max_length=30, choices=Eligibility.choices, default=Eligibility.ANYONE
    )
    eligibility_months = models.PositiveSmallIntegerField(
        _("months since admission"), null=True, blank=True, help_text=_("For “admitted within the last N months”")
    )
    min_attendance_percent = models.PositiveSmallIntegerField(
        _("minimum attendance (%)"), default=80, validators=[MaxValueValidator(100)]
    )
    min_score = models.DecimalField(
        _("minimum score"),
        max_digits=3,
        decimal_places=1,
        default=Decimal("5.0"),
        validators=[MinValueValidator(0), MaxValueValidator(10)],
    )
    excellent_from = models.DecimalField(_("excellent from"), max_digits=3, decimal_places=1, default=Decimal("9.0"))
    good_from = models.DecimalField(_("good from"), max_digits=3, decimal_places=1, default=Decimal("8.0"))
    fair_from = models.DecimalField(_("fair from"), max_digits=3, decimal_places=1, default=Decimal("7.0"))
    min_education_grade = models.PositiveSmallIntegerField(
        _("minimum education (school grade)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(12)],
        help_text=_("E.g. 9 = lower secondary (THCS) completed; empty = no requirement"),
    )
    min_class_size = models.PositiveSmallIntegerField(
        _("minimum class size"),
        default=25,
        help_text=_("Opening or starting a course with fewer trainees warns (it is not refused); 0: no minimum"),
    )
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(min_score__lte=models.F("fair_from"))
                & models.Q(fair_from__lte=models.F("good_from"))
                & models.Q(good_from__lte=models.F("excellent_from")),
                name="programme_grade_bands_ordered",
            )
        ]

    def __str__(self):
        return self.name

    @property
    def eligibility_text(self) -> str:
        """The rule in words, with its number filled in: "Đảng viên kết nạp trong vòng 12 tháng"."""
        if self.eligibility == self.Eligibility.NEW_PARTY_MEMBER and self.eligibility_months:
            return ngettext(
                "Party member admitted within the last %(months)d month",
                "Party member admitted within the last %(months)d months",
                self.eligibility_months,
            ) % {"months": self.eligibility_months}
        return str(self.get_eligibility_display())


class Topic(models.Model):
    """A topic (chuyên đề) of a programme, taught in one or more sessions."""

    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.CASCADE, related_name="topics"
    )
    order = models.PositiveSmallIntegerField(_("order"))
    title = models.CharField(_("title"), max_length=255)
    periods = models.PositiveSmallIntegerField(_("periods"), default=4)
    # Who usually teaches it: bulk scheduling gives each session the first of them who is free.
    lecturers = models.ManyToManyField(
        StaffMember, verbose_name=_("usual lecturers"), blank=True, related_name="usual_topics"
    )

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["programme", "order"]
        constraints = [models.UniqueConstraint(fields=["programme", "order"], name="topic_unique_order")]

    def __str__(self):
        return f"{self.order}. {self.title}"


class TrainingPlan(models.Model):
    """The year's training plan (kế hoạch đào tạo, bồi dưỡng): planned classes per programme and quarter.
    Drafted by the clerk, approved by the director, who then issues it as a numbered document."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        APPROVED = "approved", _("Approved")

    year = models.PositiveSmallIntegerField(
        _("year"), unique=True, validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    note = models.TextField(
        _("aims and requirements"), blank=True, help_text=_("Printed above the table of planned classes")
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("training plan")
        verbose_name_plural = _("training plans")
        ordering = ["-year"]

    def __str__(self):
        return str(_("Training plan %(year)s") % {"year": self.year})


class PlanLine(models.Model):
    """Classes of one programme planned for one quarter of the plan's year, with their learners."""

    class Quarter(models.IntegerChoices):
        Q1 = 1, _("Quarter I")
        Q2 = 2, _("Quarter II")
        Q3 = 3, _("Quarter III")
        Q4 = 4, _("Quarter IV")

    plan = models.ForeignKey(TrainingPlan, verbose_name=_("plan"), on_delete=models.PROTECT, related_name="lines")
    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.PROTECT, related_name="plan_lines"
    )
    quarter = models.PositiveSmallIntegerField(_("quarter"), choices=Quarter.choices)
    classes = models.PositiveSmallIntegerField(
        _("classes"), default=1, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    learners = models.PositiveIntegerField(_("learners"), validators=[MinValueValidator(1), MaxValueValidator(100000)])
    target_groups = models.CharField(
        _("target groups"), max_length=255, blank=True, help_text=_("e.g. quần chúng ưu tú, đảng viên mới")
    )

    class Meta:
        verbose_name = _("plan line")
        verbose_name_plural = _("plan lines")
        ordering = ["quarter", "programme__name"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "programme", "quarter"], name="plan_line_unique_programme_quarter")
        ]

    def __str__(self):
        return f"{self.plan.year} · {self.get_quarter_display()} · {self.programme.name}"


class Course(models.Model):
    """One run of a programme (lớp học)."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        OPEN = "open", _("Open for enrolment")
        IN_PROGRESS = "in_progress", _("In progress")
        FINISHED = "finished", _("Finished")
        CANCELLED = "cancelled", _("Cancelled")

    code = models.CharField(_("code"), max_length=40, unique=True)
    title = models.CharField(_("title"), max_length=255)
    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.PROTECT, related_name="courses"
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    room = models.ForeignKey(
        Room, verbose_name=_("room"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    venue = models.CharField(
        _("outside venue"),
        max_length=255,
        blank=True,
        help_text=_("When not taught in the center, e.g. a commune hall"),
    )
    capacity = models.PositiveIntegerField(_("capacity"), validators=[MinValueValidator(1)])
    homeroom_teacher = models.ForeignKey(
        StaffMember,
        verbose_name=_("homeroom teacher"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="homeroom_courses",
    )
    academic_officer = models.ForeignKey(
        StaffMember,
        verbose_name=_("class administrator"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="administered_courses",
        help_text=_("The staff member who runs the class's paperwork (giáo vụ lớp)"),
    )
    units = models.ManyToManyField(Unit, verbose_name=_("units served"), blank=True, related_name="courses")
    plan_line = models.ForeignKey(
        PlanLine,
        verbose_name=_("line of the year's plan"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="courses",
    )
    enrolment_open = models.BooleanField(_("enrolment open"), default=False)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PLANNED)
    public_token = models.CharField(_("public link secret"), max_length=64, unique=True, default=new_token)
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")
        ordering = ["-start_date", "code"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(start_date__lte=models.F("end_date")), name="course_dates_ordered"
            )
        ]
        indexes = [models.Index(fields=["status", "start_date"])]

    def __str__(self):
        return self.title

    @property
    def venue_label(self) -> str:
        return self.venue or (self.room.name if self.room_id else "")


def default_periods(*, start, end, topic=None) -> int:
    """A session's periods when staff give none: one per ``PORTAL_PERIOD_MINUTES`` (45, a tiết) of its
    times, rounded, at least 1; a topic shorter than that (a 4-period topic in a 5-period morning) gives
    its own number. docs/rules-2025.md, "Assessment"."""
    minutes = (end.hour * 60 + end.minute) - (start.hour * 60 + start.minute)
    by_times = max(1, min(12, round(minutes / getattr(settings, "PORTAL_PERIOD_MINUTES", 45))))
    if topic is not None and 0 < topic.periods < by_times:
        return topic.periods
    return by_times


class Session(models.Model):
    """One half-day lesson of a course (buổi học)."""

    class PartOfDay(models.TextChoices):
        MORNING = "morning", _("Morning")
        AFTERNOON = "afternoon", _("Afternoon")
        EVENING = "evening", _("Evening")

    course = models.ForeignKey(Course, verbose_name=_("course"), on_delete=models.CASCADE, related_name="sessions")
    date = models.DateField(_("date"))
    part_of_day = models.CharField(_("part of day"), max_length=10, choices=PartOfDay.choices)
    start_time = models.TimeField(_("start time"))
    end_time = models.TimeField(_("end time"))
    topic = models.ForeignKey(
        Topic, verbose_name=_("topic"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    title = models.CharField(
        _("content"), max_length=255, blank=True, help_text=_("Shown when there is no topic, or to add to it")
    )
    lecturer = models.ForeignKey(
        StaffMember,
        verbose_name=_("lecturer"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="sessions",
    )
    room = models.ForeignKey(
        Room, verbose_name=_("room"), null=True, blank=True, on_delete=models.PROTECT, related_name="sessions"
    )
    note = models.CharField(_("note"), max_length=255, blank=True)
    periods = models.PositiveSmallIntegerField(
        _("periods"),
        default=0,
        validators=[MaxValueValidator(12)],
        help_text=_("Teaching periods (tiết) of this session; empty: from the topic or the times"),
    )
    # The session was taught (lecturer hours count it): ticked by its lecturer or a clerk. Attendance taken
    # for the session counts as well, without a tick (trainees.hours.selectors.held_sessions).
    taught_confirmed_at = models.DateTimeField(_("confirmed as taught at"), null=True, blank=True)
    taught_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("confirmed as taught by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # Bumped on every change so calendar clients replace the event instead of duplicating it.
    sequence = models.PositiveIntegerField(default=0, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["date", "start_time"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(start_time__lt=models.F("end_time")), name="session_times_ordered"
            )
        ]
        indexes = [models.Index(fields=["date", "start_time"])]

    def __str__(self):
        return f"{self.date:%d/%m/%Y} {self.get_part_of_day_display()} — {self.display_title}"

    def save(self, *args, **kwargs):
        if not self.periods:
            self.periods = default_periods(start=self.start_time, end=self.end_time, topic=self.topic)
        super().save(*args, **kwargs)

    @property
    def display_title(self) -> str:
        if self.topic_id and self.title:
            return f"{self.topic.title}: {self.title}"
        return self.topic.title if self.topic_id else self.title


class DocumentCounter(models.Model):
    """The last number given in a year to a type of numbered document ("QĐ", "KH", …): the register's
    sequence. Its row is locked while a number is taken, so numbers have no gap and no duplicate."""

    series = models.CharField(_("document type"), max_length=10)
    year = models.PositiveSmallIntegerField(_("year"))
    last = models.PositiveIntegerField(_("last number"), default=0)

    class Meta:
        verbose_name = _("document counter")
        verbose_name_plural = _("document counters")
        constraints = [models.UniqueConstraint(fields=["series", "year"], name="document_counter_unique")]

    def __str__(self):
        return f"{self.series} {self.year}: {self.last}"


class IssuedDocument(models.Model):
    """A numbered document the center issued (sổ đăng ký văn bản đi): its number, date, signer and a frozen
    copy of what it says, taken when it was issued. Reprinting shows that copy; a correction is a new
    document that replaces this one, and both stay. Never deleted."""

    class Kind(models.TextChoices):
        TRAINING_PLAN = "training_plan", _("Training plan")
        OPENING_DECISION = "opening_decision", _("Decision opening a class")
        SUMMONS = "summons", _("Summons")
        OFFICERS_DECISION = "officers_decision", _("Decision naming the class officers")
        COMPLETION_DECISION = "completion_decision", _("Completion decision")
        RESULTS_NOTICE = "results_notice", _("Results notice")
        REPORT = "report", _("Report on training")

    # The type abbreviation each kind is numbered under: all decisions share one sequence in a year.
    SERIES = {
        Kind.TRAINING_PLAN: "KH",
        Kind.OPENING_DECISION: "QĐ",
        Kind.SUMMONS: "GTT",
        Kind.OFFICERS_DECISION: "QĐ",
        Kind.COMPLETION_DECISION: "QĐ",
        Kind.RESULTS_NOTICE: "TB",
        Kind.REPORT: "BC",
    }

    class Status(models.TextChoices):
        ISSUED = "issued", _("In force")
        REPLACED = "replaced", _("Replaced by a correction")

    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    series = models.CharField(_("document type"), max_length=10)
    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveIntegerField(_("number in the year"))
    number_text = models.CharField(_("number"), max_length=60)
    issued_on = models.DateField(_("date"))
    subject = models.CharField(_("subject"), max_length=255)
    signer_name = models.CharField(_("signed by"), max_length=120, blank=True)
    signer_title = models.CharField(_("signer's title"), max_length=120, blank=True)
    content = models.TextField(_("text as issued"))
    course = models.ForeignKey(
        Course, verbose_name=_("course"), null=True, blank=True, on_delete=models.PROTECT, related_name="documents"
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    plan = models.ForeignKey(
        TrainingPlan,
        verbose_name=_("training plan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="documents",
    )
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
        verbose_name = _("issued document")
        verbose_name_plural = _("issued documents")
        ordering = ["-year", "series", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["series", "year", "number"], name="issued_document_number_unique")
        ]
        indexes = [models.Index(fields=["course", "kind", "status"])]

    def __str__(self):
        return f"{self.number_text} ({self.issued_on:%d/%m/%Y})"

    @property
    def signature_lines(self) -> list[str]:
        return [line for line in self.signer_title.splitlines() if line.strip()]
