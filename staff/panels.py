from center.models import Center
from center.roles import MANAGERS, user_roles
from staff.selectors import staffing_summary


def staffing_panel(request):
    """Warns managers when established posts fall outside the staffing rule."""
    if not user_roles(request.user) & MANAGERS:
        return None
    return {"template": "staff/_staffing_panel.html", "staffing": staffing_summary(Center.load())}
