import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from center.text import name_sort_key, split_full_name


def new_token() -> str:
    return secrets.token_urlsafe(24)


class StaffMember(models.Model):
    """A person who works or teaches at the center: established staff and part-time or guest lecturers.
    Guest lecturers may have no login."""

    class Position(models.TextChoices):
        DIRECTOR = "director", _("Director")
        DEPUTY_DIRECTOR = "deputy_director", _("Deputy director")
        LECTURER = "lecturer", _("Full-time lecturer")
        OFFICER = "officer", _("Staff officer")
        PART_TIME_LECTURER = "part_time_lecturer", _("Part-time lecturer")
        GUEST_LECTURER = "guest_lecturer", _("Guest lecturer")
        REPORTER = "reporter", _("Reporter (báo cáo viên)")

    class TheoryLevel(models.TextChoices):
        NONE = "", _("—")
        ELEMENTARY = "elementary", _("Elementary")
        INTERMEDIATE = "intermediate", _("Intermediate")
        ADVANCED = "advanced", _("Advanced")
        BACHELOR = "bachelor", _("Bachelor of political science")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("login"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="staff_member",
    )
    full_name = models.CharField(_("full name"), max_length=120)
    position = models.CharField(_("position"), max_length=30, choices=Position.choices)
    is_established = models.BooleanField(
        _("established post"), default=False, help_text=_("Counts toward the center's established posts (biên chế).")
    )
    theory_level = models.CharField(
        _("political theory level"), max_length=20, choices=TheoryLevel.choices, blank=True, default=""
    )
    degree = models.CharField(_("degree"), max_length=120, blank=True, help_text=_("e.g. Thạc sĩ Triết học"))
    has_pedagogy_certificate = models.BooleanField(_("pedagogy certificate"), default=False)
    workplace = models.CharField(_("workplace"), max_length=200, blank=True, help_text=_("For guest lecturers"))
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    calendar_token = models.CharField(_("calendar link secret"), max_length=64, unique=True, default=new_token)
    note = models.TextField(_("note"), blank=True)
    # Given name first, then family and middle names, in Vietnamese order (center.text.name_sort_key).
    sort_key = models.CharField(max_length=400, db_index=True, editable=False, default="")

    class Meta:
        verbose_name = _("staff member")
        verbose_name_plural = _("staff members")
        ordering = ["sort_key", "pk"]

    def __str__(self):
        return self.full_name

    def save(self, *args, **kwargs):
        # A cheap derived value, kept in step wherever a record is saved (form, admin, demo).
        family, given = split_full_name(self.full_name)
        self.sort_key = name_sort_key(given, family)
        if kwargs.get("update_fields") is not None and "full_name" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "sort_key"}
        super().save(*args, **kwargs)

    @property
    def is_lecturer(self) -> bool:
        return self.position != self.Position.OFFICER
