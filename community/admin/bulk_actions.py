"""Approve, hide, delete or restore many comments at once from the queue's listing.

Wagtail's bulk-action bar on the snippet listing, one action per decision. Each comment
goes through ``community.moderation.decide`` on its own, with its own audit log entry;
"select all in listing" means the comments the listing shows with its filters and search.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_list_or_404
from wagtail.log_actions import LogContext
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction

from community import moderation
from community.admin import queue
from community.admin.decisions import DECISIONS, DecisionForm
from community.models import Comment


class CommentBulkAction(SnippetBulkAction):
    models = [Comment]
    template_name = "community/admin/bulk_decision.html"
    form_class = DecisionForm
    decision = None

    def dispatch(self, request, *args, **kwargs):
        if not moderation.may_moderate(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @classmethod
    def get_queryset(cls, model, object_ids):
        return get_list_or_404(Comment.objects.select_related("author"), pk__in=object_ids)

    def check_perm(self, comment):
        return moderation.may_moderate(self.request.user)

    def get_all_objects_in_listing_query(self, parent_id):
        return queue.listing(self.request.GET).values_list("pk", flat=True)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "decision": self.action_type}

    def get_context_data(self, **kwargs):
        return super().get_context_data(decision=DECISIONS[self.action_type], **kwargs)

    def get_execution_context(self):
        return {
            **super().get_execution_context(),
            "user": self.request.user,
            "reason": self.cleaned_form.cleaned_data["reason"],
        }

    @classmethod
    def execute_action(cls, comments, user=None, reason="", **kwargs):
        changed, refusals = 0, []
        for comment in comments:
            # A log context per comment: Wagtail's history shows one entry per (uuid,
            # action), so comments decided together would otherwise hide each other's.
            with LogContext(user=user):
                try:
                    changed += moderation.decide(cls.action_type, comment, user, reason)
                except moderation.Refused as refusal:
                    refusals.append(f"“{comment}”: {refusal.message}")
        kwargs["self"].refusals = refusals
        return changed, 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        done = DECISIONS[self.action_type].done
        message = f"{num_parent_objects} comment{'s' if num_parent_objects != 1 else ''} {done}."
        unchanged = len(self.actionable_objects) - num_parent_objects - len(self.refusals)
        if unchanged:
            message += f" {unchanged} {'was' if unchanged == 1 else 'were'} {done} already."
        if self.refusals:
            message += " Not changed: " + "; ".join(self.refusals)
        return message


class ApproveBulkAction(CommentBulkAction):
    display_name = "Approve"
    action_type = "approve"
    aria_label = "Approve the selected comments"
    action_priority = 10


class HideBulkAction(CommentBulkAction):
    display_name = "Hide"
    action_type = "hide"
    aria_label = "Hide the selected comments"
    action_priority = 20


class DeleteBulkAction(CommentBulkAction):
    """Replaces Wagtail's own "delete" bulk action (which removes rows) for comments: it
    is registered after it, under the same action type (``community.wagtail_hooks``)."""

    display_name = "Delete"
    action_type = "delete"
    aria_label = "Delete the selected comments"
    action_priority = 30
    classes = {"serious"}


class RestoreBulkAction(CommentBulkAction):
    display_name = "Restore"
    action_type = "restore"
    aria_label = "Restore the selected comments"
    action_priority = 40


BULK_ACTIONS = [ApproveBulkAction, HideBulkAction, DeleteBulkAction, RestoreBulkAction]
