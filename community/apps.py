from django.apps import AppConfig


class CommunityConfig(AppConfig):
    """Lesson discussions and their moderation."""

    name = "community"
    verbose_name = "Community"

    def ready(self):
        from community.signal_handlers import register_signal_handlers

        register_signal_handlers()
