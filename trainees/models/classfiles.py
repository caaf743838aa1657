from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from courses.models import Course


class ClassFile(models.Model):
    """The class file (hồ sơ lớp) kept for inspection and archiving: every document of a finished class, drawn
    once when the file is sealed and kept as it was drawn, so it reads the same in ten years. Sealing again
    (after a correction) makes a new version that replaces this one; both stay."""

    class Status(models.TextChoices):
        CURRENT = "current", _("In force")
        REPLACED = "replaced", _("Replaced")

    course = models.ForeignKey(Course, verbose_name=_("course"), on_delete=models.PROTECT, related_name="class_files")
    version = models.PositiveSmallIntegerField(_("version"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.CURRENT)
    reason = models.TextField(_("reason for the new version"), blank=True)
    sealed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("sealed by"), null=True, on_delete=models.PROTECT, related_name="+"
    )
    sealed_at = models.DateTimeField(_("sealed at"), auto_now_add=True)

    class Meta:
        verbose_name = _("class file")
        verbose_name_plural = _("class files")
        ordering = ["course", "-version"]
        constraints = [models.UniqueConstraint(fields=["course", "version"], name="class_file_version_once")]

    def __str__(self):
        return f"{self.course.code} v{self.version}"


class ClassFilePart(models.Model):
    """One document of a class file, as drawn when the file was sealed: a whole printable HTML page."""

    class_file = models.ForeignKey(
        ClassFile, verbose_name=_("class file"), on_delete=models.PROTECT, related_name="parts"
    )
    order = models.PositiveSmallIntegerField(_("order"))
    key = models.CharField(max_length=40)
    title = models.CharField(_("title"), max_length=255)
    content = models.TextField(_("document as drawn"))

    class Meta:
        verbose_name = _("document of a class file")
        verbose_name_plural = _("documents of a class file")
        ordering = ["class_file", "order"]
        constraints = [models.UniqueConstraint(fields=["class_file", "order"], name="class_file_part_order_once")]

    def __str__(self):
        return self.title
