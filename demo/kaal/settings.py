"""Settings of the bare project (``demo.kaal``): the database of ``DATABASE_URL`` (the bench
database, as the app's gunicorn uses it), no middleware, one template directory."""

from pathlib import Path

import environ

env = environ.Env()

HIER = Path(__file__).resolve().parent

DEBUG = False
SECRET_KEY = env("SECRET_KEY")
ALLOWED_HOSTS = ["*"]
INSTALLED_APPS = ["django.contrib.contenttypes", "django.contrib.auth"]
MIDDLEWARE = []
ROOT_URLCONF = "demo.kaal.urls"
WSGI_APPLICATION = "demo.kaal.wsgi.application"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [HIER / "templates"],
        "APP_DIRS": False,
    }
]
DATABASES = {"default": env.db("DATABASE_URL")}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)
if DATABASES["default"]["ENGINE"].startswith("django.db.backends.postgresql"):
    # As the app (wijk.settings): no JIT compiling of short queries.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("options", "-c jit=off")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
USE_TZ = True
TIME_ZONE = "Europe/Amsterdam"
LANGUAGE_CODE = "nl"
