"""The "Course review" task: reviewers approve a course together with its changed lessons.

A Wagtail workflow task like the group approval it extends. What makes the course and its
changed lessons one unit is in ``learning.review``; this model tells Wagtail's workflow
screens which actions reviewers have and which template shows the unit, and refuses to
approve a unit that could not be published (``learning.review.unit_problems``).
"""

from django.core.exceptions import PermissionDenied
from wagtail.models import AbstractGroupApprovalTask

from learning import review


class CourseReviewTask(AbstractGroupApprovalTask):
    """Members of the chosen groups approve (and so publish) a course with every lesson of
    it that has changes not yet live, or ask for changes on all of them at once."""

    def get_actions(self, obj, user):
        # Both actions open the review form, which lists the lessons that go with the course.
        if user.is_superuser or self._user_in_groups(user):
            return [
                ("reject", "Request changes", True),
                ("approve", "Approve and publish", True),
            ]
        return []

    def on_action(self, task_state, user, action_name, **kwargs):
        # Before Wagtail approves anything: a refusal leaves the task, the course and its
        # lessons as they were (the workflow view answers 403).
        if action_name == "approve":
            problems = review.unit_problems(task_state.workflow_state.content_object)
            if problems:
                raise PermissionDenied(review.describe_problems(problems))
        return super().on_action(task_state, user, action_name, **kwargs)

    def get_template_for_action(self, action):
        return "learning/admin/review/workflow_action.html"

    @classmethod
    def get_description(cls):
        return (
            "Members of the chosen groups approve a course together with its changed "
            "lessons, publishing them all, or ask for changes on all of them"
        )

    class Meta:
        verbose_name = "Course review task"
        verbose_name_plural = "Course review tasks"
