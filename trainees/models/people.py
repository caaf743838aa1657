from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from center.models import Unit


class Trainee(models.Model):
    """A person who attends courses. Family+middle name and given name are kept apart; ``search_name``
    and ``sort_key`` are derived from them by ``trainee_save`` (services) so search and roster order
    work the same on SQLite and PostgreSQL."""

    class Gender(models.TextChoices):
        MALE = "male", _("Male")
        FEMALE = "female", _("Female")

    class PartyStatus(models.TextChoices):
        NONE = "none", _("Not a Party member")
        PROBATIONARY = "probationary", _("Probationary Party member")
        FULL = "full", _("Full Party member")

    family_name = models.CharField(_("family and middle name"), max_length=80)
    given_name = models.CharField(_("given name"), max_length=40)
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices, blank=True)
    ethnicity = models.CharField(_("ethnicity"), max_length=40, blank=True, default="Kinh")
    hometown = models.CharField(
        _("place of origin"),
        max_length=255,
        blank=True,
        help_text=_("Quê quán, as on the Party file: commune, province"),
    )
    # Sensitive personal data (Luật Bảo vệ dữ liệu cá nhân 2025): shown to the director and clerks only, never on
    # public pages or exports; the class file kept for inspection is the one printed place (docs/decisions.md).
    religion = models.CharField(_("religion"), max_length=60, blank=True, help_text=_("Empty when none"))
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), null=True, blank=True, on_delete=models.PROTECT, related_name="trainees"
    )
    position = models.CharField(_("position"), max_length=150, blank=True)
    party_status = models.CharField(
        _("Party status"), max_length=20, choices=PartyStatus.choices, default=PartyStatus.NONE
    )
    party_admitted_on = models.DateField(_("date admitted to the Party"), null=True, blank=True)
    is_committee_member = models.BooleanField(_("member of a Party committee"), default=False)
    education_level = models.CharField(_("education"), max_length=60, blank=True, help_text=_("e.g. 12/12, Đại học"))
    theory_level = models.CharField(_("political theory level"), max_length=60, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    citizen_id = models.CharField(_("citizen ID"), max_length=12, null=True, blank=True, unique=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("login"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="trainee",
    )
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="merged_records",
    )
    search_name = models.CharField(max_length=200, db_index=True, editable=False, default="")
    sort_key = models.CharField(max_length=400, db_index=True, editable=False, default="")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("trainee")
        verbose_name_plural = _("trainees")
        ordering = ["sort_key", "pk"]
        indexes = [
            models.Index(fields=["search_name", "date_of_birth"]),
            # Roster order: the trainee list's pages walk it instead of sorting every record each time.
            models.Index(fields=["sort_key", "id"], name="trainee_roster_order"),
        ]

    def __str__(self):
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.family_name} {self.given_name}".strip()

    @property
    def masked_citizen_id(self) -> str:
        if not self.citizen_id:
            return ""
        return "•" * (len(self.citizen_id) - 4) + self.citizen_id[-4:]
