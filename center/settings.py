"""Settings for the portal, read from the environment with safe laptop defaults.

DATABASE_URL   default: a SQLite file in the project folder; postgres://… for production
SECRET_KEY     required when DEBUG is off
DEBUG          "1" (default) or "0"
ALLOWED_HOSTS  comma-separated; default: localhost names when DEBUG is on
CONN_MAX_AGE   seconds a database connection is reused; default 60 when DEBUG is off, 0 in development
PORTAL_BASE_URL  the public address printed on paper and written into feeds (required when DEBUG is off)
EMAIL_URL-like settings: EMAIL_HOST, EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD, EMAIL_USE_TLS,
               DEFAULT_FROM_EMAIL; without EMAIL_HOST the console backend prints messages.
"""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name, "")
    return [item.strip() for item in value.split(",") if item.strip()] or default


DEBUG = env_bool("DEBUG", True)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise RuntimeError("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]", "testserver"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "csp",
    "axes",
    # Background tasks (Django 6's tasks framework, backported) kept in the database: a worker process
    # (``manage.py db_worker``) runs them. Certificate ZIPs and whole-course PDFs are made there.
    "django_tasks",
    "django_tasks_db",
    # Our apps, in dependency order: a lower app never imports a higher one.
    "center",
    "staff",
    "courses",
    "trainees",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "center.middleware.VietnameseByDefaultMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes asks.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "center.urls"
WSGI_APPLICATION = "center.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "center.context_processors.portal",
                "trainees.context_processors.enrolment_decider",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        # Production keeps a connection open for a minute instead of opening one per request (about 4× the
        # requests per second on simple pages); a dropped connection is noticed before a request uses it.
        conn_max_age=int(os.environ.get("CONN_MAX_AGE") or ("0" if DEBUG else "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Concurrent writers wait for the lock instead of failing with "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
else:
    # Parallel test runs (several developers on one server) each get their own test database.
    DATABASES["default"]["TEST"] = {"NAME": f"test_{DATABASES['default']['NAME']}"}

# Background tasks: the database backend (SQLite or PostgreSQL, whichever the portal uses); ``make run``
# starts a worker beside the web server, production runs ``manage.py db_worker`` as a service (README).
# TASKS_BACKEND=django_tasks.backends.immediate.ImmediateBackend runs them inside the request instead.
TASKS = {"default": {"BACKEND": os.environ.get("TASKS_BACKEND") or "django_tasks_db.DatabaseBackend"}}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Django's rules with the portal's own (translated) messages: center/passwords.py.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "center.passwords.UserAttributeSimilarityValidator"},
    {"NAME": "center.passwords.MinimumLengthValidator"},
    {"NAME": "center.passwords.CommonPasswordValidator"},
    {"NAME": "center.passwords.NumericPasswordValidator"},
]
# A refused form shows a page in the portal's layout (templates/403_csrf.html) with a way back.
CSRF_FAILURE_VIEW = "center.views.csrf_failure"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Sessions end after 8 idle hours or when the browser closes.
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", str(8 * 3600)))
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_SAVE_EVERY_REQUEST = True

# 6 failed logins for one username from one address lock that username at that address for 30 minutes;
# the same username keeps working from any other address, so an outsider cannot lock a staff member out.
# For the username alone there is only a slower path (staff.services.login_delay).
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "6"))
AXES_COOLOFF_TIME = float(os.environ.get("AXES_COOLOFF_HOURS", "0.5"))
AXES_LOCKOUT_PARAMETERS = [["ip_address", "username"]]
# Trusted reverse proxies in front of the portal (0: none); the client's address is then read from
# X-Forwarded-For (center.net.client_ip), for the login locks and the activation codes alike.
PROXY_COUNT = int(os.environ.get("PROXY_COUNT", "0"))
AXES_CLIENT_IP_CALLABLE = "center.net.client_ip"
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["center.formats"]

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT") or BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# In development WhiteNoise serves straight from the source folders (no collectstatic needed).
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG
if DEBUG:
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# E-mail: console by default; SMTP when EMAIL_HOST is set.
if os.environ.get("EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ["EMAIL_HOST"]
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
else:
    EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "ttct@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# The portal's public address (scheme, host and port) printed on account slips, certificates and QR codes and
# written into e-mails and calendar feeds; center.links.absolute_url builds every such URL from it. With DEBUG
# off, the development default is a system-check error (center.checks).
DEV_PORTAL_BASE_URL = "http://127.0.0.1:8000"
PORTAL_BASE_URL = os.environ.get("PORTAL_BASE_URL") or DEV_PORTAL_BASE_URL

# Content-Security-Policy: no inline script anywhere; styles and fonts from our own origin.
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
    }
}

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(365 * 24 * 3600)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

# Demo data, loaded in this order by `manage.py seed_demo`; each app adds its own seeder.
DEMO_SEEDERS = [
    "center.demo.seed",
    "staff.demo.seed",
    "courses.demo.seed",
    "trainees.enrolment.demo.seed",
    # Attendance, results, completion and certificates of the finished courses.
    "trainees.learning.demo.seed",
    # Numbered documents (opening decisions, summons, results notices) after the completion decisions.
    "trainees.documents.demo.seed",
    # Lecturer hours: sessions ticked as taught, papers marked, one statement of hours for the guest lecturer.
    "trainees.hours.demo.seed",
    # Last: demo trainee logins for the trainee portal (needs the trainees and enrolments above).
    "trainees.accounts.demo.seed",
]
# Extra lines printed under the demo logins by `manage.py seed_demo`.
DEMO_EXTRA_LOGINS = [
    "hocvien1     trainee   a trainee (học viên) — My timetable on a phone; also hocvien2, hocvien3",
]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
