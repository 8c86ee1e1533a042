"""A moderator's decision on one comment: approve, hide, delete or restore.

Each is a small confirmation page with a reason field (a real form, POST with CSRF) that
calls ``community.moderation.decide``; the bulk actions (``community.admin.bulk_actions``)
use the same form. Only people who may moderate (``community.moderate_comment``) get past
``dispatch``.
"""

from dataclasses import dataclass

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.generic import FormView
from wagtail.admin import messages
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from community import moderation
from community.models import Comment
from community.text import render_comment_text


@dataclass(frozen=True)
class Decision:
    name: str
    label: str
    done: str
    icon: str
    explanation: str


DECISIONS = {
    decision.name: decision
    for decision in [
        Decision(
            "approve",
            "Approve",
            "approved",
            "check",
            "Everyone will see the comment; open flags on it are dismissed.",
        ),
        Decision(
            "hide",
            "Hide",
            "hidden",
            "no-view",
            "Only its author will see the comment, marked as hidden, with your reason.",
        ),
        Decision(
            "delete",
            "Delete",
            "deleted",
            "bin",
            "Nobody will see the comment; its replies stay, under a “deleted” note. "
            "A moderator can restore it.",
        ),
        Decision("restore", "Restore", "restored", "rotate", "Everyone will see it again."),
    ]
}


def available(comment, open_flags):
    """The decisions that would change ``comment`` (approving an approved comment only
    makes sense while readers' flags on it are open)."""
    return [
        DECISIONS[name]
        for name in moderation.DECISIONS
        if moderation.applies(name, comment, open_flags)
    ]


class DecisionForm(forms.Form):
    reason = forms.CharField(
        label="Reason",
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Kept in the comment's history, which other moderators read.",
    )

    def __init__(self, *args, decision, **kwargs):
        super().__init__(*args, **kwargs)
        if decision == "hide":
            reason = self.fields["reason"]
            reason.required = True
            reason.error_messages["required"] = (
                "Say why the comment is hidden: its author and other moderators see it."
            )
            reason.help_text = "Required: the author sees it next to their hidden comment."


class DecisionView(WagtailAdminTemplateMixin, FormView):
    """``GET``: what the decision will do; ``POST``: take it."""

    template_name = "community/admin/decision.html"
    header_icon = "comment"
    form_class = DecisionForm
    index_url_name = None
    inspect_url_name = None

    def dispatch(self, request, *args, **kwargs):
        if not moderation.may_moderate(request.user):
            raise PermissionDenied
        self.decision = DECISIONS.get(kwargs["decision"])
        if self.decision is None:
            raise Http404("No such decision.")
        self.comment = get_object_or_404(
            Comment.objects.select_related("author", "lesson"), pk=kwargs["pk"]
        )
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "decision": self.decision.name}

    def get_page_title(self):
        return f"{self.decision.label} comment"

    def get_page_subtitle(self):
        return str(self.comment)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse(self.index_url_name), "label": "Comments"},
            {"url": self.inspect_url(), "label": str(self.comment)},
            {"url": "", "label": self.decision.label},
        ]

    def inspect_url(self):
        return reverse(self.inspect_url_name, args=[self.comment.pk])

    def next_url(self):
        return get_valid_next_url_from_request(self.request) or reverse(self.index_url_name)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            comment=self.comment,
            body=render_comment_text(self.comment.body),
            decision=self.decision,
            next=get_valid_next_url_from_request(self.request),
            cancel_url=get_valid_next_url_from_request(self.request) or self.inspect_url(),
            **kwargs,
        )

    def form_valid(self, form):
        reason = form.cleaned_data["reason"]
        try:
            changed = moderation.decide(self.decision.name, self.comment, self.request.user, reason)
        except moderation.Refused as refusal:
            form.add_error(None, refusal.message)
            return self.render_to_response(self.get_context_data(form=form), status=refusal.status)
        if changed:
            messages.success(self.request, f"Comment {self.decision.done}: “{self.comment}”")
        else:
            messages.info(
                self.request, f"Nothing to do: the comment was already {self.decision.done}."
            )
        return redirect(self.next_url())
