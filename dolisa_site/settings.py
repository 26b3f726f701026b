"""Settings for the DOLISA portal.

Everything that differs between a laptop demo and a department's server comes
from the environment (or a `.env` file beside manage.py), so production needs
no code edits. See the configuration table in README.md.
"""

import os
from datetime import timedelta
from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from dolisa_site import inline_assets

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
ENV_FILE = Path(os.environ.get("DOLISA_ENV_FILE", BASE_DIR / ".env"))
if ENV_FILE.is_file():
    # Real environment variables win over the file (read_env uses setdefault).
    env.read_env(ENV_FILE)

DEBUG = env.bool("DEBUG", default=False)
# Required: a missing SECRET_KEY stops the server rather than running with a guessable one.
SECRET_KEY = env("SECRET_KEY")
if not SECRET_KEY.strip():
    raise ImproperlyConfigured("SECRET_KEY is set but empty")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# --- HTTPS (nginx terminates TLS and says so in X-Forwarded-Proto) ------------
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
# Monitoring probes talk plain HTTP to the app server.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = SECURE_SSL_REDIRECT
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000 if SECURE_SSL_REDIRECT else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=False)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
# How many reverse proxies (nginx = 1) stand in front of the app; decides
# which X-Forwarded-For entry is the visitor's address. 0 = use REMOTE_ADDR.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)

# Whether every subdomain is HTTPS-only, and preloading into browsers, are
# decisions about the province's whole domain, not this site: left to the
# IT person (the two variables above), so Django's reminders are silenced.
SILENCED_SYSTEM_CHECKS = ["security.W005", "security.W021"]

INSTALLED_APPS = [
    "dolisa_site.apps.DolisaAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    # Django's own widget templates, for the project form renderer (FORM_RENDERER below).
    "django.forms",
    "django.contrib.sitemaps",
    "django_filters",
    "axes",
    "taggit",
    "reversion",
    "sorl.thumbnail",
    "django_ckeditor_5",
    "django_tasks",
    "django_tasks_db",
    "dolisa_site.apps.DolisaSiteConfig",
    "news",
    "procedures",
    "stats",
    "documents",
    "questions",
    "polls",
    "gallery",
    "schedule",
    "consultations",
    "disclosures",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Before anything reads a header: an absurdly long one is answered 400.
    "dolisa_site.middleware.RequestLimitsMiddleware",
    # HTML compressed (pages from the page cache come compressed already), then
    # 304 for a browser or proxy that holds the page's ETag.
    "django.middleware.gzip.GZipMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Outside the page cache, so a page served from it is counted like any
    # other; it judges the response the visitor gets (and reads request.user,
    # set further in, only once the response is made: staff are not counted).
    "stats.middleware.VisitorStatsMiddleware",
    # A page it keeps is served from here: nothing below runs for it. It keeps
    # the headers the middleware below gave the page (the content policy,
    # framing), and serves only requests without a session or a message.
    "dolisa_site.pagecache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Before any view or CSRF check reads the body: an oversized one is answered 413.
    "dolisa_site.uploads.RequestBodyLimitMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # django-csp, writing STATIC_URL out as this origin's static path (script-src below).
    "dolisa_site.content_policy.CSPMiddleware",
    # Django's bare 405 as the site's page, made inside the middleware above, so it gets the
    # headers, session and messages handling of any page (the page cache keeps only 200s).
    "dolisa_site.middleware.MethodNotAllowedPageMiddleware",
    # Last, as its documentation asks: it must see the authentication result.
    "axes.middleware.AxesMiddleware",
]
# Anonymous public pages are kept whole in the cache (dolisa_site.pagecache);
# PAGE_CACHE=off builds every page, for measuring.
PAGE_CACHE = env.bool("PAGE_CACHE", default=True)

# The longest header, address or query string accepted (nginx's and gunicorn's default).
MAX_REQUEST_FIELD_BYTES = env.int("MAX_REQUEST_FIELD_BYTES", default=8192)

ROOT_URLCONF = "dolisa_site.urls"
WSGI_APPLICATION = "dolisa_site.wsgi.application"

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
                "dolisa_site.context_processors.site",
            ],
        },
    },
]
# Fields render through one project template (label, help text, errors, aria-describedby).
FORM_RENDERER = "dolisa_site.forms.FormRenderer"

