from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render

from center.roles import Role, user_roles
from trainees.models import Trainee


def _own_trainee(request) -> Trainee:
    """The trainee record of the logged-in user; 404 for anyone else."""
    if Role.TRAINEE not in user_roles(request.user):
        raise Http404
    trainee = Trainee.objects.filter(user=request.user).select_related("unit").first()
    if trainee is None:
        raise Http404
    return trainee


@login_required
def portal_home(request):
    trainee = _own_trainee(request)
    enrolments = trainee.enrolments.select_related("course").order_by("-course__start_date")
    return render(request, "trainees/portal_home.html", {"trainee": trainee, "enrolments": enrolments})
