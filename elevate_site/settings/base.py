"""Settings shared by every environment.

Everything that differs between a laptop and production is read from the environment
(django-environ). The defaults here are the embedded ones: SQLite and a local-memory
cache, so ``make run`` needs no service. No secret and no ``DEBUG = True`` here.
"""

from datetime import timedelta
from pathlib import Path

import environ
from csp.constants import NONE, SELF, UNSAFE_INLINE

BASE_DIR = Path(__file__).resolve().parent.parent.parent

# FileAwareEnv: any VARIABLE may come from a file named by VARIABLE_FILE instead (Docker and
# Kubernetes secrets, e.g. DJANGO_SECRET_KEY_FILE=/run/secrets/django_secret_key).
env = environ.FileAwareEnv()
# A developer may keep values in a .env file; production passes real environment variables.
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

# APPLICATIONS
INSTALLED_APPS = [
    # Ours first: their Wagtail hooks wrap Wagtail's own (core's cache declaration sees the
    # answer of Wagtail's privacy check).
    "core",
    "accounts",
    "home",
    "learning",
    "community",
    "search",
    "wagtail.contrib.forms",
    "wagtail.contrib.settings",
    "wagtail.contrib.frontend_cache",
    "wagtail.contrib.redirects",
    # The read API's content endpoints (elevate_site/api.py). Not "rest_framework": the API
    # answers JSON only, without DRF's browsable HTML pages.
    "wagtail.api.v2",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    # Django's admin site is not mounted (elevate_site/urls.py); the app stays only for the
    # templates it ships that the site's password reset uses (password_reset_email.html).
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    # Failed log-ins are counted per username in the database (see LOG-IN LOCKOUT below).
    "axes",
    # The Content-Security-Policy header (see SECURITY HEADERS below).
    "csp",
    # Django's task framework (the backport Wagtail depends on) and its database queue
    # (see BACKGROUND TASKS below).
    "django_tasks",
    "django_tasks_db",
    # Prometheus metrics: request middleware, and the task worker's metrics port (METRICS).
    "django_prometheus",
]

MIDDLEWARE = [
    # Before anything checks the Host header or redirects to HTTPS: container health checks
    # probe /healthz and /readyz by address over plain HTTP (core/health.py).
    "core.health.HealthCheckMiddleware",
    # /metrics, for the same reason, and only to the deployment's own network (METRICS).
    "core.metrics.MetricsMiddleware",
    # Counts and times every request from here on: probes and scrapes above are not traffic.
    "django_prometheus.middleware.PrometheusBeforeMiddleware",
    # First: every log line written while answering carries nginx's request id.
    "core.logging.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # The other security headers, outside CommonMiddleware so that the redirects it makes
    # (APPEND_SLASH) carry them too: X-Frame-Options, and Content-Security-Policy (the
    # site's policy, or the Wagtail admin's under /admin/).
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "core.csp.ContentSecurityPolicyMiddleware",
    # Sees each response last, after sessions, CSRF and messages have set their cookies.
    "core.cache_policy.PrivateResponsesMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Times the view; before axes, so a lockout is counted with the status it answers (429).
    "django_prometheus.middleware.PrometheusAfterMiddleware",
    # Last, as django-axes asks: a log-in refused for a locked account gets the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "elevate_site.urls"
WSGI_APPLICATION = "elevate_site.wsgi.application"

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
            ],
        },
    },
]

# DATABASE
# SQLite by default; DATABASE_URL (mysql://user:pass@host:3306/name) switches to MySQL/MariaDB.
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.mysql":
    # Both are needed: without the collation wagtailcore migration 0075 fails with
    # "Illegal mix of collations" on MariaDB. TEST gives the test database the same.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"charset": "utf8mb4", "collation": "utf8mb4_unicode_ci"}
    )
    DATABASES["default"]["TEST"] = {"CHARSET": "utf8mb4", "COLLATION": "utf8mb4_unicode_ci"}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# CACHE
# Local memory by default; CACHE_URL (e.g. redis://127.0.0.1:6379/1) for a shared cache.
CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://elevate")}

