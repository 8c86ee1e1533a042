"""The discussion under a lesson: ``{% lesson_discussion page %}`` in lesson_page.html.

A template tag, so that the lesson page (learning) shows the discussion without the
learning app importing community (which depends on learning's lessons).
"""

from django import template
from django.utils import timezone
from django.utils.timesince import timesince

from community.discussion import discussion
from community.forms import CommentForm
from community.text import render_comment_text

register = template.Library()


@register.inclusion_tag("community/discussion.html", takes_context=True)
def lesson_discussion(context, lesson):
    request = context["request"]
    if lesson.pk is None:  # the preview of a lesson not saved yet: nothing to discuss
        return {"lesson": None}
    user = request.user
    found = discussion(user, lesson, request.GET.get("comments_page"), request.GET.get("order"))
    return {
        "discussion": found,
        "lesson": lesson,
        "user": user,
        "request": request,
        "csrf_token": context.get("csrf_token"),
        "form": CommentForm(),
        "can_post": found.can_post,
        "flagged": found.flagged,
    }


@register.filter
def comment_text(value):
    """A comment's plain text as safe HTML (community.text)."""
    return render_comment_text(value)


@register.filter
def ago(moment):
    """ "just now", "5 minutes ago", "2 days ago"."""
    if timezone.now() - moment < timezone.timedelta(minutes=1):
        return "just now"
    return f"{timesince(moment, depth=1)} ago"
