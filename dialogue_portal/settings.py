"""Settings for the policy dialogue portal, read from the environment.

Every variable is listed with its default in `.env.example`. Unset, the portal
runs embedded: SQLite, Celery tasks in-process, mail printed to the console.
"""

from datetime import timedelta
from pathlib import Path

import environ
from celery.schedules import crontab
from csp.constants import NONCE, NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env.str("SECRET_KEY", default="dev-only-insecure-key-change-me-in-production-0123456789")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "simple_history",
    "django_celery_beat",
    "axes",
    "rules",
    "dialogue_portal.audit",
    "dialogue_portal.directory",
    "dialogue_portal.accounts",
    "dialogues",
    "petitions",
    "reports",
    "public",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "dialogue_portal.accounts.middleware.PortalLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "dialogue_portal.audit.middleware.PortalCSPMiddleware",
    "dialogue_portal.audit.middleware.NoStoreForUsersMiddleware",
    # Reads multipart bodies first, through the limited upload handler: too large answers 413 unread.
    "dialogue_portal.uploads.UploadLimitMiddleware",
    # Before any view, form or query (and after the headers, which its 400 page gets too): control characters
    # in a request answer 400, audited with the user known.
    "dialogue_portal.request_guard.RequestGuardMiddleware",
    "dialogue_portal.audit.middleware.AuditMiddleware",
    "dialogue_portal.audit.middleware.StaffIdleTimeoutMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: turns a refused login into the lock-out page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "dialogue_portal.urls"
WSGI_APPLICATION = "dialogue_portal.wsgi.application"

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
                "dialogue_portal.accounts.context_processors.roles",
            ],
        },
    },
]

# Database: DATABASE_URL (PostgreSQL in production); unset, a SQLite file.
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

# Optional read replica (streaming replication) for heavy report and export reads; see docs/scaling.md.
if env.str("DATABASE_REPLICA_URL", default=""):
    DATABASES["replica"] = env.db("DATABASE_REPLICA_URL")
    DATABASES["replica"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["replica"]["CONN_HEALTH_CHECKS"] = True
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

# django-axes first: it refuses a locked-out login before the password is even checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    # ModelBackend reading the signed-in user from the cache (Redis only; see accounts/usercache.py).
    "dialogue_portal.accounts.backends.CachedModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Language and time: Vietnamese first, English second.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["dialogue_portal.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
MEDIA_URL = "/media/"
# One uploaded file at most this large; the first upload handler stops reading a request past it (and past
# the file plus DATA_UPLOAD_MAX_MEMORY_SIZE for the whole body), answering 413 in the user's language.
UPLOAD_MAX_FILE_BYTES = 10 * 1024 * 1024
FILE_UPLOAD_HANDLERS = [
    "dialogue_portal.uploads.LimitedUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Hashed names need `collectstatic` first; deployments set STATIC_MANIFEST=true.
    "staticfiles": {
        "BACKEND": "dialogue_portal.staticstorage.PortalStaticFilesStorage"
        if env.bool("STATIC_MANIFEST", default=False)
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# Several web nodes share uploaded and generated files on S3-compatible storage when S3_BUCKET is set.
if env.str("S3_BUCKET", default=""):
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env.str("S3_BUCKET"),
            "endpoint_url": env.str("S3_ENDPOINT_URL", default="") or None,
            "region_name": env.str("S3_REGION", default="") or None,
            "access_key": env.str("S3_ACCESS_KEY", default="") or None,
            "secret_key": env.str("S3_SECRET_KEY", default="") or None,
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
# Tests and `make run` serve static files without collectstatic.
WHITENOISE_USE_FINDERS = env.bool("WHITENOISE_USE_FINDERS", default=True)
WHITENOISE_MANIFEST_STRICT = False

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Mail: console by default; EMAIL_URL (smtp://user:pass@host:587) in production.
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Hội LHPN tỉnh <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# The public address every link in a mail or calendar file starts with (no trailing slash).
SITE_URL = env.str("SITE_URL", default="http://localhost:8000").rstrip("/")
# Invited departments are reminded this many days before a session.
SESSION_REMINDER_DAYS = env.int("SESSION_REMINDER_DAYS", default=3)

# Celery and cache: with REDIS_URL, Redis is broker, result store and cache;
# without, tasks run in-process and the cache is per-process memory.
REDIS_URL = env.str("REDIS_URL", default="")
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or "cache+memory://"
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 30 * 60
CELERY_TASK_SOFT_TIME_LIMIT = 25 * 60
# Longer than the longest task's hard limit, so an unacked task is not redelivered while it runs.
# CELERY_VISIBILITY_TIMEOUT is lowered only by the worker-kill test, to see a lost task redelivered.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=2 * 60 * 60)}
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_TIMEZONE = TIME_ZONE
# Entries here are copied into django-celery-beat's database schedule when beat starts.
CELERY_BEAT_SCHEDULE = {
    "dialogues-session-reminders": {
        "task": "dialogues.tasks.send_session_reminders",
        "schedule": crontab(hour=7, minute=0),
    },
    "petitions-overdue-reminders": {
        "task": "petitions.tasks.send_overdue_reminders",
        "schedule": crontab(hour=7, minute=30, day_of_week="mon-fri"),
    },
}

if REDIS_URL:
    CACHES = {"default": {"BACKEND": "dialogue_portal.rediscache.PortalRedisCache", "LOCATION": REDIS_URL}}
    # Sessions and signed-in users are read from the shared cache (one round trip for both), written through
    # to the database. Never with a per-process cache: a logout in one worker must reach the others.
    SESSION_ENGINE = "dialogue_portal.accounts.sessions"  # cached_db, with the user's entry in the same read
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
USER_CACHE = env.bool("USER_CACHE", default=bool(REDIS_URL))

# Security: on by default, relaxed only when DEBUG.
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=False)
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_SECONDS > 0
SECURE_HSTS_PRELOAD = SECURE_HSTS_SECONDS > 0
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env.bool("BEHIND_TLS_PROXY", default=False) else None
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SESSION_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "public.errors.csrf_failure"
# No script of ours reads the CSRF cookie (forms carry the token), so scripts need not see it.
CSRF_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
LANGUAGE_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=8 * 60 * 60)
# Staff, administrators and department representatives are logged out after this long without a request.
STAFF_IDLE_TIMEOUT_MINUTES = env.int("STAFF_IDLE_TIMEOUT_MINUTES", default=30)
# Trusted proxies in front of the portal that append to X-Forwarded-For (for the client's address).
PROXY_COUNT = env.int("PROXY_COUNT", default=1 if SECURE_PROXY_SSL_HEADER else 0)

# Scripts run only with the page's nonce (`nonce="{{ request.csp_nonce }}"`); no inline script or style.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [NONCE],
        "style-src": [SELF],
        # Bootstrap draws its icons (menu button, select arrow) as data: SVG images in its CSS.
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        # The offline petition form's service worker (/sw.js); a worker cannot carry a nonce.
        "worker-src": [SELF],
        "manifest-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# Login lock-out (django-axes), kept in the database so every worker process sees it.
AXES_ENABLED = env.bool("AXES_ENABLED", default=True)
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("LOGIN_COOLOFF_MINUTES", default=15))
# Either too many failures for one user name, or too many from one address, locks out.
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "dialogue_portal.audit.views.locked_out"
AXES_CLIENT_IP_CALLABLE = "dialogue_portal.audit.net.client_ip"
# Successful logins are in the audit log already.
AXES_DISABLE_ACCESS_LOG = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"mask_phone": {"()": "dialogue_portal.audit.masking.MaskPhoneFilter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["mask_phone"]}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}
