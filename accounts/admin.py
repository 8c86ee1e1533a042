"""Nothing is registered with Django's admin site: it is not mounted (elevate_site/urls.py).
People, groups and permissions are managed in the Wagtail admin; a learner edits their own
display name on their profile page (docs/SECURITY.md, "Admin").
"""
