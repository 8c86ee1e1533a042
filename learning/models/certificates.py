"""Certificates: a snapshot, taken at issue time, of who finished which course and when."""

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse


def new_certificate_code():
    """128 random bits, URL-safe: 22 characters nobody can guess."""
    return secrets.token_urlsafe(16)


class Certificate(models.Model):
    code = models.CharField(
        max_length=32, unique=True, default=new_certificate_code, editable=False
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="certificates"
    )
    # A deleted course leaves its certificates valid: the title below is what they show.
    course = models.ForeignKey(
        "learning.CoursePage",
        null=True,
        on_delete=models.SET_NULL,
        related_name="certificates",
    )
    # Snapshots: later edits to the learner's name or the course title do not change these.
    learner_name = models.CharField(max_length=150, editable=False)
    course_title = models.CharField(max_length=255, editable=False)
    issued_at = models.DateTimeField(editable=False)
    revoked_at = models.DateTimeField(null=True, blank=True, editable=False)
    revocation_reason = models.TextField(blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    class Meta:
        constraints = [
            # Exactly one certificate per learner and course, however many requests race.
            models.UniqueConstraint(fields=["user", "course"], name="unique_certificate"),
        ]
        indexes = [
            # Course analytics: certificates of one course, issued in a period.
            models.Index(fields=["course", "issued_at"], name="certificate_course_issued"),
            models.Index(fields=["issued_at"], name="certificate_issued_at"),
        ]
        ordering = ["-issued_at"]

    def __str__(self):
        return f"{self.course_title}: {self.learner_name}"

    def get_absolute_url(self):
        return reverse("learning:certificate", args=[self.code])

    def get_verification_url(self):
        return reverse("learning:verify_certificate", args=[self.code])

    @property
    def is_valid(self):
        return self.revoked_at is None
