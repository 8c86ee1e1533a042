"""The dashboard panels' figures: an educator's courses, and this week on the site."""

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Count
from django.utils import timezone

from learning.analytics.figures import completed_certificates
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
    enrolments and completion rate, and how many such courses there are: four queries
    (the count, the courses, their enrolments, their completed learners)."""
    courses = authored_courses(user).order_by("title")
    total = courses.count()
    shown = list(courses[:limit])
    ids = [course.pk for course in shown]
    enrolled = (
        dict(
            Enrollment.objects.filter(course_id__in=ids)
            .order_by()
            .values("course_id")
            .annotate(n=Count("pk"))
            .values_list("course_id", "n")
        )
        if ids
        else {}
    )
    completed = (
        dict(
            completed_certificates(ids)
            .order_by()
            .values("course_id")
            .annotate(n=Count("pk"))
            .values_list("course_id", "n")
        )
        if ids
        else {}
    )
    rows = [
        CourseRow(course, enrolled.get(course.pk, 0), completed.get(course.pk, 0))
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
