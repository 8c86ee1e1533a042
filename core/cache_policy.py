"""What a shared cache (nginx, a CDN) may keep: only what Django declares.

Caching is opt-in. Django declares exactly one kind of response shareable: an anonymous
GET or HEAD of a live, public Wagtail page that answered 200, sets no cookie and embeds no
CSRF token, asked for by its own URL. It carries ``Cache-Control: public, max-age=0,
s-maxage=N``: browsers check
back every time, shared caches keep it for at most ``SHARED_CACHE_SECONDS`` (N), or until
a purge (``core.purge``) removes it sooner. nginx stores nothing that lacks this
declaration, so a new view is never cached by accident.

Anything personal (a signed-in person, a CSRF token, a cookie being set) is marked
``Cache-Control: private`` by ``PrivateResponsesMiddleware``, which also withdraws a
declaration that turned out to be personal.
"""

from django.conf import settings
from django.utils.cache import patch_cache_control

SAFE_METHODS = ("GET", "HEAD")


def declare_shared(response):
    """Let shared caches keep ``response`` for ``SHARED_CACHE_SECONDS``."""
    patch_cache_control(response, public=True, max_age=0, s_maxage=settings.SHARED_CACHE_SECONDS)
    return response


def is_declared_shared(response):
    return "s-maxage" in response.get("Cache-Control", "")


def declare_public_pages(serve):
    """An ``on_serve_page`` hook (registered in ``core.wagtail_hooks``): declare a page
    shareable when an anonymous visitor got it.

    Wagtail's own privacy check runs inside this one and marks every page that has a view
    restriction ``never_cache``; a page response that carries no ``Cache-Control`` of its
    own is therefore a public page, and needs no further query.
    """

    def inner(page, request, args, kwargs):
        response = serve(page, request, args, kwargs)
        if (
            request.method in SAFE_METHODS
            and not request.user.is_authenticated
            and response.status_code == 200
            and page.live
            and not getattr(request, "is_preview", False)
            and not response.has_header("Cache-Control")
            # Only the page's own spelling: a purge names that one (a database that
            # compares slugs without case would also answer /Courses/..., never purged).
            and request.path == page.get_url(request=request)
        ):
            declare_shared(response)
        return response

    return inner


def _is_personal(request, response):
    user = getattr(request, "user", None)
    return bool(
        (user is not None and user.is_authenticated)
        or request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        or response.cookies
    )


class PrivateResponsesMiddleware:
    """Mark personal responses private, whatever a view declared."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if _is_personal(request, response):
            if is_declared_shared(response):
                del response["Cache-Control"]
            patch_cache_control(response, private=True)
        return response
