"""Keep the deployment files honest: they cannot be run here (no Docker engine), so they are
read and checked. .env.example must list every setting that settings.py reads."""

import re
from pathlib import Path

import pytest
import yaml

BASE_DIR = Path(__file__).resolve().parents[2]

# env("X"), env.bool("X"), env.list/int/db/cache/email_url("X")
ENV_READ = re.compile(r"""\benv(?:\.\w+)?\(\s*["']([A-Z][A-Z0-9_]*)["']""")
# "NAME=value" or "# NAME=value" at the start of a line of .env.example
ENV_EXAMPLE_LINE = re.compile(r"^(#\s*)?([A-Z][A-Z0-9_]*)=(.*)$", re.MULTILINE)
# Variables in .env.example that are read by docker-compose.yml or the image, not by Django.
NOT_FOR_DJANGO = {"POSTGRES_PASSWORD", "WEB_CONCURRENCY"}

APP_SERVICES = ("web", "worker", "beat")


def settings_variables() -> set[str]:
    return set(ENV_READ.findall((BASE_DIR / "wijk" / "settings.py").read_text(encoding="utf-8")))


def env_example() -> dict[str, tuple[bool, str]]:
    """Name -> (set for development, value) for every variable .env.example mentions."""
    text = (BASE_DIR / ".env.example").read_text(encoding="utf-8")
    return {m[2]: (not m[1], m[3]) for m in ENV_EXAMPLE_LINE.finditer(text)}


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load((BASE_DIR / "docker-compose.yml").read_text(encoding="utf-8"))


def test_settings_read_the_environment():
    # Guards the regular expression: if this fails, settings.py changed how it reads env.
    assert {"DEBUG", "SECRET_KEY", "DATABASE_URL", "CACHE_URL", "EMAIL_URL"} <= settings_variables()


def test_env_example_lists_every_setting():
    missing = settings_variables() - env_example().keys()
    assert not missing, f"add these to .env.example, with a comment: {sorted(missing)}"


def test_env_example_lists_nothing_unused():
    unused = env_example().keys() - settings_variables() - NOT_FOR_DJANGO
    assert not unused, f"no longer read by settings.py, remove from .env.example: {sorted(unused)}"


def test_env_example_gives_development_values():
    example = env_example()
    assert example["DEBUG"] == (True, "True")
    # Everything that needs a service stays on the embedded default.
    for name in ("DATABASE_URL", "CACHE_URL", "CELERY_BROKER_URL", "EMAIL_URL", "SECRET_KEY"):
        assert example[name][0] is False, f"{name} must be commented out in .env.example"


def test_compose_has_the_five_services(compose):
    assert set(compose["services"]) == {"web", "worker", "beat", "db", "redis"}


def test_app_services_use_the_services_of_the_compose_file(compose):
    for name in APP_SERVICES:
        service = compose["services"][name]
        assert service["env_file"] == ".env"
        environment = service["environment"]
        assert environment["DEBUG"] == "False"
        assert "@db:5432/" in environment["DATABASE_URL"]
        assert environment["CACHE_URL"].startswith("rediscache://redis:6379/")
        assert environment["CELERY_BROKER_URL"].startswith("redis://redis:6379/")
        assert service["depends_on"] == {
            "db": {"condition": "service_healthy"},
            "redis": {"condition": "service_healthy"},
        }


def test_compose_commands(compose):
    services = compose["services"]
    web = services["web"]["command"]
    assert web.index("migrate") < web.index("gunicorn wijk.wsgi")
    assert services["web"]["ports"] == ["8000:8000"]
    assert services["worker"]["command"].startswith("celery -A wijk worker")
    assert services["beat"]["command"].startswith("celery -A wijk beat")
    assert "deploy" not in services["beat"], "beat must run exactly once: do not scale it"


def test_compose_data_services_have_health_checks_and_volumes(compose):
    db, redis = compose["services"]["db"], compose["services"]["redis"]
    assert db["image"] == "postgres:15"
    assert "pg_isready" in " ".join(db["healthcheck"]["test"])
    assert any(v.endswith(":/var/lib/postgresql/data") for v in db["volumes"])
    assert redis["image"] == "redis:7"
    assert "ping" in redis["healthcheck"]["test"]
    assert set(compose["volumes"]) >= {"pgdata"}


def test_dockerfile():
    dockerfile = (BASE_DIR / "Dockerfile").read_text(encoding="utf-8")
    assert dockerfile.startswith("#") and "\nFROM python:3.11-slim\n" in dockerfile
    assert "pip install -r requirements.txt" in dockerfile
    assert "collectstatic --noinput" in dockerfile
    assert "\nUSER wijk\n" in dockerfile
    assert "HEALTHCHECK" in dockerfile and "/health/" in dockerfile
    assert '"gunicorn", "wijk.wsgi"' in dockerfile


def test_dockerignore_keeps_secrets_and_local_state_out():
    ignored = set((BASE_DIR / ".dockerignore").read_text(encoding="utf-8").split())
    assert {".env", ".venv", ".git", "db.sqlite3"} <= ignored


def test_pre_commit_runs_ruff_and_the_migrations_check_from_the_virtualenv():
    config = yaml.safe_load((BASE_DIR / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = {hook["id"]: hook for repo in config["repos"] for hook in repo["hooks"]}
    assert {"ruff-check", "ruff-format", "makemigrations-check"} <= hooks.keys()
    for hook in hooks.values():
        # Local hooks with the pinned tools: nothing to download, same versions as CI.
        assert hook["language"] == "system"
        assert hook["entry"].startswith(".venv/bin/")
    assert "makemigrations --check" in hooks["makemigrations-check"]["entry"]
