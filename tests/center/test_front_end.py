"""The front end loads only what pages use (offices have slow links; phones pay for every byte)."""

import importlib.util
import re
from pathlib import Path

from django.conf import settings


def test_no_page_loads_htmx_since_no_template_uses_it(client, db):
    templates = Path(settings.BASE_DIR) / "templates"
    uses_htmx = [p for p in templates.rglob("*.html") if " hx-" in p.read_text(encoding="utf-8")]
    assert uses_htmx == []
    assert "htmx" not in client.get("/accounts/login/").content.decode()


def icons_tool():
    """tools/icons_subset.py, which cuts Bootstrap Icons down to the icons the portal uses."""
    spec = importlib.util.spec_from_file_location("icons_subset", Path(settings.BASE_DIR) / "tools" / "icons_subset.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_icon_used_exists_and_is_in_the_subset_the_pages_load(client, db):
    tool = icons_tool()
    used = tool.used_icons()
    codepoints = tool.icon_codepoints()
    assert {"printer", "calendar-week", "star-fill"} <= used
    assert sorted(used - codepoints.keys()) == [], "not a Bootstrap Icons 1.13.2 name"
    subset = tool.SUBSET_CSS.read_text(encoding="utf-8")
    in_subset = dict(re.findall(r'\.bi-([a-z0-9-]+)::before\{content:"\\([0-9a-f]+)"\}', subset))
    assert set(in_subset) == used, "run tools/icons_subset.py after using a new icon"
    assert {name: int(code, 16) for name, code in in_subset.items()} == {name: codepoints[name] for name in used}
    assert "Licensed under MIT" in subset
    html = client.get("/accounts/login/").content.decode()
    assert "bootstrap-icons.subset.css" in html and "bootstrap-icons.min.css" not in html
