"""Health endpoints for load balancers and orchestrators; never cached.

/healthz: the process answers (liveness; touches nothing else).
/readyz: the database answers (503 if not) and whether the cache does. A cache outage only
makes pages slower, so it reports "degraded" with 200: taking every replica out of the load
balancer because Redis is down would turn a slowdown into an outage.

Both are answered by ``HealthCheckMiddleware``, first in the chain, before Django checks
the Host header or redirects plain HTTP to HTTPS: an orchestrator probes a container by
its own address over plain HTTP (Docker's HEALTHCHECK, Kubernetes' probes), which under
production settings would otherwise get 400 (unknown host) or 301 (to HTTPS), and every
health check would fail. They tell nothing but "ok" and which service is down.
"""

from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


@never_cache
@require_GET
def healthz(request):
    return JsonResponse({"status": "ok"})


def _database_ok():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return True
    except Exception:  # any driver error means "not ready"
        return False


def _cache_ok():
    try:
        cache.set("readyz", "ok", 10)
        return cache.get("readyz") == "ok"
    except Exception:  # backends without IGNORE_EXCEPTIONS raise
        return False


@never_cache
@require_GET
def readyz(request):
    database, cache_ok = _database_ok(), _cache_ok()
    status = "ok" if database and cache_ok else ("degraded" if database else "unavailable")
    return JsonResponse(
        {
            "status": status,
            "database": "ok" if database else "unavailable",
            "cache": "ok" if cache_ok else "unavailable",
        },
        status=200 if database else 503,
    )


class HealthCheckMiddleware:
    """Answer the health endpoints before any other middleware sees the request."""

    views = {"/healthz": healthz, "/readyz": readyz}

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        view = self.views.get(request.path_info)
        return view(request) if view else self.get_response(request)
