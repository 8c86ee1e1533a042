# Elevate Learning: one image for the web replicas (gunicorn, the default command), the
# background-task worker (manage.py db_worker --backend background) and the one-off
# migrations (manage.py migrate). Build with `make images` (BuildKit).
#
# BASE_IMAGE is the official Python image by default; `make images` makes a local stand-in
# under the same name where no registry can be reached (scripts/containers.py).
ARG BASE_IMAGE=python:3.11-slim-bookworm

# --- builder: wheels for every locked requirement, hashes checked ------------------------
FROM ${BASE_IMAGE} AS builder
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
       gcc libc6-dev pkg-config libmariadb-dev \
    && rm -rf /var/lib/apt/lists/*
COPY requirements.lock /tmp/requirements.lock
# The secret "ca" (optional) is a CA bundle for pip: a proxy that re-signs TLS needs it.
RUN --mount=type=secret,id=ca,required=false \
    if [ -s /run/secrets/ca ]; then export PIP_CERT=/run/secrets/ca; fi \
    && python3 -m venv /opt/build \
    && /opt/build/bin/pip wheel --no-cache-dir --quiet --disable-pip-version-check \
       --require-hashes --wheel-dir /wheels -r /tmp/requirements.lock

# --- runtime: the wheels installed offline, the code, collected static files ------------
FROM ${BASE_IMAGE} AS runtime
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends libmariadb3 \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --gid 10001 elevate \
    && useradd --uid 10001 --gid elevate --no-create-home --home-dir /srv/elevate \
       --shell /usr/sbin/nologin elevate
RUN --mount=type=bind,from=builder,source=/wheels,target=/wheels \
    python3 -m venv /opt/venv \
    && /opt/venv/bin/pip install --no-cache-dir --quiet --disable-pip-version-check \
       --no-index --no-deps /wheels/*.whl
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    DJANGO_SETTINGS_MODULE=elevate_site.settings.production \
    STATIC_ROOT=/srv/elevate/static \
    MEDIA_ROOT=/srv/elevate/media
WORKDIR /srv/elevate/app
# The code belongs to root: the site's user can read it, not change it.
COPY . .
# Hashed static files at build time (the nginx image copies them from here). Production
# settings refuse to load without their required values: throw-away ones, for this step only.
RUN DJANGO_SECRET_KEY=collectstatic-only-not-a-secret DJANGO_ALLOWED_HOSTS=build \
    DATABASE_URL=sqlite:////tmp/build.sqlite3 REDIS_URL=redis://build:6379/0 \
    python manage.py collectstatic --noinput -v0 \
    && rm -f /tmp/build.sqlite3 \
    && mkdir -p /srv/elevate/media \
    && chown elevate:elevate /srv/elevate/media
# Numeric, so an orchestrator can check it is not root (Kubernetes' runAsNonRoot).
USER 10001:10001
EXPOSE 8000
# Liveness only (the process answers); readiness, which asks the database, is /readyz.
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import urllib.request as u; u.urlopen('http://127.0.0.1:8000/healthz', timeout=2)"]
# gunicorn.conf.py: bind 0.0.0.0:8000, GUNICORN_WORKERS / GUNICORN_TIMEOUT from the environment.
CMD ["gunicorn", "--config", "gunicorn.conf.py"]
