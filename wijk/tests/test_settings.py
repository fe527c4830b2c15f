"""Settings come from the environment only: each case loads wijk.settings in a fresh process
with a clean environment (and without the developer's .env file)."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[2]

# Runs in the child process: ignore the local .env so only the given environment counts,
# load the settings module and print the values the tests look at.
LOAD_SETTINGS = """
import json, sys
import environ
environ.Env.read_env = staticmethod(lambda *args, **kwargs: None)
try:
    from wijk import settings as s
except Exception as exc:
    print(json.dumps({"error": type(exc).__name__, "message": str(exc)}))
    sys.exit(0)
print(json.dumps({
    "DEBUG": s.DEBUG,
    "SECRET_KEY": s.SECRET_KEY,
    "ALLOWED_HOSTS": s.ALLOWED_HOSTS,
    "DB_ENGINE": s.DATABASES["default"]["ENGINE"],
    "DB_NAME": str(s.DATABASES["default"]["NAME"]),
    "CONN_MAX_AGE": s.DATABASES["default"]["CONN_MAX_AGE"],
    "CACHE_BACKEND": s.CACHES["default"]["BACKEND"],
    "EMAIL_BACKEND": s.EMAIL_BACKEND,
    "CELERY_BROKER_URL": s.CELERY_BROKER_URL,
    "CELERY_TASK_ALWAYS_EAGER": s.CELERY_TASK_ALWAYS_EAGER,
    "STATICFILES_BACKEND": s.STORAGES["staticfiles"]["BACKEND"],
    "SECURE_SSL_REDIRECT": s.SECURE_SSL_REDIRECT,
    "SESSION_COOKIE_SECURE": s.SESSION_COOKIE_SECURE,
    "CSRF_COOKIE_SECURE": s.CSRF_COOKIE_SECURE,
    "SECURE_HSTS_SECONDS": s.SECURE_HSTS_SECONDS,
    "SECURE_PROXY_SSL_HEADER": getattr(s, "SECURE_PROXY_SSL_HEADER", None),
    "WIJK_NAAM": s.WIJK_NAAM,
    "SITE_URL": s.SITE_URL,
}))
"""

STATIC_PLAIN = "django.contrib.staticfiles.storage.StaticFilesStorage"
STATIC_MANIFEST = "whitenoise.storage.CompressedManifestStaticFilesStorage"

PRODUCTION = {
    "DEBUG": "False",
    "SECRET_KEY": "a-long-random-secret-key-for-the-settings-test-only-0123456789abcdef",
    "ALLOWED_HOSTS": "wijk.example.org",
    "CSRF_TRUSTED_ORIGINS": "https://wijk.example.org",
    "DATABASE_URL": "postgres://wijk:secret@db:5432/wijk",
    "CONN_MAX_AGE": "60",
    "CACHE_URL": "rediscache://redis:6379/1",
    "CELERY_BROKER_URL": "redis://redis:6379/0",
    "EMAIL_URL": "smtp+tls://user:password@smtp.example.org:587",
    "SECURE_PROXY_SSL": "True",
    "WIJK_NAAM": "Wijkcoöperatie Test",
}


def load_settings(**environment: str) -> dict:
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "PYTHONPATH": str(BASE_DIR),
        "PYTHONIOENCODING": "utf-8",
        **environment,
    }
    result = subprocess.run(
        [sys.executable, "-c", LOAD_SETTINGS],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_secret_key_is_required_when_debug_is_off():
    loaded = load_settings(DEBUG="False")

    assert loaded.get("error") == "ImproperlyConfigured"
    assert "SECRET_KEY" in loaded["message"]


def test_debug_is_off_by_default():
    # Nothing set at all: production-safe, so the missing SECRET_KEY is an error.
    assert load_settings().get("error") == "ImproperlyConfigured"


def test_embedded_default_needs_no_services():
    loaded = load_settings(DEBUG="True")

    assert "error" not in loaded, loaded
    assert loaded["DEBUG"] is True
    assert loaded["SECRET_KEY"]
    assert loaded["DB_ENGINE"] == "django.db.backends.sqlite3"
    assert loaded["DB_NAME"] == str(BASE_DIR / "db.sqlite3")
    assert loaded["CACHE_BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"
    assert loaded["EMAIL_BACKEND"] == "wijk.lib.mail_console.EmailBackend"  # one line a mail
    assert loaded["CELERY_BROKER_URL"] == ""
    assert loaded["CELERY_TASK_ALWAYS_EAGER"] is True
    assert loaded["STATICFILES_BACKEND"] == STATIC_PLAIN
    assert loaded["SECURE_SSL_REDIRECT"] is False
    assert loaded["SECURE_HSTS_SECONDS"] == 0


def test_production_values_from_the_environment():
    loaded = load_settings(**PRODUCTION)

    assert "error" not in loaded, loaded
    assert loaded["DEBUG"] is False
    assert loaded["SECRET_KEY"] == PRODUCTION["SECRET_KEY"]
    assert loaded["ALLOWED_HOSTS"] == ["wijk.example.org"]
    assert loaded["DB_ENGINE"] == "django.db.backends.postgresql"
    assert loaded["CONN_MAX_AGE"] == 60
    assert loaded["CACHE_BACKEND"] == "wijk.lib.cache.RedisCache"  # Django's, one client a pool
    assert loaded["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert loaded["CELERY_BROKER_URL"] == "redis://redis:6379/0"
    assert loaded["CELERY_TASK_ALWAYS_EAGER"] is False
    assert loaded["STATICFILES_BACKEND"] == STATIC_MANIFEST
    assert loaded["SECURE_SSL_REDIRECT"] is True
    assert loaded["SESSION_COOKIE_SECURE"] is True
    assert loaded["CSRF_COOKIE_SECURE"] is True
    assert loaded["SECURE_HSTS_SECONDS"] >= 31536000
    assert loaded["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert loaded["WIJK_NAAM"] == "Wijkcoöperatie Test"


@pytest.mark.parametrize(
    ("variable", "value", "key", "expected"),
    [
        ("SECURE_SSL_REDIRECT", "False", "SECURE_SSL_REDIRECT", False),
        ("SECURE_HSTS_SECONDS", "0", "SECURE_HSTS_SECONDS", 0),
        ("STATIC_MANIFEST", "False", "STATICFILES_BACKEND", STATIC_PLAIN),
    ],
)
def test_single_production_defaults_can_be_overridden(variable, value, key, expected):
    loaded = load_settings(**{**PRODUCTION, variable: value})

    assert loaded[key] == expected
