"""Content-Security-Policy: one policy for the site, a looser one for the Wagtail admin.

django-csp 4 sends ``settings.CONTENT_SECURITY_POLICY`` on every response Django serves.
The public site runs no inline script or style, so its policy allows scripts and styles
from the site's own /static/ only. Wagtail's admin still writes inline scripts and style
attributes; it gets ``settings.ADMIN_CONTENT_SECURITY_POLICY`` instead, chosen here by the
admin's address (a view may still set its own policy with django-csp's decorators).

No nonces: public pages are kept in nginx's shared cache, and a nonce served to everyone
is no nonce.
"""

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.urls import NoReverseMatch, reverse


def is_admin(request):
    """Is this a page of the Wagtail admin (wherever elevate_site/urls.py mounts it)?"""
    try:
        prefix = reverse("wagtailadmin_home", urlconf=getattr(request, "urlconf", None))
    except NoReverseMatch:  # a URLconf without the admin (some tests)
        return False
    return request.path_info.startswith(prefix)


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and parts.config is None and is_admin(request):
            parts.config = settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"]
        return parts
