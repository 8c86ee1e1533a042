"""Page permissions in the course tree: an educator acts on the courses they write.

Wagtail's rule for a group with "add" but not "change" on a section is ownership: its
members edit the pages they created there. Educators have "add" on the catalogue
(``learning/migrations/0004_educators_and_course_review.py``), and this module turns that
rule from the page to the course. An educator who writes a course (its owner or a
co-author, ``learning.authorship``):

- edits, previews and saves drafts of the course and every lesson in it, whoever created
  the lesson, sees their history, and submits the course for review;
- adds lessons to it and reorders them (the explorer's drag and drop);
- deletes or moves only their own drafts in it (Wagtail's ownership rule, kept);
- never publishes, unpublishes or sets privacy (no "publish" permission).

Courses they do not write, and those courses' lessons, are closed to them: not in their
explorer, search or history listings, and refused by every admin view, the direct POSTs
included, since every view asks ``page.permissions_for_user``. While a course is in review
its lessons are locked like the course (``CourseReviewLock``): what reviewers approve is
what they saw. Anyone whose permissions include "change" (reviewers) and superusers keep
Wagtail's rules unchanged.

Read side: the page models call it, so it never imports them; it recognises courses and
lessons by their content type's natural key.
"""

from functools import cached_property

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Q, Subquery
from django.db.models.functions import Cast
from django.utils.html import format_html
from wagtail.locks import BaseLock
from wagtail.models import GroupPagePermission, Page, PagePermissionTester, WorkflowState
from wagtail.permission_policies.pages import PagePermissionPolicy

from learning.authorship import authored_course_paths

EDUCATORS = "Educators"
COURSE_TREE_MODELS = ("coursepage", "lessonpage")  # learning's page types below a catalogue
_PATHS_CACHE = "_learning_authored_course_paths"


def authored_paths(user):
    """``authorship.authored_course_paths``, remembered on the user object for the rest of
    the request, as Wagtail remembers a user's page permissions."""
    if not hasattr(user, _PATHS_CACHE):
        setattr(user, _PATHS_CACHE, authored_course_paths(user))
    return getattr(user, _PATHS_CACHE)


class CoursePermissionTester(PagePermissionTester):
    """What a user may do to a course or a lesson (``course_path``: its course's path)."""

    def __init__(self, user, page, course_path):
        super().__init__(user, page)
        self.course_path = course_path
        # Wagtail's ownership rule applies where the user has "add" without "change".
        self.by_authorship = (
            user.is_active and not user.is_superuser and "change" not in self.permissions
        )

    @cached_property
    def writes_course(self):
        return self.course_path in authored_paths(self.user)

    @property
    def is_course(self):
        return self.page.path == self.course_path

    def can_edit(self):
        if not self.by_authorship:
            return super().can_edit()
        if "add" in self.permissions and self.writes_course:
            return True
        task = self.page.current_workflow_task
        return bool(task and task.user_can_access_editor(self.page, self.user))

    def can_add_subpage(self):
        allowed = super().can_add_subpage()
        if allowed and self.by_authorship and self.is_course:
            return self.writes_course and not self.page_locked()
        return allowed

    def can_delete(self, ignore_bulk=False):
        allowed = super().can_delete(ignore_bulk=ignore_bulk)
        if allowed and self.by_authorship:
            return self.writes_course and not self.page_locked()
        return allowed

    def can_reorder_children(self):
        # Wagtail asks for "publish" (the new order is live at once); authors reorder the
        # lessons of their course as they write it.
        if self.by_authorship and self.is_course:
            return "add" in self.permissions and self.writes_course and not self.page_locked()
        return super().can_reorder_children()

    def can_move_to(self, destination):
        if self.by_authorship and self.page.path[: -Page.steplen] == destination.path:
            # Within its course: a new place in the order, which Wagtail does as a move.
            return destination.permissions_for_user(self.user).can_reorder_children()
        allowed = super().can_move_to(destination)
        if allowed and self.by_authorship:
            return destination.permissions_for_user(self.user).can_add_subpage()
        return allowed

    def can_unpublish(self):
        # Wagtail looks at the lock first: that costs queries for who may not unpublish anyway.
        if self.by_authorship and "publish" not in self.permissions:
            return False
        return super().can_unpublish()

    def can_submit_for_moderation(self):
        if self.by_authorship and not self.writes_course:
            return False
        return super().can_submit_for_moderation()

    def can_view_revisions(self):
        if self.by_authorship:
            return self.writes_course
        return super().can_view_revisions()


