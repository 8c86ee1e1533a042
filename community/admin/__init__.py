"""The Wagtail admin for the community: the moderation queue, its actions, mutes, the
dashboard panel and the audit log's wording. Wired up in ``community.wagtail_hooks``.

(Django's admin autodiscovery imports this package too; it registers nothing there.)
"""
