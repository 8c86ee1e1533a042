"""What to forget when the course tree changes.

A lesson appears on its own page, in the outline of every lesson of its course and on the
course page; a course appears on its own page, in the catalogue, on the home page and in
the breadcrumbs of its lessons. When one of them is published, unpublished, moved or
deleted, the cached outline of the course(s) concerned is dropped and those pages are
purged from the frontend cache (nginx) through Wagtail's frontend cache app.

Both happen again after the transaction commits, so a request racing the change cannot
put the old version back in the cache.
"""

from django.conf import settings
from django.db import transaction
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.models import Page

from learning.models import CourseIndexPage, CoursePage, LessonPage
from learning.outline import invalidate_outline, live_lessons


def page_changed(page, old_urls=(), course_paths=()):
    """Forget everything that shows ``page``. ``old_urls``: where it was before a move or a
    delete. ``course_paths``: tree paths of courses it belonged to before a move."""
    page = page.specific_deferred if type(page) is Page else page
    if isinstance(page, LessonPage):
        courses = _courses(course_paths or [page.path[: -Page.steplen]], page)
    elif isinstance(page, CoursePage):
        courses = [page]
    elif isinstance(page, CourseIndexPage):
        courses = []
    else:
        return
    for course in courses:
        invalidate_outline(course.pk)
    transaction.on_commit(lambda: _forget(page, courses, list(old_urls)))


def _courses(paths, lesson):
    paths = set(paths) | {lesson.path[: -Page.steplen]}
    return list(CoursePage.objects.filter(path__in=paths))


def _course_urls(course):
    """The course page and every live lesson page (each shows the outline)."""
    pages = [course, *live_lessons(course).defer_streamfields()]
    return [url for url in (page.get_full_url() for page in pages) if url]


def _listing_urls(page):
    """Pages that list courses: the catalogue above and the home page."""
    return [url for url in (p.get_full_url() for p in page.get_ancestors().live()[1:]) if url]


def _forget(page, courses, urls):
    for course in courses:
        invalidate_outline(course.pk)
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return  # no frontend cache (development, tests): nothing to purge
    urls += [url for course in courses for url in _course_urls(course)]
    if not isinstance(page, LessonPage):
        urls += _listing_urls(page)
    batch = PurgeBatch()
    batch.add_urls(sorted(set(urls)))
    batch.purge()
