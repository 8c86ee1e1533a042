from django.conf import settings
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from core import route_cache
from core.trivial import trivial
from search import views as search_views

# Django's own admin site is not mounted: people, groups and permissions are managed in the
# Wagtail admin (/admin/), one log-in page fewer to attack (docs/SECURITY.md).
urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("search/", search_views.search, name="search"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("accounts/", include("accounts.urls")),
    path("learning/", include("learning.urls")),
    path("community/", include("community.urls")),
    path("api/", include("elevate_site.api")),
    # The baseline of `make bench` (bench/): a view that does nothing.
    path("bench/trivial/", trivial, name="bench_trivial"),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Everything else is a Wagtail page; this must stay last. Pages are served by Wagtail's
# view with their route from the cache (core.route_cache).
urlpatterns += [
    re_path(wagtail_urls.serve_pattern, route_cache.serve, name="wagtail_serve"),
    path("", include(wagtail_urls)),
]

# 503 while the database is unreachable, 500 for anything else (core/errors.py).
handler500 = "core.errors.server_error"
