"""Signal wiring for the shared plumbing: a privacy change purges what it hides or shows;
failed tasks and certificate errors are counted for Prometheus (core.metrics)."""

from django.core.signals import got_request_exception
from django.db.models.signals import post_delete, post_save
from django_tasks.signals import task_finished
from wagtail.models import Page, PageViewRestriction

from core import metrics
from core.purge import purge_page


def on_view_restriction_change(sender, instance, **kwargs):
    # The page and everything below it were (or now may be) cached for anonymous visitors.
    page = Page.objects.filter(pk=instance.page_id).first()
    if page:  # gone when the restriction is deleted along with its page
        purge_page(page, include_descendants=True)


def register_signal_handlers():
    post_save.connect(on_view_restriction_change, sender=PageViewRestriction)
    post_delete.connect(on_view_restriction_change, sender=PageViewRestriction)
    task_finished.connect(metrics.count_task_result)
    got_request_exception.connect(metrics.count_certificate_error)
