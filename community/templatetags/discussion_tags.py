"""The discussion under a lesson: ``{% lesson_discussion page %}`` in lesson_page.html.

A template tag, so that the lesson page (learning) shows the discussion without the
learning app importing community (which depends on learning's lessons).

A reader with no stake in the discussion (no comments of their own there, no flags, no
mute) sees what every other such reader sees: that is rendered once per lesson, order and
page of comments, for signed-in readers and for visitors, and kept in the cache
(``core.shared_render``) until a comment of the lesson or a flag on one changes (its
generation, ``community.signal_handlers``) or a minute has passed (the "5 minutes ago").
Only the comment form, with the reader's CSRF token, is rendered for each reader. Who has a
stake and who is muted are cached too (ids only, under the same generations), so a reader
without a stake costs no query here. A reader with a stake gets the discussion rendered
for them alone, as before.
"""

from django import template
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.timesince import timesince

from community.discussion import (
    MUTES_GENERATION_KEY,
    ORDERS,
    discussion,
    generation_key,
    is_muted,
    muted,
    stakeholders,
)
from community.forms import CommentForm
from community.text import render_comment_text
from core import generations, shared_render

register = template.Library()

TEMPLATE = "community/discussion.html"
SHARED_SECONDS = 60  # relative times ("5 minutes ago") are at most this much behind
KNOWN_SECONDS = 60 * 60  # who has a stake, who is muted: bounds staleness of a lost change


@register.simple_tag(takes_context=True)
def lesson_discussion(context, lesson):
    request = context["request"]
    if lesson.pk is None:  # the preview of a lesson not saved yet: nothing to discuss
        return ""
    user = request.user
    page_number, order = request.GET.get("comments_page"), request.GET.get("order")
    order = order if order in ORDERS else ""
    hole_context = {"lesson": lesson, "user": user, "form": CommentForm()}

    def full_context():
        found = discussion(user, lesson, page_number, order)
        return {
            **hole_context,
            "discussion": found,
            "can_post": found.can_post,
            "flagged": found.flagged,
        }

    lesson_generation = generation_key(lesson.pk)
    audience = "member" if user.is_authenticated else "visitor"
    shared_key = f"discussion:{lesson.pk}:{audience}:{order}:{page_number or ''}"[:200]
    stake_key, mutes_key = f"discussion:stakeholders:{lesson.pk}", "discussion:mutes"
    wanted = {shared_key: lesson_generation}
    if user.is_authenticated:
        wanted.update({stake_key: lesson_generation, mutes_key: MUTES_GENERATION_KEY})
    cached, current = generations.get_many(wanted)
    if user.is_authenticated:
        known = {stake_key: (stakeholders, lesson), mutes_key: (muted,)}
        for key, (function, *args) in known.items():
            if cached[key] is None:
                cached[key] = function(*args)
                generations.put(key, current[wanted[key]], cached[key], KNOWN_SECONDS)
        if user.pk in cached[stake_key] or is_muted(user.pk, cached[mutes_key]):
            return render_to_string(TEMPLATE, full_context(), request)
    parts = cached[shared_key]
    if not shared_render.usable(parts):
        parts = shared_render.shared_parts(request, TEMPLATE, full_context())
        generations.put(shared_key, current[lesson_generation], parts, SHARED_SECONDS)
    html = shared_render.fill(parts, request, TEMPLATE, hole_context)
    return mark_safe(html)  # noqa: S308 (rendered by the template engine, escaped there)


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
