"""Moderation: every change of a comment's state, and mutes, as transitions in one place.

Views, the admin's actions and bulk actions, and tasks only call these functions. Each
runs in one transaction and locks the comment's row first, so two moderators acting at
once (on two replicas) leave one consistent state: the second sees what the first did.
Each records who did what, when and why in Wagtail's audit log (its actions are
registered in ``community.wagtail_hooks``), and purges the lesson page from the shared
cache when what visitors see changed.

    pending  --approve-->  approved  --hide-->  hidden  --approve--> approved
    (any but deleted)  --delete-->  deleted  --restore-->  approved
    approved  --N readers flag it-->  hidden (automatically, until a moderator decides)
"""

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from wagtail.log_actions import log

from community import notifications
from community.discussion import visible_to
from community.models import Comment, CommunitySettings, Flag, Mute, Premoderation
from core.purge import purge_urls

Status = Comment.Status


class Refused(Exception):
    """An action that cannot be taken, with words for the person and an HTTP status."""

    def __init__(self, message, status=400):
        super().__init__(message)
        self.message = message
        self.status = status


def may_moderate(user):
    return user.is_active and user.has_perm("community.moderate_comment")


def initial_status(user):
    """Approved, or held for review, by the site's pre-moderation setting."""
    mode = CommunitySettings.load().premoderation
    if mode == Premoderation.OFF or may_moderate(user):
        return Status.APPROVED
    if mode == Premoderation.FIRST_COMMENT and (
        Comment.objects.filter(author=user, status=Status.APPROVED).exists()
    ):
        return Status.APPROVED
    return Status.PENDING


def purge_lesson(lesson):
    """The lesson page's discussion changed for visitors: drop it from the shared cache."""
    url = lesson.get_full_url()
    if url:
        purge_urls([url])


def locked(comment):
    """``comment``'s row, locked until the transaction ends."""
    return Comment.objects.select_for_update().select_related("lesson").get(pk=comment.pk)


# The states each decision may start from.
DECISIONS = {
    "approve": ({Status.PENDING, Status.HIDDEN, Status.APPROVED}, Status.APPROVED),
    "hide": ({Status.PENDING, Status.APPROVED, Status.HIDDEN}, Status.HIDDEN),
    "delete": ({Status.PENDING, Status.APPROVED, Status.HIDDEN, Status.DELETED}, Status.DELETED),
    "restore": ({Status.DELETED}, Status.APPROVED),
}


def applies(decision, comment, open_flags):
    """Would ``decision`` change ``comment``? (Approving or hiding it again only answers
    readers' open flags; what its author deleted stays deleted.)"""
    starts, target = DECISIONS[decision]
    if decision == "restore" and comment.moderated_by_id == comment.author_id:
        return False
    return comment.status in starts and (comment.status != target or open_flags)


def decide(decision, comment, by, reason=""):
    """Take a moderator's ``decision`` on ``comment``. Returns True when it changed
    anything; taking a decision twice changes nothing the second time."""
    starts, target = DECISIONS[decision]
    reason = reason.strip()
    if decision == "hide" and not reason:
        raise Refused("Say why the comment is hidden: its author and other moderators see it.")
    with transaction.atomic():
        row = locked(comment)
        open_flags = Flag.objects.filter(comment=row, resolved_at=None)
        if row.status == target and not open_flags.exists():
            return False
        if decision == "restore" and row.moderated_by_id == row.author_id:
            raise Refused(
                "Its author deleted this comment; only a comment a moderator deleted can be "
                "restored.",
                status=409,
            )
        if row.status not in starts:
            raise Refused(
                f"A comment that is {row.get_status_display().lower()} cannot be "
                f"{'restored' if decision == 'restore' else decision + 'd'}.",
                status=409,
            )
        previous = row.status
        was_shown = previous == Status.APPROVED
        now = timezone.now()
        open_flags.update(resolved_at=now)
        row.status = target
        row.moderated_at, row.moderated_by, row.moderation_reason = now, by, reason
        row.save(update_fields=["status", "moderated_at", "moderated_by", "moderation_reason"])
        log(
            instance=row,
            action=f"community.{decision}",
            user=by,
            data={"reason": reason, "previous_status": previous},
        )
        if was_shown or target == Status.APPROVED:
            purge_lesson(row.lesson)
        if target == Status.APPROVED and row.is_reply:
            notifications.notify_parent_author(row)
    _copy_state(row, comment)
    return True


def approve(comment, by, reason=""):
    return decide("approve", comment, by, reason)


def hide(comment, by, reason):
    return decide("hide", comment, by, reason)


def delete(comment, by, reason=""):
    return decide("delete", comment, by, reason)


def restore(comment, by, reason=""):
    return decide("restore", comment, by, reason)


def flag(comment, user, reason, note=""):
    """``user`` reports ``comment``. Once ``COMMENT_FLAGS_TO_HIDE`` readers have, it is
    hidden until a moderator decides. Returns the flag."""
    if reason not in Flag.Reason.values:
        raise Refused("Choose why you are flagging this comment.")
    with transaction.atomic():
        row = locked(comment)
        if not Comment.objects.filter(visible_to(user), pk=row.pk).exists():
            raise Refused("That comment is not shown any more.", status=404)
        if row.author_id == user.pk:
            raise Refused("You cannot flag your own comment; you can edit or delete it.")
        try:
            with transaction.atomic():
                new_flag = Flag.objects.create(comment=row, user=user, reason=reason, note=note)
        except IntegrityError:
            raise Refused("You have already flagged this comment.", status=409) from None
        log(instance=row, action="community.flag", user=user, data={"reason": reason, "note": note})
        flags = Flag.objects.filter(comment=row, resolved_at=None).count()
        if row.status == Status.APPROVED and flags >= settings.COMMENT_FLAGS_TO_HIDE:
            row.status = Status.HIDDEN
            row.moderated_at, row.moderated_by = timezone.now(), None
            row.moderation_reason = f"Hidden automatically after {flags} readers flagged it."
            row.save(update_fields=["status", "moderated_at", "moderated_by", "moderation_reason"])
            log(instance=row, action="community.auto_hide", user=None, data={"flags": flags})
            purge_lesson(row.lesson)
    _copy_state(row, comment)
    return new_flag


def mute(user, by, reason, until=None):
    """Stop ``user`` from posting until ``until`` (None: for good)."""
    reason = reason.strip()
    if not reason:
        raise Refused("Say why this person is muted: they are told.")
    if user.pk == by.pk:
        raise Refused("You cannot mute yourself.")
    if until is not None and until <= timezone.now():
        raise Refused("The end of a mute must be in the future.")
    with transaction.atomic():
        new_mute = Mute.objects.create(user=user, reason=reason, until=until, muted_by=by)
        log(
            instance=new_mute,
            action="community.mute",
            user=by,
            data={"reason": reason, "until": until.isoformat() if until else None},
        )
    return new_mute


def unmute(mute_, by, reason=""):
    """Lift a mute before it ends. Returns True when it was still in force."""
    with transaction.atomic():
        row = Mute.objects.select_for_update().get(pk=mute_.pk)
        if not row.is_active:
            return False
        row.lifted_at, row.lifted_by = timezone.now(), by
        row.save(update_fields=["lifted_at", "lifted_by"])
        log(instance=row, action="community.unmute", user=by, data={"reason": reason.strip()})
    mute_.lifted_at, mute_.lifted_by = row.lifted_at, row.lifted_by
    return True


def _copy_state(row, comment):
    if row is not comment:
        for name in ("status", "moderated_at", "moderated_by_id", "moderation_reason"):
            setattr(comment, name, getattr(row, name))
