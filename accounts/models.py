from django.contrib.auth.models import AbstractUser
from django.db import models

from .display_names import safe_display_name, validate_display_name


class User(AbstractUser):
    """A person on the site. ``display_name`` is what learners see and certificates carry."""

    display_name = models.CharField(
        max_length=150,
        blank=True,
        help_text="Shown on the site and printed on your certificates.",
        validators=[validate_display_name],
    )

    notify_on_reply = models.BooleanField(
        "E-mail me when someone replies",
        default=True,
        help_text="An e-mail when someone replies to one of your comments.",
    )

    def get_display_name(self):
        return safe_display_name(self.display_name or self.get_full_name()) or self.username

    def __str__(self):
        return self.get_display_name()
