"""The front end loads only what pages use (offices have slow links; phones pay for every byte)."""

from pathlib import Path

from django.conf import settings


def test_no_page_loads_htmx_since_no_template_uses_it(client, db):
    templates = Path(settings.BASE_DIR) / "templates"
    uses_htmx = [p for p in templates.rglob("*.html") if " hx-" in p.read_text(encoding="utf-8")]
    assert uses_htmx == []
    assert "htmx" not in client.get("/accounts/login/").content.decode()
