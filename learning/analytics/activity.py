"""The dashboard panels' figures: an educator's courses, and this week on the site."""

from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone

from learning.analytics.figures import course_figures
from learning.authorship import authored_courses
from learning.models.certificates import Certificate
from learning.models.progress import Enrollment, LessonCompletion


@dataclass(frozen=True)
class CourseRow:
    """A course on the educator's dashboard panel."""

    course: object
    enrolled: int
    completed: int

    @property
    def completion_percent(self):
        return round(self.completed * 100 / self.enrolled, 1) if self.enrolled else None


def educator_course_rows(user, limit=10):
    """Up to ``limit`` of the courses ``user`` owns or co-authors, by title, with their
    enrolments and completion rate, and how many such courses there are: the count, the
    courses, and their figures (``course_figures``, three queries)."""
    courses = authored_courses(user).order_by("title")
    total = courses.count()
    shown = list(courses[:limit])
    figures = course_figures(shown)
    rows = [
        CourseRow(course, figures[course.pk].enrolled, figures[course.pk].completed)
        for course in shown
    ]
    return rows, total


@dataclass(frozen=True)
class WeekFigures:
    since: object  # the start of the week (Monday 00:00, site time zone)
    enrolments: int
    completions: int
    certificates: int


def start_of_week(now=None):
    """Monday 00:00 of the current week in the site's time zone."""
    local = timezone.localtime(now or timezone.now())
    monday = local - timedelta(days=local.weekday())
    return monday.replace(hour=0, minute=0, second=0, microsecond=0)


def this_week(now=None):
    """Site-wide enrolments, lesson completions and certificates issued since Monday:
    three counts, each a range on its own index."""
    since = start_of_week(now)
    return WeekFigures(
        since=since,
        enrolments=Enrollment.objects.filter(enrolled_at__gte=since).count(),
        completions=LessonCompletion.objects.filter(completed_at__gte=since).count(),
        certificates=Certificate.objects.filter(issued_at__gte=since).count(),
    )
