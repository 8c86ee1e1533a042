"""Where to send a person after a form: back where they came from, if that is on this site."""

from django.utils.http import url_has_allowed_host_and_scheme


def safe_next(request, fallback):
    """The ``next`` URL from the form or the query string when it points at this site (same
    host; HTTPS when the request is), else ``fallback``. Never an open redirect."""
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback
