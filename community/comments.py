"""What a learner does in a discussion: post, reply, edit and delete their own comments.

Plain functions of a user and a lesson or comment, never a request; views and tests call
them alike. A refusal is a ``Refused`` with words for the person and an HTTP status:
404 for a lesson or comment they may not see, 400 for text or a reply that cannot be
taken, 403 while muted or past the editing window, 429 over the rate limit. Nothing is
stored when anything is refused.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log

from community import notifications
from community.discussion import active_mute, edit_deadline, muted_message, visible_to
from community.models import Comment
from community.moderation import Refused, initial_status, locked, purge_lesson
from community.text import clean_comment_text
from core import rate_limit
from core.visibility import is_visible

Status = Comment.Status


def _clean(body):
    try:
        return clean_comment_text(body)
    except ValidationError as error:
        raise Refused(error.messages[0]) from None


def _check_may_post(user, lesson):
    if not user.is_authenticated:
        raise Refused("Log in to join the discussion.", status=403)
    if not is_visible(user, lesson):
        raise Refused("There is no such lesson.", status=404)


def post_comment(user, lesson, body, parent=None):
    """``user`` comments on ``lesson`` (or replies to ``parent``, a top-level comment)."""
    _check_may_post(user, lesson)
    body = _clean(body)
    mute = active_mute(user)
    if mute is not None:
        raise Refused(muted_message(mute), status=403)
    with transaction.atomic():
        if parent is not None:
            parent = locked(parent)
            if parent.lesson_id != lesson.pk:
                raise Refused("That comment belongs to another lesson.", status=404)
            if parent.is_reply:
                raise Refused("Replies go one level deep: reply to the comment above it.")
            if parent.status != Status.APPROVED:
                raise Refused("That comment is not open for replies any more.")
        # Counted last, so refused text does not use up the minute's allowance.
        if not rate_limit.hit("comment", user.pk, settings.COMMENT_RATE_PER_MINUTE):
            raise Refused(
                f"You are commenting very fast: at most {settings.COMMENT_RATE_PER_MINUTE} "
                "comments a minute. Please wait a minute and post again.",
                status=429,
            )
        comment = Comment.objects.create(
            lesson=lesson, author=user, parent=parent, body=body, status=initial_status(user)
        )
        if comment.status == Status.APPROVED:
            purge_lesson(lesson)
            if parent is not None:
                notifications.notify_parent_author(comment)
    return comment


def _own_changeable(user, comment, verb):
    """``comment``'s locked row, once it is ``user``'s to change."""
    row = locked(comment)
    refuse_unless_changeable(user, row, verb)
    return row


def refuse_unless_changeable(user, row, verb):
    """Raise ``Refused`` saying why ``user`` may not ``verb`` (edit, delete) ``row``."""
    if (
        not user.is_authenticated
        or not Comment.objects.filter(visible_to(user), pk=row.pk).exists()
    ):
        raise Refused("There is no such comment.", status=404)
    if row.author_id != user.pk:
        raise Refused(f"You can only {verb} your own comments.", status=403)
    if row.status == Status.HIDDEN:
        raise Refused(f"A moderator hid this comment, so you cannot {verb} it.", status=403)
    if timezone.now() >= edit_deadline(row):
        raise Refused(
            f"Comments can be changed for {settings.COMMENT_EDIT_MINUTES} minutes after "
            "posting; that time has passed.",
            status=403,
        )


def edit_comment(user, comment, body):
    """The author rewrites their comment within the editing window."""
    body = _clean(body)
    with transaction.atomic():
        row = _own_changeable(user, comment, "edit")
        if row.body == body:
            return row
        row.body, row.edited_at = body, timezone.now()
        row.save(update_fields=["body", "edited_at"])
        log(instance=row, action="community.edit", user=user)
        if row.status == Status.APPROVED:
            purge_lesson(row.lesson)
    comment.body, comment.edited_at = row.body, row.edited_at
    return row


def delete_own_comment(user, comment):
    """The author withdraws their comment within the editing window. A moderator can
    restore it; its replies stay, under a "deleted" placeholder."""
    with transaction.atomic():
        row = _own_changeable(user, comment, "delete")
        previous = row.status
        was_shown = previous == Status.APPROVED
        row.status = Status.DELETED
        row.moderated_at, row.moderated_by = timezone.now(), user
        row.moderation_reason = "Deleted by its author."
        row.save(update_fields=["status", "moderated_at", "moderated_by", "moderation_reason"])
        log(
            instance=row,
            action="community.delete",
            user=user,
            data={"reason": row.moderation_reason, "previous_status": previous},
        )
        if was_shown:
            purge_lesson(row.lesson)
    comment.status = row.status
    return row
