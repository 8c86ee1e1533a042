from django.apps import AppConfig


class LearningConfig(AppConfig):
    name = "learning"
    verbose_name = "Learning"

    def ready(self):
        from learning.signal_handlers import register_signal_handlers

        register_signal_handlers()