# --- Data ----------------------------------------------------------------------
VAR_DIR = Path(env("VAR_DIR", default=str(BASE_DIR / "var")))
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers and the single writer work side by side; IMMEDIATE
    # transactions avoid "database is locked" upgrades from read to write.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    # A cache is not the database: with Redis down or hanging, pages are served
    # uncached after one short timeout, and Redis is skipped for
    # REDIS_RETRY_AFTER seconds before the next try (dolisa_site/cache.py).
    CACHES = {
        "default": {
            "BACKEND": "dolisa_site.cache.PortalRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", default="dolisa"),
            "TIMEOUT": 300,
            "RETRY_AFTER": env.float("REDIS_RETRY_AFTER", default=30.0),
            "OPTIONS": {
                "socket_connect_timeout": env.float("REDIS_CONNECT_TIMEOUT", default=0.25),
                "socket_timeout": env.float("REDIS_TIMEOUT", default=0.25),
            },
        }
    }
    # What the background worker tells the web processes (import progress): Redis too.
    CACHES["progress"] = CACHES["default"]
else:
    # One cache for every process of the machine (the server, its workers, the
    # task worker, manage.py commands): SQLite files, see dolisa_site/machine_cache.py.
    CACHES = {
        "default": {
            "BACKEND": "dolisa_site.machine_cache.MachineCache",
            "LOCATION": str(VAR_DIR / "cache" / "shared"),
            "TIMEOUT": 300,
            # One SQLite file: a page from the page cache reads its generations in one query
            # (get_many); writes wait for each other, but each lasts about 0.1 ms.
            "SHARDS": 1,
            "OPTIONS": {
                "size_limit": 2**28,  # 256 MiB in all; the oldest entries go first past it
                # Whole pages stay inside SQLite (one read) instead of a file each (a 60 KB page
                # cost 8 ms to write as a file, 0.15 ms as a row).
                "disk_min_file_size": 2**20,
                # SQLite's page cache per connection and process (4 MiB, not diskcache's 32 MiB):
                # reads come from the memory-mapped files the processes share.
                "sqlite_cache_size": 2**10,
            },
        }
    }
    # The task worker's progress, read by the server: the same machine-wide cache.
    CACHES["progress"] = CACHES["default"]
# Background tasks (django-tasks, database backend): imports through the admin
# are queued in the database and run by `manage.py db_worker`, never in a web request.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
# Sessions live in the database only. cached_db served them from the cache
# first, so a logout or password change made while Redis was unreachable left
# the old session in Redis, valid again once Redis returned; a staff request
# costs one primary-key query instead, and visitors have no session.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
# Seconds after which a page request flushes buffered visitor counts (stats app),
# besides the flush_stats timer.
STATS_FLUSH_AFTER = env.int("STATS_FLUSH_AFTER", default=300)
# Votes counted per poll per day from one address, whatever browsers it claims
# (polls app; the cookie and the visitor key stop single browsers).
POLL_VOTES_PER_ADDRESS = env.int("POLL_VOTES_PER_ADDRESS", default=20)
# The unit that receives the official results report, form II.06a/VPCP/KSTT (procedures/report.py);
# blank = "Văn phòng Ủy ban nhân dân tỉnh".
PROCEDURES_REPORT_RECIPIENT = env("PROCEDURES_REPORT_RECIPIENT", default="")
# The place of the report's date line; empty: the province at the end of the site profile's address.
PROCEDURES_REPORT_PLACE = env("PROCEDURES_REPORT_PLACE", default="")
# Page views one process keeps in memory while Redis is unreachable (stats app);
# past this, until the next flush writes them to the database, views are lost (and logged).
STATS_LOCAL_MAX_PENDING = env.int("STATS_LOCAL_MAX_PENDING", default=20000)

# --- Authentication and login throttling (django-axes) --------------------------
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("LOGIN_COOLOFF_MINUTES", default=15))
# Lock a username from one address, so an attacker cannot lock staff out from elsewhere.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# Counted in the cache (Redis in production): no IP addresses written to tables.
# While Redis is unreachable the counts are kept in each process's memory
# (the limit then applies per worker) and logins keep working (dolisa_site/lockout.py).
AXES_HANDLER = "dolisa_site.lockout.LockoutCacheHandler"
AXES_ENABLE_ADMIN = False  # its tables stay empty with the cache handler
AXES_CLIENT_IP_CALLABLE = "dolisa_site.request_info.client_ip"
AXES_LOCKOUT_TEMPLATE = "site/login_locked.html"
LOGIN_URL = "admin:login"
# The admin's address; a department may move it away from the well-known /admin/.
ADMIN_URL = env("ADMIN_URL", default="admin/")
CSRF_FAILURE_VIEW = "dolisa_site.views.csrf_failure"

# --- Language, time, formats ---------------------------------------------------
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt")]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["dolisa_site.formats"]

