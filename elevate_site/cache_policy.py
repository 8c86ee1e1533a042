"""Shared caches (nginx) must never keep a personal response.

nginx already skips the cache for requests with a session cookie. This middleware is the
second line: any response for a signed-in person, or one that embeds a CSRF token (a form
tied to one visitor's cookie), is marked ``Cache-Control: private``, which nginx and any
other shared cache respect.
"""

from django.utils.cache import patch_cache_control


class PrivateResponsesMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        personal = (user is not None and user.is_authenticated) or request.META.get(
            "CSRF_COOKIE_NEEDS_UPDATE"
        )
        if personal and "public" not in response.get("Cache-Control", ""):
            patch_cache_control(response, private=True)
        return response
