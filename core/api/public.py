"""The public tree: the pages the API's content endpoints show, the same to everyone."""

from django.db.models import Q
from wagtail.models import PageViewRestriction

from core.visibility import hidden_subtrees


class PublicTree:
    """Pages that are live, below no page that is not live, and with no view restriction
    on them or above them.

    Two small queries, once per answer: the pages below a page that is not live, and the
    view restrictions.
    """

    def __init__(self):
        self._restricted = None
        self._filter = None

    @property
    def restricted(self):
        """{page id: tree path} of every page that carries a view restriction."""
        if self._restricted is None:
            self._restricted = dict(
                PageViewRestriction.objects.values_list("page_id", "page__path")
            )
        return self._restricted

    def filter(self):
        """A filter for any page queryset: the public pages."""
        if self._filter is None:
            hidden = hidden_subtrees()
            for tree_path in self.restricted.values():
                hidden |= Q(path__startswith=tree_path)
            self._filter = Q(live=True) & ~hidden if hidden else Q(live=True)
        return self._filter

    def is_public_child(self, page_id):
        """For a live page whose parent is public: is it public too?"""
        return page_id not in self.restricted
