"""Comments under lessons, and the flags readers raise on them.

A comment's ``status`` is its place in moderation (``community.moderation`` moves it);
nothing is ever removed from the table by the site, so a moderator can restore what was
deleted and the audit log can point at what it describes.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone


class Comment(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Awaiting review"
        APPROVED = "approved", "Approved"
        HIDDEN = "hidden", "Hidden"
        DELETED = "deleted", "Deleted"

    lesson = models.ForeignKey(
        "learning.LessonPage", on_delete=models.CASCADE, related_name="comments"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="comments"
    )
    # One level deep: a reply's parent is always a top-level comment (community.comments).
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies"
    )
    body = models.TextField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.APPROVED)
    created_at = models.DateTimeField(default=timezone.now)
    edited_at = models.DateTimeField(null=True, blank=True)
    # The last moderation decision: who, when and why (the audit log keeps every one).
    moderated_at = models.DateTimeField(null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    moderation_reason = models.CharField(max_length=500, blank=True)
    # Set once the parent's author has been told about this reply (community.notifications).
    reply_notified_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(fields=["lesson", "parent", "status", "created_at"]),
            models.Index(fields=["status", "created_at"]),
        ]
        permissions = [("moderate_comment", "Can moderate comments")]

    def __str__(self):
        text = " ".join(self.body.split())
        return text[:60] + ("…" if len(text) > 60 else "")

    @property
    def is_reply(self):
        return self.parent_id is not None

    @property
    def is_edited(self):
        return self.edited_at is not None


class Flag(models.Model):
    """One reader's report that a comment breaks the rules. A reader flags a comment once."""

    class Reason(models.TextChoices):
        SPAM = "spam", "Spam or advertising"
        ABUSE = "abuse", "Harassment or hate"
        OFF_TOPIC = "off_topic", "Off topic"
        OTHER = "other", "Something else"

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="flags")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="comment_flags"
    )
    reason = models.CharField(max_length=10, choices=Reason.choices)
    note = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    # Set when a moderator decides on the comment; open flags are the ones that count.
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["comment", "user"], name="one_flag_per_reader")
        ]

    def __str__(self):
        return f"{self.get_reason_display()} ({self.user})"
