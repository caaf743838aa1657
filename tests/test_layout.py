"""The code's shape, checked: apps depend one way, and inside trainees/ each area depends only on lower areas.

Apps: center ← staff ← courses ← trainees (a lower app never imports a higher one).
Areas of trainees/, lowest first: records ← accounts ← enrolment ← learning ← certificates ← documents
← reports ← portal.
The rule-and-read modules of an area (services, selectors, forms, imports, emails) import only their own
area and lower ones, and never views or urls. ``trainees/access.py`` fetches objects for a user: it reads
through selectors only, so services may use it (``can_decide``). Views, urls, demo seeders and the admin
compose pages and data across areas and are not restricted.
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
APPS = ["center", "staff", "courses", "trainees"]
AREAS = ["records", "accounts", "enrolment", "learning", "certificates", "documents", "reports", "portal"]
RULE_MODULES = {"services", "selectors", "forms", "imports", "emails", "context", "renderers"}


def _imports(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            yield node.module, [a.name for a in node.names]
        elif isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, []


def _python_files(app: str):
    return [p for p in (ROOT / app).rglob("*.py") if "migrations" not in p.parts]


def test_apps_depend_one_way():
    wrong = []
    for rank, app in enumerate(APPS):
        higher = APPS[rank + 1 :]
        for path in _python_files(app):
            for module, _names in _imports(path):
                if module.split(".")[0] in higher:
                    wrong.append(f"{path.relative_to(ROOT)} imports {module}")
    assert wrong == []


def _targets(module: str, names: list[str]) -> list[str]:
    """Full dotted names of what an import brings in ("from trainees.enrolment import services")."""
    return [f"{module}.{name}" for name in names] if names else [module]


def test_trainee_areas_depend_only_on_lower_areas():
    wrong = []
    for area in AREAS:
        for path in (ROOT / "trainees" / area).glob("*.py"):
            if path.stem not in RULE_MODULES:
                continue
            for module, names in _imports(path):
                for target in _targets(module, names):
                    parts = target.split(".")
                    if parts[0] != "trainees" or len(parts) < 2:
                        continue
                    if parts[1] == "access":
                        if path.stem != "services":
                            wrong.append(f"{path.relative_to(ROOT)} uses trainees.access (only services may)")
                        continue
                    if parts[1] not in AREAS:
                        continue
                    if AREAS.index(parts[1]) > AREAS.index(area):
                        wrong.append(f"{path.relative_to(ROOT)} imports higher area {target}")
                    if len(parts) > 2 and parts[2] in ("views", "urls", "import_views"):
                        wrong.append(f"{path.relative_to(ROOT)} imports {target}")
    assert wrong == []


def test_access_helpers_only_read():
    path = ROOT / "trainees" / "access.py"
    for module, names in _imports(path):
        for target in _targets(module, names):
            parts = target.split(".")
            if parts[0] == "trainees" and len(parts) > 2 and parts[1] in AREAS:
                assert parts[2] == "selectors", f"trainees/access.py imports {target}"


def test_every_area_has_its_own_modules():
    for area in AREAS:
        folder = ROOT / "trainees" / area
        assert (folder / "views.py").exists() and (folder / "urls.py").exists(), area
        assert (ROOT / "templates" / "trainees" / area).is_dir(), area
        assert (ROOT / "tests" / "trainees" / area).is_dir(), area
