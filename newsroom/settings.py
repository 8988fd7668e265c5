"""Newsroom settings: one module, configured from the environment."""

import os
from datetime import timedelta
from pathlib import Path
from typing import Any

import dj_database_url
import django_stubs_ext
from django.utils.csp import CSP

from newsroom.release import code_digest

# Django's generic classes are written subscripted for the type checker
# (ModelAdmin[Claim], ListView[Article]); this lets them be at run time too.
django_stubs_ext.monkeypatch()

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    """Read a yes/no environment variable ("1", "true", "yes", "on" mean yes)."""
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    """Read a comma-separated environment variable."""
    return [
        item.strip()
        for item in os.environ.get(name, default).split(",")
        if item.strip()
    ]


DEBUG = env_bool("DEBUG")
# The fallback key is for development only; `check --deploy` flags it.
SECRET_KEY = os.environ.get(
    "SECRET_KEY", "django-insecure-development-key-set-SECRET_KEY-in-production"
)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "desk.apps.DeskAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    # The search document's column type; its lookups apply on PostgreSQL only.
    "django.contrib.postgres",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "axes",
    "django_tasks_db",
    # Domain apps, then the surfaces built on them (docs/architecture.md).
    "notifications",
    "partners",
    "detection",
    "articles",
    "claims",
    "reader",
    "api",
    "desk",
    "newsroom.versions",
]

MIDDLEWARE = [
    # An anonymous reader's kept page or API answer, before everything else
    # (newsroom.front): it keeps every header the stack below adds.
    "newsroom.front.AnswerFirstMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Before anything reads the database: PostgreSQL refuses NUL in a string.
    "newsroom.apierrors.NulGuard",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # After authentication: only anonymous reads may go to a replica.
    "newsroom.replicas.ReplicaMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    # Last, as django-axes asks: it turns a lockout into the lockout page.
    "axes.middleware.AxesMiddleware",
]

# django-axes checks every sign-in before the model backend.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "newsroom.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "newsroom" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "newsroom.wsgi.application"
ASGI_APPLICATION = "newsroom.asgi.application"

# SQLite is the zero-setup default; production sets DATABASE_URL to PostgreSQL.
# Persistent connections: reconnecting on every request costs several times
# the throughput of a page.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "600")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite has no SELECT ... FOR UPDATE; taking the write lock when a
    # transaction begins serializes concurrent reviews the same way.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"transaction_mode": "IMMEDIATE", "timeout": 20}
    )
    # Tests use a file, not shared-cache memory: a second connection then
    # waits for the write lock instead of failing with "table is locked".
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / "test-db.sqlite3")}
# The statements a page sends several at once (``newsroom.statements.together``:
# a new search's three) are prepared on each PostgreSQL connection, so the
# server parses them once and may keep their plans; every other query binds
# its values in the client, as Django does. A pooler in transaction mode
# carries prepared statements from PgBouncer 1.21 with max_prepared_statements
# set; for one that cannot, DATABASE_PREPARED_STATEMENTS=0.
PREPARED_STATEMENTS = env_bool("DATABASE_PREPARED_STATEMENTS", True)
# Read replicas (PostgreSQL streaming replicas of the primary above):
# anonymous page and API reads are spread over them; see docs/scaling.md.
for number, url in enumerate(env_list("DATABASE_REPLICA_URLS", "")):
    DATABASES[f"replica_{number}"] = {
        **dj_database_url.parse(
            url,
            conn_max_age=int(os.environ.get("CONN_MAX_AGE", "600")),
            conn_health_checks=True,
        ),
        # Tests read the primary's test database through the replica alias.
        "TEST": {"MIRROR": "default"},
    }
for database in DATABASES.values():
    if database["ENGINE"] == "django.db.backends.postgresql":
        # Django's, its health check made without a query (newsroom.postgres).
        database["ENGINE"] = "newsroom.postgres"
    if database["ENGINE"] == "newsroom.postgres" and PREPARED_STATEMENTS:
        # psycopg's own default; Django's is none. Only the statements sent
        # with their values bound by the server are ever prepared.
        database.setdefault("OPTIONS", {}).setdefault("prepare_threshold", 5)
