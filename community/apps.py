from django.apps import AppConfig


class CommunityConfig(AppConfig):
    """Lesson discussions and their moderation (comes in a later issue)."""

    name = "community"
    verbose_name = "Community"
