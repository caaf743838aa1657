"""Demo programmes, courses and sessions (filled in by the courses work)."""


def seed(*, stdout=None) -> dict:
    return {}
