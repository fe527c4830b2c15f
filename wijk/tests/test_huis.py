"""The house in order (issue 13): rooms of a livable size, and no app reaching into another's
private names. The arrows between the apps and their public faces are import-linter's contracts
in pyproject.toml (`make lint`, CI); these are the two rules it cannot check."""

import ast
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]

# A module past ~500 lines becomes a package re-exporting from __init__ (design: "Inside an app").
MAX_REGELS = 500

# Not the project's code: the virtualenv, collected static files, caches.
OVERGESLAGEN = {".venv", "node_modules", "staticfiles", "__pycache__", "locale", "static"}


def python_modules(*, met_tests: bool) -> list[Path]:
    """Every module of the project; tests and migrations only when ``met_tests``."""
    modules = []
    for path in sorted(BASE_DIR.rglob("*.py")):
        delen = path.relative_to(BASE_DIR).parts
        if any(deel.startswith(".") or deel in OVERGESLAGEN for deel in delen[:-1]):
            continue
        if not met_tests and ("tests" in delen[:-1] or "migrations" in delen[:-1]):
            continue
        if not met_tests and delen[-1] == "conftest.py":
            continue
        modules.append(path)
    return modules


def eigen_pakketten() -> set[str]:
    """The project's own top-level packages (the apps, ``wijk``, ``tests``)."""
    return {path.parent.name for path in BASE_DIR.glob("*/__init__.py")}


def test_no_module_outside_tests_and_migrations_passes_500_lines():
    te_lang = []
    for path in python_modules(met_tests=False):
        regels = len(path.read_text(encoding="utf-8").splitlines())
        if regels > MAX_REGELS:
            te_lang.append(f"{path.relative_to(BASE_DIR)}: {regels}")
    assert python_modules(met_tests=False), "no modules found: BASE_DIR is wrong"
    assert not te_lang, (
        f"{len(te_lang)} module(s) past {MAX_REGELS} lines; split them along their seams into a "
        "package that re-exports from __init__:\n  " + "\n  ".join(te_lang)
    )


def privé(naam: str) -> bool:
    return naam.startswith("_") and not (naam.startswith("__") and naam.endswith("__"))


def privé_imports(tree: ast.AST, *, eigen: str | None, pakketten: set[str]):
    """The imports in ``tree`` of a private name (or module) of another of ``pakketten``."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                delen = alias.name.split(".")
                if delen[0] in pakketten and delen[0] != eigen and any(map(privé, delen)):
                    yield node.lineno, f"import {alias.name}"
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            delen = node.module.split(".")
            if delen[0] not in pakketten or delen[0] == eigen:
                continue
            for alias in node.names:
                if privé(alias.name) or any(map(privé, delen)):
                    yield node.lineno, f"from {node.module} import {alias.name}"


def test_no_app_imports_a_private_name_of_another():
    """``from accommodaties.forms import _datum_en_tijden`` in buurtassistenten reaches into
    another app's insides: the name must become public (in a public module) or stay home.
    Tests count too; only the app's own modules may use its private names."""
    pakketten = eigen_pakketten()
    assert {"wijk", "bewoners", "meldingen"} <= pakketten
    gevonden = []
    for path in python_modules(met_tests=True):
        relatief = path.relative_to(BASE_DIR)
        eigen = relatief.parts[0] if len(relatief.parts) > 1 else None
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for regel, tekst in privé_imports(tree, eigen=eigen, pakketten=pakketten):
            gevonden.append(f"{relatief}:{regel} {tekst}")
    assert not gevonden, "private names imported across apps:\n  " + "\n  ".join(gevonden)
