from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from courses.forms import CourseForm
from courses.models import Course, Programme, Session, Topic
from courses.services import ERR_SESSIONS_OUTSIDE, session_label


class TopicInline(admin.TabularInline):
    model = Topic
    extra = 0


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "kind", "days", "periods", "gives_certificate", "eligibility", "is_active"]
    list_filter = ["kind", "gives_certificate", "eligibility", "is_active"]
    search_fields = ["name", "code"]
    inlines = [TopicInline]


class ReadOnlySessions:
    """Sessions are scheduled in the portal, where the clash checks run; the admin only shows them."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class SessionInline(ReadOnlySessions, admin.TabularInline):
    model = Session
    extra = 0
    fields = ["date", "part_of_day", "start_time", "end_time", "topic", "title", "lecturer", "room"]


class CourseAdminForm(forms.ModelForm):
    class Meta:
        model = Course
        fields = CourseForm.Meta.fields  # the same fields as the staff page; status moves only through services

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if self.instance.pk and start and end:
            outside = self.instance.sessions.exclude(date__range=(start, end)).select_related("course", "topic").first()
            if outside is not None:
                raise forms.ValidationError(_(ERR_SESSIONS_OUTSIDE) % {"session": session_label(outside)})
        return cleaned


@admin.register(Course)
class CourseAdmin(admin.ModelAdmin):
    form = CourseAdminForm
    list_display = ["code", "title", "programme", "start_date", "end_date", "capacity", "status", "enrolment_open"]
    list_filter = ["status", "programme", "enrolment_open", "start_date"]
    search_fields = ["code", "title"]
    date_hierarchy = "start_date"
    autocomplete_fields = ["homeroom_teacher", "room"]
    filter_horizontal = ["units"]
    exclude = ["public_token"]
    # Status changes follow the rules of the course page (services.course_set_status).
    readonly_fields = ["status", "enrolment_open"]
    inlines = [SessionInline]


@admin.register(Session)
class SessionAdmin(ReadOnlySessions, admin.ModelAdmin):
    list_display = ["date", "part_of_day", "start_time", "end_time", "course", "display_title", "lecturer", "room"]
    list_filter = ["part_of_day", "course__status", "room"]
    search_fields = ["title", "topic__title", "course__code", "course__title", "lecturer__full_name"]
    date_hierarchy = "date"
    list_select_related = ["course", "topic", "lecturer", "room"]
