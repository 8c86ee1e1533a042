"""Per-course figures: enrolled, active, completed, completion rate, median days to
complete, certificates issued and revoked (definitions in ``learning.analytics``)."""

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import BigIntegerField, Case, Count, ExpressionWrapper, F, Q, Value, When
from django.db.models.functions import Floor
from django.utils import timezone

from learning.models.certificates import Certificate
from learning.models.progress import Enrollment

DAY = timedelta(days=1)


@dataclass(frozen=True)
class CourseFigures:
    """One course's figures (definitions in ``learning.analytics``)."""

    enrolled: int = 0
    active_7_days: int = 0
    active_30_days: int = 0
    completed: int = 0
    certificates_issued: int = 0
    certificates_revoked: int = 0
    median_days_to_complete: float | None = None

    @property
    def completion_rate(self):
        return self.completed / self.enrolled if self.enrolled else None

    @property
    def completion_percent(self):
        """The completion rate in percent, one decimal (None with nobody enrolled)."""
        rate = self.completion_rate
        return None if rate is None else round(rate * 100, 1)


def completed_certificates(course_ids):
    """The valid certificates of these courses whose holders are enrolled, each with its
    holder's ``enrolled_at``. Joined through the user (certificate and enrollment share
    (user, course) but no foreign key), so each certificate costs one lookup in the
    enrollment's unique (user, course) index."""
    return Certificate.objects.filter(
        course_id__in=course_ids,
        revoked_at__isnull=True,
        user__enrollments__course_id=F("course_id"),
    ).annotate(enrolled_at=F("user__enrollments__enrolled_at"))


def course_figures(courses, now=None):
    """{course id: CourseFigures} for many courses in three queries: enrolments,
    certificates, and the completed learners with their medians."""
    ids = [course.pk for course in courses]
    if not ids:
        return {}
    now = now or timezone.now()
    enrolments = {
        row["course_id"]: row
        for row in Enrollment.objects.filter(course_id__in=ids)
        .order_by()
        .values("course_id")
        .annotate(
            enrolled=Count("pk"),
            active_7_days=Count("pk", filter=Q(last_active_at__gte=now - 7 * DAY)),
            active_30_days=Count("pk", filter=Q(last_active_at__gte=now - 30 * DAY)),
        )
    }
    certificates = {
        row["course_id"]: row
        for row in Certificate.objects.filter(course_id__in=ids)
        .order_by()
        .values("course_id")
        .annotate(issued=Count("pk"), revoked=Count("pk", filter=Q(revoked_at__isnull=False)))
    }
    completions = completed_and_median(ids)
    figures = {}
    for pk in ids:
        enrolled = enrolments.get(pk, {})
        certified = certificates.get(pk, {})
        completed, median = completions.get(pk, (0, None))
        figures[pk] = CourseFigures(
            enrolled=enrolled.get("enrolled", 0),
            active_7_days=enrolled.get("active_7_days", 0),
            active_30_days=enrolled.get("active_30_days", 0),
            completed=completed,
            certificates_issued=certified.get("issued", 0),
            certificates_revoked=certified.get("revoked", 0),
            median_days_to_complete=median,
        )
    return figures


def figures_for(course, now=None):
    """The figures of one course (three queries)."""
    return course_figures([course], now)[course.pk]


def completed_and_median(course_ids):
    """{course id: (completed learners, median days to complete or None)} for the courses
    with a completed learner, in one query: how many completed learners took each whole
    number of days (a histogram, a few hundred rows at most per course), from which the
    median is read. No row is loaded or sorted one by one."""
    elapsed = ExpressionWrapper(F("issued_at") - F("enrolled_at"), output_field=BigIntegerField())
    # Django subtracts datetimes in microseconds on SQLite and MySQL/MariaDB.
    days = Floor(elapsed / Value(DAY // timedelta(microseconds=1)))
    histogram = (
        completed_certificates(course_ids)
        .annotate(days=Case(When(enrolled_at__lte=F("issued_at"), then=days), default=None))
        .order_by()
        .values("course_id", "days")
        .annotate(learners=Count("pk"))
        .values_list("course_id", "days", "learners")
    )
    by_course = {}
    for course_id, whole_days, learners in histogram:
        by_course.setdefault(course_id, {})[whole_days] = learners
    return {
        course_id: (sum(counts.values()), _median(counts))
        for course_id, counts in by_course.items()
    }


def _median(counts):
    """The median of a histogram {value: how many} (the None key left out), or None."""
    values = sorted((int(value), n) for value, n in counts.items() if value is not None)
    total = sum(n for _, n in values)
    if not total:
        return None
    # The middle one (odd total) or two (even total) positions, counted from 1.
    wanted = sorted({(total + 1) // 2, total // 2 + 1})
    found, seen = [], 0
    for value, n in values:
        seen += n
        while wanted and wanted[0] <= seen:
            wanted.pop(0)
            found.append(value)
    return sum(found) / len(found)
