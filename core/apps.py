from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Plumbing every app shares: routing, page visibility, safe redirects, cache policy and
    purges, health checks, logging. Holds no content of its own."""

    name = "core"
    verbose_name = "Core"

    def ready(self):
        from django.urls import register_converter

        from core.converters import RowIdConverter
        from core.signal_handlers import register_signal_handlers

        register_converter(RowIdConverter, "id")  # before any URLconf is loaded
        register_signal_handlers()
