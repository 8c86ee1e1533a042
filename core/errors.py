"""The page a visitor gets when the server fails: 503 while the database is unreachable,
500 for anything else.

A database outage (a restart, a failover) is temporary and says nothing about the request:
visitors get "briefly unavailable" with ``Retry-After``, and nginx passes the 503 on
instead of retrying it on another replica, which would find the same database down. Both
pages are rendered without a context (whatever failed may be in there), like Django's own.
"""

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseServerError
from django.template import loader
from django.views.decorators.csrf import requires_csrf_token

UNREACHABLE = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30


@requires_csrf_token
def server_error(request):
    """``handler500``: called while the exception is being handled."""
    if isinstance(sys.exc_info()[1], UNREACHABLE):
        response = HttpResponse(loader.get_template("503.html").render(), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    return HttpResponseServerError(loader.get_template("500.html").render())
