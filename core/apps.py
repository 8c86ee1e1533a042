from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Plumbing every app shares: routing, page visibility, safe redirects, cache policy and
    purges, health checks, logging. Holds no content of its own."""

    name = "core"
    verbose_name = "Core"

    def ready(self):
        from core.signal_handlers import register_signal_handlers

        register_signal_handlers()
