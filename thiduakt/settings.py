"""thiduakt settings: one module, every value from the environment with an embedded default.

The defaults run the whole application on one machine without any server: SQLite under
var/, a filesystem Celery broker under var/, e-mail written to the console.
Production sets DATABASE_URL=postgres://..., CELERY_BROKER_URL=redis://..., SECRET_KEY, etc.
"""

from datetime import timedelta
from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(environ.Env().str("THIDUAKT_VAR_DIR", default=str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)

env = environ.Env()
if (BASE_DIR / ".env").exists():
    environ.Env.read_env(BASE_DIR / ".env")

# ---------------------------------------------------------------------------
# Core
# ---------------------------------------------------------------------------
DEBUG = env.bool("DEBUG", default=False)
# The development default starts with "django-insecure-" so that `check --deploy` flags it.
SECRET_KEY = env.str("SECRET_KEY", default="django-insecure-dev-only-key-change-me-in-production-0123456789")
# The key of the council's sealed ballot tallies is derived from this (else from SECRET_KEY):
# keep it unchanged while a vote is open, or the open tallies cannot be counted.
BALLOT_SECRET = env.str("BALLOT_SECRET", default="")
# Seconds during which a member may take back a ballot just confirmed (0: a ballot is final at once).
BALLOT_UNDO_SECONDS = env.int("BALLOT_UNDO_SECONDS", default=10)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")

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
    # third party
    "rules.apps.AutodiscoverRulesConfig",
    "django_filters",
    "crispy_forms",
    "crispy_bootstrap5",
    "simple_history",
    "django_htmx",
    "django_celery_beat",
    "axes",
    "django_ratelimit",
    "csp",
    # floor 1
    "units",
    "catalog",
    "notifications",
    # floors 2-4
    "plans",
    "campaigns",
    "awards",
    "council",
    # floor 5
    "reports",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Read-only report pages read the replica when there is one (thiduakt/db_routers.py).
    "thiduakt.db_routers.ReplicaReadsMiddleware",
    "thiduakt.middleware.VietnameseFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django_htmx.middleware.HtmxMiddleware",  # before the idle timeout, which reads request.htmx
    "units.sessions.SessionIdleTimeoutMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last: turns a refused login (too many failures) into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "thiduakt.urls"
WSGI_APPLICATION = "thiduakt.wsgi.application"
ASGI_APPLICATION = "thiduakt.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "units.context_processors.agency",
            ],
        },
    },
]

# ---------------------------------------------------------------------------
# Database
# ---------------------------------------------------------------------------
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'thiduakt.sqlite3'}")}
DATABASES["default"].setdefault("ATOMIC_REQUESTS", False)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Wait for the writer lock instead of failing at once when web and worker write together;
    # readers never wait for the writer (WAL); a transaction takes the write lock when it begins
    # (IMMEDIATE), so two ballots at once queue instead of one failing with "database is locked"
    # when it would upgrade its read lock.
    options = DATABASES["default"].setdefault("OPTIONS", {})
    options.setdefault("timeout", 20)
    options.setdefault("transaction_mode", "IMMEDIATE")
    options.setdefault("init_command", "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL")
