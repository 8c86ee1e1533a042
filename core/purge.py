"""Purge pages from the shared cache: every declaration (``core.cache_policy``) has a purge.

``purge_page(page)`` removes the page and every page that shows it, as the page itself
says in ``cache_dependents()`` (a course lists its lessons, a lesson its course, …), from
every configured frontend cache, through Wagtail's frontend cache app. One call from any
app: publishing, privacy changes, and comments next.

Purges wait for the transaction to commit, so a request racing the change cannot put the
old version back into the cache.
"""

from django.conf import settings
from django.db import transaction
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.models import Page


def urls_showing(page, include_descendants=False):
    """Full URLs of ``page``, the pages that show it and, if asked, every live page below."""
    pages = [page, *getattr(page, "cache_dependents", list)()]
    if include_descendants:
        pages += list(Page.objects.live().descendant_of(page).defer_streamfields())
    return [url for url in (p.get_full_url() for p in pages) if url]


def purge_urls(urls):
    """Purge these full URLs after the transaction commits."""
    urls = sorted(set(urls))
    if urls and getattr(settings, "WAGTAILFRONTENDCACHE", None):
        transaction.on_commit(lambda: _purge_now(urls))


def purge_page(page, include_descendants=False, old_urls=()):
    """Purge ``page``, the pages that show it, its descendants if asked, and ``old_urls``
    (where it was before a move or a delete)."""
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return  # no frontend cache (development): nothing to compute
    page = page.specific_deferred if type(page) is Page else page
    purge_urls([*urls_showing(page, include_descendants), *old_urls])


def _purge_now(urls):
    batch = PurgeBatch()
    batch.add_urls(urls)
    batch.purge()
