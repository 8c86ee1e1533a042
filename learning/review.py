"""A course in review is one unit: the course and every lesson of it with changes not yet
live.

Built on Wagtail's workflows. Courses use the "Course review" workflow (one
``CourseReviewTask`` for the Reviewers group, assigned to every catalogue); lessons have no
workflow of their own (``LessonPage.get_workflow``). So:

- An educator submits the course, from its editor (Wagtail's own "Submit to Course review")
  or from any lesson's editor ("Submit course for review", ``submit_course``). The lessons
  that go with it are its *changed lessons*: new lessons never published and live lessons
  with unpublished edits.
- While the course is in review, whom the task keeps out of the course is kept out of its
  lessons too (``learning.permissions.CourseReviewLock``), and no lesson can be added, moved
  in or deleted by them; what reviewers approve is what they saw.
- Reviewers see the changed lessons on the review form of the course, each with a link to
  its draft and its changes. "Request changes" sends the whole unit back; the educator
  edits lessons and resubmits, from the course or from a lesson.
- Nothing invalid goes live: while the course's latest revision or a changed lesson's would
  be refused by Wagtail's editor on publish, or has a rich text with no text in it
  (``unit_problems``), the review form lists the problems and offers no approval, the task
  refuses "approve" (``CourseReviewTask.on_action``) and ``submit_course`` refuses too.
- "Approve and publish" publishes the course (Wagtail's workflow does) and then, in the
  same transaction, the latest revision of each changed lesson, as the approving reviewer
  (``publish_unit``, on Wagtail's ``workflow_approved`` signal), exactly as Wagtail publishes
  the course's latest revision.

The audit log holds what Wagtail writes (the course's workflow start, approval or request
for changes with the comment; a "Publish" entry for the course and each lesson, by the
reviewer) and, on each lesson of the unit, "Submitted for review with its course"
(``learning.review.submit``).
"""

from html import unescape

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.html import strip_tags
from wagtail.blocks import RichTextBlock, StructBlock
from wagtail.blocks.stream_block import StreamBlockValidationError
from wagtail.fields import StreamField
from wagtail.log_actions import log
from wagtail.models import Workflow, WorkflowPage, WorkflowState, WorkflowTask

# The task model (learning.models.review) asks this module about the unit, so the pages are
# imported from their own module and the task is found by its table, never imported.
from learning.models.pages import CoursePage, LessonPage

SUBMITTED_WITH_COURSE = "learning.review.submit"


def changed_lessons(course):
    """The lessons of ``course`` whose latest version is not live, in course order: new
    lessons never published and live lessons with unpublished changes."""
    return (
        LessonPage.objects.child_of(course)
        .filter(has_unpublished_changes=True, latest_revision__isnull=False)
        .select_related("latest_revision")
        .order_by("path")
    )


def draft_problems(draft):
    """Why ``draft`` (a page as a revision of it has it) may not go live, as readable
    messages: what Wagtail's editor would refuse on publish (the model's ``full_clean`` and
    each StreamField's blocks, a required one left empty included), and any required rich
    text with no text in it (an empty paragraph, ``<p></p>``, which Wagtail takes for
    content)."""
    problems = []
    try:
        draft.full_clean()
    except ValidationError as error:
        problems += [
            f"{field_label(draft, name)}: {message}" if name != "__all__" else message
            for name, messages in error.message_dict.items()
            for message in messages
        ]
    for field in draft._meta.concrete_fields:
        if isinstance(field, StreamField):
            problems += stream_problems(field, field.value_from_object(draft))
    return problems


def field_label(page, name):
    return str(page._meta.get_field(name).verbose_name).capitalize()


def stream_problems(field, value):
    label = str(field.verbose_name).capitalize()
    problems = []
    try:
        field.stream_block.clean(value)
    except StreamBlockValidationError as error:
        problems += [
            f"{label}: {message}"
            for non_block_error in error.non_block_errors.as_data()
            for message in non_block_error.messages
        ]
        problems += [
            f"{label}, block {index + 1} ({value[index].block.label}): {message}"
            for index, block_error in sorted(error.block_errors.items())
            for message in block_error.messages
        ]
    except ValidationError as error:
        problems += [f"{label}: {message}" for message in error.messages]
    for index, child in enumerate(value):
        parts = [(child.block, child.value)]
        if isinstance(child.block, StructBlock):
            parts = [
                (block, child.value.get(name)) for name, block in child.block.child_blocks.items()
            ]
        if any(is_empty_rich_text(block, part) for block, part in parts):
            problems.append(f"{label}, block {index + 1} ({child.block.label}): it has no text.")
    return problems