else:
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("DATABASE_CONN_MAX_AGE", default=60))
# A read-only copy (PostgreSQL streaming replica) for the read-only report pages: exports, award
# history, the unit and council dashboards (thiduakt/db_routers.py lists them). Unset: everything
# reads the default database. Writes always go to the default database.
DATABASE_REPLICA_URL = env.str("DATABASE_REPLICA_URL", default="")
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = environ.Env.db_url_config(DATABASE_REPLICA_URL)
    DATABASES["replica"].setdefault("CONN_MAX_AGE", DATABASES["default"].get("CONN_MAX_AGE", 0))
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
DATABASE_ROUTERS = ["thiduakt.db_routers.ReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# ---------------------------------------------------------------------------
# Cache: the office dashboard's tables (reports/cache.py). Production shares it between the
# workers through Redis (CACHE_URL=redis://redis:6379/2); the default is each process's memory.
# ---------------------------------------------------------------------------
CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://")}
# Sessions live in the database, which every web node shares; with a shared cache (Redis) they
# are read through it. Never through a per-process cache: a logout on one node would not reach
# the others.
SHARED_CACHE = CACHES["default"]["BACKEND"] in {
    "django.core.cache.backends.redis.RedisCache",
    "django_redis.cache.RedisCache",
    "django.core.cache.backends.memcached.PyMemcacheCache",
    "django.core.cache.backends.db.DatabaseCache",
}
SESSION_ENGINE = (
    "django.contrib.sessions.backends.cached_db" if SHARED_CACHE else "django.contrib.sessions.backends.db"
)
DASHBOARD_CACHE_SECONDS = env.int("DASHBOARD_CACHE_SECONDS", default=300)

# ---------------------------------------------------------------------------
# Authentication and permissions
# ---------------------------------------------------------------------------
AUTH_USER_MODEL = "units.User"
AUTHENTICATION_BACKENDS = [
    # First: refuses any login for a (username, address) pair locked after too many failures.
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "units.passwords.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# A session ends at the first of: SESSION_COOKIE_AGE after the login (a working day), the browser
# closing, or SESSION_IDLE_TIMEOUT seconds without a request (0: no idle limit); see
# units.sessions.SessionIdleTimeoutMiddleware.
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=8 * 60 * 60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = env.bool("SESSION_EXPIRE_AT_BROWSER_CLOSE", default=True)
SESSION_IDLE_TIMEOUT = env.int("SESSION_IDLE_TIMEOUT", default=2 * 60 * 60)

# Login throttling (django-axes): after AXES_FAILURE_LIMIT wrong passwords for one user name from
# one address, that pair is refused (even with the right password) for AXES_COOLOFF_MINUTES; each
# attempt during the lock starts the wait again. A successful login clears the count.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "thiduakt.security.lockout_response"
AXES_CLIENT_IP_CALLABLE = "thiduakt.security.client_ip"
AXES_HTTP_RESPONSE_CODE = 429
# Reverse proxies in front of the application that append the client address to
# X-Forwarded-For (1 behind one proxy; 2 with docker-compose.yml's "proxy" behind a TLS proxy).
# 0: the address is the TCP peer (REMOTE_ADDR).
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
# The public page "Kiểm tra văn bản" reads an upload of up to the upload limit and hashes it
# without a login: at most VERIFY_RATE checks per client address (django-ratelimit, counted in the
# cache, which every node shares in production).
VERIFY_RATE = env.str("VERIFY_RATE", default="30/h")
RATELIMIT_IP_META_KEY = "thiduakt.security.client_ip"
# Django's own Redis cache counts with Redis INCR, atomic across nodes, though not on the library's
# list of backends; the embedded default serves pages from one process, whose memory counts for all.
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.W001"] + ([] if SHARED_CACHE else ["django_ratelimit.E003"])

# ---------------------------------------------------------------------------
# Language, time zone, formats
# ---------------------------------------------------------------------------
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env.str("TIME_ZONE", default="Asia/Ho_Chi_Minh")
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["thiduakt.formats"]
USE_THOUSAND_SEPARATOR = True

# ---------------------------------------------------------------------------
# Static and media files
# ---------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(VAR_DIR / "static")))
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(VAR_DIR / "media")))
MEDIA_URL = "/media/"
STATIC_MANIFEST = env.bool("STATIC_MANIFEST", default=not DEBUG)
# Uploaded and issued files: MEDIA_ROOT, a volume every web node and worker mounts (the "media"
# volume of docker-compose.yml), or with MEDIA_STORAGE=s3 an S3-compatible object store through
# django-storages (MinIO, Ceph, a cloud's); the bucket stays private, files still leave only
# through the download views.
MEDIA_STORAGE = env.str("MEDIA_STORAGE", default="filesystem")
if MEDIA_STORAGE == "s3":
    _media_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env.str("AWS_STORAGE_BUCKET_NAME", default="thiduakt"),
            "endpoint_url": env.str("AWS_S3_ENDPOINT_URL", default="") or None,
            "region_name": env.str("AWS_S3_REGION_NAME", default="") or None,
            "access_key": env.str("AWS_ACCESS_KEY_ID", default="") or None,
            "secret_key": env.str("AWS_SECRET_ACCESS_KEY", default="") or None,
            "location": env.str("AWS_LOCATION", default="media"),
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
else:
    _media_storage = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
