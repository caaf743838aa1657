from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.i18n import set_language

from center import views

urlpatterns = [
    path("", views.home, name="home"),
    path("center/", views.center_detail, name="center_detail"),
    path("center/edit/", views.center_edit, name="center_edit"),
    path("center/units/", views.unit_list, name="unit_list"),
    path("center/rooms/", views.room_list, name="room_list"),
    path("files/<int:pk>/", views.generated_file, name="generated_file"),
    path("files/<int:pk>/download/", views.generated_file_download, name="generated_file_download"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("accounts/", include("staff.urls")),
    path("staff/", include("staff.staff_urls")),
    path("", include("courses.urls")),
    path("", include("trainees.urls")),
    path("admin/", admin.site.urls),
]

admin.site.site_header = admin.site.site_title = _("Political training center")
admin.site.index_title = _("Administration")

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
