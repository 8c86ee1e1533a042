"""How the API says no: JSON ``{"message": "..."}`` with the status that fits."""

from functools import wraps

from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt

READ_METHODS = ("GET", "HEAD")
# The largest id a database row can have (a signed 64-bit integer): a larger number in an
# address is no id at all, and must not reach the database (SQLite cannot take it).
MAX_ID = 2**63 - 1


def json_error(status, message, **extra):
    """The API's one shape of failure."""
    return JsonResponse({"message": message, **extra}, status=status)


def method_not_allowed_message(method):
    return f'Method "{method}" not allowed: the API only reads (use GET or HEAD).'


def read_only(view):
    """For a plain Django view under /api/: GET and HEAD only, anything else a JSON 405.

    CSRF-exempt because it never changes anything: without the exemption, a POST would
    get Django's HTML "CSRF verification failed" page before the 405 could say why.
    """

    @csrf_exempt
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method not in READ_METHODS:
            response = json_error(405, method_not_allowed_message(request.method))
            response["Allow"] = ", ".join(READ_METHODS)
            return response
        return view(request, *args, **kwargs)

    return wrapper


@read_only
def not_found(request, *args, **kwargs):
    """Any address under /api/ that names no endpoint: JSON, not the site's 404 page."""
    return json_error(
        404, f"There is no API endpoint at {request.path}. The endpoints are in docs/API.md."
    )


def parse_id(value):
    """A row id from an address, or None when it cannot be one."""
    text = str(value)
    if not text.isascii() or not text.isdigit():
        return None
    number = int(text)
    return number if 0 < number <= MAX_ID else None
