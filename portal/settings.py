"""Settings for Kompetensportalen.

Everything that differs between a laptop, CI and production is read from the environment here,
and only here (django-environ). Unset variables give the embedded default: SQLite, tasks run
in-process, mail to the console.
"""

from importlib.util import find_spec
from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
if (BASE_DIR / ".env").is_file():
    env.read_env(BASE_DIR / ".env")

DEBUG = env.bool("DEBUG", default=False)

# Only good for a laptop: wsgi.py refuses to serve with it when DEBUG is off, and
# `check --deploy` flags it (the django-insecure- prefix).
DEV_SECRET_KEY = "django-insecure-kompetensportalen-local-development-only"  # noqa: S105
SECRET_KEY = env("SECRET_KEY", default=DEV_SECRET_KEY)

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000")

INSTALLED_APPS = [
    "portal",
    "projects",
    "events",
    "ambassadors",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_filters",
    "django_celery_beat",
    "django_htmx",
    "django_prose_editor",
    "csp",
]
# Development data (the demo, synthetic data and their commands) where the checkout has it; the
# production image leaves the package out (devdata/__init__.py says why). First, so that its
# commands replace the portal's stand-ins that say so.
if find_spec("devdata") is not None:
    INSTALLED_APPS.insert(0, "devdata")

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "portal.middleware.LanguageMiddleware",
    "portal.middleware.RejectNulBytesMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "portal.middleware.StaffTwoFactorMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
        },
    },
    # Plain-text e-mails: the same templates, never HTML-escaped ("Ek & Son" must not arrive as
    # "Ek &amp; Son"). portal.mail renders every subject and text part with this engine, so no text
    # template needs its own {% autoescape off %}.
    {
        "NAME": "text",
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {"autoescape": False},
    },
]

# --- Database -----------------------------------------------------------------------------------
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("DB_CONN_MAX_AGE", default=60))
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    # A seat lock that cannot be had within this time fails clearly instead of hanging a request.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c lock_timeout=10000"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Redis: broker and cache when configured ----------------------------------------------------
REDIS_URL = env("REDIS_URL", default="")
# Two caches: "default" keeps what must not be lost to traffic (allauth's rate limits and login
# lockouts, sessions), "pages" the page cache, which evicts as it likes. In production both live in
# Redis, which evicts nothing (no maxmemory policy). On the embedded default the rate limits are kept
# in the database: in local memory, filling the cache with pages (or with counters for made-up
# addresses) evicted the lockout of the account under attack.
EMBEDDED_CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "portal_cache",
        # Culling deletes a third of the rows when full: kept far above what rate limits can fill.
        "OPTIONS": {"MAX_ENTRIES": 1_000_000},
    },
    "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "OPTIONS": {"MAX_ENTRIES": 2000}},
}
if REDIS_URL:
    # Redis is a cache, never the source of truth (portal.cache.ResilientRedisCache): when it cannot
    # be reached, pages are served uncached, and what "default" keeps goes to the database meanwhile,
    # so rate limits and lockouts hold and sessions are read from their table.
    _redis_cache = {
        "BACKEND": "portal.cache.ResilientRedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": env("CACHE_KEY_PREFIX", default="kp"),
    }
    CACHES = {
        "default": {**_redis_cache, "OPTIONS": {"FALLBACK": "database"}},
        "pages": _redis_cache,
        "database": EMBEDDED_CACHES["default"],
    }
else:
    CACHES = EMBEDDED_CACHES

