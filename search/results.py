"""One page of search results as a visitor sees them: a course with its level and topics,
a lesson with the course it belongs to, each with its title and a passage highlighted.
Two queries for a page of results, however many it shows."""

from dataclasses import dataclass

from django.db.models import prefetch_related_objects
from wagtail.models import Page

from learning.models import CoursePage, LessonPage
from search.snippets import highlight, searchable_text, snippet


@dataclass(frozen=True)
class Result:
    page: Page  # the specific page: a CoursePage or a LessonPage
    title: str  # escaped, searched words in <mark>
    snippet: str  # escaped, searched words in <mark>; "" when the page has no text
    course: CoursePage | None = None  # a lesson's course

    @property
    def is_course(self):
        return isinstance(self.page, CoursePage)


def course_path(lesson):
    return lesson.path[: -Page.steplen]


def describe(pages, words):
    """``Result``s for ``pages`` (specific courses and lessons), highlighting ``words``."""
    pages = list(pages)
    lessons = [page for page in pages if isinstance(page, LessonPage)]
    courses = {}
    if lessons:
        parents = CoursePage.objects.filter(path__in={course_path(lesson) for lesson in lessons})
        courses = {course.path: course for course in parents.defer_streamfields()}
    prefetch_related_objects([page for page in pages if isinstance(page, CoursePage)], "tags")
    return [
        Result(
            page=page,
            title=highlight(page.title, words),
            snippet=snippet(searchable_text(page), words),
            course=courses.get(course_path(page)) if isinstance(page, LessonPage) else None,
        )
        for page in pages
    ]
