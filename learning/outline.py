"""The course outline (read side): a course's live lessons in tree order, cached per course.

A course's children are its lessons (``CoursePage.subpage_types``), so lessons are read with
Wagtail's tree queries on ``Page``; the read side never imports the page classes, whose
``get_context`` calls it.

Every lesson page, course page and dashboard shows outlines, so they are kept in the shared
cache (Redis in production) and rebuilt only when a lesson or course is published,
unpublished, moved or deleted (``learning.signal_handlers``). The cached value remembers
the course's ``url_path``: renaming or moving an ancestor changes every lesson URL, and such
an entry is then simply not used. A timeout bounds staleness should an invalidation ever be
lost (for example while the cache was unreachable).

Display only: certificate decisions count lessons in the database (``learning.progress``).

Previews (``draft_outline``) show every lesson with its latest draft instead, and are never
cached: the shared cache only ever holds what learners may see.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Q
from django.urls import reverse
from wagtail.models import Page

OUTLINE_TIMEOUT = 60 * 60  # seconds


@dataclass(frozen=True)
class OutlineLesson:
    pk: int
    title: str
    url: str
    estimated_minutes: int


def live_lessons(course):
    """Live lessons directly under ``course`` (as generic pages), in the order educators
    gave them."""
    return Page.objects.live().child_of(course).order_by("path")


def cache_key(course_id):
    return f"learning:outline:{course_id}"


def invalidate_outline(course_id):
    cache.delete(cache_key(course_id))


def course_outline(course):
    """The outline of one course: from the cache, else one query."""
    return outlines([course])[course.pk]


def outlines(courses):
    """{course id: [OutlineLesson, ...]} for many courses: one cache round trip, and one
    query for all the courses the cache did not have."""
    by_key = {cache_key(course.pk): course for course in courses}
    found = cache.get_many(list(by_key))
    result, missing = {}, []
    for key, course in by_key.items():
        entry = found.get(key)
        if entry and entry[0] == course.url_path:
            result[course.pk] = entry[1]
        else:
            missing.append(course)
    if missing:
        loaded = _load(missing)
        cache.set_many(
            {cache_key(course.pk): (course.url_path, loaded[course.pk]) for course in missing},
            OUTLINE_TIMEOUT,
        )
        result.update(loaded)
    return result


def lesson_after(course, lesson):
    """The live lesson that follows ``lesson`` in its course, or None at the end."""
    outline = course_outline(course)
    pks = [entry.pk for entry in outline]
    position = pks.index(lesson.pk) if lesson.pk in pks else len(pks)
    return outline[position + 1] if position + 1 < len(pks) else None


def _load(courses):
    query = Q()
    for course in courses:
        query |= Q(path__startswith=course.path, depth=course.depth + 1)
    by_parent_path = defaultdict(list)
    # ``lessonpage`` is the lesson's own row (multi-table inheritance): one query for all.
    lessons = Page.objects.live().filter(query).select_related("lessonpage").order_by("path")
    for lesson in lessons:
        by_parent_path[lesson.path[: -Page.steplen]].append(
            OutlineLesson(
                lesson.pk, lesson.title, lesson.get_url(), lesson.lessonpage.estimated_minutes
            )
        )
    return {course.pk: by_parent_path[course.path] for course in courses}


def draft_outline(course, current=None):
    """Preview only: the outline of ``course`` as learners will see it once its drafts are
    published. Every lesson below it in tree order, live or not, with the title and length
    of its latest draft; ``current``, the lesson being previewed, as it stands in the editor
    (maybe not saved yet). A lesson with a draft links to "View draft" in the admin. One
    query, never cached."""
    lessons = (
        Page.objects.child_of(course)
        .select_related("lessonpage", "latest_revision")
        .order_by("path")
    )
    entries = {}
    for lesson in lessons:
        draft = lesson.latest_revision.content if _has_draft(lesson) else {}
        if _has_draft(lesson):
            url = reverse("wagtailadmin_pages:view_draft", args=[lesson.pk])
        else:
            url = lesson.get_url()
        entries[lesson.path] = OutlineLesson(
            lesson.pk,
            draft.get("title", lesson.title),
            url,
            draft.get("estimated_minutes", lesson.lessonpage.estimated_minutes),
        )
    if current is not None:
        url = reverse("wagtailadmin_pages:view_draft", args=[current.pk]) if current.pk else ""
        entries[current.path] = OutlineLesson(
            current.pk, current.title, url, current.estimated_minutes
        )
    return [entries[path] for path in sorted(entries)]


def _has_draft(page):
    return page.has_unpublished_changes and page.latest_revision is not None
