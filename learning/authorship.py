"""Who writes a course: its Wagtail owner (who created it) and its co-authors.

The one answer every part asks: page permissions in the admin, the course reports, the
progress reset and the dashboard panels. Read side: models only.
"""

from django.db.models import Q

from learning.models import CoursePage


def authored_courses(user):
    """The courses ``user`` owns or co-authors, live or not."""
    if not user.is_authenticated:
        return CoursePage.objects.none()
    return CoursePage.objects.filter(Q(owner=user) | Q(co_authors=user)).distinct()


def is_author(user, course):
    """Does ``user`` own or co-author ``course``?"""
    if not user.is_authenticated:
        return False
    return course.owner_id == user.pk or course.co_authors.filter(pk=user.pk).exists()
