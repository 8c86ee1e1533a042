"""Mutes: a moderator stops a person from posting, for a while or for good."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


class MuteQuerySet(models.QuerySet):
    def active(self, now=None):
        now = now or timezone.now()
        return self.filter(lifted_at=None).filter(Q(until=None) | Q(until__gt=now))


class Mute(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mutes"
    )
    reason = models.CharField(max_length=500)
    # None: for good, until a moderator lifts it.
    until = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    muted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    lifted_at = models.DateTimeField(null=True, blank=True)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = MuteQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.user} muted {self.period_display}"

    @property
    def period_display(self):
        if self.until is None:
            return "for good"
        return f"until {timezone.localtime(self.until):%d %b %Y %H:%M}"

    @property
    def is_active(self):
        return self.lifted_at is None and (self.until is None or self.until > timezone.now())
