"""Who may see a page: the one rule every app follows.

A page is visible to a person while
1. it is live, and so is every page above it up to the site root: unpublishing a course
   hides its lessons too, although Wagtail leaves them live (the admin unpublishes a page
   without its children by default); and
2. every view restriction on it or on a page above it (Wagtail's page privacy) accepts them.

Reading follows it in the router (``core.routing``: a page that is not live hides its
subtree) and in Wagtail's own privacy check; completing, resuming, issuing certificates,
search and documents call ``is_visible`` here. Functions take a user, never a request.

Wagtail's password restriction is kept in a visitor's session, which a user does not
carry: for these functions it never accepts. The site offers no password restrictions
(``WAGTAIL_PRIVACY_OPTIONS``).
"""

from django.db.models import Q
from wagtail.models import Page, PageViewRestriction

from core import generations

FACTS_SECONDS = 60 * 60  # bounds staleness should a change's signal ever be lost


def ancestor_paths(page):
    """Tree paths of the pages above ``page``, below the tree root (no query)."""
    step = Page.steplen
    return [page.path[:end] for end in range(2 * step, len(page.path), step)]


def live_in_tree(page):
    """True when ``page`` and every page above it are live (one query)."""
    if not page.live:
        return False
    return not Page.objects.filter(path__in=ancestor_paths(page), live=False).exists()


def restrictions(page):
    """The view restrictions on ``page`` and above it, remembered on the instance so that
    one request asks the database once."""
    if not hasattr(page, "_view_restrictions"):
        page._view_restrictions = list(
            page.get_view_restrictions().prefetch_related("groups").order_by("pk")
        )
    return page._view_restrictions


def accepts(restriction, user):
    """Does one view restriction let ``user`` in?"""
    if restriction.restriction_type == PageViewRestriction.LOGIN:
        return user.is_authenticated
    if restriction.restriction_type == PageViewRestriction.GROUPS:
        if user.is_superuser:
            return True
        allowed = {group.pk for group in restriction.groups.all()}
        return user.is_authenticated and user.groups.filter(pk__in=allowed).exists()
    return False  # a password lives in a session, not with a user


def is_visible(user, page):
    """The rule above: may ``user`` see ``page``? What it depends on besides the user comes
    from the cache, kept under the tree's generation (``core.generations``), which every
    publish, unpublish, move and privacy change replaces: no query when cached."""
    if page.pk is None:
        return False
    key = f"visibility:v1:{page.pk}"
    facts, generation = generations.get(key, generations.TREE)
    if facts is None:
        facts = (live_in_tree(page), restrictions(page))
        generations.put(key, generation, facts, FACTS_SECONDS)
    in_tree, page_restrictions = facts
    return in_tree and all(accepts(r, user) for r in page_restrictions)


def hidden_subtrees():
    """A filter that leaves out every page below a page that is not live (for listings
    such as search, which Wagtail's ``live()`` alone would let through)."""
    hidden = Q()
    for path in Page.objects.filter(live=False, numchild__gt=0, depth__gt=1).values_list(
        "path", flat=True
    ):
        hidden |= Q(path__startswith=path)
    return hidden


def restricted_ids(pages):
    """Ids of those ``pages`` that carry a view restriction of their own (one query): the
    listings mark them "Members only"."""
    return set(
        PageViewRestriction.objects.filter(page__in=list(pages)).values_list("page_id", flat=True)
    )
