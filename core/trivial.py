"""The trivial view: the baseline that `make bench` compares Django's pages with.

It goes where every page goes (nginx, gunicorn, the whole middleware chain, URL routing)
and does nothing there: no database, no template, no session. /healthz is no such baseline,
since it is answered before the middleware (core/health.py).
"""

from django.http import HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


@never_cache
@require_GET
def trivial(request):
    return HttpResponse("ok", content_type="text/plain")