class CoursePagePermissionPolicy(PagePermissionPolicy):
    """Wagtail's page permission policy, with the course tree narrowed like
    ``CoursePermissionTester``: the explorer, page search, reports and site history list
    the courses (and their lessons) a user may act on. Registered for ``Page``."""

    def _closed_courses(self, user):
        """A filter for the courses and lessons ``user`` reaches only through "add" and does
        not write; None when there are none (superusers, reviewers)."""
        if not user.is_active or user.is_superuser:
            return None
        perms = self.get_cached_permissions_for_user(user)
        if not any(perm.permission.codename == "add_page" for perm in perms):
            return None
        closed = Q(content_type__app_label="learning", content_type__model__in=COURSE_TREE_MODELS)
        for perm in perms:
            if perm.permission.codename == "change_page":
                closed &= ~Q(path__startswith=perm.page.path)
        for path in authored_paths(user):
            closed &= ~Q(path__startswith=path)
        return closed

    def instances_user_has_any_permission_for(self, user, actions):
        pages = super().instances_user_has_any_permission_for(user, actions)
        closed = self._closed_courses(user)
        if closed is None:
            return pages
        if "change" in actions:  # authors change their courses' lessons, not just their own
            for path in authored_paths(user):
                pages |= self.model._default_manager.filter(path__startswith=path)
        return pages.exclude(closed)

    def explorable_instances(self, user):
        pages = super().explorable_instances(user)
        closed = self._closed_courses(user)
        return pages if closed is None else pages.exclude(closed)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        content_type = instance.cached_content_type
        if content_type.app_label == "learning" and content_type.model in COURSE_TREE_MODELS:
            tester = instance.permissions_for_user(user)
            if getattr(tester, "by_authorship", False) and not tester.writes_course:
                return False
        return super().user_has_any_permission_for_instance(user, actions, instance)


class CourseReviewLock(BaseLock):
    """A lesson's lock while its course is in review: whom the review task keeps out of the
    course is kept out of its lessons too, until reviewers approve or ask for changes."""

    def __init__(self, lesson, workflow_state):
        super().__init__(lesson)
        self.workflow_state = workflow_state

    @cached_property
    def course(self):
        return Page.objects.get(pk=self.workflow_state.object_id)

    @cached_property
    def task(self):
        return self.workflow_state.current_task_state.task.specific

    def for_user(self, user):
        return self.task.locked_for_user(self.course, user)

    def get_message(self, user):
        if self.for_user(user):
            return format_html(
                "<b>“{}” is in review</b> with its course “{}”. Only reviewers can change "
                "it until they approve the course or ask for changes.",
                self.object.title,
                self.course.title,
            )
        return None

    def get_locked_by(self, user):
        return "In review with its course"

    def get_description(self, user):
        return "Only reviewers can change this lesson while its course is in review"


def lesson_review_lock(lesson):
    """The lock on ``lesson`` while its course is in a review task, or None (one query)."""
    course_id = (
        Page.objects.filter(path=lesson.path[: -Page.steplen])
        .annotate(id_text=Cast("pk", CharField()))
        .values("id_text")[:1]
    )
    workflow_state = (
        WorkflowState.objects.filter(
            status=WorkflowState.STATUS_IN_PROGRESS,
            base_content_type=ContentType.objects.get_for_model(Page),
            object_id=Subquery(course_id),
            current_task_state__isnull=False,
        )
        .select_related("current_task_state__task")
        .first()
    )
    return CourseReviewLock(lesson, workflow_state) if workflow_state else None


def open_catalogue_to_educators(catalogue):
    """Let the Educators group create courses in ``catalogue`` (Wagtail's "add" permission on
    it, which gives them ownership of what they create). Safe to call again."""
    group = Group.objects.filter(name=EDUCATORS).first()
    if group is None:
        return
    add_page = Permission.objects.get(content_type__app_label="wagtailcore", codename="add_page")
    GroupPagePermission.objects.get_or_create(group=group, page=catalogue, permission=add_page)
