"""
Settings for the Newsroom project, read from the environment (12-factor).

Layers: Django core -> our apps (entities, the authority file; images, the
photo library; articles, the stories and everything that ties them to both) -> the libraries they use
(taggit, django-filter, reversion) -> serving (whitenoise, gunicorn).
"""

import datetime
import os
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONCE as CSP_NONCE
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "insecure-development-key-do-not-use-in-production"

LOOPBACK_HOSTS = {"localhost", "127.0.0.1", "[::1]", "::1"}
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ",".join(sorted(LOOPBACK_HOSTS)) if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

NEWSROOM_PUBLICATION_NAME = os.environ.get("NEWSROOM_PUBLICATION_NAME", "The Gaze")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "axes",
    "csp",
    "taggit",
    "django_filters",
    "reversion",
    "django_rq",
    "entities",
    "images",
    "articles",
]

MIDDLEWARE = [
    # First: its duration covers the whole chain (see newsroom.middleware).
    "newsroom.middleware.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Before anything reads the path or the query: control characters are a 400.
    "newsroom.middleware.RejectControlCharactersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # ETag checks (304) around the page cache, so a cached page answers them too.
    "django.middleware.http.ConditionalGetMiddleware",
    # Before anything that reads the session or the database: a hit costs no query.
    "newsroom.pagecache.PageCacheMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into its answer.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "newsroom.urls"

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
                "articles.context_processors.publication",
                "csp.context_processors.nonce",
            ],
        },
    },
]

