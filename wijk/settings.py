"""Settings for Wijk, read from the environment (see ``.env.example``).

One settings module for every situation: development, tests and production differ only in
their environment. Without any environment the project runs on the embedded default: SQLite in
the project folder, Celery tasks run in-process, e-mail printed to the console.
"""

from pathlib import Path

import environ
from celery.schedules import crontab
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
# A local .env file is read when present; real environment variables win.
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)

# SECRET_KEY is required when DEBUG is off; in debug a fixed development key is used.
if DEBUG:
    SECRET_KEY = env("SECRET_KEY", default="dev-only-insecure-key-do-not-use-in-production")
else:
    SECRET_KEY = env("SECRET_KEY")

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", ".localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# The coöperatie this installation serves: shown in the header, titles and e-mails.
WIJK_NAAM = env("WIJK_NAAM", default="Wijkcoöperatie De Buurt")
# The installation's own domain: coöperatie "oost" answers on oost.<WIJK_PLATFORMDOMEIN>
# (browsers resolve *.localhost to this machine); own domains are set per coöperatie.
WIJK_PLATFORMDOMEIN = env("WIJK_PLATFORMDOMEIN", default="localhost").lower()
# How long a process remembers which coöperatie a host name belongs to (seconds).
WIJK_HOSTS_ONTHOUDEN = env.int("WIJK_HOSTS_ONTHOUDEN", default=30)
# Public address for links in e-mails and calendar feeds. Without SITE_URL: this machine on the
# port that `make run PORT=...` serves (PORT, default 8000), so the links open in the demo.
_poort = env.str("PORT", default="8000").strip()
SITE_URL = env(
    "SITE_URL", default=f"http://127.0.0.1:{_poort if _poort.isdigit() else 8000}"
).rstrip("/")
# With DEBUG on, Django's technical 404/500 pages instead of the site's own (wijk.lib.foutpaginas;
# ``?debug`` in an address does the same for one page).
WIJK_TECHNISCHE_FOUTEN = env.bool("WIJK_TECHNISCHE_FOUTEN", default=False)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "django.contrib.sites",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
    "django_filters",
    "django_htmx",
    "csp",
    "wijk",
    "cooperaties",
    "bewoners",
    "meldingen",
    "hulpvragen",
    "accommodaties",
    "initiatieven",
    "buurtassistenten",
    "rapportages",
    "netwerk",
    "demo",  # development only: seed_demo and the bench commands
]

SITE_ID = 1

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Pages, feeds and JSON compressed (issue 16). Below whitenoise, which sends static files
    # compressed ahead (.gz from collectstatic) and must not be compressed again; above every
    # middleware that reads or changes the body. BREACH: the CSRF token is masked anew in every
    # answer, Django adds 0-100 random bytes to each gzip header ("Heal the BREACH"), and the
    # cookies are SameSite=Lax, so an attacker cannot make the many cross-site requests with
    # the victim's cookies that measuring lengths needs. It costs 0.05-0.1 ms a page (6-17 kB
    # of HTML to 20-40%), under 1% of rendering one; a reverse proxy is not there to rely on.
    "django.middleware.gzip.GZipMiddleware",
    # The coöperatie of the request's host (a friendly 404 for a host of none).
    "cooperaties.middleware.CooperatieMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "wijk.middleware.DutchByDefaultMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "wijk.middleware.TeVeelGegevensMiddleware",
    "django.middleware.common.CommonMiddleware",
    # With DEBUG on: the site's own 404 and 500 pages, not Django's technical ones.
    "wijk.lib.foutpaginas.EigenFoutpaginas",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Cache-Control: private, no-store on every answer to a logged-in person.
    "wijk.middleware.PersonalPagesNotStoredMiddleware",
    "wijk.middleware.UserLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "allauth.usersessions.middleware.UserSessionsMiddleware",
    "bewoners.middleware.MFARequiredMiddleware",
    # A page of a coöperatie one takes no part in: the question whether to join it.
    "bewoners.middleware.LidmaatschapMiddleware",
]

ROOT_URLCONF = "wijk.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "wijk.context_processors.wijk",
                "meldingen.context_processors.meldingen",
                "buurtassistenten.context_processors.coordinatie",
                "rapportages.context_processors.rapportage",
                "netwerk.context_processors.netwerk",
            ],
            # The house way of writing dates (|dag, |dag_tijd, {% tijdvak %}) in every template.
            "builtins": ["wijk.templatetags.datums"],
        },
    },
]

# Forms render with templates/forms/ (errors and help tied to fields, an error summary).
FORM_RENDERER = "wijk.lib.forms.WijkFormRenderer"

WSGI_APPLICATION = "wijk.wsgi.application"

