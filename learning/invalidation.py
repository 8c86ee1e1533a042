"""What to forget when the course tree changes.

A lesson appears on its own page, in the outline of every lesson of its course and on the
course page; a course appears on its own page, in the catalogue, on the home page and in
the breadcrumbs of its lessons (each page model's ``cache_dependents``). When one of them
is published, unpublished, moved or deleted, the cached outline of the course(s) concerned
is dropped, again after the transaction commits (so a request racing the change cannot put
the old outline back), and the page with every page that shows it is purged from the
shared cache (``core.purge``).
"""

from django.db import transaction
from wagtail.models import Page

from core.purge import purge_page, urls_showing
from learning.models import CourseIndexPage, CoursePage, LessonPage
from learning.outline import invalidate_outline


def page_changed(page, old_urls=(), old_course_paths=()):
    """Forget everything that shows ``page``. ``old_urls``: where it was before a move or a
    delete. ``old_course_paths``: tree paths of the courses it belonged to before a move."""
    page = page.specific_deferred if type(page) is Page else page
    if not isinstance(page, (CourseIndexPage, CoursePage, LessonPage)):
        return
    old_courses = list(CoursePage.objects.filter(path__in=old_course_paths))
    if isinstance(page, LessonPage):
        courses = [*old_courses, *CoursePage.objects.filter(path=page.path[: -Page.steplen])]
    else:
        courses = [page] if isinstance(page, CoursePage) else []
    course_ids = [course.pk for course in courses]
    _forget_outlines(course_ids)
    transaction.on_commit(lambda: _forget_outlines(course_ids))
    old_urls = [*old_urls, *(url for course in old_courses for url in urls_showing(course))]
    purge_page(page, old_urls=old_urls)


def _forget_outlines(course_ids):
    for course_id in course_ids:
        invalidate_outline(course_id)
