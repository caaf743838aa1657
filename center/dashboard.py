"""Page panels. Higher apps register a panel from their AppConfig.ready(), so the center app never
imports them. A panel is ``fn(request) -> dict | None``: a dict with ``template`` and its context, or None
to show nothing for this user. ``page`` is "dashboard" (staff home page), "center" (the profile page)
or "landing" (the public front page: no personal data there)."""

from collections.abc import Callable

PANELS: dict[str, list[tuple[int, Callable]]] = {}


def register_panel(fn: Callable, *, page: str = "dashboard", order: int = 50) -> None:
    panels = PANELS.setdefault(page, [])
    if all(existing is not fn for _, existing in panels):
        panels.append((order, fn))
        panels.sort(key=lambda item: item[0])


def panels_for(request, page: str = "dashboard") -> list[dict]:
    return [panel for _, fn in PANELS.get(page, []) if (panel := fn(request))]
