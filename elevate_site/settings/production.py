"""Production: everything from the environment, refusing to start without the essentials."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env


def _required(name):
    """A value the site cannot run safely without: fail at start-up, not at the first request."""
    value = env(name, default="")
    if not value:
        raise ImproperlyConfigured(f"Set the {name} environment variable (see .env.example).")
    return value


DEBUG = False
SECRET_KEY = _required("DJANGO_SECRET_KEY")
ALLOWED_HOSTS = [host.strip() for host in _required("DJANGO_ALLOWED_HOSTS").split(",")]
_required("DATABASE_URL")  # base.py parsed it; here it must not fall back to SQLite.

# DATABASE
# Keep connections between requests, and check one before reusing it: after a database
# restart the next request reconnects instead of failing, with no gunicorn restart.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DJANGO_CONN_MAX_AGE", default=60)  # noqa: F405
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True  # noqa: F405

# CACHE AND SESSIONS
# Redis holds the cache and the cached copy of sessions (SESSION_ENGINE is cached_db, see
# base.py), so a Redis outage makes pages slower, not broken, and nobody is signed out.
CACHES = {
    "default": {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": _required("REDIS_URL"),
        "KEY_PREFIX": "elevate",
        "OPTIONS": {
            "CLIENT_CLASS": "django_redis.client.DefaultClient",
            # Fail fast and carry on without the cache rather than answer 500.
            "SOCKET_CONNECT_TIMEOUT": env.float("REDIS_CONNECT_TIMEOUT", default=0.5),
            "SOCKET_TIMEOUT": env.float("REDIS_TIMEOUT", default=0.5),
            "IGNORE_EXCEPTIONS": True,
        },
    }
}
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True

# FRONTEND CACHE (nginx)
# Every nginx purge listener, comma-separated. A host name that resolves to several
# addresses (Swarm's tasks.<service>, a Kubernetes headless Service) is purged at each.
WAGTAILFRONTENDCACHE = {
    f"nginx{number}": {
        "BACKEND": "core.frontend_cache.FanoutHTTPBackend",
        "LOCATION": location,
    }
    for number, location in enumerate(env.list("FRONTEND_CACHE_PURGE_URLS", default=[]))
}

# SECURITY
# nginx terminates TLS and says so in X-Forwarded-Proto (it overwrites any client value).
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
# Only the loopback stack (plain HTTP on 127.0.0.1) turns these off.
SESSION_COOKIE_SECURE = env.bool("DJANGO_SECURE_COOKIES", default=True)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
# Preload is a commitment for the whole domain; turn it off where subdomains cannot do HTTPS.
SECURE_HSTS_PRELOAD = env.bool("DJANGO_SECURE_HSTS_PRELOAD", default=True)
SECURE_CONTENT_TYPE_NOSNIFF = True
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

# STATIC FILES
# Hashed names so nginx can serve them with far-future cache headers.
STORAGES["staticfiles"]["BACKEND"] = (  # noqa: F405
    "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"
)
