import string

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from center.actions import action_label
from center.kinds import KIND_DEFAULTS, CenterKind
from center.text import collation_key

# A certificate's register number ("125/GCN-TTCT") is stored in a field this long (trainees.Certificate).
REGISTER_NUMBER_MAX_LENGTH = 60
NUMBER_FORMAT_PLACEHOLDERS = ("number", "year", "code")
# A numbered document's format also has {type}, the document type's abbreviation ("QĐ", "KH", "GTT").
DOCUMENT_FORMAT_PLACEHOLDERS = ("number", "type", "year", "code")
# The longest values the placeholders take when the format is checked: a six-digit number, a four-digit year.
_LONGEST = {"number": 999999, "year": 9999}

FORMAT_NEEDS_NUMBER = _("The format must contain {number}.")
FORMAT_ONLY_PLACEHOLDERS = _("Only {number}, {year} and {code} may appear in braces, written just like that.")
DOCUMENT_FORMAT_ONLY_PLACEHOLDERS = _(
    "Only {number}, {type}, {year} and {code} may appear in braces, written just like that."
)
FORMAT_TOO_LONG = _("With the document code the register number could be longer than %(max)s characters.")


def register_number(fmt: str, *, number, year: int, code: str, type: str | None = None) -> str:
    """``fmt`` with its placeholders filled. Only the documented ``{number}``, ``{year}`` and ``{code}``
    (and ``{type}`` for a numbered document, when ``type`` is given) are accepted, as written (no attribute or
    index access, no format specification); raises ValueError with the message to show otherwise, or when the
    result is longer than the register number field."""
    values = {"number": number, "year": year, "code": code, "type": type}
    allowed, refusal = (
        (NUMBER_FORMAT_PLACEHOLDERS, FORMAT_ONLY_PLACEHOLDERS)
        if type is None
        else (DOCUMENT_FORMAT_PLACEHOLDERS, DOCUMENT_FORMAT_ONLY_PLACEHOLDERS)
    )
    out = []
    try:
        parts = list(string.Formatter().parse(fmt))
    except ValueError:
        raise ValueError(refusal) from None
    for literal, name, spec, conversion in parts:
        out.append(literal)
        if name is None:
            continue
        if name not in allowed or spec or conversion:
            raise ValueError(refusal)
        out.append(str(values[name]))
    if not any(name == "number" for _literal, name, _spec, _conv in parts):
        raise ValueError(FORMAT_NEEDS_NUMBER)
    result = "".join(out)
    if len(result) > REGISTER_NUMBER_MAX_LENGTH:
        raise ValueError(FORMAT_TOO_LONG % {"max": REGISTER_NUMBER_MAX_LENGTH})
    return result