# Sessions are read from the cache and written through to the database: a signed-in page needs
# no database query to know who is asking, and sessions outlive a cache restart.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# --- Celery -------------------------------------------------------------------------------------
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or "cache+memory://"
# Without a broker, tasks run in-process so `make run` needs nothing else.
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A request that enqueues work while Redis is down waits for it this long at most (the work is
# then logged as not enqueued; mails wait in the outbox, see portal.outbox).
CELERY_BROKER_CONNECTION_TIMEOUT = 1
CELERY_BROKER_TRANSPORT_OPTIONS = {"socket_connect_timeout": 1, "socket_timeout": 2}

# --- Auth and accounts (django-allauth 65) --------------------------------------------------------
AUTH_USER_MODEL = "portal.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "portal:account"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_FORMS = {"signup": "portal.forms.SignupForm"}
# Before a sensitive change (e-mail, password) a signed-in person proves who they are again: by
# password only. Named here, since allauth's default also offers an e-mailed code (65.22 added its
# pages), and a way to sign in is the project's decision, not an upgrade's.
ACCOUNT_REAUTHENTICATION_METHODS = ("password",)

# Two-factor sign-in (allauth's MFA): an authenticator app (TOTP) with recovery codes. Staff reach
# personal data of many people through the admin, so in production they must have it switched on
# before the admin opens (portal.middleware.StaffTwoFactorMiddleware); the demo (DEBUG) leaves it to
# them. Anyone may switch it on for their own account.
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Kompetensportalen"
STAFF_TWO_FACTOR_REQUIRED = env.bool("STAFF_TWO_FACTOR_REQUIRED", default=not DEBUG)
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Kompetensportalen] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http" if DEBUG else "https"
# allauth's rate limits are on by default; they count in the cache above.
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)

# --- E-mail -------------------------------------------------------------------------------------
vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Kompetensportalen <noreply@kompetensportalen.se>")
# A mailbox someone (or something) reads, offered as the mailto: of List-Unsubscribe beside the
# one-click https address (portal.mail_settings); empty: the https address only.
UNSUBSCRIBE_MAILTO = env("UNSUBSCRIBE_MAILTO", default="")
# How long a sender holds an e-mail it has claimed before another may send it (portal.sending).
MAIL_LEASE_SECONDS = env.int("MAIL_LEASE_SECONDS", default=300)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Internationalisation -----------------------------------------------------------------------
LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", _("Svenska")), ("en", _("Engelska"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Short dates for tables per language ("17 dec. 2026"); the rest is Django's formats for the language.
FORMAT_MODULE_PATH = ["portal.formats"]
TIME_ZONE = "Europe/Stockholm"
CELERY_TIMEZONE = TIME_ZONE
USE_I18N = True
USE_TZ = True
LANGUAGE_COOKIE_SECURE = not DEBUG
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

# --- Static and media ---------------------------------------------------------------------------
STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=str(VAR_DIR / "media"))
# Files handed out only by views that check permissions first (report files): never under MEDIA_ROOT.
PRIVATE_MEDIA_ROOT = env.path("PRIVATE_MEDIA_ROOT", default=str(VAR_DIR / "private"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": PRIVATE_MEDIA_ROOT}},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# --- Personal data ------------------------------------------------------------------------------
# Participants' data (who took which course, who came to which event, who asked for which visit) is
# anonymised this many days after the project ends; the counts that reports and ESF follow-up use stay.
RETENTION_DAYS_AFTER_PROJECT_END = env.int("RETENTION_DAYS_AFTER_PROJECT_END", default=2 * 365)

# --- Security -----------------------------------------------------------------------------------
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# Messages ("Du är inloggad.") ride in the session, not in a cookie of their own, so the portal sets
# only the cookies the cookie page lists: sessionid, csrftoken and django_language.
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"
X_FRAME_OPTIONS = "DENY"
PERMISSIONS_POLICY = {
    "accelerometer": [],
    "camera": [],
    "geolocation": [],
    "gyroscope": [],
    "magnetometer": [],
    "microphone": [],
    "payment": [],
    "usb": [],
}
# No inline scripts or styles anywhere; film embeds only from the two hosts that profiles may use,
# and only after the visitor clicks to load them.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": ["https://www.youtube-nocookie.com", "https://player.vimeo.com"],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

# --- Logging ------------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
}