# --- Static and media files ----------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", default=str(VAR_DIR / "static")))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", default=str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Hashed names, gzip/brotli copies, served with far-future cache headers.
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Production lets nginx serve /media/; the local demo has no nginx.
SERVE_MEDIA = env.bool("SERVE_MEDIA", default=False)
FILE_UPLOAD_PERMISSIONS = 0o644
# Upload limits, the same with or without nginx in front (its client_max_body_size
# matches REQUEST_MAX_SIZE_STAFF). Each file field has its own size limit too
# (dolisa_site.uploads rules). A whole request body: visitors' forms take no
# files, so theirs is small; staff may send pictures and documents.
REQUEST_MAX_SIZE_PUBLIC = env.int("REQUEST_MAX_SIZE_PUBLIC", default=256 * 1024)
REQUEST_MAX_SIZE_STAFF = env.int("REQUEST_MAX_SIZE_STAFF", default=25 * 1024 * 1024)
# Form fields other than files (an article body is the largest).
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000
DATA_UPLOAD_MAX_NUMBER_FILES = 100
# Larger uploaded files are spooled to a temporary file instead of memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

# --- Rich text (django-ckeditor-5) and picture renditions (sorl-thumbnail) -----
# A newsroom toolbar; the body is sanitised again on save (news/sanitize.py),
# so this only shapes what editors are offered.
CKEDITOR_5_CONFIGS = {
    "news": {
        "language": "vi",
        "toolbar": [
            "heading",
            "|",
            "bold",
            "italic",
            "underline",
            "link",
            "|",
            "bulletedList",
            "numberedList",
            "outdent",
            "indent",
            "blockQuote",
            "|",
            "insertTable",
            "imageUpload",
            "|",
            "alignment",
            "removeFormat",
            "|",
            "undo",
            "redo",
        ],
        "heading": {
            "options": [
                {"model": "paragraph", "title": "Đoạn văn", "class": "ck-heading_paragraph"},
                {"model": "heading2", "view": "h2", "title": "Tiêu đề 2", "class": "ck-heading_heading2"},
                {"model": "heading3", "view": "h3", "title": "Tiêu đề 3", "class": "ck-heading_heading3"},
                {"model": "heading4", "view": "h4", "title": "Tiêu đề 4", "class": "ck-heading_heading4"},
            ]
        },
        "image": {
            "toolbar": [
                "imageTextAlternative",
                "toggleImageCaption",
                "|",
                "imageStyle:inline",
                "imageStyle:alignLeft",
                "imageStyle:alignRight",
                "imageStyle:alignCenter",
                "imageStyle:side",
            ],
        },
        "table": {
            "contentToolbar": ["tableColumn", "tableRow", "mergeTableCells", "tableProperties", "tableCellProperties"],
        },
        "link": {"defaultProtocol": "https://"},
        "list": {"properties": {"styles": True, "startIndex": True, "reversed": True}},
    },
    # Text structure only, no uploads: the about page (dolisa_site/richtext.py).
    "structure": {
        "language": "vi",
        "toolbar": [
            "heading",
            "|",
            "bold",
            "italic",
            "link",
            "|",
            "bulletedList",
            "numberedList",
            "blockQuote",
            "|",
            "insertTable",
            "|",
            "undo",
            "redo",
        ],
        "link": {"defaultProtocol": "https://"},
    },
}
# Editor uploads go through news' own view: staff with article rights only,
# every file decoded by Pillow and stored under a generated name.
CK_EDITOR_5_UPLOAD_FILE_VIEW_NAME = "news:editor_upload"
CKEDITOR_5_FILE_UPLOAD_PERMISSION = "staff"
CKEDITOR_5_UPLOAD_FILE_TYPES = ["jpeg", "jpg", "png", "gif", "webp"]
# Which thumbnails exist is remembered in the cache, backed by a table.
THUMBNAIL_KVSTORE = "sorl.thumbnail.kvstores.cached_db_kvstore.KVStore"

# --- Content-Security-Policy (django-csp) -------------------------------------
# No inline scripts but the named ones, allowed by their hashes (the text-size
# script the layout writes into <head> so nothing blocks the first paint:
# dolisa_site.inline_assets); inline styles are allowed because the admin and
# CKEditor 5 set them from script. Scripts come from the static files' path
# only, never from all of 'self': uploads (/media/) are served from this origin
# too. The one script not under /static/ is the admin's JavaScript catalog
# (jsi18n: translations for the date widgets). Paths here are written out as
# "<scheme>://<host>/static/" for each response (dolisa_site.content_policy).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [STATIC_URL, f"/{ADMIN_URL}jsi18n/", *inline_assets.script_hashes()],
        "style-src": [SELF, "'unsafe-inline'"],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

# --- Logging: English lines for operators on stderr (journald keeps them) -----
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}
