"""Template context for the navigation: whether the user may decide enrolments (the approval queue)."""

from django.utils.functional import SimpleLazyObject


def enrolment_decider(request):
    """``can_decide_enrolments``: the director, or the deputy the director has delegated. Evaluated only
    when a template asks (it reads the center profile)."""

    def decide() -> bool:
        from trainees.access import can_decide

        user = getattr(request, "user", None)
        return bool(user is not None and user.is_authenticated and can_decide(user))

    return {"can_decide_enrolments": SimpleLazyObject(decide)}
