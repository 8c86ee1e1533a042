"""Signal wiring for the shared plumbing: a privacy change purges what it hides or shows;
a change to the page tree, a view restriction or a Site starts a new routing generation;
failed tasks and certificate errors are counted for Prometheus (core.metrics)."""

from django.core.signals import got_request_exception
from django.db.models.signals import m2m_changed, post_delete, post_save
from django_tasks.signals import task_finished
from wagtail.models import Page, PageViewRestriction, Site, get_page_models
from wagtail.signals import page_unpublished, post_page_move

from core import metrics
from core.purge import purge_page
from core.route_cache import tree_changed


def on_view_restriction_change(sender, instance, **kwargs):
    # The page and everything below it were (or now may be) cached for anonymous visitors.
    page = Page.objects.filter(pk=instance.page_id).first()
    if page:  # gone when the restriction is deleted along with its page
        purge_page(page, include_descendants=True)


def register_signal_handlers():
    post_save.connect(on_view_restriction_change, sender=PageViewRestriction)
    post_delete.connect(on_view_restriction_change, sender=PageViewRestriction)
    # Anything a cached route holds: pages (saved, published, deleted, moved, unpublished
    # with their subtree), view restrictions and their groups, Sites.
    for model in [*get_page_models(), PageViewRestriction, Site]:
        post_save.connect(tree_changed, sender=model, dispatch_uid=f"tree_changed_save_{model}")
        post_delete.connect(tree_changed, sender=model, dispatch_uid=f"tree_changed_del_{model}")
    m2m_changed.connect(tree_changed, sender=PageViewRestriction.groups.through)
    page_unpublished.connect(tree_changed)
    post_page_move.connect(tree_changed)
    task_finished.connect(metrics.count_task_result)
    got_request_exception.connect(metrics.count_certificate_error)