# SESSIONS
# Read from the cache, written through to the database: one query fewer per request, and
# sessions survive a cache flush or outage.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# ACCOUNTS
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "learning:dashboard"
LOGOUT_REDIRECT_URL = "/"
# Wagtail's page privacy ("members only" courses) sends visitors to the same log-in page.
WAGTAIL_FRONTEND_LOGIN_URL = "/accounts/login/"
AUTHENTICATION_BACKENDS = [
    # First, as django-axes requires: a locked account is refused before any password check.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# LOG-IN LOCKOUT (django-axes)
# Five wrong passwords for one username lock that username for 15 minutes, on the site's
# log-in and the Wagtail admin's alike. Locking by username (not by address) stops a guesser
# who spreads attempts over many addresses; nginx's per-address rate limit handles one
# address trying many usernames. The database handler keeps the count in MariaDB, so the
# lock holds across every replica. Unlock early: `manage.py axes_reset_username NAME`.
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
# More attempts while locked do not extend the lock: a stranger hammering someone's
# username cannot keep them out for longer than the cool-off.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/lockout.html"  # answered with 429
# Django's admin site is not mounted (users are managed in the Wagtail admin).
AXES_ENABLE_ADMIN = False
# axes warns that a lock by username alone ignores the address: on purpose (see above).
SILENCED_SYSTEM_CHECKS = ["axes.W006"]

# E-MAIL
# Password-reset mails go to the console unless EMAIL_URL names a real server.
vars().update(env.email("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Elevate Learning <noreply@localhost>")

# BACKGROUND TASKS
# Django's task framework (django-tasks, the package of django.tasks for Django 5.2 that
# Wagtail depends on). Wagtail's own tasks (reference index, image focal points) stay on
# "default", run at once inside the request as before: document privacy relies on the
# reference index being current when the page is saved. Work that must never slow or
# break a request (e-mail) goes to "background": rows in the database, run by the worker,
# `manage.py db_worker --backend background` (`make run`, `make stack` start it).
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "background": {"BACKEND": "django_tasks_db.DatabaseBackend"},
}

# COMMUNITY (lesson discussions; pre-moderation is a site setting in the admin)
# Longer than any real question or answer, short enough to read in the moderation queue.
COMMENT_MAX_LENGTH = env.int("COMMENT_MAX_LENGTH", default=5_000)
# Authors may fix or withdraw what they wrote for this long; after it, a moderator can.
COMMENT_EDIT_MINUTES = env.int("COMMENT_EDIT_MINUTES", default=15)
# This many distinct readers' flags hide a comment until a moderator reviews it.
COMMENT_FLAGS_TO_HIDE = env.int("COMMENT_FLAGS_TO_HIDE", default=3)
# Comments per person per minute, counted in the shared cache (every replica sees it).
COMMENT_RATE_PER_MINUTE = env.int("COMMENT_RATE_PER_MINUTE", default=5)
# Top-level comments per page of a discussion (their replies come with them).
COMMENTS_PER_PAGE = env.int("COMMENTS_PER_PAGE", default=20)

# METRICS (Prometheus: core/metrics.py; what is scraped and alerted on: monitoring/)
# /metrics answers only callers that connect directly from these networks: Prometheus and
# nginx's internal listener, inside the deployment (Swarm overlays and Kubernetes pods use
# private addresses). A request forwarded by a proxy, such as nginx's public listener, is
# refused whatever its address; never publish a replica's port.
METRICS_ALLOWED_NETWORKS = env.list(
    "METRICS_ALLOWED_NETWORKS",
    default=[
        "127.0.0.0/8",
        "::1/128",
        "10.0.0.0/8",
        "172.16.0.0/12",
        "192.168.0.0/16",
        "fc00::/7",
    ],
)
# State read from the database when Prometheus scrapes, never on a page.
METRICS_COLLECTORS = ["community.metrics.ModerationQueueCollector"]
# Unhandled errors in these views count as certificate errors: they issue certificates
# (the last lesson's completion) or show them.
METRICS_CERTIFICATE_VIEWS = [
    "learning:complete",
    "learning:certificate",
    "learning:certificate_pdf",
    "learning:verify_certificate",
]
# The task worker answers no HTTP: set METRICS_EXPORT_PORT for it (only for it; empty
# elsewhere) and django-prometheus serves its metrics (the failed-task counter) on that
# port from a thread. A second process with the same setting (a `manage.py shell` beside
# the worker) finds the port taken, logs a warning and carries on.
METRICS_EXPORT_PORT = int(env("METRICS_EXPORT_PORT", default="") or 0)
if METRICS_EXPORT_PORT:
    PROMETHEUS_METRICS_EXPORT_PORT_RANGE = range(METRICS_EXPORT_PORT, METRICS_EXPORT_PORT + 1)
# Counting applied migrations queries the database at every start: not wanted.
PROMETHEUS_EXPORT_MIGRATIONS = False

# INTERNATIONALISATION
LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

# STATIC AND MEDIA FILES
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "var" / "static")
STATIC_URL = "/static/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "var" / "media")
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Wagtail's page editor posts many fields for long StreamFields.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# SHARED CACHE
# How long nginx (or a CDN) may keep a public page without a purge: the declaration of
# core.cache_policy. Purges make changes show at once; this bounds a purge that got lost.
SHARED_CACHE_SECONDS = env.int("SHARED_CACHE_SECONDS", default=300)

