"""Settings shared by every environment.

Everything that differs between a laptop and production is read from the environment
(django-environ). The defaults here are the embedded ones: SQLite and a local-memory
cache, so ``make run`` needs no service. No secret and no ``DEBUG = True`` here.
"""

from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
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
    "wagtail.contrib.frontend_cache",
    "wagtail.contrib.redirects",
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
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Sees each response last, after sessions, CSRF and messages have set their cookies.
    "core.cache_policy.PrivateResponsesMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
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
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# E-MAIL
# Password-reset mails go to the console unless EMAIL_URL names a real server.
vars().update(env.email("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Elevate Learning <noreply@localhost>")

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
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        # One line per background task and per page save drowns everything else.
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": env("WAGTAIL_LOG_LEVEL", default="WARNING")},
    },
}
