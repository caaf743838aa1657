from collections.abc import Callable
from dataclasses import dataclass, field

PERSONAS = (
    "anonymous",
    "director",
    "deputy",
    "clerk",
    "lecturer",
    "other_lecturer",
    "trainee",
    "other_trainee",
    "outsider",
)

# Common expectations. "login" means: redirected to the login page.
MANAGERS_ONLY = {
    "anonymous": "login",
    "director": 200,
    "deputy": 200,
    "clerk": 200,
    "lecturer": 403,
    "other_lecturer": 403,
    "trainee": 404,
    "other_trainee": 404,
    "outsider": 404,
}
ALL_STAFF = {**MANAGERS_ONLY, "lecturer": 200, "other_lecturer": 200}
DIRECTOR_ONLY = {**MANAGERS_ONLY, "deputy": 403, "clerk": 403}
DIRECTOR_AND_DEPUTY = {**MANAGERS_ONLY, "clerk": 403}
PUBLIC = {persona: 200 for persona in PERSONAS}
ANY_LOGIN = {**{persona: 200 for persona in PERSONAS}, "anonymous": "login"}


@dataclass(frozen=True)
class Rule:
    """Expected answers for one URL name. ``kwargs`` builds the URL arguments from the test world;
    ``expect`` maps persona → status code or "login"; ``method``/``data`` for POST-only views."""

    name: str
    expect: dict
    kwargs: Callable | None = None
    method: str = "get"
    data: Callable | None = None
    query: str = ""
    note: str = ""
    overrides: dict = field(default_factory=dict)

    def expected(self, persona: str):
        return self.overrides.get(persona, self.expect[persona])

    def __str__(self):
        return self.name


def rule(name, expect, **kwargs) -> Rule:
    """``rule("course_detail", MANAGERS_ONLY, kwargs=lambda w: {"pk": w.course.pk}, lecturer=200)``:
    keyword arguments named after a persona override that persona's expectation."""
    overrides = {k: kwargs.pop(k) for k in list(kwargs) if k in PERSONAS}
    return Rule(name=name, expect=expect, overrides=overrides, **kwargs)