# Database: PostgreSQL in production and CI; SQLite in the project folder by default.
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=0))
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Wait instead of failing when the in-process worker and a request write at once.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("timeout", 20)
    DATABASES["default"]["OPTIONS"].setdefault("transaction_mode", "IMMEDIATE")
# PostgreSQL: the role the application's queries run as (cooperaties.rls). It owns no table,
# so row-level security keeps every coöperatie to its own rows; the login (DATABASE_URL) owns
# the tables and runs the migrations. Made by deploy/pg-rollen.sql. Empty: no second wall.
WIJK_DB_ROL = env("WIJK_DB_ROL", default="")
if DATABASES["default"]["ENGINE"].startswith("django.db.backends.postgresql"):
    # JIT compiling costs ~100 ms on short OLTP queries such as candidate search: off.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("options", "-c jit=off")
    # A form's choices (ModelChoiceField) are read with .iterator(), which on PostgreSQL means a
    # server-side cursor: DECLARE, FETCH and CLOSE, each wrapped by the second wall's BEGIN and
    # set_config outside a transaction. Nothing here streams more rows than fit in memory.
    DATABASES["default"].setdefault("DISABLE_SERVER_SIDE_CURSORS", True)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: Redis in production (rate limits of allauth need a shared cache); per process otherwise.
CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://wijk")}
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
    # Django's Redis cache, with one client per pool rather than one per call (wijk.lib.cache).
    CACHES["default"]["BACKEND"] = "wijk.lib.cache.RedisCache"
# Sessions read from a shared cache (written to the database too): a query less on every page
# of a logged-in person. A cache per process would keep a session another process ended.
if not CACHES["default"]["BACKEND"].endswith(("LocMemCache", "DummyCache")):
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

