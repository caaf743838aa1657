from django.contrib import messages
from django.contrib.auth import get_user_model
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from center.audit import audit_for
from center.dashboard import panels_for
from center.forms import CenterForm
from center.generated import PRIVATE_KINDS, generated_file_for_user
from center.models import Center, GeneratedFile, Room, Unit
from center.pdf import file_response
from center.roles import MANAGERS, STAFF, Role, role_required, user_roles
from center.services import center_update


def home(request):
    """The public see the center's front page; staff the dashboard; a trainee their own timetable."""
    if not request.user.is_authenticated:
        return render(request, "center/landing.html", {"panels": panels_for(request, "landing")})
    roles = user_roles(request.user)
    if not roles & STAFF:
        if Role.TRAINEE in roles:
            return redirect("portal_home")
        return render(request, "center/no_role.html", status=403)
    return render(request, "center/dashboard.html", {"panels": panels_for(request)})


@role_required(*STAFF)
def center_detail(request):
    center = Center.load()
    return render(
        request,
        "center/center_detail.html",
        {
            "center": center,
            "panels": panels_for(request, "center"),
            "history": audit_for(center)[:20] if center.pk else [],
        },
    )


@role_required(Role.DIRECTOR)
def center_edit(request):
    center = Center.load()
    delegates = get_user_model().objects.filter(groups__name=Role.DEPUTY, is_active=True).order_by("first_name")
    form = CenterForm(request.POST or None, instance=center, delegate_choices=delegates)
    if form.wants_kind_defaults():
        messages.info(request, _("The defaults of this kind of center have been filled in: check them, then save."))
        return render(request, "center/center_form.html", {"form": form.with_kind_defaults()})
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "defaults_applied"}
        center_update(center=Center.load(), data=data, by=request.user)
        messages.success(request, _("The center's profile has been saved."))
        return redirect("center_detail")
    return render(request, "center/center_form.html", {"form": form})


@role_required(*MANAGERS)
def unit_list(request):
    return render(request, "center/unit_list.html", {"units": Unit.objects.all()})


@role_required(*MANAGERS)
def room_list(request):
    return render(request, "center/room_list.html", {"rooms": Room.objects.all()})


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: a refused form (expired page, logged out in another tab, cookies off) gets a page in
    the portal's layout with a way back instead of Django's technical one. Django logs ``reason``."""
    return render(request, "403_csrf.html", status=403)


@role_required(*STAFF)
def generated_file(request, pk: int):
    """A file being made in the background: a progress bar (the page reloads itself every 2 s while the
    file is being made, no script needed), then the download button."""
    file = generated_file_for_user(request.user, pk)
    return render(request, "center/generated_file.html", {"file": file})


@role_required(*STAFF)
def generated_file_download(request, pk: int):
    file = generated_file_for_user(request.user, pk)
    if file.status != GeneratedFile.Status.READY:
        return redirect("generated_file", pk=file.pk)
    content = GeneratedFile.objects.values_list("content", flat=True).get(pk=file.pk)
    response = file_response(
        filename=file.filename,
        content_type=file.content_type,
        content=bytes(content),
        inline=file.content_type == "application/pdf",
    )
    if file.kind in PRIVATE_KINDS:
        response["Cache-Control"] = "no-store"
    return response
