"""Documents follow the privacy of the pages that use them.

A document is served to a person who may see (``core.visibility.is_visible``) at least one
live page whose published content links it, as Wagtail's reference index records. A
document that no live page uses is served only to people who may manage documents in the
admin. So a worksheet attached to a members-only lesson needs a log-in, and guessing its
sequential URL gets nobody further. Wagtail's collection privacy still applies on top.
"""

from django.contrib.contenttypes.models import ContentType
from wagtail.documents import get_document_model
from wagtail.models import Page, ReferenceIndex
from wagtail.permissions import policy_registry

from core.visibility import is_visible, live_in_tree


def pages_using(document):
    """Live pages whose content links ``document``."""
    references = ReferenceIndex.get_references_to(document).filter(
        base_content_type=ContentType.objects.get_for_model(Page)
    )
    page_ids = {int(object_id) for object_id in references.values_list("object_id", flat=True)}
    return Page.objects.live().filter(pk__in=page_ids).order_by("path")


def may_download(user, document):
    """The rule above: may ``user`` download ``document``?"""
    policy = policy_registry.get_by_type(get_document_model())
    if policy.user_has_any_permission(user, ["add", "change", "choose"]):
        return True
    return any(is_visible(user, page) for page in pages_using(document))


def log_in_could_help(document):
    """True when a page using ``document`` is published all the way up, so an anonymous
    visitor turned away may get it after logging in: send them to log in, rather than
    say it does not exist."""
    return any(live_in_tree(page) for page in pages_using(document))