class Center(models.Model):
    """The center's profile: one row per installation. Everything printed in headers comes from here,
    so a district center (208-QĐ/TW) and a commune center (360-QĐ/TW) are both just configuration."""

    Kind = CenterKind

    kind = models.CharField(
        _("kind of center"),
        max_length=20,
        choices=CenterKind.choices,
        default=CenterKind.COMMUNE,
        help_text=_("Choosing or changing it fills in that kind's defaults, which you can still edit."),
    )
    locality = models.CharField(
        _("host commune or district"),
        max_length=120,
        blank=True,
        help_text=_("With its type, e.g. xã Châu Thành, phường Long Châu"),
    )
    province = models.CharField(_("province or city"), max_length=120, blank=True)
    name = models.CharField(_("official name"), max_length=200, help_text=_("e.g. Trung tâm Chính trị xã Châu Thành"))
    short_name = models.CharField(_("short name"), max_length=60, blank=True)
    parent_body = models.CharField(
        _("parent Party body"),
        max_length=200,
        help_text=_("First header line, e.g. ĐẢNG ỦY XÃ CHÂU THÀNH"),
    )
    party_line = models.CharField(_("national header line"), max_length=100, default="ĐẢNG CỘNG SẢN VIỆT NAM")
    place_name = models.CharField(
        _("place name on documents"), max_length=100, help_text=_("Used in “…, ngày … tháng … năm …”")
    )
    address = models.CharField(_("address"), max_length=255, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.CharField(_("website"), max_length=200, blank=True)
    document_code = models.CharField(
        _("document code"), max_length=20, default="TTCT", help_text=_("As in “Số 12-QĐ/TTCT”")
    )
    legal_basis = models.CharField(
        _("founding regulation"),
        max_length=200,
        blank=True,
        default=KIND_DEFAULTS[CenterKind.COMMUNE]["legal_basis"],
        help_text=_("Cited as “Căn cứ …” on decisions"),
    )
    served_area = models.TextField(
        _("communes and units served"), blank=True, help_text=_("The communes, wards and units the center serves")
    )
    director_name = models.CharField(_("director's name"), max_length=120, blank=True)
    director_title = models.CharField(_("director's title on documents"), max_length=60, default="GIÁM ĐỐC")
    approval_delegate = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("deputy delegated to decide enrolments"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    signing_delegate = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("deputy who signs on the director's behalf"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Certificates and decisions are then signed “KT. GIÁM ĐỐC – PHÓ GIÁM ĐỐC” by this deputy."),
    )
    deputy_title = models.CharField(_("deputy's title on documents"), max_length=60, default="PHÓ GIÁM ĐỐC")
    staffing_min = models.PositiveSmallIntegerField(
        _("minimum established posts"), null=True, blank=True, help_text=_("Blank: set by the Party committee")
    )
    staffing_max = models.PositiveSmallIntegerField(
        _("maximum established posts"), null=True, blank=True, help_text=_("Blank: set by the Party committee")
    )
    deputy_max = models.PositiveSmallIntegerField(
        _("maximum number of deputy directors"), null=True, blank=True, default=1, help_text=_("Blank: no limit")
    )
    staffing_rule = models.TextField(
        _("staffing rule"), blank=True, default=KIND_DEFAULTS[CenterKind.COMMUNE]["staffing_rule"]
    )
    certificate_number_format = models.CharField(
        _("certificate register number format"),
        max_length=60,
        default="{number}/GCN-{code}",
        help_text=_("{number} the sequence in the year, {year} the year, {code} the document code"),
    )
    diploma_number_format = models.CharField(
        _("diploma register number format"),
        max_length=60,
        default="{number}/BSC-{code}",
        help_text=_("The sơ cấp diplomas' own series: {number}, {year}, {code} as for certificates"),
    )
    document_number_format = models.CharField(
        _("document number format"),
        max_length=60,
        default="{number}-{type}/{code}",
        help_text=_(
            "Numbered documents (decisions, plans, summons): {number} the sequence in the year and type, "
            "{type} the type (QĐ, KH, GTT, TB), {year} the year, {code} the document code"
        ),
    )
    certificate_deadline_days = models.PositiveSmallIntegerField(
        _("days to issue certificates"),
        default=15,
        validators=[MinValueValidator(1)],
        help_text=_("Certificates are issued within this many days of the completion decision"),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("center profile")
        verbose_name_plural = _("center profile")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(staffing_min__isnull=True)
                | models.Q(staffing_max__isnull=True)
                | models.Q(staffing_min__lte=models.F("staffing_max")),
                name="center_staffing_range",
            )
        ]

    def __str__(self):
        return self.name

    def clean(self):
        # Checked here so the profile page and the admin refuse the same formats.
        if self.certificate_number_format:
            try:
                register_number(self.certificate_number_format, code=self.document_code or "", **_LONGEST)
            except ValueError as exc:
                raise ValidationError({"certificate_number_format": str(exc)}) from None
        if self.diploma_number_format:
            try:
                register_number(self.diploma_number_format, code=self.document_code or "", **_LONGEST)
            except ValueError as exc:
                raise ValidationError({"diploma_number_format": str(exc)}) from None
        if self.document_number_format:
            try:
                register_number(self.document_number_format, code=self.document_code or "", type="GTT", **_LONGEST)
            except ValueError as exc:
                raise ValidationError({"document_number_format": str(exc)}) from None

    @classmethod
    def load(cls) -> "Center":
        """The installation's profile; an unsaved placeholder before the first set-up."""
        return cls.objects.order_by("pk").first() or cls(
            name=str(_("Political training center")), parent_body="", place_name=""
        )

    def signature(self) -> dict:
        """Who signs certificates and decisions: the director, or the deputy named as signing delegate,
        who then signs on the director's behalf (“KT. GIÁM ĐỐC” above “PHÓ GIÁM ĐỐC”).
        Keys: ``prefix`` (blank for the director), ``position``, ``name``, ``authority`` (the director's title)."""
        authority = self.director_title or "GIÁM ĐỐC"
        delegate = self.signing_delegate if self.signing_delegate_id else None
        if delegate is not None and delegate.is_active:
            name = f"{delegate.last_name} {delegate.first_name}".strip() or delegate.get_username()
            return {"prefix": f"KT. {authority}", "position": self.deputy_title, "name": name, "authority": authority}
        return {"prefix": "", "position": authority, "name": self.director_name, "authority": authority}


class Unit(models.Model):
    """A commune/ward Party committee, Party cell or agency that sends trainees."""

    class Kind(models.TextChoices):
        COMMUNE = "commune", _("Commune/ward Party committee")
        CELL = "cell", _("Party cell")
        AGENCY = "agency", _("Agency")
        ORGANISATION = "organisation", _("Front / mass organisation")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.COMMUNE)
    address = models.CharField(_("address"), max_length=255, blank=True)
    contact = models.CharField(_("contact"), max_length=200, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    # Vietnamese order for every list and dropdown (Đảng ủy after Dân vận, before Hội…), on both databases.
    sort_key = models.CharField(max_length=400, db_index=True, editable=False, default="")

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["sort_key", "pk"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        # A cheap derived value, kept in step wherever a unit is saved (admin, demo, import).
        self.sort_key = collation_key(self.name)
        if kwargs.get("update_fields") is not None and "name" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "sort_key"}
        super().save(*args, **kwargs)


class Room(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    capacity = models.PositiveIntegerField(_("capacity"), validators=[MinValueValidator(1)])
    location = models.CharField(_("location"), max_length=200, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("room")
        verbose_name_plural = _("rooms")
        ordering = ["name"]

    def __str__(self):
        return self.name


class AuditEntry(models.Model):
    """Who did what to which object, when and why. Decisions are recorded here and never deleted."""

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.PositiveBigIntegerField()
    subject = GenericForeignKey("content_type", "object_id")
    action = models.CharField(_("action"), max_length=40)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)
    reason = models.TextField(_("reason"), blank=True)
    data = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        verbose_name = _("history entry")
        verbose_name_plural = _("history")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id", "-at"])]

    def __str__(self):
        return f"{self.action_label} @ {self.at:%d/%m/%Y %H:%M}"

    @property
    def action_label(self) -> str:
        return action_label(self.action)


class GeneratedFile(models.Model):
    """A file made in the background for one user (a course's certificates as a ZIP or one PDF, …): how far
    it is, then the file itself. Kept in the database (app servers keep nothing on local disk) until
    ``expires_at``; ``portal_cleanup`` removes it after that. Only its owner and managers may download it."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting")
        RUNNING = "running", _("Being made")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("requested by"), on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=40)
    title = models.CharField(_("title"), max_length=200)
    params = models.JSONField(default=dict, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    filename = models.CharField(max_length=200, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    content = models.BinaryField(null=True, blank=True, editable=False)
    size = models.PositiveBigIntegerField(default=0)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(_("kept until"), db_index=True)

    class Meta:
        verbose_name = _("generated file")
        verbose_name_plural = _("generated files")
        indexes = [models.Index(fields=["owner", "kind", "status"])]

    def __str__(self):
        return self.title

    @property
    def percent(self) -> int:
        if self.status == self.Status.READY:
            return 100
        return min(99, self.done * 100 // self.total) if self.total else 0

    @property
    def is_pending(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)
