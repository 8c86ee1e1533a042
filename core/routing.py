"""Page routing: one query per URL segment the first time, none after, and no way into an
unpublished subtree.

Wagtail's ``Page.route`` loads each child as a generic ``Page`` and then again as its
specific type: two queries per level. A parent whose ``subpage_types`` name exactly one
model can load the child as that model straight away. This keeps a lesson page within its
SQL budget however deep the tree is.

Wagtail checks only that the last page of a URL is live, so the lessons of an unpublished
course would stay readable. Here a page that is not live hides its whole subtree: the
reading side of the rule in ``core.visibility``.

Routes are cached: ``core.route_cache``.
"""

from django.http import Http404


class SpecificChildRoutingMixin:
    def route(self, request, path_components):
        if path_components and not self.live:
            raise Http404("This part of the site is not published.")
        child_models = self.allowed_subpage_models()
        if not path_components or len(child_models) != 1:
            return super().route(request, path_components)
        child_model = child_models[0]
        try:
            child = child_model.objects.child_of(self).get(slug=path_components[0])
        except child_model.DoesNotExist as error:
            raise Http404 from error
        # Treebeard's get_parent() reads this, so the child knows its parent without a query.
        child._cached_parent_obj = self
        return child.route(request, path_components[1:])


class CachedRestrictionsMixin:
    """A page served from a cached route answers Wagtail's privacy check with the view
    restrictions cached with it; everywhere else (the admin) it asks the database."""

    def get_view_restrictions(self):
        cached = self.__dict__.get("_routed_restrictions")
        return super().get_view_restrictions() if cached is None else cached
