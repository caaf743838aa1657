from django.contrib import messages
from django.contrib.auth import get_user_model
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from center.audit import audit_for
from center.dashboard import panels_for
from center.forms import CenterForm
from center.models import Center, Room, Unit
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
