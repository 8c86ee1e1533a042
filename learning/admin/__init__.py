"""The learning app's admin views; ``learning/wagtail_hooks.py`` registers them."""