STORAGES = {
    "default": _media_storage,
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if STATIC_MANIFEST
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG
UPLOAD_MAX_BYTES = env.int("UPLOAD_MAX_BYTES", default=20 * 1024 * 1024)
# An uploaded DOCX/XLSX unpacking past this, or an image of more pixels, is refused unread.
UPLOAD_MAX_UNPACKED_BYTES = env.int("UPLOAD_MAX_UNPACKED_BYTES", default=200 * 1024 * 1024)
UPLOAD_MAX_PIXELS = env.int("UPLOAD_MAX_PIXELS", default=40_000_000)
DATA_UPLOAD_MAX_MEMORY_SIZE = env.int("DATA_UPLOAD_MAX_MEMORY_SIZE", default=5 * 1024 * 1024)
# A file past UPLOAD_MAX_BYTES stops being stored as it arrives; the form then says it is too big.
FILE_UPLOAD_HANDLERS = [
    "units.uploads.SizeLimitUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
# Uploaded files are private: no URL serves MEDIA_ROOT (not Django, not WhiteNoise, not the
# compose file); each file leaves through a download view that checks the permission first.
FILE_UPLOAD_PERMISSIONS = 0o640
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o750

# ---------------------------------------------------------------------------
# The agency's digital signature on issued documents (units.signing): a PKCS#12 file (.p12/.pfx)
# with the key and certificate, and its password. Empty: documents are issued unsigned.
# ---------------------------------------------------------------------------
SIGNING_PKCS12_PATH = env.str("SIGNING_PKCS12_PATH", default="")
SIGNING_PKCS12_PASSWORD = env.str("SIGNING_PKCS12_PASSWORD", default="")

# ---------------------------------------------------------------------------
# E-mail
# ---------------------------------------------------------------------------
vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="thiduakt <no-reply@localhost>")
# Seconds the SMTP client waits for each answer of the mail server (Django's default waits forever).
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=30)
# A notification mail is recorded "sending" before the SMTP exchange. One still "sending" after
# this many seconds was abandoned (the process died or lost the database mid-exchange): the server
# may have it. NOTIFICATION_MAIL_UNCERTAIN says what then: "hold" marks it uncertain for the
# administrator (admin: Thông báo, filter "chưa rõ đã gửi thư"); "resend" sends it once more with
# the same Message-ID, which mail servers and clients use to drop the copy.
NOTIFICATION_MAIL_STALE_SECONDS = env.int("NOTIFICATION_MAIL_STALE_SECONDS", default=600)
NOTIFICATION_MAIL_UNCERTAIN = env.str("NOTIFICATION_MAIL_UNCERTAIN", default="hold")

# ---------------------------------------------------------------------------
# Celery
# ---------------------------------------------------------------------------
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="filesystem://")
CELERY_BROKER_TRANSPORT_OPTIONS = {}
if CELERY_BROKER_URL.startswith("filesystem://"):
    _broker_dir = VAR_DIR / "broker"
    for _sub in ("out", "processed", "control"):
        (_broker_dir / _sub).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_broker_dir / "out"),
        "data_folder_out": str(_broker_dir / "out"),
        "processed_folder": str(_broker_dir / "processed"),
        "control_folder": str(_broker_dir / "control"),
        "store_processed": False,
    }
CELERY_RESULT_BACKEND = env.str("CELERY_RESULT_BACKEND", default="") or None
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True

