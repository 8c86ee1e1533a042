"""Local development: `make run`. Debug on, an insecure key that only works here."""

from .base import *  # noqa: F403
from .base import LOGGING, env

DEBUG = env.bool("DJANGO_DEBUG", default=True)
SECRET_KEY = env("DJANGO_SECRET_KEY", default="dev-only-insecure-key-never-use-in-production")
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])

# LOGGING
# Plain lines in the runserver console; LOG_FORMAT=json shows what production writes.
LOGGING["handlers"]["console"]["formatter"] = env("LOG_FORMAT", default="text")