def is_empty_rich_text(block, value):
    if not (isinstance(block, RichTextBlock) and block.required and value is not None):
        return False
    return not unescape(strip_tags(value.source)).strip()


def unit_problems(course):
    """What keeps the unit of ``course`` from going live: (draft, message) for the latest
    revision of the course and of each changed lesson, in course order, ``draft`` being the
    page as that revision has it (``draft_problems``)."""
    drafts = [course.get_latest_revision_as_object()]
    drafts += [lesson.latest_revision.as_object() for lesson in changed_lessons(course)]
    return [(draft, message) for draft in drafts for message in draft_problems(draft)]


def describe_problems(problems):
    """One sentence naming the pages of ``unit_problems``, for a refusal."""
    titles = dict.fromkeys(f"“{draft.title}”" for draft, _ in problems)
    return f"Not ready to publish: {', '.join(titles)}. Fix them and submit again."


def course_review_workflow():
    """The active workflow with a course review task ("Course review"), or None."""
    return (
        Workflow.objects.active()
        .filter(
            workflow_tasks__task__coursereviewtask__isnull=False,
            workflow_tasks__task__active=True,
        )
        .order_by("pk")
        .first()
    )


def is_course_review(workflow_state):
    """Is this workflow state a course going through a course review task?"""
    return (
        workflow_state.content_type.model_class() is CoursePage
        and WorkflowTask.objects.filter(
            workflow_id=workflow_state.workflow_id, task__coursereviewtask__isnull=False
        ).exists()
    )


def submit_course(course, user):
    """Submit ``course`` with its changed lessons for review, as Wagtail's "Submit" does on
    the course's editor: resume its workflow when reviewers asked for changes, else start
    it. Refuses (``PermissionDenied``) whoever may not edit and submit the course, a
    course already in review, and a unit that could not be published (``unit_problems``)."""
    with transaction.atomic():
        # One submission of a course at a time: a racing second one waits, then finds the
        # course in review and is refused.
        course = CoursePage.objects.select_for_update().get(pk=course.pk)
        permissions = course.permissions_for_user(user)
        if not (permissions.can_edit() and permissions.can_submit_for_moderation()):
            raise PermissionDenied("it is in review already, or you do not write it.")
        problems = unit_problems(course)
        if problems:
            raise PermissionDenied(describe_problems(problems))
        workflow_state = course.current_workflow_state
        if workflow_state and workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES:
            workflow_state.resume(user)
            return workflow_state
        if course.latest_revision_id is None:  # made outside the admin (a script, an import)
            course.save_revision(user=user, log_action=True)
        return course.get_workflow().start(course, user)


def log_submitted_lessons(task_state, user=None):
    """On each changed lesson, note that it went to review with its course (when a course
    review task starts, first time or after changes)."""
    course = CoursePage.objects.filter(pk=task_state.workflow_state.object_id).first()
    if course is None:  # a catalogue, say, reviewed with the same task: no lessons
        return
    for lesson in changed_lessons(course):
        log(
            instance=lesson,
            action=SUBMITTED_WITH_COURSE,
            user=user,
            revision=lesson.latest_revision,
            data={
                "course": {"id": course.pk, "title": course.title},
                "workflow": {
                    "id": task_state.workflow_state.workflow_id,
                    "title": task_state.workflow_state.workflow.name,
                    "task_state_id": task_state.pk,
                },
            },
        )


def publish_unit(workflow_state, user=None):
    """Publish the changed lessons of a course whose course review was just approved (the
    course itself is published by Wagtail's workflow). Runs inside the approval's
    transaction: if one lesson cannot be published, nothing is."""
    if not is_course_review(workflow_state):
        return []
    course = CoursePage.objects.get(pk=workflow_state.object_id)
    lessons = list(changed_lessons(course))
    for lesson in lessons:
        lesson.latest_revision.publish(user=user)
    return lessons


def use_course_review(catalogue):
    """Courses in ``catalogue`` go through "Course review", unless the catalogue has a
    workflow of its own already. Safe to call again."""
    workflow = course_review_workflow()
    if workflow is not None:
        WorkflowPage.objects.get_or_create(page=catalogue, defaults={"workflow": workflow})
