"""Who writes a course: its Wagtail owner (who created it) and its co-authors.

The one answer every part asks: page permissions in the admin (``learning.permissions``),
the course reports, the progress reset and the dashboard panels.

Read side, and below the page models: ``CoursePage.permissions_for_user`` asks it, so it
never imports the page classes; it finds ``CoursePage`` in the app registry when called,
as ``get_user_model()`` finds the user model. The answers come from the database, never
from a page object in hand: a draft that adds a co-author (an unsaved form, a revision
shown in the editor) gives nobody anything until it is saved to the page, which for a
live course means until a reviewer publishes it.
"""

from django.apps import apps
from django.db.models import Q


def _course_model():
    return apps.get_model("learning", "CoursePage")


def authored_courses(user):
    """The courses ``user`` owns or co-authors, live or not."""
    CoursePage = _course_model()
    if not user.is_authenticated:
        return CoursePage.objects.none()
    return CoursePage.objects.filter(Q(owner=user) | Q(co_authors=user)).distinct()


def is_author(user, course):
    """Does ``user`` own or co-author ``course``? (one query)"""
    if not user.is_authenticated or course.pk is None:
        return False
    return authored_courses(user).filter(pk=course.pk).exists()


def authored_course_paths(user):
    """Tree paths of the courses ``user`` owns or co-authors (one query): a lesson belongs
    to the course whose path starts its own."""
    return set(authored_courses(user).values_list("path", flat=True))
