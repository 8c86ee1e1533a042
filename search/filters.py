"""Narrowing a search by course: its level and its topic (tag). A lesson passes when its
course does. Values that name no level or topic are ignored, and the visitor is told."""

from dataclasses import dataclass

from django.db.models import Q
from django.db.models.functions import Length, Substr
from wagtail.models import Page

from learning.models import CoursePage, LessonPage
from learning.models.pages import Level


@dataclass(frozen=True)
class CourseFilter:
    level: str = ""  # a ``Level`` value, or "" for any level
    tag: str = ""  # a tag's slug, or "" for any topic
    notice: str = ""  # what was ignored, in words

    @property
    def active(self):
        return bool(self.level or self.tag)

    def params(self):
        """The filter as query-string parameters (empty ones left out)."""
        return {name: value for name, value in (("level", self.level), ("tag", self.tag)) if value}


NO_FILTER = CourseFilter()


def read_filters(params, tags):
    """A ``CourseFilter`` from a query string's ``level`` and ``tag``; ``tags`` are the
    topics on offer. Anything else is left out, with a notice naming it."""
    level = params.get("level", "").strip()
    tag = params.get("tag", "").strip()
    ignored = []
    if level and level not in Level.values:
        ignored.append("level")
        level = ""
    if tag and tag not in {t.slug for t in tags}:
        ignored.append("topic")
        tag = ""
    notice = ""
    if ignored:
        notice = f"There is no such {' or '.join(ignored)}, so all were searched."
    return CourseFilter(level, tag, notice)


def in_courses(course_filter):
    """A filter over pages: the courses that pass ``course_filter`` and their lessons.

    Only ``id``, ``path`` and the like may be filtered on in a search (its FilterFields):
    the courses and the lessons below them are found in subqueries, by path."""
    courses = CoursePage.objects.all()
    if course_filter.level:
        courses = courses.filter(level=course_filter.level)
    if course_filter.tag:
        courses = courses.filter(tags__slug=course_filter.tag)
    course_paths = courses.values("path")
    lessons = (
        LessonPage.objects.annotate(course_path=Substr("path", 1, Length("path") - Page.steplen))
        .filter(course_path__in=course_paths)
        .values("pk")
    )
    return Q(path__in=course_paths) | Q(id__in=lessons)
