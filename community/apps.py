from django.apps import AppConfig


class CommunityConfig(AppConfig):
    """Lesson discussions and their moderation."""

    name = "community"
    verbose_name = "Community"