WSGI_APPLICATION = "newsroom.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite takes its write lock when a transaction begins (IMMEDIATE), so two
    # editors' saves queue for up to ``timeout`` seconds instead of one failing
    # with "database is locked" when both try to upgrade a read lock. Plain
    # reads (public pages) run outside transactions and, in WAL mode, never
    # wait for a writer. Admin views and services run in ``atomic()`` and so
    # queue as writers; ATOMIC_REQUESTS stays off, so page views never do.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": int(os.environ.get("SQLITE_TIMEOUT", "20")),
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        **DATABASES["default"].get("OPTIONS", {}),
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# A shared cache (Redis) when configured; otherwise each process keeps its own.
_cache_url = os.environ.get("CACHE_URL") or os.environ.get("REDIS_URL")
if _cache_url:
    CACHES = {"default": {"BACKEND": "newsroom.redis_cache.RedisCache", "LOCATION": _cache_url}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Public pages answered to anonymous readers are kept this long in the cache above
# (newsroom.pagecache); every publish/update purges exactly the pages it changes.
# 0 turns the page cache off. Without a shared cache each process keeps its own
# pages and a purge reaches only the process that made it: keep them briefly.
NEWSROOM_PAGE_CACHE_SECONDS = int(os.environ.get("NEWSROOM_PAGE_CACHE_SECONDS", "600" if _cache_url else "10"))
# Each process also serves its last pages from its own memory, asking the shared cache
# whether anything was purged at most every LOCAL_SECONDS (newsroom.pagecache._LocalPages).
NEWSROOM_PAGE_CACHE_LOCAL_PAGES = int(os.environ.get("NEWSROOM_PAGE_CACHE_LOCAL_PAGES", "500"))
NEWSROOM_PAGE_CACHE_LOCAL_SECONDS = float(os.environ.get("NEWSROOM_PAGE_CACHE_LOCAL_SECONDS", "1"))
# What public pages tell browsers (max-age) and a CDN (s-maxage); both are purged precisely,
# browsers cannot be: their copy is at most this old (plus stale-while-revalidate).
NEWSROOM_BROWSER_CACHE_SECONDS = int(os.environ.get("NEWSROOM_BROWSER_CACHE_SECONDS", "60"))
NEWSROOM_CDN_CACHE_SECONDS = int(os.environ.get("NEWSROOM_CDN_CACHE_SECONDS", "600"))
NEWSROOM_STALE_WHILE_REVALIDATE = int(os.environ.get("NEWSROOM_STALE_WHILE_REVALIDATE", "30"))
# While the database is down, a page never purged is served this long past its lifetime.
NEWSROOM_PAGE_CACHE_STALE_IF_ERROR = int(os.environ.get("NEWSROOM_PAGE_CACHE_STALE_IF_ERROR", "3600"))
NEWSROOM_OUTAGE_RETRY_AFTER = int(os.environ.get("NEWSROOM_OUTAGE_RETRY_AFTER", "30"))
# Purging the CDN in front of the site by tag (newsroom/cdn.py): a no-op unless set.
NEWSROOM_CDN_PURGE_BACKEND = os.environ.get("NEWSROOM_CDN_PURGE_BACKEND", "newsroom.cdn.NoPurge")
NEWSROOM_CDN_PURGE_URL = os.environ.get("NEWSROOM_CDN_PURGE_URL", "")
NEWSROOM_CDN_PURGE_TOKEN = os.environ.get("NEWSROOM_CDN_PURGE_TOKEN", "")
NEWSROOM_CDN_PURGE_BATCH = int(os.environ.get("NEWSROOM_CDN_PURGE_BATCH", "30"))

# Background jobs (newsroom.jobs): on a Redis queue run by `manage.py rqworker`
# when RQ_REDIS_URL is set; otherwise in the web process right after the commit.
RQ_REDIS_URL = os.environ.get("RQ_REDIS_URL", "")
RQ_QUEUE = os.environ.get("RQ_QUEUE", "newsroom")
RQ_JOB_TIMEOUT = int(os.environ.get("RQ_JOB_TIMEOUT", "900"))
# Seconds before each retry of a failed job (one retry per entry; retries after
# a delay need the worker's scheduler: `rqworker --with-scheduler`).
RQ_RETRY_INTERVALS = [int(s) for s in env_list("RQ_RETRY_INTERVALS", "10,60,300")]
# What `manage.py rqworker` listens to.
RQ_QUEUES = {RQ_QUEUE: {"URL": RQ_REDIS_URL or "redis://127.0.0.1:6379/0", "DEFAULT_TIMEOUT": RQ_JOB_TIMEOUT}}
# The story analysis's matcher, built by a job, is shared through the cache when
# the cache is shared (Redis); with the per-process cache each process builds its own.
NEWSROOM_SHARE_MATCHER = env_bool("NEWSROOM_SHARE_MATCHER", bool(_cache_url))
# How many stories one re-render job takes.
JOBS_BATCH_SIZE = int(os.environ.get("JOBS_BATCH_SIZE", "500"))

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = os.environ.get("TIME_ZONE", "Europe/Vilnius")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
MEDIA_URL = "media/"
# Renditions of library photos: public, unguessable names, never changed once written.
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Originals of library photos: never served from here directly (see images.views).
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", BASE_DIR / "private-media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "originals": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": f"/{MEDIA_URL}originals/"},
    },
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Object storage (S3, MinIO, R2, ...) instead of the local disk when a bucket is named.
# Renditions go under "media/" (make that prefix publicly readable), originals under
# "originals/" (keep it private: they reach readers only through images.views).
AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME", "")
# Where pages load media from besides this site (for the Content-Security-Policy's img-src).
MEDIA_ORIGINS = env_list("CSP_IMAGE_HOSTS")
if AWS_STORAGE_BUCKET_NAME:
    if os.environ.get("AWS_S3_CUSTOM_DOMAIN"):
        MEDIA_ORIGINS.append(f"https://{os.environ['AWS_S3_CUSTOM_DOMAIN']}")
    elif os.environ.get("AWS_S3_ENDPOINT_URL"):
        _endpoint = urlsplit(os.environ["AWS_S3_ENDPOINT_URL"])
        MEDIA_ORIGINS.append(f"{_endpoint.scheme}://{_endpoint.netloc}")
    else:
        MEDIA_ORIGINS.append(f"https://{AWS_STORAGE_BUCKET_NAME}.s3.amazonaws.com")
    _s3 = {
        "bucket_name": AWS_STORAGE_BUCKET_NAME,
        "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
        "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
        "file_overwrite": True,
    }
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            **_s3,
            "location": "media",
            "querystring_auth": False,
            "custom_domain": os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None,
            "object_parameters": {"CacheControl": "public, max-age=31536000, immutable"},
        },
    }
    STORAGES["originals"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {**_s3, "location": "originals", "querystring_auth": True},
    }

# What the photo library accepts (images.processing); each limit is named in the form error.
IMAGES_MAX_UPLOAD_BYTES = int(os.environ.get("IMAGES_MAX_UPLOAD_BYTES", 30 * 1024 * 1024))
IMAGES_MAX_PIXELS = int(os.environ.get("IMAGES_MAX_PIXELS", 60_000_000))
IMAGES_MAX_FRAMES = int(os.environ.get("IMAGES_MAX_FRAMES", 100))