AUTH_USER_MODEL = "bewoners.User"
AUTHENTICATION_BACKENDS = [
    # ModelBackend with the permissions of the roles in the current coöperatie.
    "bewoners.backends.RollenBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "bewoners:start"

# django-allauth: e-mail is the login; verification is mandatory.
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_PRESERVE_USERNAME_CASING = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = f"[{WIJK_NAAM}] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = env("ACCOUNT_DEFAULT_HTTP_PROTOCOL", default="https")
ACCOUNT_ADAPTER = "bewoners.adapters.AccountAdapter"
ACCOUNT_SIGNUP_REDIRECT_URL = "bewoners:onboarding"
ACCOUNT_RATE_LIMITS = {
    # allauth's defaults, stated here so they are visible and tunable.
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "confirm_email": "1/3m/key",
    "change_email": "1/m/user",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = WIJK_NAAM
# Roles that must have a second factor before they reach any page (see bewoners.middleware).
WIJK_MFA_REQUIRED_ROLES = ["buurtassistent", "bestuur", "beheerder"]

# Internationalisation: Dutch first, English available.
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("Engels"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

# Static files, served by whitenoise.
STATIC_URL = "static/"
# Where collectstatic puts the files whitenoise serves (bench_pages collects into its own).
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if env.bool("STATIC_MANIFEST", default=not DEBUG)
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# E-mail: printed to the console unless EMAIL_URL says otherwise (smtp+tls://user:pw@host:587).
vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
if vars().get("EMAIL_BACKEND") == "django.core.mail.backends.console.EmailBackend":
    # In the terminal one short line per e-mail with its first link (wijk.lib.mail_console).
    EMAIL_BACKEND = "wijk.lib.mail_console.EmailBackend"
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Wijk <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Celery: with no broker every task runs eagerly in-process (embedded default and tests).
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Every periodic job runs once per active coöperatie: the beat sends
# cooperaties.tasks.elke_cooperatie, which queues the job named in ``args`` for each of them
# (cooperaties.taken), so the job itself always knows its coöperatie.
CELERY_BEAT_SCHEDULE = {
    "meldingen-dagelijkse-samenvatting": {
        "task": "cooperaties.tasks.elke_cooperatie",
        "args": ("meldingen.tasks.send_daily_digests",),
        "schedule": crontab(hour=7, minute=30),
    },
    # Help requests (hulpvragen.tasks): every task is idempotent, so a missed or doubled run
    # does no harm.
    "hulpvragen-voorstellen-laten-vervallen": {
        "task": "cooperaties.tasks.elke_cooperatie",
        "args": ("hulpvragen.tasks.lapse_proposals",),
        "schedule": crontab(minute="*/15"),
    },
    "hulpvragen-escaleren": {
        "task": "cooperaties.tasks.elke_cooperatie",
        "args": ("hulpvragen.tasks.escalate_waiting",),
        "schedule": crontab(minute="5,35"),
    },
    "hulpvragen-verlopen": {
        "task": "cooperaties.tasks.elke_cooperatie",
        "args": ("hulpvragen.tasks.expire_past",),
        "schedule": crontab(hour=0, minute=15),
    },
    "hulpvragen-herinneringen": {
        "task": "cooperaties.tasks.elke_cooperatie",
        "args": ("hulpvragen.tasks.send_reminders",),
        "schedule": crontab(hour=9, minute=0),
    },
    "hulpvragen-afronden-vragen": {
        "task": "cooperaties.tasks.elke_cooperatie",
        "args": ("hulpvragen.tasks.ask_to_complete",),
        "schedule": crontab(hour=10, minute=0),
    },
    "accommodaties-aanvragen-laten-vervallen": {
        "task": "cooperaties.tasks.elke_cooperatie",
        "args": ("accommodaties.tasks.lapse_requests",),
        "schedule": crontab(minute="*/15"),
    },
    "hulpvragen-veegronde": {
        "task": "cooperaties.tasks.elke_cooperatie",
        "args": ("hulpvragen.tasks.sweep",),
        "schedule": crontab(minute="*/10"),
    },
    # Activities: the evening before, a reminder to everyone signed up (each meeting once).
    "rapportages-voorberekenen": {
        "task": "cooperaties.tasks.elke_cooperatie",
        "args": ("rapportages.tasks.rapporten_voorberekenen",),
        "schedule": crontab(minute=5),
    },
    "initiatieven-herinneringen": {
        "task": "cooperaties.tasks.elke_cooperatie",
        "args": ("initiatieven.tasks.herinner",),
        "schedule": crontab(hour=18, minute=0),
    },
    # Buurtassistenten: the follow-ups 1, 3 and 6 months after a welcome contact (each once).
    "buurtassistenten-welkom-vervolgen": {
        "task": "cooperaties.tasks.elke_cooperatie",
        "args": ("buurtassistenten.tasks.welkom_vervolgen",),
        "schedule": crontab(hour=7, minute=0),
    },
    # The dashboard's count of outreach signals: again when stale (buurtassistenten.telling).
    "buurtassistenten-signalen-tellen": {
        "task": "cooperaties.tasks.elke_cooperatie",
        "args": ("buurtassistenten.tasks.signalen_tellen",),
        "schedule": crontab(minute="*"),
    },
}

# Security. In production (DEBUG off) everything is strict; behind a TLS-terminating proxy
# set SECURE_PROXY_SSL_HEADER via SECURE_PROXY_SSL=True.
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^health/$"]
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
# Preloading is an opt-in per domain that is hard to undo (every subdomain must then speak
# https), so a coöperatie chooses it explicitly; not asking for it is no deployment flaw.
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
# Covering indexes (INCLUDE columns) speed up matching on PostgreSQL; SQLite, the embedded
# default, builds them without the extra columns, which is fine there.
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    SILENCED_SYSTEM_CHECKS.append("models.W040")
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
if env.bool("SECURE_PROXY_SSL", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Content-Security-Policy (django-csp 4): no inline scripts, no third-party origins.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    },
}

# Pagination sizes used by list pages.
WIJK_PAGE_SIZE = env.int("WIJK_PAGE_SIZE", default=20)

# Matching of help requests and offers (hulpvragen.matching). Weights of the score parts can be
# tuned here; K is how many helpers are asked at once.
WIJK_MATCHING = {
    "K": env.int("WIJK_MATCHING_K", default=3),
    "VOORSTEL_GELDIG_UREN": env.int("WIJK_VOORSTEL_GELDIG_UREN", default=24),
    "ESCALATIE_NA_UREN": env.int("WIJK_ESCALATIE_NA_UREN", default=48),
    "KANDIDATEN_MAX": 200,
    "BELASTING_DAGEN": 30,
    "GEWICHTEN": {
        "categorie": 3.0,  # the offer names the category (1.0) or only the profile (0.6)
        "nabijheid": 2.0,  # same buurt 1.0, a named buurt 0.6, "overal" 0.3
        "beschikbaarheid": 1.5,  # share of the requested parts of the week the helper is free
        "continuiteit": 1.5,  # helped this requester before, successfully
        "belasting": 1.5,  # fewer recent proposals and helps: higher
        "wachttijd": 1.0,  # requests that waited longer come first (fairness)
        "taal": 1.0,  # a shared language other than Dutch
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"geen_toegang_kort": {"()": "wijk.lib.foutpaginas.KortBijGeenToegang"}},
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        # Django's own console handler (on with DEBUG) printed each message a second time.
        "django": {"handlers": [], "level": "INFO"},
        # A refused page (403) is one line, without a traceback.
        "django.request": {"filters": ["geen_toegang_kort"]},
    },
}
if CELERY_TASK_ALWAYS_EAGER:
    # Tasks run inside the web process: no "Task ... succeeded" line for each (failures show).
    LOGGING["loggers"]["celery.app.trace"] = {"level": "WARNING"}
