"""The test suite: embedded defaults unless DATABASE_URL points at MariaDB/MySQL."""

from .base import *  # noqa: F403
from .base import env

DEBUG = False
SECRET_KEY = "test-only-key"  # noqa: S105 - used by the test suite only
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
# Hashing with the default PBKDF2 rounds dominates a test run; MD5 is fine for throw-away users.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://elevate-test")}
WAGTAILADMIN_BASE_URL = "http://testserver"
LOGGING["root"]["level"] = "WARNING"  # noqa: F405
# Purges are recorded, not sent: tests check which URLs a change purges.
WAGTAILFRONTENDCACHE = {"recorder": {"BACKEND": "core.frontend_cache.RecordingBackend"}}
# django-axes refuses authenticate() calls without a request, which tests make to check a
# password; the lockout tests (accounts/tests/test_lockout.py) turn it back on.
AXES_ENABLED = False
