"""Routes from the cache: ``serve`` answers a page's URL without asking the database where
it leads.

What a URL leads to (the Site, the specific page with its parents, and
the view restrictions on it and above it) changes only when someone edits the page tree, a
view restriction or a Site, so ``serve`` keeps it in the shared cache under the **tree
generation** (``core.generations``), which every such change replaces
(``core.signal_handlers``): a publish shows at once on every replica. The request
remembers the generation (``request.tree_generation``) for pages that cache more.

A route is a URL's page, the same for everyone: nothing personal is cached. Wagtail's own
privacy check then runs as always, on the cached restrictions.
"""

from wagtail.models import Page, Site
from wagtail.views import serve as wagtail_serve

from core import generations
from core.visibility import restrictions

ROUTE_TIMEOUT = 60 * 60  # seconds: bounds staleness should a change's signal ever be lost


def tree_changed(**kwargs):
    """A signal handler: the page tree, a view restriction or a Site changed, so every
    cached route is out of date once the change is committed."""
    generations.new_generation(generations.TREE)


def cached_route(request, path):
    """Route ``request`` to the page at ``path`` as Wagtail does, and remember on it the
    Site, the route and the site root paths (for page URLs): from the cache when the tree
    has not changed since, else from the database (then cached)."""
    key = f"routing:route:v1:{request.get_host()}:{path}"
    entry, request.tree_generation = generations.get(key, generations.TREE)
    if entry is not None:
        (
            request._wagtail_site,
            request._wagtail_route_for_request,
            request._wagtail_cached_site_root_paths,
        ) = entry
        return
    route = Page.route_for_request(request, path)
    if route is None or route[1] or route[2]:
        return  # a 404 or a page that routes further itself: not cached
    route[0]._routed_restrictions = restrictions(route[0])
    root_paths = Site.get_site_root_paths()
    entry = (request._wagtail_site, route, root_paths)
    generations.put(key, request.tree_generation, entry, ROUTE_TIMEOUT)


def serve(request, path):
    """Wagtail's page view, with the route from the cache."""
    if request.method in ("GET", "HEAD"):
        cached_route(request, path)
    return wagtail_serve(request, path)
