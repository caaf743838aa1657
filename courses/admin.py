from django.contrib import admin

from courses.models import Course, Programme, Session, Topic


class TopicInline(admin.TabularInline):
    model = Topic
    extra = 0


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "kind", "days", "periods", "gives_certificate", "eligibility", "is_active"]
    list_filter = ["kind", "gives_certificate", "eligibility", "is_active"]
    search_fields = ["name", "code"]
    inlines = [TopicInline]


class SessionInline(admin.TabularInline):
    model = Session
    extra = 0
    autocomplete_fields = ["lecturer", "room"]
    fields = ["date", "part_of_day", "start_time", "end_time", "topic", "title", "lecturer", "room"]


@admin.register(Course)
class CourseAdmin(admin.ModelAdmin):
    list_display = ["code", "title", "programme", "start_date", "end_date", "capacity", "status", "enrolment_open"]
    list_filter = ["status", "programme", "enrolment_open", "start_date"]
    search_fields = ["code", "title"]
    date_hierarchy = "start_date"
    autocomplete_fields = ["homeroom_teacher", "room"]
    filter_horizontal = ["units"]
    exclude = ["public_token"]
    inlines = [SessionInline]


@admin.register(Session)
class SessionAdmin(admin.ModelAdmin):
    list_display = ["date", "part_of_day", "start_time", "end_time", "course", "display_title", "lecturer", "room"]
    list_filter = ["part_of_day", "course__status", "room"]
    search_fields = ["title", "topic__title", "course__code", "course__title", "lecturer__full_name"]
    date_hierarchy = "date"
    list_select_related = ["course", "topic", "lecturer", "room"]
