"""What a learner has done: enrollments and lesson completions.

Both carry database unique constraints, so two replicas handling the same click at once store
one row, not two. The rules that use them are in ``learning.progress``.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone


class Enrollment(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrollments"
    )
    course = models.ForeignKey(
        "learning.CoursePage", on_delete=models.CASCADE, related_name="enrollments"
    )
    enrolled_at = models.DateTimeField(auto_now_add=True)
    # Touched by every completion: the dashboard lists the most recently studied course first.
    last_active_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "course"], name="unique_enrollment"),
        ]
        indexes = [
            # Course analytics: "active in the last 7/30 days" is a range on this index.
            models.Index(fields=["course", "last_active_at"], name="enrollment_course_active"),
            # The site-wide dashboard panel counts this week's enrolments.
            models.Index(fields=["enrolled_at"], name="enrollment_enrolled_at"),
        ]
        ordering = ["-last_active_at"]
        permissions = [
            ("view_course_reports", "Can see the reports of every course"),
            ("reset_progress", "Can reset a learner's progress in any course"),
        ]

    def __str__(self):
        return f"{self.user} in {self.course}"


class LessonCompletion(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lesson_completions"
    )
    # Deleting a lesson deletes its completions: a deleted lesson no longer counts.
    lesson = models.ForeignKey(
        "learning.LessonPage", on_delete=models.CASCADE, related_name="completions"
    )
    completed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "lesson"], name="unique_lesson_completion"),
        ]
        indexes = [
            # The site-wide dashboard panel counts this week's completions.
            models.Index(fields=["completed_at"], name="completion_completed_at"),
        ]

    def __str__(self):
        return f"{self.user} completed {self.lesson}"
