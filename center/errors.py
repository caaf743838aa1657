"""The one shape of a refused action, for every app.

Services raise a subclass of ``PortalError`` with a message the UI can show as it is (a module constant,
so tests match it exactly); when several things are wrong at once (clashes of a bulk request, rows of an
import) ``messages`` lists each. Views show it with ``show_error``: one Django message per problem.
"""

from django.contrib import messages as django_messages


class PortalError(Exception):
    """A rule was broken; nothing was written. ``message`` is the text to show, ``messages`` every problem."""

    def __init__(self, message=None, *, messages=None):
        self.messages = [m for m in (messages or [message]) if m is not None]
        self.message = message if message is not None else " ".join(str(m) for m in self.messages)
        super().__init__(str(self.message))


def show_error(request, error: PortalError) -> None:
    """Put each problem of ``error`` on the next page, as an error message."""
    for message in error.messages:
        django_messages.error(request, message)


def show_form_error(form, error: PortalError, field: str | None = None) -> None:
    """Put each problem of ``error`` on ``form``: on ``field`` when the rule is about that field, else on
    the whole form."""
    for message in error.messages:
        form.add_error(field, message)