# WAGTAIL
WAGTAIL_SITE_NAME = "Elevate Learning"
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", default="http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "py", "txt", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# Courses are members-only through Wagtail's own page privacy; passwords and groups too.
WAGTAIL_PRIVACY_OPTIONS = ["public", "login", "groups"]

# LOGGING
# One JSON object per line on stderr (containers collect it; gunicorn's capture_output
# writes it to the replica's log), each with the request id nginx sent as X-Request-ID:
# see core/logging.py. LOG_FORMAT=text gives plain lines (the default of `make run`).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "core.logging.RequestIdFilter"}},
    "formatters": {
        "json": {"()": "core.logging.JsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": env("LOG_FORMAT", default="json"),
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        # Django's own handlers (console only with DEBUG, mail_admins) are dropped: its
        # records (404 warnings, 500 errors with tracebacks) go to the one handler above.
        "django": {"handlers": [], "level": "INFO", "propagate": True},
        # One line per background task and per page save drowns everything else.
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": env("WAGTAIL_LOG_LEVEL", default="WARNING")},
        # Failed log-ins and lockouts are warnings; its start-up banner is not news.
        "axes": {"level": "WARNING"},
    },
}

# SECURITY HEADERS
# Django owns these on everything it serves; nginx adds them only to what it serves itself
# (static and media files, its own error pages), so each is sent exactly once.
# SAMEORIGIN, not DENY: Wagtail's preview panel shows the page in a frame of the admin.
# (check --deploy recommends DENY: security.W019 is silenced for that reason.)
X_FRAME_OPTIONS = "SAMEORIGIN"
SILENCED_SYSTEM_CHECKS += ["security.W019"]
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Content-Security-Policy (django-csp 4). The public site runs no inline script or style:
# scripts and styles come from /static/ only; video lessons embed YouTube or Vimeo players.
VIDEO_EMBED_HOSTS = [
    "https://www.youtube.com",
    "https://www.youtube-nocookie.com",
    "https://player.vimeo.com",
]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": [SELF, *VIDEO_EMBED_HOSTS],
        "media-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [SELF],
        "form-action": [SELF],
    }
}
# The Wagtail admin (/admin/) gets its own policy (core/csp.py chooses it), found by
# loading the admin in Chromium under the site's policy (report-only) and reading what it
# refused: Wagtail 8 still runs inline scripts (the page explorer, the editor's date and
# chooser widgets, an inline event handler on the image editor) and inline styles (the page
# editor), so both need 'unsafe-inline'; the dashboard asks releases.wagtail.org for the
# latest version. Everything else stays as tight as the site's (no plug-ins, no framing by
# other sites, forms post only here). Image uploads preview through blob: URLs.
ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        **CONTENT_SECURITY_POLICY["DIRECTIVES"],
        "script-src": [SELF, UNSAFE_INLINE],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", "blob:"],
        "connect-src": [SELF, "https://releases.wagtail.org"],
    }
}
# No Gravatar pictures in the admin: they would send a hash of each editor's e-mail address
# to a third party (and need its host in img-src). Wagtail shows its default avatar.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
