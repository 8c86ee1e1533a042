"""Prometheus metrics: the /metrics endpoint and the application's own counters.

What is measured:

- Requests, responses by status and view, latency: django-prometheus's middleware
  (``django_http_*``, see MIDDLEWARE).
- ``elevate_lesson_completions_total`` and ``elevate_certificates_issued_total``:
  incremented by ``learning.actions`` once the row is committed.
- ``elevate_certificate_errors_total``: unhandled errors in the views that issue or show
  certificates (``METRICS_CERTIFICATE_VIEWS``).
- ``elevate_task_errors_total``: background tasks that failed (django-tasks'
  ``task_finished`` signal), in whichever process ran them: a replica for the "default"
  backend, the task worker for "background" (which serves its metrics on
  ``METRICS_EXPORT_PORT``, see settings).
- State read at scrape time, such as the comment moderation queue: the collectors named
  in ``METRICS_COLLECTORS``.

The counters are created at start-up (``core.signal_handlers`` imports this module), so
every one of them is exported at 0 before anything happens: an alert on ``increase()``
then sees the very first error.

Several processes: gunicorn runs several workers per replica, each with its own
counters. In prometheus_client's multiprocess mode (``PROMETHEUS_MULTIPROC_DIR``, set by
``gunicorn.conf.py``) each worker writes its values to files in one directory, and
/metrics adds them up, so whichever worker answers the scrape reports the whole replica.
Without that variable (``make run``, the tests, management commands) the process's own
registry is served.

/metrics is never public (``MetricsMiddleware``): nginx's public listener refuses it, and
Django answers it only to callers on ``METRICS_ALLOWED_NETWORKS`` that came directly, not
through a proxy.
"""

import ipaddress
import os

from django.conf import settings
from django.http import HttpResponse, HttpResponseForbidden
from django.utils.cache import add_never_cache_headers
from django.utils.module_loading import import_string
from django_tasks import TaskResultStatus
from prometheus_client import (
    CONTENT_TYPE_PLAIN_0_0_4,
    REGISTRY,
    CollectorRegistry,
    Counter,
    generate_latest,
)
from prometheus_client.multiprocess import MultiProcessCollector

LESSON_COMPLETIONS = Counter(
    "elevate_lesson_completions_total", "Lessons marked complete by learners."
)
CERTIFICATES_ISSUED = Counter("elevate_certificates_issued_total", "Certificates issued.")
CERTIFICATE_ERRORS = Counter(
    "elevate_certificate_errors_total",
    "Unhandled errors in the views that issue or show certificates.",
)
TASK_ERRORS = Counter("elevate_task_errors_total", "Background tasks that failed.")


# --- counting ---------------------------------------------------------------------------


def lesson_completed():
    LESSON_COMPLETIONS.inc()


def certificate_issued():
    CERTIFICATES_ISSUED.inc()


def count_task_result(sender, task_result, **kwargs):
    """django-tasks' ``task_finished``: count the failures (the worker logs each one with
    its traceback, under the task's id)."""
    if task_result.status == TaskResultStatus.FAILED:
        TASK_ERRORS.inc()


def count_certificate_error(sender, request=None, **kwargs):
    """Django's ``got_request_exception``: count it if a certificate view raised."""
    match = getattr(request, "resolver_match", None)
    if match and match.view_name in settings.METRICS_CERTIFICATE_VIEWS:
        CERTIFICATE_ERRORS.inc()


# --- the endpoint -----------------------------------------------------------------------


def _allowed_networks():
    return [ipaddress.ip_network(net, strict=False) for net in settings.METRICS_ALLOWED_NETWORKS]


def may_scrape(request):
    """Only a caller inside the deployment may read the metrics: Prometheus, or nginx's
    internal listener. Such a caller connects directly (gunicorn sees its own address in
    REMOTE_ADDR) from an address on METRICS_ALLOWED_NETWORKS. A request that a proxy
    forwarded for someone else carries X-Forwarded-For (nginx's public listener always
    sets it; the internal listener and Prometheus never do), so it is refused even if
    nginx's own refusal of /metrics were lost."""
    if "HTTP_X_FORWARDED_FOR" in request.META:
        return False
    try:
        address = ipaddress.ip_address(request.META.get("REMOTE_ADDR", ""))
    except ValueError:
        return False
    return any(address in network for network in _allowed_networks())


def _scrape_time_registry():
    """The collectors that read the application's state when Prometheus asks
    (METRICS_COLLECTORS): computed by the process answering, not summed over workers."""
    registry = CollectorRegistry(auto_describe=False)
    for path in settings.METRICS_COLLECTORS:
        registry.register(import_string(path)())
    return registry


def _process_registry():
    directory = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if not directory:
        return REGISTRY
    registry = CollectorRegistry()
    MultiProcessCollector(registry, path=directory)
    return registry


def render_metrics():
    """The text Prometheus reads: every worker's counters, then the scrape-time state."""
    return generate_latest(_process_registry()) + generate_latest(_scrape_time_registry())


class MetricsMiddleware:
    """Answer /metrics before any other middleware sees the request.

    Prometheus scrapes each replica by its address over plain HTTP (``tasks.web:8000`` in
    Swarm), like the health checks (``core.health``): under production settings Django
    would refuse that Host header (400) or redirect to HTTPS (301). The scrape is not
    counted in the request metrics either (it comes before django-prometheus's middleware).
    """

    path = "/metrics"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info != self.path:
            return self.get_response(request)
        if not may_scrape(request):
            response = HttpResponseForbidden(
                "Metrics are for the deployment's own network.\n", content_type="text/plain"
            )
        elif request.method not in ("GET", "HEAD"):
            response = HttpResponse(status=405, headers={"Allow": "GET, HEAD"})
        else:
            # The classic text format, which every Prometheus 2 reads.
            response = HttpResponse(render_metrics(), content_type=CONTENT_TYPE_PLAIN_0_0_4)
        add_never_cache_headers(response)
        return response
