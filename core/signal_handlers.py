"""Signal wiring for the shared plumbing: a privacy change purges what it hides or shows."""

from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction

from core.purge import purge_page


def on_view_restriction_change(sender, instance, **kwargs):
    # The page and everything below it were (or now may be) cached for anonymous visitors.
    page = Page.objects.filter(pk=instance.page_id).first()
    if page:  # gone when the restriction is deleted along with its page
        purge_page(page, include_descendants=True)


def register_signal_handlers():
    post_save.connect(on_view_restriction_change, sender=PageViewRestriction)
    post_delete.connect(on_view_restriction_change, sender=PageViewRestriction)
