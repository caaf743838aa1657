from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from center.admin import AuditedAdmin
from courses.forms import CourseForm
from courses.models import Course, Programme, Session, Topic
from courses.services import ERR_TOPIC_IN_USE, course_problems, course_save


class TopicInlineFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        for form in self.deleted_forms:
            topic = form.instance
            if topic.pk and Session.objects.filter(topic=topic).exists():
                raise forms.ValidationError(_(ERR_TOPIC_IN_USE) % {"topic": topic.title})


class TopicInline(admin.TabularInline):
    model = Topic
    formset = TopicInlineFormSet
    extra = 0


@admin.register(Programme)
class ProgrammeAdmin(AuditedAdmin):
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

    def _post_clean(self):
        super()._post_clean()  # the instance now holds the new values
        if not self.errors:
            for problem in course_problems(course=self.instance):
                self.add_error(None, problem)


@admin.register(Course)
class CourseAdmin(AuditedAdmin):
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

    def save_model(self, request, obj, form, change):
        # The same service as the course page: checks again with the course row locked, and records it.
        course_save(course=obj, by=request.user)


@admin.register(Session)
class SessionAdmin(ReadOnlySessions, AuditedAdmin):
    list_display = ["date", "part_of_day", "start_time", "end_time", "course", "display_title", "lecturer", "room"]
    list_filter = ["part_of_day", "course__status", "room"]
    search_fields = ["title", "topic__title", "course__code", "course__title", "lecturer__full_name"]
    date_hierarchy = "date"
    list_select_related = ["course", "topic", "lecturer", "room"]
