from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from courses.models import IssuedDocument


class TrainingReport(models.Model):
    """The half-year or year report sent upward (báo cáo kết quả công tác đào tạo, bồi dưỡng): its figures come
    from the records when it is issued; the assessment and the directions are typed by the director and kept
    with it. Issued as a numbered document (BC), after which it is never edited: a correction is a new issue."""

    class Span(models.TextChoices):
        FIRST_HALF = "h1", _("First half-year")
        YEAR = "year", _("Whole year")

    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    span = models.CharField(_("period"), max_length=10, choices=Span.choices)
    assessment = models.TextField(_("assessment"), blank=True, help_text=_("Strengths, shortcomings and their causes"))
    directions = models.TextField(_("directions and tasks"), blank=True, help_text=_("For the next period"))
    proposals = models.TextField(_("proposals"), blank=True)
    document = models.ForeignKey(
        IssuedDocument, verbose_name=_("issued as"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("updated by"), null=True, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("training report")
        verbose_name_plural = _("training reports")
        ordering = ["-year", "span"]
        constraints = [models.UniqueConstraint(fields=["year", "span"], name="training_report_once_per_period")]

    def __str__(self):
        return f"{self.get_span_display()} {self.year}"
