"""Human labels of history actions. Action codes are ``<thing>.<what happened>`` (``enrolment.approved``,
``certificate.issued``); each app registers its labels from ``AppConfig.ready()`` with ``register_actions``.

No model imports here: ``center.models.AuditEntry.action_label`` reads this registry."""

ACTION_LABELS: dict[str, str] = {}


def register_actions(labels: dict) -> None:
    ACTION_LABELS.update(labels)


def action_label(code: str) -> str:
    return str(ACTION_LABELS.get(code, code))