DATABASE_ROUTERS = ["newsroom.replicas.ReplicaRouter"]
# How far behind the primary a replica may be, in seconds: a cached answer
# whose data changed more recently than this is built from the primary.
REPLICA_MAX_LAG = float(os.environ.get("REPLICA_MAX_LAG", "10"))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# One cache for every worker when REDIS_URL (or CACHE_URL) names a Redis
# server: API throttle counts, and the pages and API reads served from the
# cache (newsroom.caching), each checked against the database's versions,
# which Redis also keeps copies of (newsroom.versions.mirror): every process
# that changes data needs the same setting. While Redis is unreachable each
# process uses its own memory
# (newsroom.cachebackend). Without it each process keeps its own cache in
# memory: pages stay correct, but throttles count per process, so
# `check --deploy` asks for a shared cache unless SINGLE_PROCESS is set.
CACHE_URL = os.environ.get("CACHE_URL") or os.environ.get("REDIS_URL")
CACHES: dict[str, dict[str, Any]]
if CACHE_URL and CACHE_URL.startswith(("redis://", "rediss://", "unix://")):
    CACHES = {
        "default": {
            "BACKEND": "newsroom.cachebackend.ResilientRedisCache",
            "LOCATION": CACHE_URL,
            # A Redis that stops answering costs a request this long, once.
            "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.5},
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    }
SINGLE_PROCESS = os.environ.get("SINGLE_PROCESS", "") == "1"
# Anonymous pages and API reads: how long browsers and shared caches (a CDN)
# may reuse an answer without asking; then they revalidate with its ETag.
PUBLIC_CACHE_MAX_AGE = int(os.environ.get("PUBLIC_CACHE_MAX_AGE", "10"))
PUBLIC_CACHE_S_MAXAGE = int(os.environ.get("PUBLIC_CACHE_S_MAXAGE", "30"))
# How long an unchanged answer stays in our own cache (a change retires it
# at once, whatever this says).
PUBLIC_CACHE_TIMEOUT = int(os.environ.get("PUBLIC_CACHE_TIMEOUT", "86400"))
# Part of every cached answer's key: a digest of the deployed code, so a
# release never serves what the previous one rendered (CACHE_RELEASE, when
# set, is added to it, to retire every kept answer by hand).
CACHE_RELEASE = code_digest(BASE_DIR) + os.environ.get("CACHE_RELEASE", "")

AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
# One way of writing a time everywhere (newsroom/formats/).
FORMAT_MODULE_PATH = ["newsroom.formats"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "newsroom" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "newsroom.staticstorage.CollectedStaticFilesStorage"
        )
    },
}
# Until `collectstatic` has written the manifest, WhiteNoise serves the files
# from the source folders, so a forgotten step costs speed, not every page.
WHITENOISE_USE_FINDERS = DEBUG or not (STATIC_ROOT / "staticfiles.json").exists()

# Public URL of the site, used in exported annotations and structured data
# where no request is at hand.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# The public page of the desk's corrections policy, linked from syndicated
# stories (ninjs trust indicators); unset: the corrections feed.
CORRECTIONS_POLICY_URL = os.environ.get("CORRECTIONS_POLICY_URL", "")

SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT")
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES")
CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES")
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS")
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD")
BEHIND_TLS_PROXY = env_bool("BEHIND_TLS_PROXY")
if BEHIND_TLS_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# --- Sign-in throttling (django-axes) ----------------------------------------
# Failures count per user name *and* address together: an attacker elsewhere
# can lock a name out only for their own address, and only for the cool-off.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "30"))
AXES_COOLOFF_TIME = timedelta(
    minutes=float(os.environ.get("LOGIN_COOLOFF_MINUTES", "15"))
)
AXES_LOCKOUT_CALLABLE = "newsroom.security.lockout_response"
AXES_CLIENT_IP_CALLABLE = "newsroom.security.client_ip"
AXES_RESET_ON_SUCCESS = True

# --- Background tasks (django.tasks) -----------------------------------------
# Claim detection runs as a task after an import or an edit. By default it
# runs in the same process right after the commit (zero setup, `make run`);
# TASKS_BACKEND=database queues it in the database for `manage.py db_worker`
# (django-tasks-db), as production should. See docs/detection.md.
TASK_BACKENDS = {
    "immediate": "django.tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
    "dummy": "django.tasks.backends.dummy.DummyBackend",
}
TASKS = {
    "default": {
        "BACKEND": TASK_BACKENDS[os.environ.get("TASKS_BACKEND", "immediate")],
    }
}

