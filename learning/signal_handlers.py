"""Signal wiring for the learning app: tree changes invalidate caches (learning.invalidation);
a new catalogue is open to educators and uses "Course review"; a course review writes to its
lessons' history when it starts and publishes them when approved (learning.review)."""

from copy import copy

from django.db.models.signals import post_delete, post_save
from wagtail.models import TaskState, WorkflowState
from wagtail.signals import (
    page_published,
    page_unpublished,
    post_page_move,
    task_submitted,
    workflow_approved,
)

from learning import review
from learning.invalidation import page_changed
from learning.models import CourseIndexPage, CoursePage, CourseReviewTask, LessonPage
from learning.permissions import open_catalogue_to_educators

TREE_MODELS = (CourseIndexPage, CoursePage, LessonPage)


def on_publish_or_unpublish(sender, instance, **kwargs):
    page_changed(instance)


def on_create(sender, instance, created, **kwargs):
    # Pages created already live (imports, scripts, fixtures) are never "published".
    if created and instance.live:
        page_changed(instance)


def on_move(sender, instance, parent_page_before, url_path_before, **kwargs):
    before = copy(instance)
    before.url_path = url_path_before
    page_changed(
        instance, old_urls=[before.get_full_url()], old_course_paths=[parent_page_before.path]
    )


def on_delete(sender, instance, **kwargs):
    page_changed(instance, old_urls=[instance.get_full_url()])


def on_catalogue_created(sender, instance, created, **kwargs):
    if created:
        open_catalogue_to_educators(instance)
        review.use_course_review(instance)


def on_task_submitted(sender, instance, user=None, **kwargs):
    if isinstance(instance.task.specific, CourseReviewTask):
        review.log_submitted_lessons(instance, user)


def on_workflow_approved(sender, instance, user=None, **kwargs):
    review.publish_unit(instance, user)


def register_signal_handlers():
    post_save.connect(on_catalogue_created, sender=CourseIndexPage)
    task_submitted.connect(on_task_submitted, sender=TaskState)
    workflow_approved.connect(on_workflow_approved, sender=WorkflowState)
    for model in TREE_MODELS:
        page_published.connect(on_publish_or_unpublish, sender=model)
        page_unpublished.connect(on_publish_or_unpublish, sender=model)
        post_save.connect(on_create, sender=model)
        post_delete.connect(on_delete, sender=model)
        post_page_move.connect(on_move, sender=model)
