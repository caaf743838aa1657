from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from center.audit import audit_for
from center.errors import show_error, show_form_error
from center.models import AuditEntry, Center
from center.roles import MANAGERS, Role, role_required
from staff.forms import StaffMemberForm
from staff.models import StaffMember
from staff.selectors import current_lockouts, staffing_summary
from staff.selectors import staff_list as staff_list_query
from staff.services import StaffError, login_unlock, staff_member_save

EDITORS = (Role.DIRECTOR, Role.DEPUTY)


@role_required(*MANAGERS)
def staff_list(request):
    return render(
        request,
        "staff/staff_list.html",
        {"members": staff_list_query(), "staffing_panel": {"staffing": staffing_summary(Center.load())}},
    )


@role_required(*MANAGERS)
def staff_detail(request, pk):
    member = get_object_or_404(StaffMember.objects.select_related("user"), pk=pk)
    return render(request, "staff/staff_detail.html", {"member": member, "history": audit_for(member)[:20]})


def _save(request, member, template):
    form = StaffMemberForm(request.POST or None, instance=member, editor=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            saved = staff_member_save(
                member=form.save(commit=False),
                username=form.cleaned_data.get("username", ""),
                role=form.cleaned_data.get("role", ""),
                by=request.user,
            )
        except StaffError as error:
            show_form_error(form, error, "role")
        else:
            messages.success(request, _("Saved: %(name)s.") % {"name": saved.full_name})
            return redirect("staff_detail", pk=saved.pk)
    return render(request, template, {"form": form, "member": member})


@role_required(*EDITORS)
def staff_create(request):
    return _save(request, StaffMember(), "staff/staff_form.html")


@role_required(*EDITORS)
def staff_edit(request, pk):
    return _save(request, get_object_or_404(StaffMember, pk=pk), "staff/staff_form.html")


@role_required(Role.DIRECTOR)
def lockout_list(request):
    """Logins locked after repeated wrong passwords (by username and address), with an unlock button."""
    return render(
        request,
        "staff/lockout_list.html",
        {
            "lockouts": current_lockouts(),
            "history": AuditEntry.objects.filter(action="login.unlocked").select_related("actor")[:20],
        },
    )


@require_POST
@role_required(Role.DIRECTOR)
def lockout_unlock(request):
    username = request.POST.get("username", "")[:255]
    ip_address = request.POST.get("ip_address", "")[:45]
    try:
        login_unlock(username=username, ip_address=ip_address, by=request.user)
    except StaffError as error:
        show_error(request, error)
    else:
        done = _("%(username)s can sign in again from %(address)s.")
        messages.success(request, done % {"username": username, "address": ip_address})
    return redirect("lockout_list")
