"""The moderators' own switch: pre-moderation, edited in the Wagtail admin (Settings)."""

from django.db import models
from wagtail.contrib.settings.models import BaseGenericSetting


class Premoderation(models.TextChoices):
    OFF = "off", "Off: comments appear at once"
    FIRST_COMMENT = "first_comment", "Hold each new person's first comment for review"
    ALL = "all", "Hold every comment for review"


class CommunitySettings(BaseGenericSetting):
    """One row for the whole site (the platform serves one site)."""

    premoderation = models.CharField(
        max_length=20,
        choices=Premoderation.choices,
        default=Premoderation.OFF,
        help_text="Held comments are shown only to their author, marked “awaiting review”, "
        "until a moderator approves them. Moderators' own comments are never held.",
    )

    class Meta:
        verbose_name = "Community"
