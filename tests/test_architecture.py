"""The shape of DESIGN.md → Architecture, checked on the source so it cannot drift:
dependencies point down, roles and workflow statuses appear only in policies and workflow
tables, and landed migrations are never edited.

After a migration lands, record it: `.venv/bin/python tests/test_architecture.py`.
"""

import ast
import hashlib
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "livc"
TEMPLATES = PACKAGE / "templates"
MANIFEST = Path(__file__).with_name("landed_migrations.sha256")

# Data migrations that landed before the rule; they are never edited, so they stay listed.
LANDED_BEFORE_THE_RULE = {
    # `today` only dates municipalities missing from the file: a fresh database has none.
    "organisations/migrations/0002_load_reference_data.py",
}


def _modules(folder: Path):
    for path in sorted(folder.rglob("*.py")):
        if "migrations" not in path.parts:
            yield path, ast.parse(path.read_text(encoding="utf-8"))


def _imported(tree: ast.AST) -> set[str]:
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return names


def test_core_imports_no_app():
    offenders = {
        f"{path.relative_to(PACKAGE)} imports {name}"
        for path, tree in _modules(PACKAGE / "core")
        for name in _imported(tree)
        if name.startswith("livc.") and not name.startswith("livc.core")
    }
    assert not offenders, sorted(offenders)


# The privacy engine (encryption, blind indexes, de-identification) serves every app and so
# knows none of them: who may read a record is decided by the app that owns it.
ENGINE_MAY_IMPORT = ("livc.privacy", "livc.core", "livc.access", "livc.audit", "livc.organisations")


def test_privacy_engine_imports_no_feature_app():
    offenders = {
        f"{path.relative_to(PACKAGE)} imports {name}"
        for path, tree in _modules(PACKAGE / "privacy")
        for name in _imported(tree)
        if name.startswith("livc.") and not name.startswith(ENGINE_MAY_IMPORT)
    }
    assert not offenders, sorted(offenders)


def test_nothing_imports_site():
    offenders = {
        f"{path.relative_to(PACKAGE)} imports {name}"
        for path, tree in _modules(PACKAGE)
        if "site" not in path.relative_to(PACKAGE).parts[:1]
        and "config" not in path.relative_to(PACKAGE).parts[:1]
        for name in _imported(tree)
        if name == "livc.site" or name.startswith("livc.site.")
    }
    assert not offenders, sorted(offenders)


def test_nothing_imports_a_view_module_but_urls():
    offenders = set()
    for path, tree in _modules(PACKAGE):
        if path.name.startswith("urls") or path.name.startswith("views"):
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                module = node.module or ""
                if node.level == 0 and not module.startswith("livc."):
                    continue  # e.g. django.contrib.auth.views: a library, not our views
                names = [alias.name for alias in node.names]
                if module.split(".")[-1].startswith("views") or any(
                    n.startswith("views") for n in names
                ):
                    offenders.add(f"{path.relative_to(PACKAGE)}: from {module} import {names}")
    assert not offenders, sorted(offenders)


# Role constants and workflow statuses belong to policies and workflow tables; a view or a
# template asks a named policy instead ("may this user close this case?").
VIEW_FORBIDDEN = re.compile(
    r"\bRole\.[A-Z_]+|\.(Phase|Status|State|Outcome)\.[A-Z_]+"
    r"|\.(phase|status|state|outcome)\s*(==|!=|\bin\b|\bnot in\b)"
)
TEMPLATE_FORBIDDEN = re.compile(
    r"\{%\s*(?:el)?if\b[^%]*?\b(?:role|phase|status|state|outcome)\s*(?:==|!=|in\b|not in\b)"
    r"\s*[\"'(]"
)


def _view_modules():
    return sorted(p for p in PACKAGE.rglob("views*.py") if "migrations" not in p.parts)


@pytest.mark.parametrize("path", _view_modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_roles_or_status_literals_in_views(path):
    lines = [
        f"{number}: {line.strip()}"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if VIEW_FORBIDDEN.search(line)
    ]
    assert not lines, "ask a named policy instead:\n" + "\n".join(lines)


def test_no_roles_or_status_literals_in_templates():
    offenders = []
    for path in sorted(TEMPLATES.rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        offenders += [
            f"{path.relative_to(TEMPLATES)}: {match.group(0)}"
            for match in TEMPLATE_FORBIDDEN.finditer(text)
        ]
    assert not offenders, "pass the allowed actions from the view:\n" + "\n".join(offenders)


def test_the_guards_catch_what_they_are_for():
    assert VIEW_FORBIDDEN.search("if membership.role == Role.COORDINATOR:")
    assert VIEW_FORBIDDEN.search("if case.phase == Case.Phase.CLOSED:")
    assert VIEW_FORBIDDEN.search("if job.status != 'done':")
    assert not VIEW_FORBIDDEN.search("actions = policies.case_actions(request.user, case)")
    assert TEMPLATE_FORBIDDEN.search('{% if job.status == "done" %}')
    assert TEMPLATE_FORBIDDEN.search("{% if item.case.phase != 'closed' %}")
    assert not TEMPLATE_FORBIDDEN.search("{% if actions.close %}{{ case.get_phase_display }}")
    assert not TEMPLATE_FORBIDDEN.search('{% translate "You see the outcome in your list." %}')
    assert not TEMPLATE_FORBIDDEN.search("{% for role in composition.missing_roles %}")


def _migrations() -> dict[str, str]:
    return {
        str(path.relative_to(PACKAGE)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(PACKAGE.glob("*/migrations/0*.py"))
    }


def test_landed_migrations_are_never_edited():
    recorded = dict(line.split("  ", 1)[::-1] for line in MANIFEST.read_text().splitlines())
    current = _migrations()
    changed = sorted(name for name, digest in recorded.items() if current.get(name) != digest)
    assert not changed, "landed migrations were edited or removed; add a new one instead"


CLOCK = re.compile(r"\b(date\.today|datetime\.now|timezone\.now|localdate|localtime)\s*\(")


def test_data_migrations_use_historical_models_and_no_clock():
    offenders = []
    for path in sorted(PACKAGE.glob("*/migrations/0*.py")):
        name = str(path.relative_to(PACKAGE))
        if name in LANDED_BEFORE_THE_RULE:
            continue
        text = path.read_text(encoding="utf-8")
        if CLOCK.search(text):
            offenders.append(f"{name}: reads the clock")
        if re.search(r"from livc\.\w+\.(models|services|selectors)\b", text):
            offenders.append(f"{name}: imports live models or services")
    assert not offenders, offenders


if __name__ == "__main__":
    MANIFEST.write_text("".join(f"{d}  {n}\n" for n, d in _migrations().items()))
    sys.exit(print(f"recorded {len(_migrations())} migrations in {MANIFEST.name}"))
