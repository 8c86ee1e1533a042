"""Course analytics (read side): the figures behind the course reports and dashboard panels.

Plain functions of courses (never a request), each a small, fixed number of aggregate
queries however many learners, lessons or completions there are. The admin's reports
(``learning.admin.reports``) and panels (``learning.admin.panels``) show them, and the
benchmark measures them.

What the words mean:

- **enrolled**: learners enrolled in the course now (``Enrollment`` rows). Leaving a course
  removes the enrollment, so a learner who left is not counted.
- **active in the last 7 / 30 days**: enrolled learners whose ``last_active_at`` falls in
  the period. Enrolling sets it and every lesson completion touches it; a progress reset
  does not (it is not the learner's doing).
- **completed**: enrolled learners holding a *valid* certificate for the course. A revoked
  certificate means the completion was not accepted, so its holder is not "completed"; a
  learner whose progress was reset keeps a valid certificate and stays completed.
- **completion rate**: completed / enrolled, from 0 to 1 (None with nobody enrolled).
- **median days to complete**: the median, over the completed learners, of the whole days
  (rounded down) from ``enrolled_at`` to the certificate's ``issued_at``; finishing on the
  first day counts 0. It is read from a per-day histogram counted in SQL, never by loading
  every row. A learner who left and enrolled again after the certificate has lost their
  first enrolment date: counted as completed, left out of the median. None when nobody
  has completed.
- **certificates issued / revoked**: every certificate of the course (including learners
  who left since) / those of them revoked now.
- **lesson funnel**: per live lesson, in course order, how many learners have completed it
  and their share of the enrolled, and how many of its comments readers see (status
  ``approved``, replies included). Completions are counted per lesson on its index; a
  learner who left keeps their completions (``actions.unenroll``) and still counts there,
  so in that rare case a share can pass 100 %. Unpublished lessons are not in the funnel.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.apps import apps
from django.db.models import (
    BigIntegerField,
    Case,
    Count,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Floor
from django.utils import timezone
from wagtail.models import Page

from learning.authorship import authored_courses, is_author
from learning.models import CoursePage
from learning.models.certificates import Certificate
from learning.models.progress import Enrollment, LessonCompletion

DAY = timedelta(days=1)


# --- Who sees what --------------------------------------------------------------------


def may_view_all_reports(user):
    """Staff: people who may see every course's reports."""
    return user.is_active and user.has_perm("learning.view_course_reports")


def reportable_courses(user):
    """The courses whose reports ``user`` may see: every course for staff, else the ones
    they own or co-author (none for anyone else)."""
    if not user.is_active:
        return CoursePage.objects.none()
    if may_view_all_reports(user):
        return CoursePage.objects.all()
    return authored_courses(user)


def has_reports(user):
    """May ``user`` see at least one course report (for the "Reports" menu)?"""
    return may_view_all_reports(user) or authored_courses(user).exists()


@dataclass(frozen=True)
class ReportAccess:
    view: bool  # may see the course's report
    reset: bool  # may reset a learner's progress in it


def report_access(user, course):
    """What ``user`` may do with ``course``'s report: staff as their permissions say, the
    course's owner and co-authors both. At most one query (the authorship)."""
    if not user.is_active:
        return ReportAccess(False, False)
    staff_view = may_view_all_reports(user)
    staff_reset = user.has_perm("learning.reset_progress")
    author = not (staff_view and staff_reset) and is_author(user, course)
    return ReportAccess(view=staff_view or author, reset=staff_reset or author)


def may_view_report(user, course):
    return report_access(user, course).view


def may_reset_progress(user, course):
    """Staff with "reset progress", or the course's owner or a co-author."""
    return report_access(user, course).reset


# --- Per-course figures ---------------------------------------------------------------


@dataclass(frozen=True)
class CourseFigures:
    """One course's figures (definitions in the module docstring)."""

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


def _completed_certificates(course_ids):
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
        _completed_certificates(course_ids)
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


# --- The lesson funnel ----------------------------------------------------------------


@dataclass(frozen=True)
class FunnelStep:
    """One live lesson of the course and how far learners got."""

    position: int  # 1 for the first lesson
    lesson_id: int
    title: str
    completed: int  # learners who completed it
    enrolled: int
    comments: int | None  # approved comments, None when the community app is absent

    @property
    def share(self):
        """completed / enrolled, from 0 to 1 (None with nobody enrolled)."""
        return self.completed / self.enrolled if self.enrolled else None

    @property
    def percent(self):
        share = self.share
        return None if share is None else round(share * 100, 1)


def _count(queryset, group_by):
    """A correlated COUNT(*) subquery (0 when there is nothing to count)."""
    counted = queryset.order_by().values(group_by).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def _approved_comments():
    """Readers' comments on the lesson in the outer query, or None without the community
    app. The model is looked up in the app registry rather than imported: ``community``
    builds on ``learning`` (its comments point at lessons), so an import here would make
    the two apps import each other."""
    try:
        comment = apps.get_model("community", "Comment")
    except LookupError:
        return None
    return _count(
        comment.objects.filter(lesson_id=OuterRef("pk"), status=comment.Status.APPROVED),
        "lesson_id",
    )


def funnel(course, enrolled):
    """The live lessons of ``course`` in order, each with how many learners completed it
    (and their share of ``enrolled``) and its comments: one query."""
    completions = LessonCompletion.objects.filter(lesson_id=OuterRef("pk"))
    lessons = Page.objects.live().child_of(course).order_by("path")
    lessons = lessons.annotate(completed=_count(completions, "lesson_id"))
    comments = _approved_comments()
    fields = ["pk", "title", "completed"]
    if comments is not None:
        lessons = lessons.annotate(comments=comments)
        fields.append("comments")
    return [
        FunnelStep(
            position=position,
            lesson_id=row["pk"],
            title=row["title"],
            completed=row["completed"],
            enrolled=enrolled,
            comments=row.get("comments"),
        )
        for position, row in enumerate(lessons.values(*fields), start=1)
    ]


# --- Learners of a course -------------------------------------------------------------


def learners(course):
    """The enrolled learners of ``course``, most recently active first, each with ``done``
    (live lessons of the course they completed): a queryset for the report to paginate,
    one query per page (plus the paginator's count)."""
    live = Page.objects.live().child_of(course).values("pk")
    done = LessonCompletion.objects.filter(user_id=OuterRef("user_id"), lesson_id__in=live)
    return (
        Enrollment.objects.filter(course_id=course.pk)
        .select_related("user")
        .annotate(done=_count(done, "user_id"))
        .order_by("-last_active_at", "-pk")
    )


def completions_in_course(user, course):
    """``user``'s completions of every lesson under ``course``, live or not: what a
    progress reset removes (``actions.reset_progress``)."""
    lessons = Page.objects.descendant_of(course).values("pk")
    return LessonCompletion.objects.filter(user=user, lesson_id__in=lessons)


# --- Dashboard panels -----------------------------------------------------------------


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
            _completed_certificates(ids)
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
