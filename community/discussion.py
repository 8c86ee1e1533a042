"""Reading a lesson's discussion: which comments a person sees, in what order, how many.

The read side: plain functions over the models, used by the lesson page (through the
``lesson_discussion`` template tag), the comment views and the admin. Everyone sees
approved comments; an author also sees their own comments that wait for review or that
a moderator hid, marked as such. A removed comment that still has replies keeps its
place as "deleted" (or "hidden") so the replies keep their context.
"""

from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.utils import timezone

from community.models import Comment, Flag, Mute

Status = Comment.Status
ORDERS = {"oldest": ("created_at", "pk"), "newest": ("-created_at", "-pk")}
DEFAULT_ORDER = "oldest"


def generation_key(lesson_id):
    """The generation of what ``lesson_id``'s discussion shows (``core.generations``): any
    change to one of its comments or their flags starts a new one
    (``community.signal_handlers``)."""
    return f"discussion:generation:{lesson_id}"


MUTES_GENERATION_KEY = "discussion:mutes:generation"


def visible_to(user):
    """The comments ``user`` may read (a filter)."""
    shown = Q(status=Status.APPROVED)
    if user.is_authenticated:
        shown |= Q(author=user, status__in=[Status.PENDING, Status.HIDDEN])
    return shown


def public_count(lesson):
    """How many comments everyone sees under ``lesson`` (replies included)."""
    return Comment.objects.filter(lesson=lesson, status=Status.APPROVED).count()


def stakeholders(lesson):
    """Ids of the people who see ``lesson``'s discussion differently from other readers:
    the authors of its comments (their own can be edited, wait for review or were hidden
    for them alone) and those who flagged one ("You flagged this"). One query."""
    authors = Comment.objects.filter(lesson=lesson).order_by().values_list("author_id")
    flaggers = Flag.objects.filter(comment__lesson=lesson).order_by().values_list("user_id")
    return {user_id for (user_id,) in authors.union(flaggers)}


def muted():
    """{user id: end of the mute (None: for good)} of everyone muted now. One query."""
    return dict(Mute.objects.active().values_list("user_id", "until"))


def is_muted(user_id, mutes, now=None):
    if user_id not in mutes:
        return False
    until = mutes[user_id]
    return until is None or until > (now or timezone.now())


def active_mute(user):
    """The mute that stops ``user`` from posting now, or None."""
    if not user.is_authenticated:
        return None
    return Mute.objects.active().filter(user=user).order_by("until").last()


def muted_message(mute):
    return (
        f"A moderator has muted you {mute.period_display}, so you cannot comment. "
        f"The reason given: “{mute.reason}”."
    )


def edit_deadline(comment):
    return comment.created_at + timedelta(minutes=settings.COMMENT_EDIT_MINUTES)


def may_change(user, comment, now=None):
    """May ``user`` still edit or delete ``comment`` themselves?"""
    return (
        user.is_authenticated
        and comment.author_id == user.pk
        and comment.status in (Status.APPROVED, Status.PENDING)
        and (now or timezone.now()) < edit_deadline(comment)
    )


def threads(user, lesson, order=DEFAULT_ORDER):
    """Top-level comments of ``lesson`` that ``user`` sees, replies prefetched as
    ``shown_replies``: those they may read, and removed ones kept for their replies."""
    replies = (
        Comment.objects.filter(visible_to(user))
        .select_related("author")
        .order_by(*ORDERS["oldest"])
    )
    kept_for_replies = Q(status__in=[Status.DELETED, Status.HIDDEN]) & Exists(
        replies.filter(parent=OuterRef("pk"))
    )
    return (
        Comment.objects.filter(lesson=lesson, parent=None)
        .filter(visible_to(user) | kept_for_replies)
        .select_related("author")
        .prefetch_related(Prefetch("replies", queryset=replies, to_attr="shown_replies"))
        .order_by(*ORDERS[order])
    )


@dataclass
class Discussion:
    lesson: object
    page: Page
    count: int
    order: str
    mute: Mute | None = None
    flagged: set = field(default_factory=set)

    @property
    def can_post(self):
        return self.mute is None

    @property
    def muted_message(self):
        return muted_message(self.mute) if self.mute else ""


def placeholder(user, comment):
    """What is shown instead of a comment's text, or "" when its text is shown."""
    if comment.status == Status.APPROVED:
        return ""
    if comment.author_id == user.pk and comment.status != Status.DELETED:
        return ""
    if comment.status == Status.HIDDEN:
        return "This comment was hidden by a moderator."
    return "This comment was deleted."


def annotate(user, comments, now=None):
    """Give each comment what its template needs: its placeholder and whether the reader
    may still change it."""
    now = now or timezone.now()
    for comment in comments:
        comment.placeholder = placeholder(user, comment)
        comment.changeable = may_change(user, comment, now)
    return comments


def discussion(user, lesson, page_number=None, order=None):
    """One page of ``lesson``'s discussion as ``user`` sees it. A fixed number of queries,
    however many comments the page shows."""
    order = order if order in ORDERS else DEFAULT_ORDER
    page = Paginator(threads(user, lesson, order), settings.COMMENTS_PER_PAGE).get_page(page_number)
    now = timezone.now()
    for thread in annotate(user, page.object_list, now):
        annotate(user, thread.shown_replies, now)
    result = Discussion(lesson=lesson, page=page, count=public_count(lesson), order=order)
    if user.is_authenticated:
        result.mute = active_mute(user)
        result.flagged = set(
            Flag.objects.filter(user=user, comment__lesson=lesson).values_list(
                "comment_id", flat=True
            )
        )
    return result


def page_of(user, comment, order=DEFAULT_ORDER):
    """The page of the discussion that shows ``comment`` (a reply: its thread)."""
    thread = comment.parent or comment
    shown = threads(user, thread.lesson, order)
    if order == "oldest":
        before = shown.filter(created_at__lt=thread.created_at)
    else:
        before = shown.filter(created_at__gt=thread.created_at)
    return before.count() // settings.COMMENTS_PER_PAGE + 1