# --- Notifications and webhooks (notifications/) -----------------------------
# E-mail goes through Django's mailers: printed on the console under DEBUG,
# SMTP (EMAIL_HOST, EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD,
# EMAIL_USE_TLS) otherwise; tests replace it with locmem.
EMAIL_BACKEND_PATH = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
MAILERS: dict[str, dict[str, Any]] = {"default": {"BACKEND": EMAIL_BACKEND_PATH}}
if EMAIL_BACKEND_PATH.endswith("smtp.EmailBackend"):
    MAILERS["default"]["OPTIONS"] = {
        "host": os.environ.get("EMAIL_HOST", "localhost"),
        "port": int(os.environ.get("EMAIL_PORT", "25")),
        "username": os.environ.get("EMAIL_HOST_USER", ""),
        "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
        "use_tls": env_bool("EMAIL_USE_TLS"),
    }
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "desk@newsroom.invalid")
# Webhooks may reach loopback and private addresses only when this is on (it
# is under DEBUG, and in tests): otherwise the server could be made to call
# its own network.
WEBHOOKS_ALLOW_PRIVATE = env_bool("WEBHOOKS_ALLOW_PRIVATE", DEBUG)
# Seconds before each retry of a failed delivery (then it is failed), and
# how long one attempt may take.
WEBHOOK_RETRY_DELAYS = [
    float(seconds)
    for seconds in env_list("WEBHOOK_RETRY_DELAYS", "10,60,300,1800,7200")
]
WEBHOOK_TIMEOUT = float(os.environ.get("WEBHOOK_TIMEOUT", "5"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# --- REST API (Django REST framework, drf-spectacular) ----------------------
# The REST API: see docs/api.md.
REST_FRAMEWORK = {
    # Token first: an anonymous write is answered 401 with
    # "WWW-Authenticate: Token"; sessions (with CSRF) serve the browsable API.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Failed tokens are counted per address and throttled past a rate.
        "newsroom.apiauth.CountedTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
        # Partner organisations: read-only, counted per key.
        "partners.authentication.PartnerKeyAuthentication",
    ],
    # Anyone reads; writes need the role's model permission.
    "DEFAULT_PERMISSION_CLASSES": ["newsroom.apipermissions.ModelPermissions"],
    # JSON in: one request format, documented and fuzzed.
    "DEFAULT_PARSER_CLASSES": ["newsroom.apiparsers.JSONParser"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 20,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
    # Services raise Django's errors; one handler answers them for every view.
    "EXCEPTION_HANDLER": "newsroom.apibase.exception_handler",
    # Counted in the default cache; views opt into the stricter scopes with
    # ScopedRateThrottle (`throttle_scope = "reviews"` or "writes").
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
        "partners.throttling.PartnerRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": os.environ.get("API_RATE_ANON", "120/minute"),
        "user": os.environ.get("API_RATE_USER", "600/minute"),
        "writes": os.environ.get("API_RATE_WRITES", "120/minute"),
        "reviews": os.environ.get("API_RATE_REVIEWS", "60/minute"),
        # Bad tokens and anonymous writes from one address (newsroom.apiauth).
        "failed_auth": os.environ.get("API_RATE_FAILED_AUTH", "30/minute"),
    },
    "NUM_PROXIES": 1 if BEHIND_TLS_PROXY else 0,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Newsroom API",
    "DESCRIPTION": (
        "Articles, the claims in them, the agencies they are attributed to, "
        "and the standards desk's reviews. Anonymous clients read published "
        "articles; reporters and editors authenticate with "
        "`Authorization: Token <key>` or a session."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    # Served from our own static files (drf-spectacular-sidecar), no CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {
        "ClaimStatusEnum": "claims.models.Claim.Status",
        "ArticleStatusEnum": "articles.models.Article.Status",
        "WebhookEventEnum": "notifications.models.Event",
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "newsroom.apibase.document_errors",
        "api.claims.optional_private_fields",
    ],
}
# --- end of REST API settings ------------------------------------------------