TAGGIT_CASE_INSENSITIVE = True
# Tag slugs are ASCII like every other slug here ("Klaipėda" -> "klaipeda").
TAGGIT_STRIP_UNICODE_WHEN_SLUGIFYING = True

# Public lists and API pages.
NEWSROOM_PAGE_SIZE = 20
# URLs per sitemap page (/sitemap-stories.xml?p=N); the protocol allows at most 50,000.
NEWSROOM_SITEMAP_LIMIT = min(int(os.environ.get("NEWSROOM_SITEMAP_LIMIT", "50000")), 50_000)
# How long a shared preview link of an unpublished story works.
NEWSROOM_PREVIEW_MAX_AGE = datetime.timedelta(days=int(os.environ.get("NEWSROOM_PREVIEW_DAYS", "3")))
# Where the site is served, for absolute URLs made outside a request (imports, feeds in commands).
NEWSROOM_SITE_URL = os.environ.get("NEWSROOM_SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# Logging in: django-axes counts failures per user name and, separately, per
# address; five in a row lock that name (or address) out for the cool-off time.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = datetime.timedelta(minutes=int(os.environ.get("LOGIN_LOCKOUT_MINUTES", "30")))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_LOCKOUT_TEMPLATE = "registration/lockout.html"
# Behind N proxies the client is N hops from the right of X-Forwarded-For;
# with none, only the socket's address counts (a client could forge the header).
AXES_IPWARE_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0")) or None
AXES_IPWARE_PROXY_ORDER = "right-most"
AXES_IPWARE_META_PRECEDENCE_ORDER = (
    ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR") if AXES_IPWARE_PROXY_COUNT else ("REMOTE_ADDR",)
)

# After logging in, the newsroom; a ?next= to another site is ignored (Django's own check).
LOGIN_URL = "admin:login"
LOGIN_REDIRECT_URL = "admin:index"

# Sessions: the key changes at login (Django's login() cycles it) and logout
# deletes the server-side session. Editors stay signed in for a working day.
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_HOURS", "12")) * 3600
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

# Content-Security-Policy (django-csp): everything from this site; scripts only
# from our static files (or carrying the response's nonce), no plugins, no framing.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", CSP_NONCE],
        "style-src": ["'self'", CSP_NONCE],
        "img-src": ["'self'", "data:", *MEDIA_ORIGINS],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

if not DEBUG:
    # Production: HTTPS only. A proxy or load balancer that ends TLS must say so
    # in a header it controls, e.g. SECURE_PROXY_SSL_HEADER="X-Forwarded-Proto: https";
    # never set it without such a proxy (a client could claim HTTPS itself).
    _proxy_header = os.environ.get("SECURE_PROXY_SSL_HEADER", "")
    if _proxy_header:
        _name, _, _value = _proxy_header.partition(":")
        SECURE_PROXY_SSL_HEADER = ("HTTP_" + _name.strip().upper().replace("-", "_"), _value.strip())
    # A server that answers only to loopback names (a local run of the production
    # stack: `make serve`, a benchmark) has no certificate to offer; any public
    # host name makes it HTTPS only. Each default can be set either way.
    _https_only = not set(ALLOWED_HOSTS) <= LOOPBACK_HOSTS
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", _https_only)
    # The load balancer's health check speaks plain HTTP.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(365 * 24 * 3600) if _https_only else "0"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", _https_only)
    CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", _https_only)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        # One JSON object per line: {"time", "level", "logger", "message", "method", "path", ...}.
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(levelname)s %(name)s %(message)s",
            "rename_fields": {"levelname": "level", "name": "logger"},
            "timestamp": "time",  # ISO 8601, UTC
        },
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        "json": {"class": "logging.StreamHandler", "formatter": "json"},
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        # django-axes logs every login at INFO; failed ones and lockouts come at WARNING.
        "axes": {"level": os.environ.get("LOGIN_LOG_LEVEL", "WARNING")},
        # The request log (newsroom.middleware.RequestLogMiddleware): REQUEST_LOG_LEVEL=WARNING silences it.
        "newsroom.requests": {
            "handlers": ["json"],
            "level": os.environ.get("REQUEST_LOG_LEVEL", "INFO"),
            "propagate": False,
        },
        # Django's own line per request would say the same again, unstructured.
        "django.server": {"level": "WARNING"},
    },
}