# ---------------------------------------------------------------------------
# Forms and messages
# ---------------------------------------------------------------------------
FILTERS_EMPTY_CHOICE_LABEL = _("Tất cả")
CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"
# Widgets render through the project's template engine; selects are written in Python
# (thiduakt/renderers.py): a list filter holds selects of every unit of the province.
FORM_RENDERER = "thiduakt.renderers.ProjectFormRenderer"
from django.contrib.messages import constants as message_constants  # noqa: E402

MESSAGE_TAGS = {message_constants.ERROR: "danger"}

# ---------------------------------------------------------------------------
# Security (production values switch on with DEBUG off and HTTPS)
# ---------------------------------------------------------------------------
SECURE_HTTPS = env.bool("SECURE_HTTPS", default=False)
SESSION_COOKIE_SECURE = SECURE_HTTPS
CSRF_COOKIE_SECURE = SECURE_HTTPS
SECURE_SSL_REDIRECT = SECURE_HTTPS
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000 if SECURE_HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HTTPS
SECURE_HSTS_PRELOAD = SECURE_HTTPS
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if SECURE_HTTPS else None
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# The container's health probe talks plain HTTP to the web server itself.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

# Content Security Policy (django-csp), in every environment. Scripts and styles come only from
# static files: no inline <script>, no on* attributes, no style="" in pages (e-mails aside), data
# for charts through json_script. htmx's own indicator style sheet is switched off in base.html
# (its rules live in app.css) so style-src needs no 'unsafe-inline'. data: images are the SVG
# icons inside Bootstrap's CSS. CSP_REPORT_ONLY=true sends the same policy as report-only.
csp_policy = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}
csp_report_only = env.bool("CSP_REPORT_ONLY", default=False)
CONTENT_SECURITY_POLICY = None if csp_report_only else csp_policy
CONTENT_SECURITY_POLICY_REPORT_ONLY = csp_policy if csp_report_only else None

# ---------------------------------------------------------------------------
# Logging
# ---------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        # Lockouts are warnings; each failed attempt and the start-up banner need not be logged.
        "axes": {"level": "WARNING"},
    },
}

# ---------------------------------------------------------------------------
# Project
# ---------------------------------------------------------------------------
PAGINATE_BY = env.int("PAGINATE_BY", default=25)
DEMO_PASSWORD = env.str("DEMO_PASSWORD", default="thiduakt2026")

# ---------------------------------------------------------------------------
# Reminders
# ---------------------------------------------------------------------------
# Days before a due date on which a reminder goes out; a negative offset is a day after (overdue,
# escalated to the office staff). Computed on dates in TIME_ZONE.
REMINDER_OFFSETS_DAYS = env.list("REMINDER_OFFSETS_DAYS", cast=int, default=[7, 1, -1])
# The day's reminders go out from this hour (TIME_ZONE) on. The scan runs every hour (a missed or
# failed run is caught by the next one; it sends only what is due and each reminder once); a scan
# before this hour catches up the previous day. REMINDER_DIGEST_HOUR is the initial hour of the
# daily digest; both schedules are edited in the admin (Periodic tasks).
REMINDER_SCAN_HOUR = env.int("REMINDER_SCAN_HOUR", default=7)
# A worker that starts queues one scan (catching up what a stopped worker or broker missed).
REMINDER_SCAN_ON_WORKER_START = env.bool("REMINDER_SCAN_ON_WORKER_START", default=True)
REMINDER_DIGEST_HOUR = env.int("REMINDER_DIGEST_HOUR", default=17)
# A reminder missed because no scan ran (broker down, worker stopped) still goes out this many days late.
REMINDER_GRACE_DAYS = env.int("REMINDER_GRACE_DAYS", default=3)
if CELERY_BROKER_URL.startswith(("redis://", "rediss://")):
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        **CELERY_BROKER_TRANSPORT_OPTIONS,
        # A task of a worker killed mid-run (late acknowledgement) is handed out again after this.
        "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=3600),
        # Publishing from a page fails fast (logged) instead of hanging when the broker host is silent.
        "socket_connect_timeout": 3,
    }
